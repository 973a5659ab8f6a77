-- The clinical day, first part: attendance at sessions, and the task inbox it feeds.

-- One record per session and attendee, corrected in place (each recording and correction is audited).
-- The session's start is copied so a participant's history and weekly minutes read by time alone.
CREATE TABLE attendance (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  occurrence_id uuid NOT NULL REFERENCES session_occurrences (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  episode_id uuid NOT NULL REFERENCES episodes (id),
  starts_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('present', 'late', 'left_early', 'telehealth', 'absent_excused',
    'absent_unexcused')),
  minutes integer NOT NULL CHECK (minutes BETWEEN 0 AND 480),
  note text,
  recorded_by uuid NOT NULL REFERENCES users (id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (occurrence_id, participant_id)
);
CREATE INDEX attendance_participant_idx ON attendance (org_id, participant_id, starts_at);

-- Work for one staff member about one record: created by the system (a follow-up after an unexcused
-- absence), done or cancelled by people. The same evidence never creates the same task twice.
CREATE TABLE tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  assignee_id uuid NOT NULL REFERENCES users (id),
  participant_id uuid REFERENCES participants (id),
  kind text NOT NULL,
  title text NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  source_type text NOT NULL,
  source_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  completed_by uuid REFERENCES users (id),
  completion_note text,
  UNIQUE (org_id, kind, source_type, source_id, assignee_id)
);
CREATE INDEX tasks_inbox_idx ON tasks (org_id, assignee_id, status, due_date);
CREATE INDEX tasks_source_idx ON tasks (org_id, source_type, source_id);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['attendance', 'tasks']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT ON attendance, tasks TO stepwise_app;
GRANT UPDATE (status, minutes, note, recorded_by, recorded_at) ON attendance TO stepwise_app;
GRANT UPDATE (status, completed_at, completed_by, completion_note) ON tasks TO stepwise_app;
