import { type SQL, sql } from 'drizzle-orm';
import { scheduleInputsSql } from '../assessment-schedules/assessment-schedules.service.js';
import { sessionJsonSql } from '../scheduling/scheduling.service.js';

const attendedStatuses = sql`('present', 'late', 'left_early', 'telehealth')`;

/**
 * The clinician's day as one statement (shared with concurrent requests, db/shared-trips.ts), its audit
 * event written by the same statement. One row: `today` (at the organisation's first site), `sessions`
 * (JSON: each session today that `me` runs, with its group note and its attendees, each with their
 * attendance, open and critical alert counts, their last ten recorded statuses and whether their plan's
 * review is overdue), `owed` (JSON: notes owed for the last seven days' sessions) and the counts of
 * open tasks due today and overdue; and `caseload` (JSON: the open episodes where `me` is the primary
 * clinician, with what their program's assessment schedule needs, see `scheduleInputsSql`).
 *
 * Every part is bounded by an index on one clinician, one session or one participant (the clinician's
 * sessions of the last week and the next day and a half, the last ten attendance records, open alerts
 * and tasks, their open episodes as primary clinician and those participants' recent responses), never
 * by the size of the organisation or the length of its history.
 *
 * `audit(shown)` is the audit insert given the SQL of the participant ids shown.
 */
