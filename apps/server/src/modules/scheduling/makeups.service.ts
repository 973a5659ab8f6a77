import { availabilityProblem, type Makeup, type MakeupOption, type Session } from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { openEpisodesOf } from '../episodes/episodes.service.js';
import { requireParticipant } from '../participants/participants.service.js';
import * as repo from './scheduling.repository.js';
import { localOccurrence, timeRange } from './scheduling.service.js';

/*
 * Make-ups: a participant who misses one of their sessions (or whose session was cancelled) attends
 * another occurrence of the program instead. The missed one stops counting towards their weekly
 * hours and the make-up starts to; seats, clashes and availability are checked as for enrolling.
 */

/** How far past the missed session (or today, if later) make-up options are looked for. */
export const makeupWindowDays = 14;

type Found = NonNullable<Awaited<ReturnType<typeof repo.findOccurrence>>>;

/**
 * The participant's session they miss, with the open episode it belongs to: refused when it is not
 * theirs (400 naming the field) or already has a make-up (409).
 */
async function missedSession(tx: Db, orgId: string, participantId: string, missedId: string) {
  const booked = await repo.makeupFor(tx, orgId, participantId, missedId);
  if (booked) {
    throw new AppError(
      'conflict',
      'a make-up is already booked for this session; cancel it to choose another',
    );
  }
  const missed = await repo.findOccurrence(tx, orgId, missedId);
  const theirs = missed
    ? await repo.enrolledOccurrences(
        tx,
        orgId,
        [participantId],
        { from: missed.occurrence.startsAt, to: missed.occurrence.endsAt },
        { includeCancelled: true },
      )
    : [];
  if (!missed || !theirs.some((own) => own.occurrenceId === missedId && !own.makeup)) {
    throw invalidField('missedSessionId', "is not one of the participant's sessions");
  }
  const episode = (await openEpisodesOf(tx, orgId, participantId)).find(
    (open) => open.programId === missed.series.programId,
  );
  if (!episode) throw new AppError('conflict', 'the participant has no open episode in this program');
  return { missed, episodeId: episode.id };
}

/** Sessions the participant could attend in place of a missed one: seats left, no clash, same kind first. */
export function makeupOptions(
  ctx: ServiceContext,
  participantId: string,
  missedId: string,
): Promise<{ items: MakeupOption[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const { missed } = await missedSession(tx, orgId, participantId, missedId);
    const now = new Date();
    const from = now;
    const later = missed.occurrence.startsAt > now ? missed.occurrence.startsAt : now;
    const to = new Date(later.getTime() + makeupWindowDays * 86_400_000);
    const candidates = (
      await repo.programOccurrences(tx, orgId, missed.series.programId, { from, to })
    ).filter((row) => row.occurrence.id !== missedId);
    const theirs = (await repo.enrolledOccurrences(tx, orgId, [participantId], { from, to })).filter(
      (own) => own.occurrenceId !== missedId,
    );
    const counts = await repo.expectedCounts(
      tx,
      orgId,
      candidates.map((row) => row.occurrence.id),
    );
    const week = await repo.participantWeek(tx, orgId, participantId);
    const items: MakeupOption[] = [];
    for (const row of candidates) {
      const { occurrence, series } = row;
      const overlaps = theirs.some((own) => own.start < occurrence.endsAt && own.end > occurrence.startsAt);
      const expected = counts.get(occurrence.id) ?? 0;
      if (overlaps || expected >= series.capacity) continue;
      items.push({
        session: repo.toSession(occurrence, series, expected),
        seatsLeft: series.capacity - expected,
        sameModality: series.modality === missed.series.modality,
        availabilityProblem: availabilityProblem(
          localOccurrence(
            { localDate: occurrence.localDate, start: occurrence.startsAt, end: occurrence.endsAt },
            series.timeZone,
          ),
          week.windows,
          week.blackouts,
        ),
      });
    }
    items.sort(
      (a, b) =>
        Number(b.sameModality) - Number(a.sameModality) ||
        Number(a.availabilityProblem !== null) - Number(b.availabilityProblem !== null) ||
        a.session.startsAt.localeCompare(b.session.startsAt),
    );
    await recordAudit(tx, ctx, {
      action: 'makeup.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { missedSessionId: missedId, options: Math.min(items.length, 20) },
    });
    return { items: items.slice(0, 20) };
  });
}

/**
 * Books a make-up: the participant attends `sessionId` in place of `missedSessionId`. Refused (409,
 * by time only) when the session is cancelled, over, full, already theirs, overlaps another of their
 * sessions, or falls outside their availability without an override reason.
 */
