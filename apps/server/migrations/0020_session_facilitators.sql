-- Who runs which session, one row per facilitator, kept from session_occurrences.facilitator_ids by
-- triggers. A clinician's sessions in a window are then one range of a btree. The array's GIN index
-- cannot serve the application role: under row-level security only leakproof operators become index
-- conditions, and array containment is not one, so every such read went through the time index and
-- filtered every session of the organisation in the window (a cost that grew with the clinic).
CREATE TABLE session_facilitators (
  occurrence_id uuid NOT NULL REFERENCES session_occurrences (id) ON DELETE CASCADE,
  facilitator_id uuid NOT NULL,
  org_id uuid NOT NULL REFERENCES organisations (id),
  starts_at timestamptz NOT NULL,
  PRIMARY KEY (occurrence_id, facilitator_id)
);
CREATE INDEX session_facilitators_time_idx ON session_facilitators (org_id, facilitator_id, starts_at);

INSERT INTO session_facilitators (occurrence_id, facilitator_id, org_id, starts_at)
  SELECT DISTINCT o.id, f.id, o.org_id, o.starts_at FROM session_occurrences o, unnest(o.facilitator_ids) AS f(id);

-- Statement-level, so a bulk insert or a series' rescheduling syncs its rows in one statement. Runs as
-- its owner: the application role only reads the table.
CREATE FUNCTION stepwise_sync_session_facilitators() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public AS $$
BEGIN
  INSERT INTO session_facilitators (occurrence_id, facilitator_id, org_id, starts_at)
    SELECT DISTINCT c.id, f.id, c.org_id, c.starts_at FROM changed c, unnest(c.facilitator_ids) AS f(id);
  RETURN NULL;
END
$$;
-- An update re-syncs only the occurrences whose facilitators or start changed: cancelling a session or
-- assigning its curriculum module leaves its rows alone.
CREATE FUNCTION stepwise_resync_session_facilitators() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = public AS $$
BEGIN
  DELETE FROM session_facilitators f USING changed c JOIN previous p ON p.id = c.id
    WHERE f.occurrence_id = c.id
      AND (c.facilitator_ids IS DISTINCT FROM p.facilitator_ids OR c.starts_at IS DISTINCT FROM p.starts_at);
  INSERT INTO session_facilitators (occurrence_id, facilitator_id, org_id, starts_at)
    SELECT DISTINCT c.id, f.id, c.org_id, c.starts_at
    FROM changed c JOIN previous p ON p.id = c.id, unnest(c.facilitator_ids) AS f(id)
    WHERE c.facilitator_ids IS DISTINCT FROM p.facilitator_ids OR c.starts_at IS DISTINCT FROM p.starts_at;
  RETURN NULL;
END
$$;
CREATE TRIGGER session_facilitators_inserted AFTER INSERT ON session_occurrences
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stepwise_sync_session_facilitators();
CREATE TRIGGER session_facilitators_updated AFTER UPDATE ON session_occurrences
  REFERENCING OLD TABLE AS previous NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION stepwise_resync_session_facilitators();

ALTER TABLE session_facilitators ENABLE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON session_facilitators USING (org_id = stepwise_current_org())
  WITH CHECK (org_id = stepwise_current_org());
GRANT SELECT ON session_facilitators TO stepwise_app;
