-- Between sessions: drug and alcohol screens entered by staff. A screen is never edited; a wrong entry
-- is marked entered in error with a reason, kept (shown struck through) and left out of trends and
-- alerts. The alert engine reads positive results from here.
CREATE TABLE drug_screens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  collected_on date NOT NULL,
  method text NOT NULL CHECK (method IN ('urine', 'breath', 'oral_fluid', 'blood', 'hair', 'sweat_patch')),
  -- [{ "substance": "...", "result": "negative" | "positive" | "inconclusive" }], each substance once.
  results jsonb NOT NULL CHECK (jsonb_typeof(results) = 'array' AND jsonb_array_length(results) > 0),
  observed boolean NOT NULL,
  lab_reference text,
  note text,
  recorded_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  entered_in_error_at timestamptz,
  entered_in_error_by uuid REFERENCES users (id),
  entered_in_error_reason text,
  CHECK ((entered_in_error_at IS NULL) = (entered_in_error_by IS NULL)
    AND (entered_in_error_at IS NULL) = (entered_in_error_reason IS NULL))
);
CREATE INDEX drug_screens_participant_idx ON drug_screens (org_id, participant_id, collected_on DESC);

ALTER TABLE drug_screens ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON drug_screens USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());

-- Only the entered-in-error marking may change a stored screen.
GRANT SELECT, INSERT ON drug_screens TO stepwise_app;
GRANT UPDATE (entered_in_error_at, entered_in_error_by, entered_in_error_reason) ON drug_screens TO stepwise_app;
