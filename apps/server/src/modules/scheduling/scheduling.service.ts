import {
  type AvailabilityInput,
  addDays,
  availabilityProblem,
  type BelowMinimum,
  type BlackoutReason,
  blackoutReasonLabels,
  type Closure,
  type Enrolment,
  type EnrolmentInput,
  instantToZoned,
  isoWeekDates,
  isoWeekOf,
  occurrencesBetween,
  type Room,
  type Session,
  type SessionModality,
  type SessionSeries,
  type SessionSeriesInput,
  sessionModalityLabels,
  staffAvailabilityProblem,
  type WeekHours,
  type WeeklyWindow,
  weekBounds,
  weekdayNames,
  weekHours,
  zonedToInstant,
} from '@stepwise/core';
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { closures, rooms } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { auditInsertSql, recordAudit } from '../audit/audit-log.js';
import { rotateSeries, rotateSeriesOfOccurrences } from '../curriculum/rotation.js';
import { openEpisodesInProgram, openEpisodesOf, requireOpenEpisode } from '../episodes/episodes.service.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireActiveStaff } from '../staff/staff.service.js';
import { requireProgram, requireSite, requireTrack } from '../structure/structure.service.js';
import * as repo from './scheduling.repository.js';

/** How far ahead a series' occurrences exist (26 weeks); a later job keeps the horizon moving. */
export const horizonDays = 182;

export function createRoom(
  ctx: ServiceContext,
  input: { siteId: string; name: string; capacity?: number | undefined },
): Promise<Room> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireSite(tx, ctx.actor.orgId, input.siteId, 'siteId');
    const [row] = await tx
      .insert(rooms)
      .values({
        orgId: ctx.actor.orgId,
        siteId: input.siteId,
        name: input.name,
        capacity: input.capacity ?? null,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) throw new AppError('conflict', `the site already has a room named "${input.name}"`);
    await recordAudit(tx, ctx, { action: 'room.created', subjectType: 'room', subjectId: row.id });
    return repo.toRoom(row);
  });
}

export function listRooms(ctx: ServiceContext): Promise<{ items: Room[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = await tx
      .select()
      .from(rooms)
      .where(eq(rooms.orgId, ctx.actor.orgId))
      .orderBy(rooms.name, rooms.id);
    return { items: rows.map(repo.toRoom) };
  });
}

export function createClosure(
  ctx: ServiceContext,
  input: { date: string; name: string; siteId?: string | null | undefined },
) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    if (input.siteId) await requireSite(tx, ctx.actor.orgId, input.siteId, 'siteId');
    const [row] = await tx
      .insert(closures)
      .values({ orgId: ctx.actor.orgId, date: input.date, name: input.name, siteId: input.siteId ?? null })
      .returning();
    if (!row) throw new Error('closure not stored');
    // Sessions already scheduled that day are cancelled with the closure's name as the reason.
    await repo.lockSchedule(tx, ctx.actor.orgId);
    const affected = await repo.occurrencesOnDate(tx, ctx.actor.orgId, input.date, input.siteId ?? null);
    await repo.cancelOccurrences(tx, ctx.actor.orgId, affected, `Closed: ${input.name}`, null);
    await repo.cancelMakeupsInto(tx, ctx.actor.orgId, affected, ctx.actor.userId);
    await rotateSeriesOfOccurrences(tx, ctx.actor.orgId, affected);
    await recordAudit(tx, ctx, {
      action: 'closure.created',
      subjectType: 'closure',
      subjectId: row.id,
      details: { cancelledSessions: affected.length },
    });
    return {
      id: row.id,
      date: row.date,
      name: row.name,
      siteId: row.siteId,
      cancelledSessions: affected.length,
    };
  });
}

/**
 * The organisation's closures from a date on, by date (at most 200); when no date is given, from
 * yesterday in UTC, so that today is included wherever a site is.
 */
export function listClosures(ctx: ServiceContext, from: string | undefined): Promise<{ items: Closure[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = await tx
      .select()
      .from(closures)
      .where(
        and(
          eq(closures.orgId, ctx.actor.orgId),
          gte(closures.date, from ?? addDays(new Date().toISOString().slice(0, 10), -1)),
        ),
      )
      .orderBy(asc(closures.date), asc(closures.id))
      .limit(200);
    return { items: rows.map((row) => ({ id: row.id, date: row.date, name: row.name, siteId: row.siteId })) };
  });
}

