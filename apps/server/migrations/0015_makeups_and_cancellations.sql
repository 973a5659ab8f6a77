-- Make-up sessions, sessions cancelled by staff, and enrolments that end without erasing the past.

-- When an enrolled participant leaves a series: occurrences starting before this instant stay theirs
-- (their history and past weekly hours), later ones are not. Null while enrolled or for a waitlist
-- place given up, which never held a seat.
ALTER TABLE series_enrolments ADD COLUMN ended_at timestamptz;
-- Reads now take ended enrolments too: index all of a series' and a participant's, not only the live.
CREATE INDEX series_enrolments_series_idx ON series_enrolments (series_id);
DROP INDEX series_enrolments_participant_idx;
CREATE INDEX series_enrolments_participant_idx ON series_enrolments (org_id, participant_id);

-- A program's week is read series by series: each series' occurrences by time.
CREATE INDEX session_occurrences_series_time_idx ON session_occurrences (series_id, starts_at);

-- Who cancelled an occurrence and when (null for occurrences cancelled by a clash or a closure).
ALTER TABLE session_occurrences ADD COLUMN cancelled_by uuid REFERENCES users (id);
ALTER TABLE session_occurrences ADD COLUMN cancelled_at timestamptz;

-- A make-up: a participant attends one occurrence of another session in place of one of theirs that
-- they miss (or that was cancelled). The missed occurrence no longer counts as theirs, the make-up does.
CREATE TABLE makeup_bookings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  episode_id uuid NOT NULL REFERENCES episodes (id),
  missed_occurrence_id uuid NOT NULL REFERENCES session_occurrences (id),
  occurrence_id uuid NOT NULL REFERENCES session_occurrences (id),
  status text NOT NULL DEFAULT 'booked' CHECK (status IN ('booked', 'cancelled')),
  availability_override text,
  note text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_by uuid REFERENCES users (id),
  cancelled_at timestamptz,
  CHECK (missed_occurrence_id <> occurrence_id)
);
CREATE UNIQUE INDEX makeup_bookings_missed_idx ON makeup_bookings (missed_occurrence_id, participant_id)
  WHERE status = 'booked';
CREATE UNIQUE INDEX makeup_bookings_seat_idx ON makeup_bookings (participant_id, occurrence_id)
  WHERE status = 'booked';
CREATE INDEX makeup_bookings_occurrence_idx ON makeup_bookings (occurrence_id) WHERE status = 'booked';
CREATE INDEX makeup_bookings_participant_idx ON makeup_bookings (participant_id, created_at);

ALTER TABLE makeup_bookings ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON makeup_bookings USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());
GRANT SELECT, INSERT ON makeup_bookings TO stepwise_app;
GRANT UPDATE (status, cancelled_by, cancelled_at) ON makeup_bookings TO stepwise_app;