export function clinicianDaySql(orgId: string, me: string, audit: (shown: SQL) => SQL): SQL {
  return sql`
    with zone as (
      select coalesce((select time_zone from sites where org_id = ${orgId}::uuid order by created_at, id limit 1),
        'UTC') as name),
    today as materialized (select (now() at time zone (select name from zone))::date as d),
    -- The clinician's sessions from a week ago to a day and a half ahead: one range of the
    -- (org_id, facilitator_id, starts_at) index, whatever the size of the clinic or its history.
    week as materialized (
      select f.occurrence_id as id from session_facilitators f
      where f.org_id = ${orgId}::uuid and f.facilitator_id = ${me}::uuid
        and f.starts_at >= now() - interval '7 days' and f.starts_at < now() + interval '36 hours'),
    todays as materialized (
      select o.id, o.series_id, o.local_date, o.starts_at, ${sessionJsonSql} as session
      from week join session_occurrences o on o.id = week.id join session_series s on s.id = o.series_id
      where o.starts_at >= now() - interval '36 hours'
        and o.local_date = (now() at time zone s.time_zone)::date),
    roster as materialized (
      -- As attendance.repository's attendeesOf: the roster that day, less those making it up elsewhere,
      -- plus those making up another session in it, plus anyone already recorded.
      select x.occurrence_id, x.participant_id, bool_or(x.makeup) as makeup
      from (
        select t.id as occurrence_id, e.participant_id, false as makeup
        from todays t join series_enrolments e on e.series_id = t.series_id
        where e.org_id = ${orgId}::uuid and (e.status = 'enrolled' or e.ended_at is not null)
          and e.from_date <= t.local_date and (e.ended_at is null or t.starts_at < e.ended_at)
          and not exists (
            select 1 from makeup_bookings m where m.missed_occurrence_id = t.id
              and m.participant_id = e.participant_id and m.status = 'booked')
        union all
        select m.occurrence_id, m.participant_id, true from makeup_bookings m
        where m.org_id = ${orgId}::uuid and m.occurrence_id in (select id from todays) and m.status = 'booked'
        union all
        select a.occurrence_id, a.participant_id, false from attendance a
        where a.org_id = ${orgId}::uuid and a.occurrence_id in (select id from todays)
      ) x
      group by x.occurrence_id, x.participant_id),
    flags as materialized (
      select p.id, al.open_alerts, al.critical_alerts,
        (select coalesce(json_agg(x.status order by x.starts_at), '[]'::json) from (
           select status, starts_at from attendance r where r.org_id = ${orgId}::uuid and r.participant_id = p.id
           order by r.starts_at desc limit 10) x) as statuses,
        exists (select 1 from treatment_plans t where t.org_id = ${orgId}::uuid and t.participant_id = p.id
           and t.status = 'active' and t.next_review_date < (select d from today)) as review_overdue
      from (select distinct participant_id as id from roster) p
      cross join lateral (
        select count(*)::int as open_alerts, (count(*) filter (where a.severity = 'critical'))::int as critical_alerts
        from alerts a where a.org_id = ${orgId}::uuid and a.participant_id = p.id and a.status = 'open') al),
    attendees as materialized (
      select r.occurrence_id, json_agg(json_build_object(
          'participantId', r.participant_id,
          'participantName', coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name,
          'makeup', r.makeup, 'attendance', a.status, 'openAlerts', f.open_alerts,
          'criticalAlerts', f.critical_alerts, 'statuses', f.statuses, 'planReviewOverdue', f.review_overdue)
        order by p.family_name, p.given_name, r.participant_id) as items
      from roster r
      join participants p on p.id = r.participant_id
      join flags f on f.id = r.participant_id
      left join attendance a on a.occurrence_id = r.occurrence_id and a.participant_id = r.participant_id
      group by r.occurrence_id),
    mine as materialized (
      select o.id, o.local_date, o.starts_at, o.ends_at, s.kind, s.modality, s.time_zone
      from week join session_occurrences o on o.id = week.id join session_series s on s.id = o.series_id
      where o.status = 'scheduled' and o.ends_at <= now()),
    owed as materialized (
      select m.id as session_id, m.kind, m.modality, m.local_date, m.starts_at, m.ends_at, m.time_zone,
             null::uuid as participant_id, null::text as participant_name, n.id as note_id
      from mine m
      left join notes n on n.occurrence_id = m.id and n.kind = 'group'
      where m.kind in ('group', 'makeup')
        and exists (select 1 from attendance a where a.occurrence_id = m.id and a.status in ${attendedStatuses})
        and (n.id is null or n.status = 'draft')
      union all
      select m.id, m.kind, m.modality, m.local_date, m.starts_at, m.ends_at, m.time_zone, a.participant_id,
             coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name, n.id
      from mine m
      join attendance a on a.occurrence_id = m.id and a.status in ${attendedStatuses}
      join participants p on p.id = a.participant_id
      left join lateral (
        select id, status from notes n where n.occurrence_id = m.id and n.participant_id = a.participant_id
          and n.kind = m.kind and not n.private
        order by (n.status <> 'draft') desc limit 1) n on true
      where m.kind in ('individual', 'family') and (n.id is null or n.status = 'draft')),
    caseload as materialized (${scheduleInputsSql(orgId, sql`e.primary_clinician_id = ${me}::uuid`)}),
    audit as (${audit(sql`(
      select coalesce(jsonb_agg(distinct id), '[]'::jsonb) from (
        select id from flags
        union all
        select participant_id from owed where participant_id is not null
        union all
        select "participantId" from caseload) shown)`)})
    select (select d from today)::text as today,
      (select coalesce(json_agg(json_build_object(
          'session', t.session,
          'groupNote', (select json_build_object('id', n.id, 'status', n.status) from notes n
             where n.org_id = ${orgId}::uuid and n.occurrence_id = t.id and n.kind = 'group'),
          'attendees', coalesce(x.items, '[]'::json))
        order by t.starts_at, t.id), '[]'::json)
       from todays t left join attendees x on x.occurrence_id = t.id)::text as sessions,
      (select coalesce(json_agg(json_build_object(
          'sessionId', o.session_id, 'kind', o.kind, 'modality', o.modality, 'localDate', o.local_date,
          'startsAt', (extract(epoch from o.starts_at) * 1000)::float8,
          'endsAt', (extract(epoch from o.ends_at) * 1000)::float8, 'timeZone', o.time_zone,
          'participantId', o.participant_id, 'participantName', o.participant_name, 'noteId', o.note_id)
        order by o.ends_at, o.session_id), '[]'::json) from owed o)::text as owed,
      (select count(*) from tasks where org_id = ${orgId}::uuid and assignee_id = ${me}::uuid and status = 'open'
         and due_date = (select d from today))::int as due_today,
      (select count(*) from tasks where org_id = ${orgId}::uuid and assignee_id = ${me}::uuid and status = 'open'
         and due_date < (select d from today))::int as overdue,
      (select coalesce(json_agg(c), '[]'::json) from caseload c)::text as caseload`;
}