/** "2026-03-05 18:00–21:00" in the zone given. */
export const timeRange = (start: Date, end: Date, zone: string) =>
  `${instantToZoned(start, zone).date} ${instantToZoned(start, zone).time}–${instantToZoned(end, zone).time}`;

/**
 * Schedules a session or a recurring series in a program: its occurrences for the coming 26 weeks,
 * in the site's zone, skipping exceptions and closures. Refused with 409, naming the first clash, when
 * a facilitator or the room is already booked at any of those times.
 */
export function createSeries(
  ctx: ServiceContext,
  programId: string,
  input: SessionSeriesInput,
): Promise<SessionSeries> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const program = await requireProgram(tx, orgId, programId);
    const site = await requireSite(tx, orgId, program.siteId, 'programId');
    if (input.trackId) {
      const track = await requireTrack(tx, orgId, input.trackId, 'trackId');
      if (track.programId !== program.id)
        throw invalidField('trackId', 'the track belongs to another program');
    }
    const capacity =
      input.capacity ??
      (input.kind === 'individual' ? 1 : input.kind === 'family' ? 6 : program.groupCapacity);
    if (input.roomId) {
      const room = await repo.findRoom(tx, orgId, input.roomId);
      if (!room) throw invalidField('roomId', 'no such room in this organisation');
      if (room.siteId !== site.id) throw invalidField('roomId', 'the room is at another site');
      if (room.capacity !== null && room.capacity < capacity) {
        throw invalidField('capacity', `${room.name} holds ${room.capacity}; the session is for ${capacity}`);
      }
    }
    const facilitatorIds = [...new Set(input.facilitatorIds)];
    const facilitators = [];
    for (const [index, id] of facilitatorIds.entries()) {
      facilitators.push(await requireActiveStaff(tx, orgId, id, `facilitatorIds.${index}`));
    }

    await repo.lockSchedule(tx, orgId);
    const until = addDays(input.startDate, horizonDays);
    const closed = await repo.closedDates(tx, orgId, site.id, input.startDate, until);
    const pattern = {
      startDate: input.startDate,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      rrule: input.rrule ?? null,
      exceptions: input.exceptions,
      timeZone: site.timeZone,
    };
    const occurrences = occurrencesBetween(
      pattern,
      zonedToInstant(input.startDate, '00:00', site.timeZone),
      zonedToInstant(until, '00:00', site.timeZone),
      closed,
    );
    if (occurrences.length === 0) {
      throw invalidField(
        'rrule',
        'no session falls in the next 26 weeks on these dates (check exceptions and closures)',
      );
    }
    const [clash] = await repo.clashes(tx, orgId, occurrences, {
      roomId: input.roomId ?? null,
      facilitatorIds,
    });
    if (clash) {
      const busy = facilitators.find((member) => clash.facilitatorIds.includes(member.id));
      const who = busy ? `${busy.name} is` : `${clash.roomName ?? 'The room'} is`;
      throw new AppError(
        'conflict',
        `${who} already booked ${timeRange(clash.startsAt, clash.endsAt, clash.timeZone)}`,
        { date: clash.localDate, resource: busy ? 'facilitator' : 'room' },
      );
    }
    for (const member of facilitators) {
      const { workingHours, leave } = await repo.staffWeek(tx, orgId, member.id);
      for (const occurrence of occurrences) {
        const problem = staffAvailabilityProblem(
          localOccurrence(occurrence, site.timeZone),
          workingHours,
          leave,
        );
        if (problem) {
          throw new AppError('conflict', `${member.name} is ${problem}`, {
            date: occurrence.localDate,
            resource: 'facilitator',
          });
        }
      }
    }
    const series = await repo.insertSeries(tx, {
      orgId,
      programId: program.id,
      trackId: input.trackId ?? null,
      kind: input.kind,
      modality: input.modality,
      topic: input.topic ?? null,
      roomId: input.roomId ?? null,
      telehealthUrl: input.telehealthUrl ?? null,
      facilitatorIds,
      capacity,
      startDate: input.startDate,
      startTime: input.startTime,
      durationMinutes: input.durationMinutes,
      rrule: input.rrule ?? null,
      exceptions: [...new Set(input.exceptions)],
      timeZone: site.timeZone,
      materialisedUntil: until,
      createdBy: ctx.actor.userId,
    });
    await repo.insertOccurrences(
      tx,
      occurrences.map((occurrence) => ({
        orgId,
        seriesId: series.id,
        localDate: occurrence.localDate,
        startsAt: occurrence.start,
        endsAt: occurrence.end,
        roomId: input.roomId ?? null,
        facilitatorIds,
      })),
    );
    // A new series teaches the curriculum from its first session, even one already past.
    await rotateSeries(tx, orgId, [series.id], new Date(0));
    await recordAudit(tx, ctx, {
      action: 'session_series.created',
      subjectType: 'session_series',
      subjectId: series.id,
      details: { programId: program.id, occurrences: occurrences.length },
    });
    return repo.presentSeries(tx, orgId, series);
  });
}

