-- Notes: individual (DAP, BIRP), group (a shared part and one part per attendee), family and contact
-- notes; every saved version; addenda once signed. A signed note never changes.

CREATE TABLE notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  kind text NOT NULL CHECK (kind IN ('individual', 'group', 'family', 'contact')),
  -- The participant the note is about; null for a group note (its attendees have parts).
  participant_id uuid REFERENCES participants (id),
  occurrence_id uuid REFERENCES session_occurrences (id),
  author_id uuid NOT NULL REFERENCES users (id),
  status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed', 'cosigned')),
  -- A 42 CFR Part 2 SUD counseling note: seen by its author only, never in the chart or an export.
  private boolean NOT NULL DEFAULT false,
  content jsonb NOT NULL,
  minutes integer CHECK (minutes BETWEEN 1 AND 480),
  service_code text,
  requires_cosign boolean NOT NULL,
  version integer NOT NULL DEFAULT 1,
  signed_at timestamptz,
  cosigned_by uuid REFERENCES users (id),
  cosigned_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'group') = (participant_id IS NULL)),
  CHECK (kind = 'contact' OR occurrence_id IS NOT NULL),
  CHECK (NOT private OR kind = 'individual')
);
CREATE INDEX notes_participant_idx ON notes (org_id, participant_id, created_at DESC);
CREATE INDEX notes_author_idx ON notes (org_id, author_id, status, created_at DESC);
-- One group note per session.
CREATE UNIQUE INDEX notes_group_session_idx ON notes (occurrence_id) WHERE kind = 'group';

CREATE TABLE note_parts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  note_id uuid NOT NULL REFERENCES notes (id),
  participant_id uuid NOT NULL REFERENCES participants (id),
  episode_id uuid NOT NULL REFERENCES episodes (id),
  content jsonb NOT NULL,
  signed boolean NOT NULL DEFAULT false,
  UNIQUE (note_id, participant_id)
);
CREATE INDEX note_parts_participant_idx ON note_parts (org_id, participant_id);

-- Every saved version of a note's content or of one attendee's part.
CREATE TABLE note_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  note_id uuid NOT NULL REFERENCES notes (id),
  participant_id uuid REFERENCES participants (id),
  content jsonb NOT NULL,
  saved_by uuid NOT NULL REFERENCES users (id),
  saved_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX note_versions_note_idx ON note_versions (note_id, saved_at);

CREATE TABLE note_addenda (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  note_id uuid NOT NULL REFERENCES notes (id),
  author_id uuid NOT NULL REFERENCES users (id),
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX note_addenda_note_idx ON note_addenda (note_id, created_at);

-- Signed is final: what was signed cannot be changed, by the application or anyone else.
CREATE FUNCTION stepwise_signed_note_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status <> 'draft' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.minutes IS DISTINCT FROM OLD.minutes
      OR NEW.service_code IS DISTINCT FROM OLD.service_code OR NEW.participant_id IS DISTINCT FROM OLD.participant_id
      OR NEW.author_id <> OLD.author_id OR NEW.private <> OLD.private OR NEW.status = 'draft') THEN
    RAISE EXCEPTION 'a signed note never changes; add an addendum';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER notes_signed_fixed BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION stepwise_signed_note_fixed();

CREATE FUNCTION stepwise_signed_part_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.signed AND (NEW.content IS DISTINCT FROM OLD.content OR NOT NEW.signed) THEN
    RAISE EXCEPTION 'a signed note never changes; add an addendum';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER note_parts_signed_fixed BEFORE UPDATE ON note_parts FOR EACH ROW
  EXECUTE FUNCTION stepwise_signed_part_fixed();

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['notes', 'note_parts', 'note_versions', 'note_addenda']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY org_isolation ON %I USING (org_id = stepwise_current_org())'
                   ' WITH CHECK (org_id = stepwise_current_org())', t);
  END LOOP;
END
$$;

GRANT SELECT, INSERT ON notes, note_parts, note_versions, note_addenda TO stepwise_app;
GRANT UPDATE (status, content, minutes, service_code, version, signed_at, cosigned_by, cosigned_at, updated_at)
  ON notes TO stepwise_app;
GRANT UPDATE (content, signed) ON note_parts TO stepwise_app;
