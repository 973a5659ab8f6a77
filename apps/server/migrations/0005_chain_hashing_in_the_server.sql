-- The chainer (apps/server/src/modules/audit/audit.repository.ts) now computes the links itself and
-- writes each batch with one statement; hashing event by event in PL/pgSQL cost the embedded database
-- most of a millisecond per event. The hash stays defined here, once: an event's hash is the SHA-256 of
-- `prev_hash|org_id|seq|content`, where content is `stepwise_audit_content` below (every part of it is
-- non-null, so this is the same text stepwise_audit_hash has always hashed). Verification keeps using
-- stepwise_audit_hash.
CREATE FUNCTION stepwise_audit_content(e audit_events) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT concat_ws('|',
      e.id::text,
      to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      coalesce(e.actor_user_id::text, ''), e.actor_kind, e.action, e.subject_type,
      coalesce(e.subject_id, ''), coalesce(e.participant_id::text, ''),
      coalesce(e.ip, ''), coalesce(e.user_agent, ''), coalesce(e.details::text, ''))
  $$;

CREATE OR REPLACE FUNCTION stepwise_audit_hash(e audit_events) RETURNS text
  LANGUAGE sql IMMUTABLE
  AS $$
    SELECT encode(sha256(convert_to(
      concat_ws('|', e.prev_hash, e.org_id::text, e.seq::text, stepwise_audit_content(e)), 'UTF8')), 'hex')
  $$;

DROP FUNCTION stepwise_audit_chain_pending(uuid, integer);
