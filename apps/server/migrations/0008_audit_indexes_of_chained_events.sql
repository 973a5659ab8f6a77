-- The sequence and participant indexes of the audit trail hold chained events only.
--
-- Each event used to enter both indexes twice: when recorded, with no sequence number yet, and again
-- when chained (an update that changes an indexed column writes new entries), the first entries lying
-- dead until vacuum. Nothing reads pending events through these indexes any more: the chainer uses its
-- own (migration 0006), and listing and verification show chained events only. Recording an event, on
-- every read of a record, now writes two index entries instead of four.
CREATE UNIQUE INDEX audit_events_org_seq_idx ON audit_events (org_id, seq) WHERE seq IS NOT NULL;
ALTER TABLE audit_events DROP CONSTRAINT audit_events_org_id_seq_key;

DROP INDEX audit_events_participant_idx;
CREATE INDEX audit_events_participant_idx ON audit_events (org_id, participant_id, seq) WHERE seq IS NOT NULL;