export function getSeries(ctx: ServiceContext, id: string): Promise<SessionSeries> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findSeries(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('session series');
    return repo.presentSeries(tx, ctx.actor.orgId, row);
  });
}

/**
 * A program's sessions in an ISO week, in the site's zone, optionally of one track, room or
 * facilitator, as the JSON text of the response: one statement, shared with concurrent requests
 * (db/shared-trips.ts). It names no participant, so records no audit event.
 */
export async function programCalendarJson(
  ctx: ServiceContext,
  programId: string,
  query: { week: string; trackId?: string; roomId?: string; facilitatorId?: string },
): Promise<string> {
  const monday = isoWeekDates(query.week)?.[0];
  if (!monday) throw invalidField('week', 'must be an ISO week such as 2026-W10');
  const [rows = []] = await ctx.sharedTrips.run(ctx.actor.orgId, [
    repo.calendarJsonSql(ctx.actor.orgId, programId, monday, query),
  ]);
  const [row] = rows;
  if (!row) throw notFound('program');
  return `{"week":${JSON.stringify(query.week)},"timeZone":${JSON.stringify(row.time_zone)},"items":${row.items}}`;
}

/**
 * Enrols an episode in a series from a local date on: a seat while the series has one, else a place
 * on its waitlist. Refused (409) when the participant is already in it, one of their other sessions
 * overlaps, or a session falls outside their availability (allowed with an override reason, kept).
 */
export function enrol(ctx: ServiceContext, seriesId: string, input: EnrolmentInput): Promise<Enrolment> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const series = await repo.lockSeries(tx, ctx.actor.orgId, seriesId);
    if (!series) throw notFound('session series');
    const episode = await requireOpenEpisode(tx, ctx.actor.orgId, input.episodeId, 'episodeId');
    if (episode.programId !== series.programId) {
      throw invalidField('episodeId', 'the episode is in another program than this session');
    }
    if (await repo.activeEnrolment(tx, ctx.actor.orgId, series.id, episode.id)) {
      throw new AppError('conflict', 'the participant is already enrolled or waitlisted in this session');
    }
    return enrolIn(tx, ctx, series, episode, input);
  });
}

/**
 * Enrols an episode in every group of a track at once (one transaction): a seat in each that has one,
 * a waitlist place in each that is full. Groups the participant is already in are left as they are.
 * If any group clashes with their other sessions or their availability (without an override reason),
 * nothing is enrolled and the 409 names the group.
 */
export function enrolInTrack(
  ctx: ServiceContext,
  trackId: string,
  input: EnrolmentInput,
): Promise<{ items: Enrolment[]; alreadyIn: string[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const track = await requireTrack(tx, orgId, trackId);
    const episode = await requireOpenEpisode(tx, orgId, input.episodeId, 'episodeId');
    if (episode.programId !== track.programId) {
      throw invalidField('episodeId', 'the episode is in another program than this track');
    }
    const site = await requireSite(
      tx,
      orgId,
      (await requireProgram(tx, orgId, track.programId)).siteId,
      'trackId',
    );
    const fromDate = input.fromDate ?? instantToZoned(new Date(), site.timeZone).date;
    const groups = await repo.trackGroupsFrom(tx, orgId, track.id, fromDate);
    if (groups.length === 0) {
      throw new AppError('conflict', `the track has no groups scheduled from ${fromDate} on`);
    }
    const items: Enrolment[] = [];
    const alreadyIn: string[] = [];
    for (const group of groups) {
      const series = await repo.lockSeries(tx, orgId, group.id);
      if (!series) throw notFound('session series');
      if (await repo.activeEnrolment(tx, orgId, series.id, episode.id)) {
        alreadyIn.push(series.id);
        continue;
      }
      try {
        items.push(await enrolIn(tx, ctx, series, episode, { ...input, fromDate }));
      } catch (error) {
        if (error instanceof AppError && error.code === 'conflict') {
          throw new AppError(
            'conflict',
            `${sessionModalityLabels[series.modality as SessionModality]} (${seriesWhen(series)}): ${error.message}`,
            error.details,
          );
        }
        throw error;
      }
    }
    return { items, alreadyIn };
  });
}

