-- Optimizer proposals: computed by a job, read by staff, applied only when a director accepts.
CREATE TABLE schedule_proposals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  program_id uuid NOT NULL REFERENCES programs (id),
  week text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready', 'failed', 'applied', 'superseded')),
  time_limit_seconds integer NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 60),
  -- The enrolments the proposal started from; applying refuses if they changed since.
  basis text,
  result jsonb,
  error text,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  applied_by uuid REFERENCES users (id),
  applied_at timestamptz
);
CREATE INDEX schedule_proposals_program_idx ON schedule_proposals (org_id, program_id, created_at DESC);

ALTER TABLE schedule_proposals ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON schedule_proposals USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());
GRANT SELECT, INSERT ON schedule_proposals TO stepwise_app;
GRANT UPDATE (status, basis, result, error, finished_at, applied_by, applied_at) ON schedule_proposals TO stepwise_app;
