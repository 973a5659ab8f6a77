import type { FeedEvent } from '@stepwise/core';
import { and, asc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { calendarFeeds, rooms, sessionOccurrences, sessionSeries, sites } from '../../db/schema.js';
import { enrolledOccurrences } from '../scheduling/scheduling.repository.js';

export type FeedOwner = { participantId: string } | { userId: string };

const ownedBy = (owner: FeedOwner) =>
  'participantId' in owner
    ? eq(calendarFeeds.participantId, owner.participantId)
    : eq(calendarFeeds.userId, owner.userId);

/** Revokes the owner's live link(s); returns how many. */
export async function revokeFeeds(tx: Db, orgId: string, owner: FeedOwner): Promise<number> {
  const rows = await tx
    .update(calendarFeeds)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(calendarFeeds.orgId, orgId), ownedBy(owner), isNull(calendarFeeds.revokedAt)))
    .returning({ id: calendarFeeds.id });
  return rows.length;
}

export async function insertFeed(
  tx: Db,
  orgId: string,
  owner: FeedOwner,
  values: { tokenHash: string; createdBy: string },
): Promise<string> {
  const [row] = await tx
    .insert(calendarFeeds)
    .values({
      orgId,
      participantId: 'participantId' in owner ? owner.participantId : null,
      userId: 'userId' in owner ? owner.userId : null,
      ...values,
    })
    .returning({ id: calendarFeeds.id });
  if (!row) throw new Error('calendar feed not stored');
  return row.id;
}

/**
 * The live feed with this token hash, in any organisation. Deliberately unscoped: the token is all a
 * calendar application presents, and it names the organisation; every later query is scoped to it.
 */
export async function findLiveFeed(db: Db, tokenHash: string) {
  const [row] = await db
    .select()
    .from(calendarFeeds)
    .where(and(eq(calendarFeeds.tokenHash, tokenHash), isNull(calendarFeeds.revokedAt)));
  return row;
}

/**
 * The owner's occurrences starting in [from, to), cancelled ones included (so calendars remove them):
 * a participant's from the series they are enrolled in, a staff member's from those they facilitate.
 */
export async function feedEvents(
  tx: Db,
  orgId: string,
  owner: FeedOwner,
  window: { from: Date; to: Date },
): Promise<{ events: FeedEvent[]; zones: string[] }> {
  const base = tx
    .select({
      id: sessionOccurrences.id,
      start: sessionOccurrences.startsAt,
      end: sessionOccurrences.endsAt,
      status: sessionOccurrences.status,
      telehealthUrl: sessionSeries.telehealthUrl,
      timeZone: sessionSeries.timeZone,
      roomName: rooms.name,
      siteName: sites.name,
      siteAddress: sites.address,
    })
    .from(sessionOccurrences)
    .innerJoin(sessionSeries, eq(sessionSeries.id, sessionOccurrences.seriesId))
    .leftJoin(rooms, eq(rooms.id, sessionOccurrences.roomId))
    .leftJoin(sites, eq(sites.id, rooms.siteId));
  const inWindow = and(
    eq(sessionOccurrences.orgId, orgId),
    gte(sessionOccurrences.startsAt, window.from),
    lt(sessionOccurrences.startsAt, window.to),
  );
  // A participant's own sessions: their enrolments' (cancelled ones too) and make-ups, less those made up.
  const ownIds =
    'participantId' in owner
      ? (await enrolledOccurrences(tx, orgId, [owner.participantId], window, { includeCancelled: true })).map(
          (own) => own.occurrenceId,
        )
      : [];
  const rows =
    'participantId' in owner
      ? ownIds.length === 0
        ? []
        : await base
            .where(and(inWindow, inArray(sessionOccurrences.id, ownIds)))
            .orderBy(asc(sessionOccurrences.startsAt))
      : await base
          .where(and(inWindow, sql`${sessionOccurrences.facilitatorIds} @> array[${owner.userId}]::uuid[]`))
          .orderBy(asc(sessionOccurrences.startsAt));
  return {
    events: rows.map((row) => ({
      uid: `${row.id}@stepwise`,
      start: row.start,
      end: row.end,
      location: row.roomName
        ? [row.roomName, row.siteName, row.siteAddress].filter(Boolean).join(', ')
        : null,
      telehealthUrl: row.telehealthUrl,
      cancelled: row.status === 'cancelled',
    })),
    zones: [...new Set(rows.map((row) => row.timeZone))],
  };
}
