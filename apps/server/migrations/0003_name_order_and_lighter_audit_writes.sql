-- Participant lists and searches stop early, and recording an audit event touches one index fewer.
--
-- Name order is now the byte order of the lower-cased sort name (`ORDER BY sort_name USING ~<~`), the
-- same on every server whatever its collation, and the order of the text_pattern_ops index below.
-- A search's family-name branch becomes a range of that index read in order (a family name is where
-- the sort name starts), so it stops after one page instead of collecting every match; only the
-- given-name and record-number branches are collected and sorted. Under row-level security only
-- leakproof operators become index conditions, and the pattern operators (~>=~, ~<~) are.
DROP INDEX participants_sort_idx;
DROP INDEX participants_sort_prefix_idx;
DROP INDEX participants_family_prefix_idx;
CREATE INDEX participants_name_order_idx ON participants (org_id, sort_name text_pattern_ops, id);

-- Pending audit events are found through the (org_id, seq) index (seq IS NULL) instead; they are few,
-- and a partial index of its own made every audited request maintain one more index.
DROP INDEX audit_events_pending_idx;
