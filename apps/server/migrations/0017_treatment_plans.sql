-- Treatment plans, their versions and their reviews.

-- How often a program reviews its plans: 30 days by default, at most every other month (Medicare).
ALTER TABLE programs ADD COLUMN plan_review_days integer NOT NULL DEFAULT 30
  CHECK (plan_review_days BETWEEN 7 AND 60);

-- One row per version of an episode's plan: at most one draft and one in effect. A version that took
-- effect keeps its content for good (only its review date and acknowledgement move).
CREATE TABLE treatment_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  episode_id uuid NOT NULL REFERENCES episodes (id),
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'superseded')),
  problems jsonb NOT NULL,
  review_every_days integer NOT NULL CHECK (review_every_days BETWEEN 7 AND 60),
  next_review_date date,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  activated_by uuid REFERENCES users (id),
  activated_at timestamptz,
  acknowledged_name text,
  acknowledged_by uuid REFERENCES users (id),
  acknowledged_at timestamptz,
  UNIQUE (episode_id, version)
);
CREATE UNIQUE INDEX treatment_plans_one_draft_idx ON treatment_plans (episode_id) WHERE status = 'draft';
CREATE UNIQUE INDEX treatment_plans_one_active_idx ON treatment_plans (episode_id) WHERE status = 'active';
CREATE INDEX treatment_plans_participant_idx ON treatment_plans (org_id, participant_id, version DESC);
CREATE INDEX treatment_plans_review_idx ON treatment_plans (org_id, next_review_date) WHERE status = 'active';

CREATE FUNCTION stepwise_plan_content_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (NEW.problems IS DISTINCT FROM OLD.problems
      OR NEW.version <> OLD.version OR NEW.episode_id <> OLD.episode_id) THEN
    RAISE EXCEPTION 'a treatment plan that took effect never changes; revise it as a new version';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER treatment_plans_content_fixed BEFORE UPDATE ON treatment_plans
  FOR EACH ROW EXECUTE FUNCTION stepwise_plan_content_fixed();

-- A review of the plan in effect: progress per goal. Never changed.
CREATE TABLE plan_reviews (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  plan_id uuid NOT NULL REFERENCES treatment_plans (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  reviewed_by uuid NOT NULL REFERENCES users (id),
  reviewed_on date NOT NULL,
  progress jsonb NOT NULL,
  summary text,
  next_review_date date NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX plan_reviews_plan_idx ON plan_reviews (plan_id, created_at DESC);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['treatment_plans', 'plan_reviews']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT ON treatment_plans, plan_reviews TO stepwise_app;
-- Only a draft is ever deleted (the service checks); a plan that took effect stays.
GRANT DELETE ON treatment_plans TO stepwise_app;
GRANT UPDATE (status, problems, next_review_date, activated_by, activated_at, acknowledged_name, acknowledged_by,
  acknowledged_at) ON treatment_plans TO stepwise_app;