/** "Tue/Thu 18:00" or "2026-03-03 18:00": when a series meets, in words. */
function seriesWhen(series: repo.SeriesRow): string {
  const days = /BYDAY=([A-Z,]+)/.exec(series.rrule ?? '')?.[1];
  const start = series.startTime.slice(0, 5);
  if (!days) return `${series.startDate} ${start}`;
  const names: Record<string, string> = {
    MO: 'Mon',
    TU: 'Tue',
    WE: 'Wed',
    TH: 'Thu',
    FR: 'Fri',
    SA: 'Sat',
    SU: 'Sun',
  };
  return `${days
    .split(',')
    .map((day) => names[day] ?? day)
    .join('/')} ${start}`;
}

/**
 * Enrols an episode in a locked series from a local date on: a seat while the series has one, else a
 * place on its waitlist. Refused (409) when one of the participant's other sessions overlaps, or a
 * session falls outside their availability (allowed with an override reason, kept).
 */
async function enrolIn(
  tx: Db,
  ctx: ServiceContext,
  series: repo.SeriesRow,
  episode: { id: string; participantId: string; startDate: string },
  input: EnrolmentInput,
): Promise<Enrolment> {
  const orgId = ctx.actor.orgId;
  const participant = await requireParticipant(tx, orgId, episode.participantId);
  // Today where the sessions happen: an enrolment made on a Chicago evening includes that evening.
  const fromDate = input.fromDate ?? instantToZoned(new Date(), series.timeZone).date;
  if (fromDate < episode.startDate) throw invalidField('fromDate', 'cannot be before the episode starts');
  await repo.lockSchedule(tx, orgId);
  const seats = await repo.countEnrolled(tx, orgId, series.id);
  const status = seats < series.capacity ? 'enrolled' : 'waitlisted';
  const override = input.availabilityOverride ?? null;
  const blocked = await obstacle(tx, orgId, participant.id, series, fromDate, override);
  // A waitlisted person may have another session at this time today; they are checked again when offered a seat.
  if (blocked && (status === 'enrolled' || blocked.kind === 'availability')) {
    throw new AppError(
      'conflict',
      blocked.kind === 'availability'
        ? `${blocked.message}; give availabilityOverride with a reason to enrol anyway`
        : blocked.message,
      { date: blocked.date, resource: blocked.kind },
    );
  }
  const row = await repo.insertEnrolment(tx, {
    orgId,
    seriesId: series.id,
    episodeId: episode.id,
    participantId: participant.id,
    status,
    fromDate,
    waitlistedAt: status === 'waitlisted' ? new Date() : null,
    availabilityOverride: override,
    createdBy: ctx.actor.userId,
  });
  await recordAudit(tx, ctx, {
    action: 'enrolment.created',
    subjectType: 'session_series',
    subjectId: series.id,
    participantId: participant.id,
    details: { status },
  });
  const position =
    status === 'waitlisted'
      ? ((await repo.roster(tx, orgId, series.id)).find((item) => item.id === row.id)?.waitlistPosition ??
        null)
      : null;
  return repo.toEnrolment(row, participant.displayName, position);
}

/**
 * What stops the participant attending the series from `fromDate`: one of their other sessions
 * overlapping (always refused), or a session outside their availability or in a blackout (refused
 * unless an override reason is given). Named by time and reason only.
 */
