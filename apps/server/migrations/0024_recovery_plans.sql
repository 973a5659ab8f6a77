-- Between sessions: the relapse-prevention plan and the Stanley-Brown safety plan, versioned per
-- participant. A version is a draft the care team writes with the participant; a clinician and the
-- participant (from their own account) each sign it, in either order; once both have, it is the
-- version in effect and the one before is superseded. What anyone signed never changes.

-- The program's own crisis line, offered beside 988 on every new safety plan.
ALTER TABLE programs ADD COLUMN IF NOT EXISTS crisis_phone text;

CREATE TABLE recovery_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  kind text NOT NULL CHECK (kind IN ('safety', 'relapse_prevention')),
  version integer NOT NULL CHECK (version > 0),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'superseded', 'discarded')),
  content jsonb NOT NULL,
  -- Bumped by every change to a draft; a signature names the revision its signer read.
  revision integer NOT NULL DEFAULT 1 CHECK (revision > 0),
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  clinician_signed_by uuid REFERENCES users (id),
  clinician_signed_at timestamptz,
  -- The participant's typed name, signed from their own account.
  participant_signed_by uuid REFERENCES users (id),
  participant_signed_name text,
  participant_signed_at timestamptz,
  activated_at timestamptz,
  superseded_at timestamptz,
  discarded_by uuid REFERENCES users (id),
  discarded_at timestamptz,
  UNIQUE (participant_id, kind, version),
  CHECK ((clinician_signed_by IS NULL) = (clinician_signed_at IS NULL)),
  CHECK ((participant_signed_by IS NULL) = (participant_signed_at IS NULL)
    AND (participant_signed_name IS NULL) = (participant_signed_at IS NULL)),
  -- In effect (or once in effect) only with both signatures.
  CHECK (status IN ('draft', 'discarded')
    OR (clinician_signed_at IS NOT NULL AND participant_signed_at IS NOT NULL AND activated_at IS NOT NULL))
);
CREATE UNIQUE INDEX recovery_plans_one_draft_idx ON recovery_plans (participant_id, kind) WHERE status = 'draft';
CREATE UNIQUE INDEX recovery_plans_one_active_idx ON recovery_plans (participant_id, kind) WHERE status = 'active';
CREATE INDEX recovery_plans_participant_idx ON recovery_plans (org_id, participant_id, kind, version DESC);

-- Signed is final: once anyone has signed a version its words stay as signed, a signature is never
-- taken back or replaced, and a version never returns to draft, by the application or anyone else.
CREATE FUNCTION stepwise_signed_recovery_plan_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.org_id <> OLD.org_id OR NEW.participant_id <> OLD.participant_id OR NEW.kind <> OLD.kind
      OR NEW.version <> OLD.version OR NEW.created_by <> OLD.created_by THEN
    RAISE EXCEPTION 'a plan version keeps its participant, kind and number';
  END IF;
  IF (OLD.status <> 'draft' OR OLD.clinician_signed_at IS NOT NULL OR OLD.participant_signed_at IS NOT NULL)
      AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.revision <> OLD.revision) THEN
    RAISE EXCEPTION 'a signed plan never changes; start a new draft';
  END IF;
  IF (OLD.clinician_signed_at IS NOT NULL AND (NEW.clinician_signed_at IS DISTINCT FROM OLD.clinician_signed_at
        OR NEW.clinician_signed_by IS DISTINCT FROM OLD.clinician_signed_by))
      OR (OLD.participant_signed_at IS NOT NULL AND (NEW.participant_signed_at IS DISTINCT FROM OLD.participant_signed_at
        OR NEW.participant_signed_by IS DISTINCT FROM OLD.participant_signed_by
        OR NEW.participant_signed_name IS DISTINCT FROM OLD.participant_signed_name)) THEN
    RAISE EXCEPTION 'a signature on a plan is never changed or taken back';
  END IF;
  IF OLD.status <> 'draft' AND NEW.status <> OLD.status
      AND NOT (OLD.status = 'active' AND NEW.status = 'superseded') THEN
    RAISE EXCEPTION 'a plan version that left draft only moves from in effect to superseded';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER recovery_plans_signed_fixed BEFORE UPDATE ON recovery_plans
  FOR EACH ROW EXECUTE FUNCTION stepwise_signed_recovery_plan_fixed();

ALTER TABLE recovery_plans ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON recovery_plans USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());

-- No DELETE: a discarded draft is kept (it may carry a signature), marked discarded.
GRANT SELECT, INSERT ON recovery_plans TO stepwise_app;
GRANT UPDATE (status, content, revision, updated_by, updated_at, clinician_signed_by, clinician_signed_at,
  participant_signed_by, participant_signed_name, participant_signed_at, activated_at, superseded_at,
  discarded_by, discarded_at) ON recovery_plans TO stepwise_app;
