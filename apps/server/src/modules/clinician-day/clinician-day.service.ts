import {
  type AttendanceStatus,
  attendanceSummary,
  type ClinicianDay,
  instantToZoned,
  type SessionKind,
  type SessionModality,
} from '@stepwise/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { resultRows } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import type { ServiceContext } from '../../http/context.js';
import { presentAttendance } from '../attendance/attendance.service.js';
import { recordAudit } from '../audit/audit-log.js';

/*
 * The clinician's day in one request (issue "The clinical day"): the sessions they run today with each
 * attendee, what is known about them that matters in the room (open and critical alerts, unexcused
 * absences in a row, an overdue plan review) and their attendance; the notes they still owe with the
 * time each is due; and how many of their tasks are due or overdue. Every query is bounded by today,
 * the last week or the last ten sessions, never by the length of anyone's history.
 */

const attendedStatuses = sql`('present', 'late', 'left_early', 'telehealth')`;

/** Hours after a session's end by which its note is due. */
export const noteDueHours = 24;

export function clinicianDay(ctx: ServiceContext): Promise<ClinicianDay> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const me = ctx.actor.userId;
    const today = await orgToday(tx, orgId);
    const todays = resultRows<{ id: string }>(
      await tx.execute(sql`
        select o.id from session_occurrences o join session_series s on s.id = o.series_id
        where o.org_id = ${orgId}::uuid and o.facilitator_ids @> array[${me}::uuid]
          and o.starts_at >= now() - interval '36 hours' and o.starts_at < now() + interval '36 hours'
          and o.local_date = (now() at time zone s.time_zone)::date
        order by o.starts_at, o.id`),
    );
    const sessions = [];
    const everyone = new Set<string>();
    for (const { id } of todays) {
      const roster = await sessionAttendanceIn(tx, orgId, id);
      for (const attendee of roster.attendees) everyone.add(attendee.participantId);
      sessions.push(roster);
    }
    const flags = await flagsOf(tx, orgId, [...everyone], today);
    const notesOwed = await owed(tx, orgId, me);
    const [tasks] = resultRows<{ due_today: number | string; overdue: number | string }>(
      await tx.execute(sql`
        select count(*) filter (where due_date = ${today}::date) as due_today,
               count(*) filter (where due_date < ${today}::date) as overdue
        from tasks where org_id = ${orgId}::uuid and assignee_id = ${me}::uuid and status = 'open'`),
    );
    const result: ClinicianDay = {
      today,
      sessions: sessions.map(({ session, attendees, groupNote }) => ({
        session,
        groupNote,
        attendees: attendees.map((attendee) => ({
          participantId: attendee.participantId,
          participantName: attendee.participantName,
          makeup: attendee.makeup,
          attendance: attendee.record?.status ?? null,
          ...(flags.get(attendee.participantId) ?? {
            openAlerts: 0,
            criticalAlerts: 0,
            unexcusedInARow: 0,
            planReviewOverdue: false,
          }),
        })),
      })),
      notesOwed,
      tasks: { dueToday: Number(tasks?.due_today ?? 0), overdue: Number(tasks?.overdue ?? 0) },
    };
    await recordAudit(tx, ctx, {
      action: 'clinician_day.read',
      subjectType: 'user',
      subjectId: me,
      details: { shown: [...everyone, ...notesOwed.flatMap((note) => note.participantId ?? [])] },
    });
    return result;
  });
}

/** A session's roster and attendance, with its group note if one is written. */
async function sessionAttendanceIn(tx: Db, orgId: string, occurrenceId: string) {
  const { session, attendees } = await presentAttendance(tx, orgId, occurrenceId);
  const [note] = resultRows<{ id: string; status: 'draft' | 'signed' | 'cosigned' }>(
    await tx.execute(sql`select id, status from notes
      where org_id = ${orgId}::uuid and occurrence_id = ${occurrenceId}::uuid and kind = 'group'`),
  );
  return { session, attendees, groupNote: note ?? null };
}

/** Today at the organisation's first site. */
async function orgToday(tx: Db, orgId: string): Promise<string> {
  const [site] = resultRows<{ time_zone: string }>(
    await tx.execute(
      sql`select time_zone from sites where org_id = ${orgId}::uuid order by created_at, id limit 1`,
    ),
  );
  return instantToZoned(new Date(), site?.time_zone ?? 'UTC').date;
}

