import type { AttendanceStatus } from '@stepwise/core';
import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { resultRows } from '../../db/database.js';
import { attendance, sessionOccurrences, sessionSeries, users } from '../../db/schema.js';

export type AttendanceRow = typeof attendance.$inferSelect;

/**
 * Who attends an occurrence, with their name and episode: the series' roster on that date, less those
 * making it up elsewhere, plus those making up another session in it, plus anyone already recorded
 * (someone who has since left the group stays on the sessions they were in). By family name.
 */
export async function attendeesOf(
  tx: Db,
  orgId: string,
  occurrence: { id: string; seriesId: string; localDate: string; startsAt: Date },
) {
  const rows = resultRows<{
    participant_id: string;
    episode_id: string;
    makeup: boolean | string;
    given_name: string;
    preferred_name: string | null;
    family_name: string;
  }>(
    await tx.execute(sql`
      select x.participant_id, (array_agg(x.episode_id order by x.rank))[1] as episode_id,
             bool_or(x.makeup) as makeup, p.given_name, p.preferred_name, p.family_name
      from (
        select e.participant_id, e.episode_id, false as makeup, 2 as rank
        from series_enrolments e
        where e.org_id = ${orgId}::uuid and e.series_id = ${occurrence.seriesId}::uuid
          and (e.status = 'enrolled' or e.ended_at is not null)
          and e.from_date <= ${occurrence.localDate}::date
          and (e.ended_at is null or ${occurrence.startsAt.toISOString()}::timestamptz < e.ended_at)
          and not exists (
            select 1 from makeup_bookings m where m.missed_occurrence_id = ${occurrence.id}::uuid
              and m.participant_id = e.participant_id and m.status = 'booked')
        union all
        select m.participant_id, m.episode_id, true, 2 from makeup_bookings m
        where m.org_id = ${orgId}::uuid and m.occurrence_id = ${occurrence.id}::uuid and m.status = 'booked'
        union all
        select a.participant_id, a.episode_id, false, 1 from attendance a
        where a.org_id = ${orgId}::uuid and a.occurrence_id = ${occurrence.id}::uuid
      ) x
      join participants p on p.id = x.participant_id
      group by x.participant_id, p.given_name, p.preferred_name, p.family_name
      order by p.family_name, p.given_name, x.participant_id`),
  );
  return rows.map((row) => ({
    participantId: row.participant_id,
    episodeId: row.episode_id,
    makeup: row.makeup === true || row.makeup === 't',
    participantName: `${row.preferred_name ?? row.given_name} ${row.family_name}`,
  }));
}

/** An occurrence's attendance records with who recorded each. */
export function recordsOf(tx: Db, orgId: string, occurrenceId: string) {
  return tx
    .select({ record: attendance, recorderName: users.displayName })
    .from(attendance)
    .innerJoin(users, eq(users.id, attendance.recordedBy))
    .where(and(eq(attendance.orgId, orgId), eq(attendance.occurrenceId, occurrenceId)));
}

/** Records or corrects one attendee's attendance; returns the row and the status it had before. */
export async function upsertRecord(
  tx: Db,
  values: Omit<typeof attendance.$inferInsert, 'id' | 'recordedAt'>,
): Promise<{ row: AttendanceRow; previous: AttendanceStatus | null }> {
  const [before] = await tx
    .select({ status: attendance.status })
    .from(attendance)
    .where(
      and(
        eq(attendance.orgId, values.orgId),
        eq(attendance.occurrenceId, values.occurrenceId),
        eq(attendance.participantId, values.participantId),
      ),
    );
  const [row] = await tx
    .insert(attendance)
    .values(values)
    .onConflictDoUpdate({
      target: [attendance.occurrenceId, attendance.participantId],
      set: {
        status: values.status,
        minutes: values.minutes,
        note: values.note ?? null,
        recordedBy: values.recordedBy,
        recordedAt: sql`now()`,
      },
    })
    .returning();
  if (!row) throw new Error('attendance not stored');
  return { row, previous: (before?.status as AttendanceStatus | undefined) ?? null };
}

/** A participant's recorded statuses up to an instant, oldest first, with each session's date. */
export function statusesUpTo(tx: Db, orgId: string, participantId: string, until: Date) {
  return tx
    .select({
      status: attendance.status,
      startsAt: attendance.startsAt,
      occurrenceId: attendance.occurrenceId,
    })
    .from(attendance)
    .where(
      and(
        eq(attendance.orgId, orgId),
        eq(attendance.participantId, participantId),
        lte(attendance.startsAt, until),
      ),
    )
    .orderBy(asc(attendance.startsAt), asc(attendance.id));
}

/** A participant's whole attendance history, oldest first (statuses only). */
export function allStatuses(tx: Db, orgId: string, participantId: string) {
  return tx
    .select({ status: attendance.status })
    .from(attendance)
    .where(and(eq(attendance.orgId, orgId), eq(attendance.participantId, participantId)))
    .orderBy(asc(attendance.startsAt), asc(attendance.id));
}

/** A participant's latest recorded sessions, newest first, with the session's kind and local time. */
export function latestRecords(tx: Db, orgId: string, participantId: string, limit: number) {
  return tx
    .select({ record: attendance, occurrence: sessionOccurrences, series: sessionSeries })
    .from(attendance)
    .innerJoin(sessionOccurrences, eq(sessionOccurrences.id, attendance.occurrenceId))
    .innerJoin(sessionSeries, eq(sessionSeries.id, sessionOccurrences.seriesId))
    .where(and(eq(attendance.orgId, orgId), eq(attendance.participantId, participantId)))
    .orderBy(desc(attendance.startsAt), desc(attendance.id))
    .limit(limit);
}
