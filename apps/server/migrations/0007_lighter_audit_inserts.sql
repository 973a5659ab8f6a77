-- Recording an audit event no longer runs a trigger function or a foreign-key check per event.
--
-- Every read of a record inserts an event, so per-event work is paid on every read: the foreign key to
-- organisations ran a lookup that locked the organisation's row (FOR KEY SHARE) for each event, and
-- the pending trigger ran a PL/pgSQL function to blank the chain columns. Together they were a quarter
-- of the time of a transaction recording a few reads' events.
--
-- What they guarded still holds:
-- * The application role may now insert only the descriptive columns. It cannot supply an id, a time,
--   a sequence number or hashes, so its events always start pending, stamped by the database clock
--   (the column defaults), exactly as the trigger made them.
-- * The trigger still runs, as before, whenever chain columns are supplied (the database owner
--   restoring a backup, which keeps them and advances the head, or anyone else, who gets them blanked).
-- * An event's organisation is the organisation its transaction is scoped to (row-level security
--   checks every insert), which exists; organisations are never deleted.
ALTER TABLE audit_events DROP CONSTRAINT audit_events_org_id_fkey;

REVOKE INSERT ON audit_events FROM stepwise_app;
GRANT INSERT (org_id, actor_user_id, actor_kind, action, subject_type, subject_id, participant_id, ip,
  user_agent, details) ON audit_events TO stepwise_app;

DROP TRIGGER audit_events_pending ON audit_events;
CREATE TRIGGER audit_events_pending BEFORE INSERT ON audit_events
  FOR EACH ROW WHEN (NEW.seq IS NOT NULL OR NEW.prev_hash <> '' OR NEW.hash <> '')
  EXECUTE FUNCTION stepwise_audit_pending();