async function obstacle(
  tx: Db,
  orgId: string,
  participantId: string,
  series: repo.SeriesRow,
  fromDate: string,
  override: string | null,
): Promise<{ message: string; kind: 'participant' | 'availability'; date: string } | null> {
  const wanted = await repo.seriesOccurrencesFrom(tx, orgId, series.id, fromDate);
  const first = wanted[0];
  const last = wanted.at(-1);
  if (!first || !last) return null;
  const makeup = await repo.makeupIntoSeries(tx, orgId, participantId, series.id, fromDate);
  if (makeup) {
    return {
      message: `the participant has a make-up booked in this group on ${makeup.localDate}; cancel it to enrol`,
      kind: 'participant',
      date: makeup.localDate,
    };
  }
  const theirs = await repo.enrolledOccurrences(
    tx,
    orgId,
    [participantId],
    { from: first.start, to: last.end },
    { exceptSeriesId: series.id },
  );
  for (const mine of wanted) {
    const clash = theirs.find((other) => other.start < mine.end && other.end > mine.start);
    if (clash) {
      return {
        message: `the participant already has a session ${timeRange(clash.start, clash.end, clash.timeZone)}`,
        kind: 'participant',
        date: clash.localDate,
      };
    }
  }
  if (override) return null;
  const week = await repo.participantWeek(tx, orgId, participantId);
  for (const mine of wanted) {
    const problem = availabilityProblem(localOccurrence(mine, series.timeZone), week.windows, week.blackouts);
    if (problem) return { message: problem, kind: 'availability', date: mine.localDate };
  }
  return null;
}

/** An occurrence in local date and times, as availability rules read it. */
export const localOccurrence = (occurrence: { localDate: string; start: Date; end: Date }, zone: string) => ({
  localDate: occurrence.localDate,
  localStart: instantToZoned(occurrence.start, zone).time,
  localEnd: instantToZoned(occurrence.end, zone).time,
});

/**
 * Takes a participant out of a series. A seat freed this way goes at once to the longest-waiting
 * person on the waitlist whose other sessions do not overlap.
 */
export function withdraw(
  ctx: ServiceContext,
  enrolmentId: string,
): Promise<{ withdrawn: Enrolment; promoted: Enrolment | null }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const found = await repo.findEnrolment(tx, orgId, enrolmentId);
    if (!found) throw notFound('enrolment');
    const series = await repo.lockSeries(tx, orgId, found.seriesId);
    if (!series) throw notFound('session series');
    if (found.status === 'withdrawn')
      throw new AppError('conflict', 'the participant has already left this session');
    await repo.lockSchedule(tx, orgId);
    await repo.setEnrolmentStatus(tx, orgId, found.id, 'withdrawn');
    const promoted = found.status === 'enrolled' ? await promoteFromWaitlist(tx, ctx, series) : null;
    await recordAudit(tx, ctx, {
      action: 'enrolment.withdrawn',
      subjectType: 'session_series',
      subjectId: series.id,
      participantId: found.participantId,
      details: { promotedParticipantId: promoted?.participantId ?? null },
    });
    const participant = await requireParticipant(tx, orgId, found.participantId);
    return {
      withdrawn: repo.toEnrolment({ ...found, status: 'withdrawn' }, participant.displayName, null),
      promoted,
    };
  });
}

/**
 * Gives a free seat of a locked series to the longest-waiting person whose week fits (someone whose
 * week no longer fits keeps their place), from today on where the series meets. Null when the series
 * is full or no one waiting fits.
 */
export async function promoteFromWaitlist(
  tx: Db,
  ctx: ServiceContext,
  series: repo.SeriesRow,
): Promise<Enrolment | null> {
  const orgId = ctx.actor.orgId;
  if ((await repo.countEnrolled(tx, orgId, series.id)) >= series.capacity) return null;
  const today = instantToZoned(new Date(), series.timeZone).date;
  for (const next of await repo.waitlist(tx, orgId, series.id)) {
    // The sessions held while they waited were never theirs.
    const fromDate = [next.fromDate, today].sort().at(-1) ?? today;
    if (await obstacle(tx, orgId, next.participantId, series, fromDate, next.availabilityOverride)) continue;
    await repo.promoteEnrolment(tx, orgId, next.id, fromDate);
    await recordAudit(tx, ctx, {
      action: 'enrolment.promoted',
      subjectType: 'session_series',
      subjectId: series.id,
      participantId: next.participantId,
    });
    const participant = await requireParticipant(tx, orgId, next.participantId);
    return repo.toEnrolment({ ...next, status: 'enrolled', fromDate }, participant.displayName, null);
  }
  return null;
}

/**
 * Cancels one occurrence (illness, weather), keeping the reason. It disappears from everyone's hours
 * and shows as cancelled in calendars and feeds; make-ups booked into it are cancelled too, so those
 * participants can be offered another.
 */
