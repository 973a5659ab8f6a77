-- Scheduling: rooms, closures (holidays), session series with their occurrences, and rosters.

CREATE TABLE rooms (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  site_id uuid NOT NULL REFERENCES sites (id),
  name text NOT NULL,
  capacity integer CHECK (capacity > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (site_id, name)
);

-- Days a site (or, without a site, the whole organisation) is closed: no session occurs on them.
CREATE TABLE closures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  site_id uuid REFERENCES sites (id),
  date date NOT NULL,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX closures_org_date_idx ON closures (org_id, date);

-- A session or a recurring series: local start date and time in the site's zone (copied at creation,
-- so a series keeps the zone it was planned in), an RFC 5545 rule read in local time, exceptions.
CREATE TABLE session_series (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  program_id uuid NOT NULL REFERENCES programs (id),
  track_id uuid REFERENCES tracks (id),
  kind text NOT NULL CHECK (kind IN ('group', 'individual', 'family', 'makeup')),
  modality text NOT NULL,
  topic text,
  room_id uuid REFERENCES rooms (id),
  telehealth_url text,
  facilitator_ids uuid[] NOT NULL,
  capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 30),
  start_date date NOT NULL,
  start_time time NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 15 AND 480),
  rrule text,
  exceptions date[] NOT NULL DEFAULT '{}',
  time_zone text NOT NULL,
  -- Occurrences exist up to this date; a job extends the horizon as time passes.
  materialised_until date NOT NULL,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (room_id IS NOT NULL OR telehealth_url IS NOT NULL)
);
CREATE INDEX session_series_program_idx ON session_series (org_id, program_id);

-- Each occurrence of a series as instants, so conflicts, calendars and weekly hours are range queries.
CREATE TABLE session_occurrences (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  series_id uuid NOT NULL REFERENCES session_series (id),
  local_date date NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'cancelled')),
  room_id uuid REFERENCES rooms (id),
  facilitator_ids uuid[] NOT NULL,
  cancel_reason text,
  UNIQUE (series_id, local_date),
  CHECK (ends_at > starts_at)
);
CREATE INDEX session_occurrences_time_idx ON session_occurrences (org_id, starts_at);
CREATE INDEX session_occurrences_room_idx ON session_occurrences (room_id, starts_at) WHERE status = 'scheduled';
CREATE INDEX session_occurrences_facilitators_idx ON session_occurrences USING gin (facilitator_ids);

-- A participant's place in a series (through their episode): enrolled, waitlisted in order, or withdrawn.
CREATE TABLE series_enrolments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  series_id uuid NOT NULL REFERENCES session_series (id),
  episode_id uuid NOT NULL REFERENCES episodes (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  status text NOT NULL CHECK (status IN ('enrolled', 'waitlisted', 'withdrawn')),
  from_date date NOT NULL,
  waitlisted_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX series_enrolments_active_idx ON series_enrolments (series_id, episode_id)
  WHERE status <> 'withdrawn';
CREATE INDEX series_enrolments_participant_idx ON series_enrolments (org_id, participant_id) WHERE status = 'enrolled';

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['rooms', 'closures', 'session_series', 'session_occurrences', 'series_enrolments']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT, UPDATE, DELETE ON rooms, closures TO stepwise_app;
GRANT SELECT, INSERT, UPDATE ON session_series, session_occurrences, series_enrolments TO stepwise_app;
