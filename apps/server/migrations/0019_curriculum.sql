-- A program's curriculum for rolling admission: modules taught in rotation by the groups of their
-- modality; each occurrence carries the module it teaches, and attendance marks it covered.

CREATE TABLE curriculum_modules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  program_id uuid NOT NULL REFERENCES programs (id),
  name text NOT NULL,
  -- The groups that teach it, e.g. dbt_skills_group; they rotate through the modality's modules.
  modality text NOT NULL,
  -- Rotation order within the program (lowest first), kept distinct among current modules.
  position integer NOT NULL,
  -- Whether every participant should have it before discharge.
  required boolean NOT NULL DEFAULT true,
  description text,
  -- A retired module is no longer taught; past sessions and coverage keep naming it.
  retired_at timestamptz,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX curriculum_modules_name_idx ON curriculum_modules (program_id, lower(name))
  WHERE retired_at IS NULL;
CREATE INDEX curriculum_modules_program_idx ON curriculum_modules (org_id, program_id, position);

-- The module an occurrence teaches: assigned by the rotation, or set by staff (pinned, which the
-- rotation then leaves alone).
ALTER TABLE session_occurrences
  ADD COLUMN module_id uuid REFERENCES curriculum_modules (id),
  ADD COLUMN module_pinned boolean NOT NULL DEFAULT false;
CREATE INDEX session_occurrences_module_idx ON session_occurrences (module_id, starts_at)
  WHERE module_id IS NOT NULL;

ALTER TABLE curriculum_modules ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON curriculum_modules USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());

GRANT SELECT, INSERT, UPDATE ON curriculum_modules TO stepwise_app;
