-- Chaining updates each pending event by its row address instead of looking it up by id.
--
-- The per-event `UPDATE … WHERE id = …` ran with a plan made for whatever the planner believed about
-- audit_events; on the embedded database, analysed while the trail was still small, that was a
-- sequential scan per event, and chaining a few thousand events took seconds during which nothing
-- else could run. The pending events are now locked as they are read (FOR UPDATE) and updated at
-- their row address (a TID scan), which costs the same whatever the statistics say. Locked rows
-- cannot move, and nothing else updates audit events.
CREATE OR REPLACE FUNCTION stepwise_audit_chain_pending(target_org uuid, max_events integer DEFAULT 50000) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
  AS $$
  DECLARE
    head audit_heads%ROWTYPE;
    pending record;
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
    FOR pending IN
      SELECT e.ctid AS address, e AS event FROM audit_events e
      WHERE e.org_id = target_org AND e.seq IS NULL
      ORDER BY e.occurred_at, e.id LIMIT max_events
      FOR UPDATE
    LOOP
      event := pending.event;
      event.seq := head.seq + 1;
      event.prev_hash := head.hash;
      event.hash := stepwise_audit_hash(event);
      UPDATE audit_events SET seq = event.seq, prev_hash = event.prev_hash, hash = event.hash
        WHERE ctid = pending.address;
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
