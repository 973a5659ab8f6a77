-- Pending audit events are found through an index of their own again, in the order they are chained.
--
-- Migration 0003 dropped this index on the belief that pending events are few. Under load they are
-- not: a clinic recording a few thousand audited reads a second has some ten thousand pending between
-- two chaining runs. Through the (org_id, seq) index every chaining batch then visited all of them, and
-- the entries chained events leave behind until vacuum, and sorted them in full to take the oldest: a
-- batch of 50 took tens of milliseconds on the embedded database (where every request waits for it) and
-- a backlog cost time quadratic in its size. Read in this index's order a batch touches only its own
-- events, so batches can stay small.
CREATE INDEX audit_events_pending_idx ON audit_events (org_id, occurred_at, id) WHERE seq IS NULL;
