-- Screening instruments administered to participants, the risk alerts they raise, level-of-care
-- assessments with the clinician's decision, and each program's tuned level-of-care rules.

-- A response as recorded: the FHIR R4 QuestionnaireResponse and its score, never changed afterwards.
CREATE TABLE instrument_responses (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  instrument text NOT NULL,
  questionnaire_response jsonb NOT NULL,
  total integer,
  band text,
  flags text[] NOT NULL DEFAULT '{}',
  subscales jsonb,
  percent integer,
  interpretation text NOT NULL,
  administered_by uuid NOT NULL REFERENCES users (id),
  authored_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX instrument_responses_participant_idx
  ON instrument_responses (org_id, participant_id, authored_at DESC, id);

-- An alert for the care team. The evidence it was raised on (source_type, source_id) and the rule
-- identify it, so the same evidence never raises the same alert twice.
CREATE TABLE alerts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  severity text NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low')),
  rule text NOT NULL,
  source_type text NOT NULL,
  source_id uuid NOT NULL,
  evidence jsonb NOT NULL,
  suggested_action text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  created_at timestamptz NOT NULL DEFAULT now(),
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users (id),
  resolved_at timestamptz,
  resolved_by uuid REFERENCES users (id),
  resolution_note text,
  UNIQUE (org_id, rule, source_type, source_id)
);
CREATE INDEX alerts_inbox_idx ON alerts (org_id, status, created_at DESC);
CREATE INDEX alerts_participant_idx ON alerts (org_id, participant_id, created_at DESC);

-- A program's level-of-care rules, one row per version; a program without rows uses the defaults.
-- Versions are never updated, so every assessment can show the rules that decided it.
CREATE TABLE level_of_care_rule_sets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  program_id uuid NOT NULL REFERENCES programs (id),
  version integer NOT NULL CHECK (version > 0),
  rules jsonb NOT NULL,
  changed_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (program_id, version)
);

CREATE TABLE level_of_care_assessments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  program_id uuid REFERENCES programs (id),
  population text NOT NULL CHECK (population IN ('adult', 'adolescent')),
  dimensions jsonb NOT NULL,
  notes jsonb NOT NULL DEFAULT '{}',
  context jsonb NOT NULL DEFAULT '{}',
  recommendation jsonb NOT NULL,
  recommended_level text NOT NULL,
  -- 0: Stepwise's default rules; otherwise the program's rule-set version.
  rules_version integer NOT NULL DEFAULT 0,
  assessed_by uuid NOT NULL REFERENCES users (id),
  assessed_at timestamptz NOT NULL DEFAULT now(),
  decision text CHECK (decision IN ('confirmed', 'overridden')),
  decided_level text,
  override_reason text,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  CHECK ((decision IS NULL) = (decided_level IS NULL) AND (decision IS NULL) = (decided_at IS NULL)),
  CHECK (decision IS DISTINCT FROM 'overridden' OR override_reason IS NOT NULL)
);
CREATE INDEX level_of_care_assessments_participant_idx
  ON level_of_care_assessments (org_id, participant_id, assessed_at DESC, id);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['instrument_responses', 'alerts', 'level_of_care_rule_sets', 'level_of_care_assessments']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

-- Responses and rule versions are written once; alerts and assessments change only in their
-- acknowledgement and decision columns.
GRANT SELECT, INSERT ON instrument_responses, level_of_care_rule_sets TO stepwise_app;
GRANT SELECT, INSERT ON alerts, level_of_care_assessments TO stepwise_app;
GRANT UPDATE (status, acknowledged_at, acknowledged_by, resolved_at, resolved_by, resolution_note) ON alerts
  TO stepwise_app;
GRANT UPDATE (decision, decided_level, override_reason, decided_by, decided_at) ON level_of_care_assessments
  TO stepwise_app;
