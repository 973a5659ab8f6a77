-- Audit events are chained shortly after their transaction commits instead of at its commit.
--
-- Chaining at commit (migration 0001) took the organisation's head row lock and held it through the
-- commit's write-ahead-log flush, so every transaction that recorded an event (every read of a record)
-- queued behind the previous one's disk flush: one organisation could never serve more reads per second
-- than its disk could flush. Now an event is still inserted in the same transaction as the change or
-- read it describes, pending (seq NULL), and `stepwise_audit_chain_pending` links pending events in the
-- order they were recorded. The `audit.chain` job runs it every few seconds; reading or verifying the
-- trail runs it first, so what they show is always chained.

DROP TRIGGER audit_events_chain ON audit_events;
DROP FUNCTION stepwise_audit_chain();

CREATE INDEX audit_events_pending_idx ON audit_events (org_id, occurred_at, id) WHERE seq IS NULL;

-- A restore may carry events a backup taken mid-way caught before they were chained: they stay
-- pending and are chained after the restored ones.
CREATE OR REPLACE FUNCTION stepwise_audit_pending() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
  BEGIN
    IF current_setting('stepwise.restoring', true) = 'on' THEN
      IF NEW.seq IS NOT NULL THEN
        INSERT INTO audit_heads (org_id, seq, hash) VALUES (NEW.org_id, NEW.seq, NEW.hash)
          ON CONFLICT (org_id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash
          WHERE audit_heads.seq < EXCLUDED.seq;
      END IF;
      RETURN NEW;
    END IF;
    NEW.seq := NULL;
    NEW.prev_hash := '';
    NEW.hash := '';
    NEW.occurred_at := clock_timestamp();
    RETURN NEW;
  END
  $$;

-- Links up to max_events of an organisation's pending events, oldest first, to its chain and advances
-- the head. The head row's lock serialises chainers of one organisation; each event's hash covers its
-- content and the previous event's hash (stepwise_audit_hash). Under the application role it may only
-- chain the organisation the transaction is scoped to. Returns how many events it chained.
CREATE FUNCTION stepwise_audit_chain_pending(target_org uuid, max_events integer DEFAULT 50000) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
  DECLARE
    head audit_heads%ROWTYPE;
    event audit_events%ROWTYPE;
    chained integer := 0;
  BEGIN
    IF current_setting('role', true) = 'stepwise_app' AND target_org IS DISTINCT FROM stepwise_current_org() THEN
      RAISE EXCEPTION 'audit chaining is limited to the current organisation' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO audit_heads (org_id, seq, hash) VALUES (target_org, 0, repeat('0', 64))
      ON CONFLICT (org_id) DO NOTHING;
    SELECT * INTO head FROM audit_heads WHERE org_id = target_org FOR UPDATE;
    PERFORM set_config('stepwise.chaining', 'on', true);
    FOR event IN
      SELECT * FROM audit_events WHERE org_id = target_org AND seq IS NULL
      ORDER BY occurred_at, id LIMIT max_events
    LOOP
      event.seq := head.seq + 1;
      event.prev_hash := head.hash;
      event.hash := stepwise_audit_hash(event);
      UPDATE audit_events SET seq = event.seq, prev_hash = event.prev_hash, hash = event.hash WHERE id = event.id;
      head.seq := event.seq;
      head.hash := event.hash;
      chained := chained + 1;
    END LOOP;
    PERFORM set_config('stepwise.chaining', 'off', true);
    IF chained > 0 THEN
      UPDATE audit_heads SET seq = head.seq, hash = head.hash WHERE org_id = target_org;
    END IF;
    RETURN chained;
  END
  $$;

REVOKE ALL ON FUNCTION stepwise_audit_chain_pending(uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION stepwise_audit_chain_pending(uuid, integer) TO stepwise_app;
