import type {
  AvailabilityInput,
  BlackoutReason,
  Enrolment,
  Room,
  Session,
  SessionKind,
  SessionModality,
  SessionSeries,
} from '@stepwise/core';
import { instantToZoned } from '@stepwise/core';
import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { resultRows } from '../../db/database.js';
import {
  closures,
  participantAvailability,
  participants,
  rooms,
  seriesEnrolments,
  sessionOccurrences,
  sessionSeries,
  staffLeave,
  staffWorkingHours,
  users,
} from '../../db/schema.js';

export type SeriesRow = typeof sessionSeries.$inferSelect;

/** Serialises scheduling writes of one organisation, so two bookings cannot both pass the conflict check. */
export async function lockSchedule(tx: Db, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('stepwise.schedule'), hashtext(${orgId}))`);
}

export function toRoom(row: typeof rooms.$inferSelect): Room {
  return {
    id: row.id,
    siteId: row.siteId,
    name: row.name,
    capacity: row.capacity,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function findRoom(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(rooms)
    .where(and(eq(rooms.orgId, orgId), eq(rooms.id, id)));
  return row;
}

/** Dates closed for a site (its own closures and the organisation's) between two local dates. */
export async function closedDates(tx: Db, orgId: string, siteId: string, from: string, to: string) {
  const rows = await tx
    .select({ date: closures.date })
    .from(closures)
    .where(
      and(
        eq(closures.orgId, orgId),
        or(isNull(closures.siteId), eq(closures.siteId, siteId)),
        gte(closures.date, from),
        lt(closures.date, to),
      ),
    );
  return new Set(rows.map((row) => row.date));
}

export interface Clash {
  localDate: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  roomId: string | null;
  roomName: string | null;
  facilitatorIds: string[];
}

/**
 * Scheduled occurrences that overlap any of the intervals and share the room or a facilitator. The
 * intervals travel as two arrays and meet the occurrences in one statement, however many there are.
 */
export async function clashes(
  tx: Db,
  orgId: string,
  intervals: { start: Date; end: Date }[],
  resources: { roomId: string | null; facilitatorIds: string[] },
): Promise<Clash[]> {
  if (intervals.length === 0) return [];
  const starts = `{${intervals.map((interval) => interval.start.toISOString()).join(',')}}`;
  const ends = `{${intervals.map((interval) => interval.end.toISOString()).join(',')}}`;
  const facilitators = `{${resources.facilitatorIds.join(',')}}`;
  const rows = resultRows<{
    local_date: string;
    starts_at: string | Date;
    ends_at: string | Date;
    time_zone: string;
    room_id: string | null;
    room_name: string | null;
    facilitator_ids: string[] | string;
  }>(
    await tx.execute(sql`
      select o.local_date::text as local_date, o.starts_at, o.ends_at, s.time_zone, o.room_id, r.name as room_name,
             o.facilitator_ids
      from session_occurrences o
      join session_series s on s.id = o.series_id
      left join rooms r on r.id = o.room_id
      join unnest(${starts}::timestamptz[], ${ends}::timestamptz[]) as wanted(starts_at, ends_at)
        on o.starts_at < wanted.ends_at and o.ends_at > wanted.starts_at
      where o.org_id = ${orgId}::uuid and o.status = 'scheduled'
        and ((${resources.roomId}::uuid is not null and o.room_id = ${resources.roomId}::uuid)
             or o.facilitator_ids && ${facilitators}::uuid[])
      order by o.starts_at
      limit 20`),
  );
  return rows.map((row) => ({
    localDate: row.local_date,
    startsAt: new Date(row.starts_at),
    endsAt: new Date(row.ends_at),
    timeZone: row.time_zone,
    roomId: row.room_id,
    roomName: row.room_name,
    facilitatorIds: Array.isArray(row.facilitator_ids)
      ? row.facilitator_ids
      : row.facilitator_ids.replace(/[{}]/g, '').split(',').filter(Boolean),
  }));
}

export async function insertSeries(tx: Db, values: typeof sessionSeries.$inferInsert): Promise<SeriesRow> {
  const [row] = await tx.insert(sessionSeries).values(values).returning();
  if (!row) throw new Error('session series not stored');
  return row;
}

/** Inserts occurrences; one that exists already for its series and date is left as it is. */
export async function insertOccurrences(
  tx: Db,
  values: (typeof sessionOccurrences.$inferInsert)[],
): Promise<void> {
  for (let start = 0; start < values.length; start += 500) {
    await tx
      .insert(sessionOccurrences)
      .values(values.slice(start, start + 500))
      .onConflictDoNothing({ target: [sessionOccurrences.seriesId, sessionOccurrences.localDate] });
  }
}

const seriesById = (tx: Db, orgId: string, id: string) =>
  tx
    .select()
    .from(sessionSeries)
    .where(and(eq(sessionSeries.orgId, orgId), eq(sessionSeries.id, id)));

/** A series, for reading: no lock, so reading a roster never waits for, or delays, an enrolment. */
export async function findSeries(tx: Db, orgId: string, id: string): Promise<SeriesRow | undefined> {
  const [row] = await seriesById(tx, orgId, id);
  return row;
}

/** A series locked for the rest of the transaction, for enrolling and withdrawing (capacity). */
export async function lockSeries(tx: Db, orgId: string, id: string): Promise<SeriesRow | undefined> {
  const [row] = await seriesById(tx, orgId, id).for('update');
  return row;
}

async function rosterCounts(tx: Db, orgId: string, seriesIds: string[]) {
  if (seriesIds.length === 0) return new Map<string, { enrolled: number; waitlisted: number }>();
  const rows = await tx
    .select({
      seriesId: seriesEnrolments.seriesId,
      enrolled: sql<number>`count(*) filter (where ${seriesEnrolments.status} = 'enrolled')::int`,
      waitlisted: sql<number>`count(*) filter (where ${seriesEnrolments.status} = 'waitlisted')::int`,
    })
    .from(seriesEnrolments)
    .where(and(eq(seriesEnrolments.orgId, orgId), inArray(seriesEnrolments.seriesId, seriesIds)))
    .groupBy(seriesEnrolments.seriesId);
  return new Map(
    rows.map((row) => [row.seriesId, { enrolled: Number(row.enrolled), waitlisted: Number(row.waitlisted) }]),
  );
}

export async function presentSeries(tx: Db, orgId: string, row: SeriesRow): Promise<SessionSeries> {
  const staff = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, row.facilitatorIds)));
  const counts = (await rosterCounts(tx, orgId, [row.id])).get(row.id) ?? { enrolled: 0, waitlisted: 0 };
  return {
    id: row.id,
    programId: row.programId,
    trackId: row.trackId,
    kind: row.kind as SessionKind,
    modality: row.modality as SessionModality,
    topic: row.topic,
    roomId: row.roomId,
    telehealthUrl: row.telehealthUrl,
    facilitators: row.facilitatorIds.map((id) => ({
      id,
      name: staff.find((member) => member.id === id)?.name ?? '',
    })),
    capacity: row.capacity,
    startDate: row.startDate,
    startTime: row.startTime.slice(0, 5),
    durationMinutes: row.durationMinutes,
    rrule: row.rrule,
    exceptions: row.exceptions,
    timeZone: row.timeZone,
    ...counts,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A program's occurrences starting in [from, to), in time order, with each series' roster count. */
export async function calendar(
  tx: Db,
  orgId: string,
  programId: string,
  window: { from: Date; to: Date },
  filter: { trackId?: string; roomId?: string; facilitatorId?: string },
): Promise<Session[]> {
  const rows = await tx
    .select({ occurrence: sessionOccurrences, series: sessionSeries })
    .from(sessionOccurrences)
    .innerJoin(sessionSeries, eq(sessionSeries.id, sessionOccurrences.seriesId))
    .where(
      and(
        eq(sessionOccurrences.orgId, orgId),
        eq(sessionSeries.programId, programId),
        gte(sessionOccurrences.startsAt, window.from),
        lt(sessionOccurrences.startsAt, window.to),
        filter.trackId ? eq(sessionSeries.trackId, filter.trackId) : undefined,
        filter.roomId ? eq(sessionOccurrences.roomId, filter.roomId) : undefined,
        filter.facilitatorId
          ? sql`${sessionOccurrences.facilitatorIds} @> array[${filter.facilitatorId}]::uuid[]`
          : undefined,
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt), asc(sessionOccurrences.id));
  const counts = await rosterCounts(tx, orgId, [...new Set(rows.map((row) => row.series.id))]);
  return rows.map(({ occurrence, series }) => ({
    id: occurrence.id,
    seriesId: series.id,
    programId: series.programId,
    trackId: series.trackId,
    kind: series.kind as SessionKind,
    modality: series.modality as SessionModality,
    topic: series.topic,
    roomId: occurrence.roomId,
    telehealthUrl: series.telehealthUrl,
    facilitatorIds: occurrence.facilitatorIds,
    localDate: occurrence.localDate,
    localStart: instantToZoned(occurrence.startsAt, series.timeZone).time,
    localEnd: instantToZoned(occurrence.endsAt, series.timeZone).time,
    timeZone: series.timeZone,
    startsAt: occurrence.startsAt.toISOString(),
    endsAt: occurrence.endsAt.toISOString(),
    status: occurrence.status as Session['status'],
    capacity: series.capacity,
    enrolled: counts.get(series.id)?.enrolled ?? 0,
  }));
}

export type EnrolmentRow = typeof seriesEnrolments.$inferSelect;

export async function activeEnrolment(tx: Db, orgId: string, seriesId: string, episodeId: string) {
  const [row] = await tx
    .select()
    .from(seriesEnrolments)
    .where(
      and(
        eq(seriesEnrolments.orgId, orgId),
        eq(seriesEnrolments.seriesId, seriesId),
        eq(seriesEnrolments.episodeId, episodeId),
        sql`${seriesEnrolments.status} <> 'withdrawn'`,
      ),
    );
  return row;
}

export async function countEnrolled(tx: Db, orgId: string, seriesId: string): Promise<number> {
  return (await rosterCounts(tx, orgId, [seriesId])).get(seriesId)?.enrolled ?? 0;
}

export async function insertEnrolment(
  tx: Db,
  values: typeof seriesEnrolments.$inferInsert,
): Promise<EnrolmentRow> {
  const [row] = await tx.insert(seriesEnrolments).values(values).returning();
  if (!row) throw new Error('enrolment not stored');
  return row;
}

export async function setEnrolmentStatus(tx: Db, orgId: string, id: string, status: EnrolmentRow['status']) {
  await tx
    .update(seriesEnrolments)
    .set({ status, updatedAt: sql`now()` })
    .where(and(eq(seriesEnrolments.orgId, orgId), eq(seriesEnrolments.id, id)));
}

export async function findEnrolment(tx: Db, orgId: string, id: string) {
  const [row] = await tx
    .select()
    .from(seriesEnrolments)
    .where(and(eq(seriesEnrolments.orgId, orgId), eq(seriesEnrolments.id, id)));
  return row;
}

/** The waitlist in order: the longest waiting first. */
export function waitlist(tx: Db, orgId: string, seriesId: string) {
  return tx
    .select()
    .from(seriesEnrolments)
    .where(
      and(
        eq(seriesEnrolments.orgId, orgId),
        eq(seriesEnrolments.seriesId, seriesId),
        eq(seriesEnrolments.status, 'waitlisted'),
      ),
    )
    .orderBy(asc(seriesEnrolments.waitlistedAt), asc(seriesEnrolments.id));
}

/** A series' roster: enrolled people by name, then the waitlist in order. */
export async function roster(tx: Db, orgId: string, seriesId: string): Promise<Enrolment[]> {
  const rows = await tx
    .select({
      enrolment: seriesEnrolments,
      givenName: participants.givenName,
      preferredName: participants.preferredName,
      familyName: participants.familyName,
    })
    .from(seriesEnrolments)
    .innerJoin(participants, eq(participants.id, seriesEnrolments.participantId))
    .where(
      and(
        eq(seriesEnrolments.orgId, orgId),
        eq(seriesEnrolments.seriesId, seriesId),
        sql`${seriesEnrolments.status} <> 'withdrawn'`,
      ),
    )
    .orderBy(
      sql`${seriesEnrolments.status} = 'waitlisted'`,
      asc(seriesEnrolments.waitlistedAt),
      asc(participants.familyName),
      asc(seriesEnrolments.id),
    );
  let position = 0;
  return rows.map((row) =>
    toEnrolment(
      row.enrolment,
      `${row.preferredName ?? row.givenName} ${row.familyName}`,
      row.enrolment.status === 'waitlisted' ? ++position : null,
    ),
  );
}

export function toEnrolment(
  row: EnrolmentRow,
  participantName: string,
  waitlistPosition: number | null,
): Enrolment {
  return {
    id: row.id,
    seriesId: row.seriesId,
    episodeId: row.episodeId,
    participantId: row.participantId,
    participantName,
    status: row.status as Enrolment['status'],
    fromDate: row.fromDate,
    availabilityOverride: row.availabilityOverride,
    waitlistPosition,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The scheduled occurrences overlapping [from, to) of every series the participants are enrolled in,
 * from each one's first date on (optionally leaving one series out), in time order.
 */
export function enrolledOccurrences(
  tx: Db,
  orgId: string,
  participantIds: string[],
  window: { from: Date; to: Date },
  exceptSeriesId?: string,
) {
  if (participantIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      participantId: seriesEnrolments.participantId,
      seriesId: sessionSeries.id,
      localDate: sessionOccurrences.localDate,
      start: sessionOccurrences.startsAt,
      end: sessionOccurrences.endsAt,
      timeZone: sessionSeries.timeZone,
    })
    .from(seriesEnrolments)
    .innerJoin(sessionSeries, eq(sessionSeries.id, seriesEnrolments.seriesId))
    .innerJoin(sessionOccurrences, eq(sessionOccurrences.seriesId, sessionSeries.id))
    .where(
      and(
        eq(seriesEnrolments.orgId, orgId),
        inArray(seriesEnrolments.participantId, participantIds),
        eq(seriesEnrolments.status, 'enrolled'),
        eq(sessionOccurrences.status, 'scheduled'),
        gte(sessionOccurrences.localDate, seriesEnrolments.fromDate),
        lt(sessionOccurrences.startsAt, window.to),
        sql`${sessionOccurrences.endsAt} > ${window.from.toISOString()}::timestamptz`,
        exceptSeriesId ? sql`${sessionSeries.id} <> ${exceptSeriesId}::uuid` : undefined,
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt));
}

/** The series' scheduled occurrences from a local date on. */
export function seriesOccurrencesFrom(tx: Db, orgId: string, seriesId: string, fromDate: string) {
  return tx
    .select({
      localDate: sessionOccurrences.localDate,
      start: sessionOccurrences.startsAt,
      end: sessionOccurrences.endsAt,
    })
    .from(sessionOccurrences)
    .where(
      and(
        eq(sessionOccurrences.orgId, orgId),
        eq(sessionOccurrences.seriesId, seriesId),
        eq(sessionOccurrences.status, 'scheduled'),
        gte(sessionOccurrences.localDate, fromDate),
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt));
}

/** A participant's recorded windows and blackouts. */
export async function participantWeek(tx: Db, orgId: string, participantId: string) {
  const rows = await tx
    .select()
    .from(participantAvailability)
    .where(
      and(eq(participantAvailability.orgId, orgId), eq(participantAvailability.participantId, participantId)),
    )
    .orderBy(asc(participantAvailability.weekday), asc(participantAvailability.startTime));
  const hhmm = (time: string) => time.slice(0, 5);
  return {
    windows: rows
      .filter((row) => row.kind === 'available')
      .map((row) => ({ weekday: row.weekday, startTime: hhmm(row.startTime), endTime: hhmm(row.endTime) })),
    blackouts: rows
      .filter((row) => row.kind === 'blackout')
      .map((row) => ({
        weekday: row.weekday,
        startTime: hhmm(row.startTime),
        endTime: hhmm(row.endTime),
        reason: row.reason as BlackoutReason,
        note: row.note,
      })),
  };
}

export async function replaceParticipantWeek(
  tx: Db,
  orgId: string,
  participantId: string,
  week: AvailabilityInput,
): Promise<void> {
  await tx
    .delete(participantAvailability)
    .where(
      and(eq(participantAvailability.orgId, orgId), eq(participantAvailability.participantId, participantId)),
    );
  const rows = [
    ...week.windows.map((window) => ({ ...window, kind: 'available', reason: null, note: null })),
    ...week.blackouts.map((blackout) => ({ ...blackout, kind: 'blackout', note: blackout.note ?? null })),
  ];
  if (rows.length > 0)
    await tx.insert(participantAvailability).values(rows.map((row) => ({ orgId, participantId, ...row })));
}

/** A staff member's recorded working hours and leave. */
export async function staffWeek(tx: Db, orgId: string, userId: string) {
  const hours = await tx
    .select()
    .from(staffWorkingHours)
    .where(and(eq(staffWorkingHours.orgId, orgId), eq(staffWorkingHours.userId, userId)));
  const leave = await tx
    .select()
    .from(staffLeave)
    .where(and(eq(staffLeave.orgId, orgId), eq(staffLeave.userId, userId)));
  return {
    workingHours: hours.map((row) => ({
      weekday: row.weekday,
      startTime: row.startTime.slice(0, 5),
      endTime: row.endTime.slice(0, 5),
    })),
    leave: leave.map((row) => ({ startDate: row.startDate, endDate: row.endDate, note: row.note })),
  };
}

export async function replaceWorkingHours(
  tx: Db,
  orgId: string,
  userId: string,
  windows: { weekday: number; startTime: string; endTime: string }[],
): Promise<void> {
  await tx
    .delete(staffWorkingHours)
    .where(and(eq(staffWorkingHours.orgId, orgId), eq(staffWorkingHours.userId, userId)));
  if (windows.length > 0)
    await tx.insert(staffWorkingHours).values(windows.map((window) => ({ orgId, userId, ...window })));
}

export async function insertLeave(
  tx: Db,
  orgId: string,
  userId: string,
  leave: { startDate: string; endDate: string; note?: string | null | undefined },
): Promise<void> {
  await tx
    .insert(staffLeave)
    .values({ orgId, userId, startDate: leave.startDate, endDate: leave.endDate, note: leave.note ?? null });
}

/** Blackouts recorded for the participants given, for explaining a short week. */
export function blackoutsOf(tx: Db, orgId: string, participantIds: string[]) {
  if (participantIds.length === 0) return Promise.resolve([]);
  return tx
    .select({
      participantId: participantAvailability.participantId,
      weekday: participantAvailability.weekday,
      reason: participantAvailability.reason,
    })
    .from(participantAvailability)
    .where(
      and(
        eq(participantAvailability.orgId, orgId),
        inArray(participantAvailability.participantId, participantIds),
        eq(participantAvailability.kind, 'blackout'),
      ),
    )
    .orderBy(participantAvailability.weekday);
}

/**
 * Recurring series materialised less far than `target`, in every organisation. Deliberately unscoped:
 * the maintenance job runs for all organisations and then works on each within its own scope.
 */
export function seriesBehind(db: Db, target: string, orgId?: string) {
  return db
    .select()
    .from(sessionSeries)
    .where(
      and(
        lt(sessionSeries.materialisedUntil, target),
        sql`${sessionSeries.rrule} is not null`,
        orgId ? eq(sessionSeries.orgId, orgId) : undefined,
      ),
    )
    .limit(500);
}

export async function setMaterialisedUntil(tx: Db, orgId: string, id: string, until: string): Promise<void> {
  await tx
    .update(sessionSeries)
    .set({ materialisedUntil: until })
    .where(and(eq(sessionSeries.orgId, orgId), eq(sessionSeries.id, id)));
}
