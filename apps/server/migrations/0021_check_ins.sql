-- Between sessions, first part: the participant's daily check-in, one per local day (a second the same
-- day replaces the first).
CREATE TABLE check_ins (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  local_date date NOT NULL,
  mood integer NOT NULL CHECK (mood BETWEEN 0 AND 10),
  craving integer NOT NULL CHECK (craving BETWEEN 0 AND 10),
  sleep_hours numeric(3, 1) CHECK (sleep_hours BETWEEN 0 AND 24),
  used boolean NOT NULL,
  use jsonb NOT NULL DEFAULT '[]',
  skills_used uuid[] NOT NULL DEFAULT '{}',
  suicidal_thoughts boolean NOT NULL DEFAULT false,
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (participant_id, local_date)
);
CREATE INDEX check_ins_participant_idx ON check_ins (org_id, participant_id, local_date DESC);

ALTER TABLE check_ins ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON check_ins USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());

GRANT SELECT, INSERT ON check_ins TO stepwise_app;
GRANT UPDATE (mood, craving, sleep_hours, used, use, skills_used, suicidal_thoughts, note, updated_at) ON check_ins
  TO stepwise_app;
