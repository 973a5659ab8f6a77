import {
  type AttendanceStatus,
  attendanceSummary,
  type ClinicianDay,
  instantToZoned,
  type SessionKind,
  type SessionModality,
} from '@stepwise/core';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../http/context.js';
import { dueByParticipant, toScheduleInput } from '../assessment-schedules/assessment-schedules.service.js';
import { auditInsertSql } from '../audit/audit-log.js';
import * as repo from './clinician-day.repository.js';

/*
 * The clinician's day in one request (issue "The clinical day"): the sessions they run today with each
 * attendee, what is known about them that matters in the room (open and critical alerts, unexcused
 * absences in a row, an overdue plan review) and their attendance; the notes they still owe with the
 * time each is due; and how many of their tasks are due or overdue. Every query is bounded by today,
 * the last week or the last ten sessions, never by the length of anyone's history. It also lists the
 * questionnaires owed by the participants whose primary clinician they are. It is one
 * statement, sent with concurrent requests' (db/shared-trips.ts), its audit event written by the same
 * statement.
 */

/** Hours after a session's end by which its note is due. */
export const noteDueHours = 24;

/** The signed-in clinician's day, read and audited in one statement (see `clinicianDaySql`). */
export async function clinicianDay(ctx: ServiceContext): Promise<ClinicianDay> {
  const orgId = ctx.actor.orgId;
  const me = ctx.actor.userId;
  const statement = repo.clinicianDaySql(orgId, me, (shown) =>
    auditInsertSql(ctx, {
      action: 'clinician_day.read',
      subjectType: 'user',
      subjectId: me,
      details: sql`jsonb_build_object('shown', ${shown})`,
    }),
  );
  const [rows = []] = await ctx.sharedTrips.run(orgId, [statement]);
  const [row] = rows;
  if (!row) throw new Error('the day view returned no row');
  const sessions = JSON.parse(String(row.sessions)) as (Omit<
    ClinicianDay['sessions'][number],
    'attendees'
  > & {
    attendees: (Omit<ClinicianDay['sessions'][number]['attendees'][number], 'unexcusedInARow'> & {
      statuses: AttendanceStatus[];
    })[];
  })[];
  const owed = JSON.parse(String(row.owed)) as {
    sessionId: string;
    kind: SessionKind;
    modality: SessionModality;
    localDate: string;
    startsAt: number;
    endsAt: number;
    timeZone: string;
    participantId: string | null;
    participantName: string | null;
    noteId: string | null;
  }[];
  const caseload = (JSON.parse(String(row.caseload)) as Parameters<typeof toScheduleInput>[0][]).map(
    toScheduleInput,
  );
  const assessmentsDue = dueByParticipant(caseload, new Date())
    .filter((due) => due.items.length > 0)
    .map(({ participantId, participantName, items }) => ({ participantId, participantName, items }))
    .sort(
      (a, b) =>
        (a.items[0]?.dueDate ?? '').localeCompare(b.items[0]?.dueDate ?? '') ||
        a.participantName.localeCompare(b.participantName),
    );
  return {
    today: String(row.today),
    sessions: sessions.map(({ session, groupNote, attendees }) => ({
      session,
      groupNote,
      attendees: attendees.map(({ statuses, ...attendee }) => ({
        ...attendee,
        unexcusedInARow: attendanceSummary(statuses).consecutiveUnexcused,
      })),
    })),
    notesOwed: owed.map((item) => ({
      sessionId: item.sessionId,
      kind: item.kind,
      modality: item.modality,
      localDate: item.localDate,
      localStart: instantToZoned(new Date(item.startsAt), item.timeZone).time,
      participantId: item.participantId,
      participantName: item.participantName,
      noteId: item.noteId,
      dueBy: new Date(item.endsAt + noteDueHours * 3_600_000).toISOString(),
    })),
    tasks: { dueToday: Number(row.due_today ?? 0), overdue: Number(row.overdue ?? 0) },
    assessmentsDue,
  };
}