export function cancelSession(
  ctx: ServiceContext,
  occurrenceId: string,
  reason: string,
): Promise<{ session: Session; makeupsCancelled: number }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await repo.lockSchedule(tx, orgId);
    const found = await repo.findOccurrence(tx, orgId, occurrenceId);
    if (!found) throw notFound('session');
    if (found.occurrence.status === 'cancelled') {
      throw new AppError('conflict', 'the session is already cancelled');
    }
    if (found.occurrence.endsAt <= new Date()) {
      throw new AppError('conflict', 'the session has already taken place');
    }
    const expected =
      (await repo.expectedCounts(tx, orgId, [found.occurrence.id])).get(found.occurrence.id) ?? 0;
    await repo.cancelOccurrences(tx, orgId, [found.occurrence.id], reason, ctx.actor.userId);
    const makeupsCancelled = await repo.cancelMakeupsInto(tx, orgId, [found.occurrence.id], ctx.actor.userId);
    await rotateSeries(tx, orgId, [found.series.id]);
    await recordAudit(tx, ctx, {
      action: 'session.cancelled',
      subjectType: 'session',
      subjectId: found.occurrence.id,
      details: { seriesId: found.series.id, expected, makeupsCancelled },
    });
    const after = await repo.findOccurrence(tx, orgId, occurrenceId);
    if (!after) throw notFound('session');
    return { session: repo.toSession(after.occurrence, after.series, expected), makeupsCancelled };
  });
}

/** One occurrence as calendars show it; names no participant. */
export function getSession(ctx: ServiceContext, occurrenceId: string): Promise<Session> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    return (await requireSession(tx, ctx.actor.orgId, occurrenceId)).session;
  });
}

/**
 * An occurrence with its series and as calendars show it, inside another module's transaction (404
 * when unknown); `lock` holds it for the rest of the transaction (attendance taken at once).
 */
/**
 * An occurrence `o` of series `s` as the JSON of a `Session` (with its seat count), for another module's
 * statement that reads sessions along with its own data in one trip.
 */
export const sessionJsonSql = repo.sessionJson;

export async function requireSession(tx: Db, orgId: string, occurrenceId: string, lock = false) {
  const found = await repo.findOccurrence(tx, orgId, occurrenceId, lock);
  if (!found) throw notFound('session');
  const expected = (await repo.expectedCounts(tx, orgId, [occurrenceId])).get(occurrenceId) ?? 0;
  return { ...found, session: repo.toSession(found.occurrence, found.series, expected) };
}

/**
 * A participant's sessions in an ISO week (cancelled ones too, so they can be made up), in the zone of
 * their program's site; make-ups are marked.
 */
export function participantSessions(
  ctx: ServiceContext,
  participantId: string,
  week: string,
): Promise<{ week: string; timeZone: string; items: (Session & { makeup: boolean })[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const zone = await attendanceZone(tx, orgId, participantId);
    const bounds = weekBounds(week, zone);
    if (!bounds) throw invalidField('week', 'must be an ISO week such as 2026-W10');
    const own = await repo.enrolledOccurrences(
      tx,
      orgId,
      [participantId],
      { from: bounds.start, to: bounds.end },
      { includeCancelled: true },
    );
    const found = await repo.occurrencesById(
      tx,
      orgId,
      own.map((item) => item.occurrenceId),
    );
    const counts = await repo.expectedCounts(
      tx,
      orgId,
      found.map((row) => row.occurrence.id),
    );
    await recordAudit(tx, ctx, {
      action: 'participant.hours_read',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { week, sessions: true },
    });
    return {
      week,
      timeZone: zone,
      items: found.map((row) => ({
        ...repo.toSession(row.occurrence, row.series, counts.get(row.occurrence.id) ?? 0),
        makeup: own.some((item) => item.occurrenceId === row.occurrence.id && item.makeup),
      })),
    };
  });
}

/** The zone of the site of the participant's open episode (the first), or 409 when none is open. */
async function attendanceZone(tx: Db, orgId: string, participantId: string): Promise<string> {
  const [episode] = await openEpisodesOf(tx, orgId, participantId);
  if (!episode) throw new AppError('conflict', 'the participant has no open episode of care');
  const program = await requireProgram(tx, orgId, episode.programId);
  return (await requireSite(tx, orgId, program.siteId, 'programId')).timeZone;
}

export function listRoster(ctx: ServiceContext, seriesId: string): Promise<{ items: Enrolment[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const series = await repo.findSeries(tx, ctx.actor.orgId, seriesId);
    if (!series) throw notFound('session series');
    const items = await repo.roster(tx, ctx.actor.orgId, series.id);
    await recordAudit(tx, ctx, {
      action: 'enrolment.listed',
      subjectType: 'session_series',
      subjectId: series.id,
      details: { shown: items.map((item) => item.participantId) },
    });
    return { items };
  });
}

