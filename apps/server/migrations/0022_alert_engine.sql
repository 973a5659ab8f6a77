-- Between sessions, second part: the alert engine's inbox actions and its notifications.

-- An alert can be handed to one member of the care team, and a critical alert nobody acknowledged in
-- time is escalated (once) to a supervisor.
ALTER TABLE alerts
  ADD COLUMN assigned_to uuid REFERENCES users (id),
  ADD COLUMN assigned_at timestamptz,
  ADD COLUMN assigned_by uuid REFERENCES users (id),
  ADD COLUMN escalated_at timestamptz,
  ADD COLUMN escalated_to uuid[] NOT NULL DEFAULT '{}';
CREATE INDEX alerts_assignee_idx ON alerts (org_id, assigned_to, status) WHERE assigned_to IS NOT NULL;
GRANT UPDATE (assigned_to, assigned_at, assigned_by, escalated_at, escalated_to) ON alerts TO stepwise_app;

-- A message to one staff member inside Stepwise. It names what happened ("a new urgent alert") and
-- links to it; it never carries clinical detail, because the same words go out by email.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_id uuid NOT NULL REFERENCES organisations (id),
  user_id uuid NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('alert.raised', 'alert.escalated', 'alert.assigned')),
  alert_id uuid REFERENCES alerts (id),
  title text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz,
  emailed_at timestamptz,
  -- One notification of a kind per alert and person, however often the fan-out runs.
  UNIQUE (user_id, kind, alert_id)
);
CREATE INDEX notifications_user_idx ON notifications (org_id, user_id, created_at DESC);

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON notifications USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());

GRANT SELECT, INSERT ON notifications TO stepwise_app;
GRANT UPDATE (read_at, emailed_at) ON notifications TO stepwise_app;