/** Per participant: open and critical alerts, unexcused absences in a row (of the last ten sessions), overdue review. */
async function flagsOf(tx: Db, orgId: string, participantIds: string[], today: string) {
  const flags = new Map<
    string,
    { openAlerts: number; criticalAlerts: number; unexcusedInARow: number; planReviewOverdue: boolean }
  >();
  if (participantIds.length === 0) return flags;
  const ids = `{${participantIds.join(',')}}`;
  const rows = resultRows<{
    id: string;
    open_alerts: number | string;
    critical_alerts: number | string;
    statuses: string[] | string | null;
    review_overdue: boolean | string;
  }>(
    await tx.execute(sql`
      select p.id,
        (select count(*) from alerts a where a.org_id = ${orgId}::uuid and a.participant_id = p.id
           and a.status = 'open') as open_alerts,
        (select count(*) from alerts a where a.org_id = ${orgId}::uuid and a.participant_id = p.id
           and a.status = 'open' and a.severity = 'critical') as critical_alerts,
        (select array_agg(x.status order by x.starts_at) from (
           select status, starts_at from attendance r where r.org_id = ${orgId}::uuid and r.participant_id = p.id
           order by r.starts_at desc limit 10) x) as statuses,
        exists (select 1 from treatment_plans t where t.org_id = ${orgId}::uuid and t.participant_id = p.id
           and t.status = 'active' and t.next_review_date < ${today}::date) as review_overdue
      from unnest(${ids}::uuid[]) as p(id)`),
  );
  for (const row of rows) {
    const statuses = (
      Array.isArray(row.statuses)
        ? row.statuses
        : (row.statuses ?? '').replace(/[{}]/g, '').split(',').filter(Boolean)
    ) as AttendanceStatus[];
    flags.set(row.id, {
      openAlerts: Number(row.open_alerts),
      criticalAlerts: Number(row.critical_alerts),
      unexcusedInARow: attendanceSummary(statuses).consecutiveUnexcused,
      planReviewOverdue: row.review_overdue === true || row.review_overdue === 't',
    });
  }
  return flags;
}

/**
 * The notes the clinician owes for sessions they ran in the last seven days: a group session someone
 * attended without a signed group note, and each attendee of an individual or family session without a
 * signed note of that kind. Due a day after the session ends.
 */
async function owed(tx: Db, orgId: string, me: string): Promise<ClinicianDay['notesOwed']> {
  const rows = resultRows<{
    session_id: string;
    kind: SessionKind;
    modality: SessionModality;
    local_date: string;
    starts_at: string | Date;
    ends_at: string | Date;
    time_zone: string;
    participant_id: string | null;
    participant_name: string | null;
    note_id: string | null;
  }>(
    await tx.execute(sql`
      with mine as (
        select o.id, o.local_date, o.starts_at, o.ends_at, s.kind, s.modality, s.time_zone
        from session_occurrences o join session_series s on s.id = o.series_id
        where o.org_id = ${orgId}::uuid and o.facilitator_ids @> array[${me}::uuid] and o.status = 'scheduled'
          and o.starts_at >= now() - interval '7 days' and o.ends_at <= now())
      select m.id as session_id, m.kind, m.modality, m.local_date::text as local_date, m.starts_at, m.ends_at,
             m.time_zone, null::uuid as participant_id, null::text as participant_name, n.id as note_id
      from mine m
      left join notes n on n.occurrence_id = m.id and n.kind = 'group'
      where m.kind in ('group', 'makeup')
        and exists (select 1 from attendance a where a.occurrence_id = m.id and a.status in ${attendedStatuses})
        and (n.id is null or n.status = 'draft')
      union all
      select m.id, m.kind, m.modality, m.local_date::text, m.starts_at, m.ends_at, m.time_zone, a.participant_id,
             coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name, n.id
      from mine m
      join attendance a on a.occurrence_id = m.id and a.status in ${attendedStatuses}
      join participants p on p.id = a.participant_id
      left join lateral (
        select id, status from notes n where n.occurrence_id = m.id and n.participant_id = a.participant_id
          and n.kind = m.kind and not n.private
        order by (n.status <> 'draft') desc limit 1) n on true
      where m.kind in ('individual', 'family') and (n.id is null or n.status = 'draft')
      order by ends_at, session_id`),
  );
  return rows.map((row) => ({
    sessionId: row.session_id,
    kind: row.kind,
    modality: row.modality,
    localDate: row.local_date,
    localStart: instantToZoned(new Date(row.starts_at), row.time_zone).time,
    participantId: row.participant_id,
    participantName: row.participant_name,
    noteId: row.note_id,
    dueBy: new Date(new Date(row.ends_at).getTime() + noteDueHours * 3_600_000).toISOString(),
  }));
}
