-- Measurement-based care: each program's assessment schedule (which questionnaires are due when), one
-- row per version; a program without rows uses Stepwise's default schedule. Versions are never updated,
-- so what was due on a past day can always be explained by the schedule in force then.
CREATE TABLE assessment_schedules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  program_id uuid NOT NULL REFERENCES programs (id),
  version integer NOT NULL CHECK (version > 0),
  rules jsonb NOT NULL,
  changed_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, version)
);
CREATE INDEX assessment_schedules_program_idx ON assessment_schedules (org_id, program_id, version DESC);

ALTER TABLE assessment_schedules ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON assessment_schedules USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());

GRANT SELECT, INSERT ON assessment_schedules TO stepwise_app;

-- The clinician's day lists what their caseload owes: the open episodes where they are the primary
-- clinician, found by one range of this index whatever the size of the organisation.
CREATE INDEX episodes_open_primary_clinician_idx ON episodes (org_id, primary_clinician_id)
  WHERE status = 'open';