/**
 * A participant's ISO week against the weekly minimum of their program (the highest, should they have
 * open episodes in two), in that program's site zone. Reading and auditing are one statement, shared
 * with concurrent requests (db/shared-trips.ts). Attended minutes are those recorded at sessions
 * that start in the week.
 */
export async function participantHours(
  ctx: ServiceContext,
  participantId: string,
  week: string,
): Promise<WeekHours> {
  const monday = isoWeekDates(week)?.[0];
  if (!monday) throw invalidField('week', 'must be an ISO week such as 2026-W10');
  const audit = auditInsertSql(
    ctx,
    {
      action: 'participant.hours_read',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { week },
    },
    sql`care`,
  );
  const [rows = []] = await ctx.sharedTrips.run(ctx.actor.orgId, [
    repo.weekHoursSql(ctx.actor.orgId, participantId, monday, audit),
  ]);
  const [row] = rows;
  if (!row) throw notFound('participant');
  if (row.time_zone === null || row.time_zone === undefined) {
    throw new AppError(
      'conflict',
      'the participant has no open episode of care, so no weekly minimum applies',
    );
  }
  const intervals = (json: unknown) =>
    (JSON.parse(String(json)) as [number, number][]).map(([start, end]) => ({
      start: new Date(start),
      end: new Date(end),
    }));
  return weekHours({
    week,
    zone: String(row.time_zone),
    scheduled: intervals(row.occurrences),
    attended: intervals(row.attended),
    weeklyHoursMinimum: Number(row.minimum),
  });
}

/** Records a participant's weekly availability and blackouts, replacing what was there. */
export function setAvailability(ctx: ServiceContext, participantId: string, input: AvailabilityInput) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    await repo.replaceParticipantWeek(tx, ctx.actor.orgId, participantId, input);
    await recordAudit(tx, ctx, {
      action: 'availability.updated',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { windows: input.windows.length, blackouts: input.blackouts.length },
    });
    return repo.participantWeek(tx, ctx.actor.orgId, participantId);
  });
}

export function getAvailability(ctx: ServiceContext, participantId: string) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'availability.read',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
    });
    return repo.participantWeek(tx, ctx.actor.orgId, participantId);
  });
}

/** Records a staff member's weekly working hours, replacing what was there. */
export function setWorkingHours(ctx: ServiceContext, userId: string, windows: WeeklyWindow[]) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireActiveStaff(tx, ctx.actor.orgId, userId, 'id');
    await repo.replaceWorkingHours(tx, ctx.actor.orgId, userId, windows);
    await recordAudit(tx, ctx, {
      action: 'staff.working_hours_updated',
      subjectType: 'user',
      subjectId: userId,
    });
    return repo.staffWeek(tx, ctx.actor.orgId, userId);
  });
}

/** Adds a period of leave; sessions already booked in it are the scheduler's to move. */
export function addLeave(
  ctx: ServiceContext,
  userId: string,
  leave: { startDate: string; endDate: string; note?: string | null | undefined },
) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireActiveStaff(tx, ctx.actor.orgId, userId, 'id');
    await repo.insertLeave(tx, ctx.actor.orgId, userId, leave);
    await recordAudit(tx, ctx, { action: 'staff.leave_added', subjectType: 'user', subjectId: userId });
    return repo.staffWeek(tx, ctx.actor.orgId, userId);
  });
}

export function getStaffWeek(ctx: ServiceContext, userId: string) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireActiveStaff(tx, ctx.actor.orgId, userId, 'id');
    return repo.staffWeek(tx, ctx.actor.orgId, userId);
  });
}

/**
 * Everyone in the program scheduled below its weekly minimum in the week asked for (this week in the
 * site's zone when none is) and the next, with the reason in words: nothing enrolled, or hours short,
 * and the blackouts that limit their week.
 */
