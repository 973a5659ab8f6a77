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
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { resultRows } from '../../db/database.js';
import {
  closures,
  makeupBookings,
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

/** An occurrence as calendars show it, with how many people it expects. */
export function toSession(
  occurrence: typeof sessionOccurrences.$inferSelect,
  series: SeriesRow,
  expected: number,
): Session {
  return {
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
    cancelReason: occurrence.cancelReason,
    moduleId: occurrence.moduleId,
    capacity: series.capacity,
    enrolled: expected,
  };
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

/**
 * Sets an enrolment's status. Withdrawing a seat ends it at `endedAt` (now when absent): occurrences
 * before stay the participant's, later ones are not. A waitlist place given up never held a seat.
 */
export async function setEnrolmentStatus(
  tx: Db,
  orgId: string,
  id: string,
  status: EnrolmentRow['status'],
  endedAt?: Date,
) {
  const end = endedAt ? sql`${endedAt.toISOString()}::timestamptz` : sql`now()`;
  await tx
    .update(seriesEnrolments)
    .set({
      status,
      updatedAt: sql`now()`,
      endedAt:
        status === 'withdrawn'
          ? sql`case when ${seriesEnrolments.status} = 'enrolled' then ${end} end`
          : null,
    })
    .where(and(eq(seriesEnrolments.orgId, orgId), eq(seriesEnrolments.id, id)));
}

/** Gives a waitlisted participant their seat, from a local date on. */
export async function promoteEnrolment(tx: Db, orgId: string, id: string, fromDate: string) {
  await tx
    .update(seriesEnrolments)
    .set({ status: 'enrolled', fromDate, updatedAt: sql`now()` })
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

export interface ParticipantOccurrence {
  participantId: string;
  occurrenceId: string;
  seriesId: string;
  localDate: string;
  start: Date;
  end: Date;
  timeZone: string;
  status: 'scheduled' | 'cancelled';
  /** Attended as a make-up for another session. */
  makeup: boolean;
  /** The curriculum module it teaches, if any. */
  moduleId: string | null;
}

/**
 * The participants' occurrences overlapping [from, to), in time order: those of the series they are
 * (or were) enrolled in, within the enrolment's dates, less those they make up elsewhere, plus their
 * make-ups. Scheduled ones only unless `includeCancelled`; optionally leaving one series out.
 */
export async function enrolledOccurrences(
  tx: Db,
  orgId: string,
  participantIds: string[],
  window: { from: Date; to: Date },
  options: { exceptSeriesId?: string; includeCancelled?: boolean } = {},
): Promise<ParticipantOccurrence[]> {
  if (participantIds.length === 0) return [];
  const own = participantOccurrencesSql(
    orgId,
    sql`${`{${participantIds.join(',')}}`}::uuid[]`,
    {
      from: sql`${window.from.toISOString()}::timestamptz`,
      to: sql`${window.to.toISOString()}::timestamptz`,
    },
    options,
  );
  const rows = resultRows<{
    participant_id: string;
    occurrence_id: string;
    series_id: string;
    local_date: string;
    starts_at: string | Date;
    ends_at: string | Date;
    time_zone: string;
    status: 'scheduled' | 'cancelled';
    makeup: boolean;
    module_id: string | null;
  }>(await tx.execute(sql`select * from (${own}) own order by starts_at, occurrence_id`));
  return rows.map((row) => ({
    participantId: row.participant_id,
    occurrenceId: row.occurrence_id,
    seriesId: row.series_id,
    localDate: row.local_date,
    start: new Date(row.starts_at),
    end: new Date(row.ends_at),
    timeZone: row.time_zone,
    status: row.status,
    makeup: row.makeup === true || (row.makeup as unknown) === 't',
    moduleId: row.module_id,
  }));
}

/**
 * The participants' occurrences overlapping [from, to) as SQL (columns participant_id, occurrence_id,
 * series_id, local_date, starts_at, ends_at, time_zone, status, makeup, module_id): their enrolments' within each
 * enrolment's dates, less those made up elsewhere, plus their make-ups. The bounds may be columns of
 * an enclosing statement.
 */
function participantOccurrencesSql(
  orgId: string,
  participantIds: SQL,
  window: { from: SQL; to: SQL },
  options: { exceptSeriesId?: string; includeCancelled?: boolean } = {},
): SQL {
  const statuses = options.includeCancelled ? sql`'scheduled', 'cancelled'` : sql`'scheduled'`;
  const except = options.exceptSeriesId ? sql`and s.id <> ${options.exceptSeriesId}::uuid` : sql``;
  return sql`
    select e.participant_id, o.id as occurrence_id, s.id as series_id, o.local_date::text as local_date,
           o.starts_at, o.ends_at, s.time_zone, o.status, false as makeup, o.module_id
    from series_enrolments e
    join session_series s on s.id = e.series_id
    join session_occurrences o on o.series_id = s.id
    where e.org_id = ${orgId}::uuid and e.participant_id = any(${participantIds})
      and (e.status = 'enrolled' or e.ended_at is not null)
      and o.local_date >= e.from_date and (e.ended_at is null or o.starts_at < e.ended_at)
      and o.status in (${statuses})
      and o.starts_at < ${window.to} and o.ends_at > ${window.from} ${except}
      and not exists (
        select 1 from makeup_bookings m
        where m.missed_occurrence_id = o.id and m.participant_id = e.participant_id and m.status = 'booked')
    union all
    select m.participant_id, o.id, s.id, o.local_date::text, o.starts_at, o.ends_at, s.time_zone, o.status, true,
           o.module_id
    from makeup_bookings m
    join session_occurrences o on o.id = m.occurrence_id
    join session_series s on s.id = o.series_id
    where m.org_id = ${orgId}::uuid and m.participant_id = any(${participantIds}) and m.status = 'booked'
      and o.status in (${statuses})
      and o.starts_at < ${window.to} and o.ends_at > ${window.from} ${except}`;
}

/**
 * How many people an occurrence `o` expects: its series' roster on that date, less those making it up
 * elsewhere, plus those making up another session in it.
 */
const expectedSql = sql`((select count(*) from series_enrolments e
    where e.series_id = o.series_id and (e.status = 'enrolled' or e.ended_at is not null)
      and e.from_date <= o.local_date and (e.ended_at is null or o.starts_at < e.ended_at))
  - (select count(*) from makeup_bookings m where m.missed_occurrence_id = o.id and m.status = 'booked')
  + (select count(*) from makeup_bookings m where m.occurrence_id = o.id and m.status = 'booked'))::int`;

/** How many people each occurrence expects (see `expectedSql`). */
export async function expectedCounts(
  tx: Db,
  orgId: string,
  occurrenceIds: string[],
): Promise<Map<string, number>> {
  if (occurrenceIds.length === 0) return new Map();
  const rows = resultRows<{ id: string; expected: number | string }>(
    await tx.execute(sql`
      select o.id, ${expectedSql} as expected
      from session_occurrences o
      where o.org_id = ${orgId}::uuid and o.id = any(${`{${occurrenceIds.join(',')}}`}::uuid[])`),
  );
  return new Map(rows.map((row) => [row.id, Number(row.expected)]));
}

/**
 * The instants bounding the week that starts on local `monday`, in a zone given as SQL. Computed in a
 * materialized CTE: inlined, the zone conversion runs for every occurrence row and no index applies.
 */
const weekStart = (monday: string, zone: SQL) => sql`(${monday}::date::timestamp at time zone ${zone})`;
const weekEnd = (monday: string, zone: SQL) => sql`((${monday}::date + 7)::timestamp at time zone ${zone})`;

const isoInstant = (column: SQL) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** An occurrence `o` of series `s` as the JSON of a `Session`. */
export const sessionJson = sql`json_build_object(
  'id', o.id, 'seriesId', s.id, 'programId', s.program_id, 'trackId', s.track_id, 'kind', s.kind,
  'modality', s.modality, 'topic', s.topic, 'roomId', o.room_id, 'telehealthUrl', s.telehealth_url,
  'facilitatorIds', o.facilitator_ids, 'localDate', o.local_date,
  'localStart', to_char(o.starts_at at time zone s.time_zone, 'HH24:MI'),
  'localEnd', to_char(o.ends_at at time zone s.time_zone, 'HH24:MI'), 'timeZone', s.time_zone,
  'startsAt', ${isoInstant(sql`o.starts_at`)}, 'endsAt', ${isoInstant(sql`o.ends_at`)}, 'status', o.status,
  'cancelReason', o.cancel_reason, 'moduleId', o.module_id, 'capacity', s.capacity, 'enrolled', ${expectedSql})`;

/**
 * A program's week as one statement: one row with its site's zone and, as JSON text, the sessions
 * starting in the ISO week that begins on local `monday` there (in time order, optionally of one
 * track, room or facilitator); no row when the program is not the organisation's.
 */
export function calendarJsonSql(
  orgId: string,
  programId: string,
  monday: string,
  filter: { trackId?: string | undefined; roomId?: string | undefined; facilitatorId?: string | undefined },
): SQL {
  const track = filter.trackId ? sql`and s.track_id = ${filter.trackId}::uuid` : sql``;
  const room = filter.roomId ? sql`and o.room_id = ${filter.roomId}::uuid` : sql``;
  const facilitator = filter.facilitatorId
    ? sql`and o.facilitator_ids @> array[${filter.facilitatorId}::uuid]`
    : sql``;
  return sql`
    with program as materialized (
      select p.id, site.time_zone, ${weekStart(monday, sql`site.time_zone`)} as week_start,
             ${weekEnd(monday, sql`site.time_zone`)} as week_end
      from programs p join sites site on site.id = p.site_id
      where p.org_id = ${orgId}::uuid and p.id = ${programId}::uuid)
    select program.time_zone,
      (select coalesce(json_agg(${sessionJson} order by o.starts_at, o.id), '[]'::json)
       from session_series s
       cross join lateral (
         -- Series by series through (series_id, starts_at); offset 0 keeps the planner from flattening
         -- this into a scan of the whole organisation's week.
         select * from session_occurrences o
         where o.series_id = s.id and o.starts_at >= program.week_start and o.starts_at < program.week_end
         offset 0) o
       where s.org_id = ${orgId}::uuid and s.program_id = program.id ${track} ${room} ${facilitator}
      )::text as items
    from program`;
}

/**
 * A participant's week for their hours as one statement, which also records the read (`audit`, an
 * insert from `care`, so only when an episode is open): one row when the participant exists, with the
 * highest weekly minimum of their open episodes' programs, that program's site zone, and their
 * scheduled occurrences of the ISO week beginning on local `monday` there, and the minutes recorded as
 * attended in sessions starting that week, each as JSON text of [start, end] pairs in epoch
 * milliseconds (attendance from the session's start for the minutes attended).
 */
export function weekHoursSql(orgId: string, participantId: string, monday: string, audit: SQL): SQL {
  const own = participantOccurrencesSql(orgId, sql`array[${participantId}::uuid]`, {
    from: sql`care.week_start`,
    to: sql`care.week_end`,
  });
  return sql`
    with person as (select id from participants where org_id = ${orgId}::uuid and id = ${participantId}::uuid),
    care as (
      select p.weekly_hours_minimum as minimum, site.time_zone,
             ${weekStart(monday, sql`site.time_zone`)} as week_start,
             ${weekEnd(monday, sql`site.time_zone`)} as week_end
      from episodes e join programs p on p.id = e.program_id join sites site on site.id = p.site_id
      where e.org_id = ${orgId}::uuid and e.participant_id = ${participantId}::uuid and e.status = 'open'
      order by p.weekly_hours_minimum desc, p.id
      limit 1),
    audit as (${audit})
    select person.id, care.minimum::float8 as minimum, care.time_zone,
      (select coalesce(json_agg(json_build_array(
          (extract(epoch from own.starts_at) * 1000)::float8, (extract(epoch from own.ends_at) * 1000)::float8)
        order by own.starts_at), '[]'::json)
       from (${own}) own)::text as occurrences,
      (select coalesce(json_agg(json_build_array((extract(epoch from a.starts_at) * 1000)::float8,
          (extract(epoch from a.starts_at + a.minutes * interval '1 minute') * 1000)::float8)
        order by a.starts_at), '[]'::json)
       from attendance a
       where a.org_id = ${orgId}::uuid and a.participant_id = ${participantId}::uuid and a.minutes > 0
         and a.starts_at >= care.week_start and a.starts_at < care.week_end)::text as attended
    from person left join care on true`;
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

/** A track's group series with a scheduled occurrence on or after a local date, by their next one. */
export async function trackGroupsFrom(tx: Db, orgId: string, trackId: string, fromDate: string) {
  return resultRows<{ id: string }>(
    await tx.execute(sql`
      select s.id from session_series s
      join lateral (
        select min(o.starts_at) as next from session_occurrences o
        where o.series_id = s.id and o.status = 'scheduled' and o.local_date >= ${fromDate}::date
      ) upcoming on upcoming.next is not null
      where s.org_id = ${orgId}::uuid and s.track_id = ${trackId}::uuid and s.kind = 'group'
      order by upcoming.next, s.id`),
  );
}

/** One occurrence with its series, optionally locking the occurrence for the transaction. */
export async function findOccurrence(tx: Db, orgId: string, id: string, lock = false) {
  const query = tx
    .select({ occurrence: sessionOccurrences, series: sessionSeries })
    .from(sessionOccurrences)
    .innerJoin(sessionSeries, eq(sessionSeries.id, sessionOccurrences.seriesId))
    .where(and(eq(sessionOccurrences.orgId, orgId), eq(sessionOccurrences.id, id)));
  const [row] = lock ? await query.for('update', { of: sessionOccurrences }) : await query;
  return row;
}

/** Occurrences (with their series) by id, in time order. */
export function occurrencesById(tx: Db, orgId: string, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select({ occurrence: sessionOccurrences, series: sessionSeries })
    .from(sessionOccurrences)
    .innerJoin(sessionSeries, eq(sessionSeries.id, sessionOccurrences.seriesId))
    .where(and(eq(sessionOccurrences.orgId, orgId), inArray(sessionOccurrences.id, ids)))
    .orderBy(asc(sessionOccurrences.startsAt));
}

/** The scheduled occurrences on a local date at one site (or at every site when none is given). */
export async function occurrencesOnDate(
  tx: Db,
  orgId: string,
  date: string,
  siteId: string | null,
): Promise<string[]> {
  const rows = resultRows<{ id: string }>(
    await tx.execute(sql`
      select o.id from session_occurrences o
      join session_series s on s.id = o.series_id
      join programs p on p.id = s.program_id
      where o.org_id = ${orgId}::uuid and o.local_date = ${date}::date and o.status = 'scheduled'
        and (${siteId}::uuid is null or p.site_id = ${siteId}::uuid)`),
  );
  return rows.map((row) => row.id);
}

/** Marks occurrences cancelled with a reason; `by` is null when no person did it (a closure). */
export async function cancelOccurrences(
  tx: Db,
  orgId: string,
  ids: string[],
  reason: string,
  by: string | null,
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(sessionOccurrences)
    .set({ status: 'cancelled', cancelReason: reason, cancelledBy: by, cancelledAt: new Date() })
    .where(and(eq(sessionOccurrences.orgId, orgId), inArray(sessionOccurrences.id, ids)));
}

export type MakeupRow = typeof makeupBookings.$inferSelect;

/** Cancels the make-ups booked into the given occurrences; returns how many. */
export async function cancelMakeupsInto(tx: Db, orgId: string, occurrenceIds: string[], by: string) {
  if (occurrenceIds.length === 0) return 0;
  const rows = await tx
    .update(makeupBookings)
    .set({ status: 'cancelled', cancelledBy: by, cancelledAt: new Date() })
    .where(
      and(
        eq(makeupBookings.orgId, orgId),
        inArray(makeupBookings.occurrenceId, occurrenceIds),
        eq(makeupBookings.status, 'booked'),
      ),
    )
    .returning({ id: makeupBookings.id });
  return rows.length;
}

export async function insertMakeup(tx: Db, values: typeof makeupBookings.$inferInsert): Promise<MakeupRow> {
  const [row] = await tx.insert(makeupBookings).values(values).returning();
  if (!row) throw new Error('make-up not stored');
  return row;
}

export async function findMakeup(tx: Db, orgId: string, id: string): Promise<MakeupRow | undefined> {
  const [row] = await tx
    .select()
    .from(makeupBookings)
    .where(and(eq(makeupBookings.orgId, orgId), eq(makeupBookings.id, id)));
  return row;
}

/** The booked make-up for a participant's missed occurrence, if there is one. */
export async function makeupFor(tx: Db, orgId: string, participantId: string, missedOccurrenceId: string) {
  const [row] = await tx
    .select()
    .from(makeupBookings)
    .where(
      and(
        eq(makeupBookings.orgId, orgId),
        eq(makeupBookings.participantId, participantId),
        eq(makeupBookings.missedOccurrenceId, missedOccurrenceId),
        eq(makeupBookings.status, 'booked'),
      ),
    );
  return row;
}

export async function setMakeupCancelled(tx: Db, orgId: string, id: string, by: string): Promise<void> {
  await tx
    .update(makeupBookings)
    .set({ status: 'cancelled', cancelledBy: by, cancelledAt: new Date() })
    .where(and(eq(makeupBookings.orgId, orgId), eq(makeupBookings.id, id)));
}

/** The participant's first booked make-up into an occurrence of the series on or after a local date. */
export async function makeupIntoSeries(
  tx: Db,
  orgId: string,
  participantId: string,
  seriesId: string,
  fromDate: string,
): Promise<{ localDate: string } | undefined> {
  const [row] = await tx
    .select({ localDate: sessionOccurrences.localDate })
    .from(makeupBookings)
    .innerJoin(sessionOccurrences, eq(sessionOccurrences.id, makeupBookings.occurrenceId))
    .where(
      and(
        eq(makeupBookings.orgId, orgId),
        eq(makeupBookings.participantId, participantId),
        eq(makeupBookings.status, 'booked'),
        eq(sessionOccurrences.seriesId, seriesId),
        gte(sessionOccurrences.localDate, fromDate),
      ),
    )
    .orderBy(asc(sessionOccurrences.localDate))
    .limit(1);
  return row;
}

/** A participant's make-ups, newest first. */
export function makeupsOf(tx: Db, orgId: string, participantId: string) {
  return tx
    .select()
    .from(makeupBookings)
    .where(and(eq(makeupBookings.orgId, orgId), eq(makeupBookings.participantId, participantId)))
    .orderBy(desc(makeupBookings.createdAt), desc(makeupBookings.id))
    .limit(200);
}

/**
 * Scheduled group and make-up occurrences of a program starting in [from, to), in time order, for
 * make-up options (at most `limit`); optionally only those teaching one of `moduleIds`.
 */
export function programOccurrences(
  tx: Db,
  orgId: string,
  programId: string,
  window: { from: Date; to: Date },
  options: { moduleIds?: string[]; limit?: number } = {},
) {
  return tx
    .select({ occurrence: sessionOccurrences, series: sessionSeries })
    .from(sessionOccurrences)
    .innerJoin(sessionSeries, eq(sessionSeries.id, sessionOccurrences.seriesId))
    .where(
      and(
        eq(sessionOccurrences.orgId, orgId),
        eq(sessionSeries.programId, programId),
        inArray(sessionSeries.kind, ['group', 'makeup']),
        eq(sessionOccurrences.status, 'scheduled'),
        gte(sessionOccurrences.startsAt, window.from),
        lt(sessionOccurrences.startsAt, window.to),
        options.moduleIds ? inArray(sessionOccurrences.moduleId, options.moduleIds) : undefined,
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt), asc(sessionOccurrences.id))
    .limit(options.limit ?? 500);
}
