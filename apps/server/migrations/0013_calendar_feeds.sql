-- Private iCalendar subscription links: a participant's sessions, or the sessions a staff member runs.
-- The link carries a random token stored only as its SHA-256; creating a new link revokes the old one.
CREATE TABLE calendar_feeds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  participant_id uuid REFERENCES participants (id),
  user_id uuid REFERENCES users (id),
  token_hash text NOT NULL UNIQUE,
  created_by uuid NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  CHECK ((participant_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX calendar_feeds_owner_idx ON calendar_feeds (org_id, participant_id, user_id) WHERE revoked_at IS NULL;

ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON calendar_feeds USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());
GRANT SELECT, INSERT ON calendar_feeds TO stepwise_app;
GRANT UPDATE (revoked_at) ON calendar_feeds TO stepwise_app;