export function bookMakeup(
  ctx: ServiceContext,
  participantId: string,
  input: {
    missedSessionId: string;
    sessionId: string;
    availabilityOverride?: string | undefined;
    note?: string | null | undefined;
  },
): Promise<Makeup> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    await repo.lockSchedule(tx, orgId);
    const { missed, episodeId } = await missedSession(tx, orgId, participantId, input.missedSessionId);
    const target = await repo.findOccurrence(tx, orgId, input.sessionId);
    if (!target) throw invalidField('sessionId', 'no such session in this organisation');
    if (target.series.programId !== missed.series.programId) {
      throw invalidField('sessionId', 'is in another program than the missed session');
    }
    if (target.series.kind !== 'group' && target.series.kind !== 'makeup') {
      // Someone else's individual or family session is never a make-up.
      throw invalidField('sessionId', 'must be a group or make-up session');
    }
    if (target.occurrence.id === missed.occurrence.id) {
      throw invalidField('sessionId', 'must be another session than the missed one');
    }
    const { occurrence, series } = target;
    if (occurrence.status !== 'scheduled') throw new AppError('conflict', 'that session is cancelled');
    if (occurrence.endsAt <= new Date())
      throw new AppError('conflict', 'that session has already taken place');
    await repo.lockSeries(tx, orgId, series.id);
    const theirs = await repo.enrolledOccurrences(tx, orgId, [participantId], {
      from: occurrence.startsAt,
      to: occurrence.endsAt,
    });
    if (theirs.some((own) => own.occurrenceId === occurrence.id)) {
      throw new AppError('conflict', 'the participant already attends that session');
    }
    const clash = theirs.find((own) => own.occurrenceId !== missed.occurrence.id);
    if (clash) {
      throw new AppError(
        'conflict',
        `the participant already has a session ${timeRange(clash.start, clash.end, clash.timeZone)}`,
        { date: clash.localDate, resource: 'participant' },
      );
    }
    const expected = (await repo.expectedCounts(tx, orgId, [occurrence.id])).get(occurrence.id) ?? 0;
    if (expected >= series.capacity) {
      throw new AppError('conflict', `that session is full (${series.capacity} of ${series.capacity})`);
    }
    const override = input.availabilityOverride ?? null;
    if (!override) {
      const week = await repo.participantWeek(tx, orgId, participantId);
      const problem = availabilityProblem(
        localOccurrence(
          { localDate: occurrence.localDate, start: occurrence.startsAt, end: occurrence.endsAt },
          series.timeZone,
        ),
        week.windows,
        week.blackouts,
      );
      if (problem) {
        throw new AppError('conflict', `${problem}; give availabilityOverride with a reason to book anyway`, {
          date: occurrence.localDate,
          resource: 'availability',
        });
      }
    }
    const row = await repo.insertMakeup(tx, {
      orgId,
      participantId,
      episodeId,
      missedOccurrenceId: missed.occurrence.id,
      occurrenceId: occurrence.id,
      availabilityOverride: override,
      note: input.note ?? null,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'makeup.booked',
      subjectType: 'session',
      subjectId: occurrence.id,
      participantId,
      details: { missedSessionId: missed.occurrence.id },
    });
    return present(tx, orgId, row);
  });
}

/** Cancels a booked make-up: the missed session counts as theirs again. */
export function cancelMakeup(ctx: ServiceContext, id: string): Promise<Makeup> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await repo.findMakeup(tx, orgId, id);
    if (!row) throw notFound('make-up');
    if (row.status !== 'booked') throw new AppError('conflict', 'the make-up is already cancelled');
    await repo.lockSchedule(tx, orgId);
    await repo.setMakeupCancelled(tx, orgId, row.id, ctx.actor.userId);
    await recordAudit(tx, ctx, {
      action: 'makeup.cancelled',
      subjectType: 'session',
      subjectId: row.occurrenceId,
      participantId: row.participantId,
    });
    const after = await repo.findMakeup(tx, orgId, id);
    if (!after) throw notFound('make-up');
    return present(tx, orgId, after);
  });
}

/** A participant's make-ups, booked and cancelled, newest first. */
export function listMakeups(ctx: ServiceContext, participantId: string): Promise<{ items: Makeup[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const rows = await repo.makeupsOf(tx, orgId, participantId);
    const occurrences = await repo.occurrencesById(tx, orgId, [
      ...new Set(rows.flatMap((row) => [row.missedOccurrenceId, row.occurrenceId])),
    ]);
    const sessions = await sessionsOf(tx, orgId, occurrences);
    await recordAudit(tx, ctx, {
      action: 'makeup.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
    });
    return { items: rows.map((row) => toMakeup(row, sessions)) };
  });
}

async function sessionsOf(tx: Db, orgId: string, found: Found[]): Promise<Map<string, Session>> {
  const counts = await repo.expectedCounts(
    tx,
    orgId,
    found.map((row) => row.occurrence.id),
  );
  return new Map(
    found.map((row) => [
      row.occurrence.id,
      repo.toSession(row.occurrence, row.series, counts.get(row.occurrence.id) ?? 0),
    ]),
  );
}

async function present(tx: Db, orgId: string, row: repo.MakeupRow): Promise<Makeup> {
  const found = await repo.occurrencesById(tx, orgId, [row.missedOccurrenceId, row.occurrenceId]);
  return toMakeup(row, await sessionsOf(tx, orgId, found));
}

function toMakeup(row: repo.MakeupRow, sessions: Map<string, Session>): Makeup {
  const missed = sessions.get(row.missedOccurrenceId);
  const session = sessions.get(row.occurrenceId);
  if (!missed || !session) throw new Error('make-up without its sessions');
  return {
    id: row.id,
    participantId: row.participantId,
    episodeId: row.episodeId,
    status: row.status as Makeup['status'],
    missed,
    session,
    availabilityOverride: row.availabilityOverride,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}