export function belowMinimum(
  ctx: ServiceContext,
  programId: string,
  week: string | undefined,
): Promise<{ items: BelowMinimum[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const program = await requireProgram(tx, orgId, programId);
    const site = await requireSite(tx, orgId, program.siteId, 'programId');
    const first = week ?? isoWeekOf(instantToZoned(new Date(), site.timeZone).date);
    const weeks = [first, isoWeekOf(addDays(isoWeekDates(first)?.[0] ?? '', 7))];
    const people = await openEpisodesInProgram(tx, orgId, program.id);
    const ids = people.map((person) => person.participantId);
    const blackouts = await repo.blackoutsOf(tx, orgId, ids);
    const items: BelowMinimum[] = [];
    for (const week of weeks) {
      const bounds = weekBounds(week, site.timeZone);
      if (!bounds) throw invalidField('week', 'must be an ISO week such as 2026-W10');
      const occurrences = await repo.enrolledOccurrences(tx, orgId, ids, {
        from: bounds.start,
        to: bounds.end,
      });
      for (const person of people) {
        const hours = weekHours({
          week,
          zone: site.timeZone,
          scheduled: occurrences.filter((occurrence) => occurrence.participantId === person.participantId),
          attended: [],
          weeklyHoursMinimum: program.weeklyHoursMinimum,
        });
        if (hours.meetsMinimum) continue;
        const limits = blackouts
          .filter((blackout) => blackout.participantId === person.participantId)
          .map(
            (blackout) =>
              `${weekdayNames[blackout.weekday - 1]}: ${blackoutReasonLabels[blackout.reason as BlackoutReason]}`,
          );
        const short =
          hours.scheduledMinutes === 0
            ? 'no groups scheduled this week'
            : `scheduled ${formatHours(hours.scheduledMinutes)} of ${formatHours(hours.requiredMinutes)}`;
        items.push({
          week,
          ...person,
          scheduledMinutes: hours.scheduledMinutes,
          requiredMinutes: hours.requiredMinutes,
          reason: limits.length ? `${short}; not possible: ${[...new Set(limits)].join(', ')}` : short,
        });
      }
    }
    await recordAudit(tx, ctx, {
      action: 'participant.hours_read',
      subjectType: 'program',
      subjectId: program.id,
      details: { weeks, shown: items.map((item) => item.participantId) },
    });
    return { items };
  });
}

/** Minutes as hours in words: 540 → "9 h", 570 → "9.5 h". */
const formatHours = (minutes: number) => `${Math.round((minutes / 60) * 10) / 10} h`;

/**
 * Keeps every recurring series materialised 26 weeks ahead of `now` (run by the maintenance job):
 * occurrences from where each series stopped, skipping closures and exceptions. An occurrence that
 * would now clash with a room or facilitator booked since is stored cancelled, with the reason, for
 * the scheduler to resolve rather than silently double-booking. Returns how many were added.
 */
export async function extendHorizons(
  database: Database,
  now = new Date(),
  only?: { orgId: string },
): Promise<number> {
  const target = addDays(now.toISOString().slice(0, 10), horizonDays);
  const due = await repo.seriesBehind(database.db, target, only?.orgId);
  let added = 0;
  for (const series of due) {
    added += await withOrg(database, series.orgId, async (tx) => {
      await repo.lockSchedule(tx, series.orgId);
      const program = await requireProgram(tx, series.orgId, series.programId);
      const closed = await repo.closedDates(
        tx,
        series.orgId,
        program.siteId,
        series.materialisedUntil,
        target,
      );
      const occurrences = occurrencesBetween(
        {
          startDate: series.startDate,
          startTime: series.startTime.slice(0, 5),
          durationMinutes: series.durationMinutes,
          rrule: series.rrule,
          exceptions: series.exceptions,
          timeZone: series.timeZone,
        },
        zonedToInstant(series.materialisedUntil, '00:00', series.timeZone),
        zonedToInstant(target, '00:00', series.timeZone),
        closed,
      );
      const rows = [];
      for (const occurrence of occurrences) {
        const [clash] = await repo.clashes(tx, series.orgId, [occurrence], {
          roomId: series.roomId,
          facilitatorIds: series.facilitatorIds,
        });
        rows.push({
          orgId: series.orgId,
          seriesId: series.id,
          localDate: occurrence.localDate,
          startsAt: occurrence.start,
          endsAt: occurrence.end,
          roomId: series.roomId,
          facilitatorIds: series.facilitatorIds,
          ...(clash
            ? { status: 'cancelled', cancelReason: 'room or facilitator booked by another session' }
            : {}),
        });
      }
      await repo.insertOccurrences(tx, rows);
      await repo.setMaterialisedUntil(tx, series.orgId, series.id, target);
      await rotateSeries(tx, series.orgId, [series.id], now);
      return rows.length;
    });
  }
  return added;
}
