import { daysToAdmission, type Referral, type ReferralSource, type ReferralStatus } from '@stepwise/core';
import { and, asc, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database.js';
import { episodes, participants, referralStatusChanges, referrals, users } from '../../db/schema.js';

export type ReferralRow = typeof referrals.$inferSelect;

export async function insertReferral(tx: Db, values: typeof referrals.$inferInsert): Promise<ReferralRow> {
  const [row] = await tx.insert(referrals).values(values).returning();
  if (!row) throw new Error('referral not stored');
  return row;
}

export async function insertStatusChange(
  tx: Db,
  orgId: string,
  change: { referralId: string; status: ReferralStatus; note: string | null; changedBy: string },
): Promise<void> {
  await tx.insert(referralStatusChanges).values({ orgId, ...change });
}

/** Locks the referral row for a status change, so two people moving it at once cannot both win. */
export async function lockReferral(tx: Db, orgId: string, id: string): Promise<ReferralRow | undefined> {
  const [row] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.orgId, orgId), eq(referrals.id, id)))
    .for('update');
  return row;
}

export async function updateReferral(
  tx: Db,
  orgId: string,
  id: string,
  values: Partial<typeof referrals.$inferInsert>,
): Promise<void> {
  await tx
    .update(referrals)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(referrals.orgId, orgId), eq(referrals.id, id)));
}

const owner = alias(users, 'owner');

async function present(tx: Db, orgId: string, rows: ReferralRow[]): Promise<Referral[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  // One query per kind of detail for the whole page, not per referral.
  const names = await tx
    .select({
      id: participants.id,
      givenName: participants.givenName,
      preferredName: participants.preferredName,
      familyName: participants.familyName,
    })
    .from(participants)
    .where(
      and(
        eq(participants.orgId, orgId),
        inArray(
          participants.id,
          rows.map((row) => row.participantId),
        ),
      ),
    );
  const ownerIds = rows.flatMap((row) => (row.ownerId ? [row.ownerId] : []));
  const owners = ownerIds.length
    ? await tx
        .select({ id: owner.id, name: owner.displayName })
        .from(owner)
        .where(and(eq(owner.orgId, orgId), inArray(owner.id, ownerIds)))
    : [];
  const episodeRows = await tx
    .select({ id: episodes.id, referralId: episodes.referralId })
    .from(episodes)
    .where(and(eq(episodes.orgId, orgId), inArray(episodes.referralId, ids)));
  const history = await tx
    .select({ change: referralStatusChanges, byName: users.displayName })
    .from(referralStatusChanges)
    .innerJoin(users, eq(users.id, referralStatusChanges.changedBy))
    .where(and(eq(referralStatusChanges.orgId, orgId), inArray(referralStatusChanges.referralId, ids)))
    .orderBy(asc(referralStatusChanges.changedAt), asc(referralStatusChanges.id));
  const nameOf = new Map(
    names.map((row) => [row.id, `${row.preferredName ?? row.givenName} ${row.familyName}`] as const),
  );
  const ownerOf = new Map(owners.map((row) => [row.id, row.name] as const));
  const episodeOf = new Map(episodeRows.map((row) => [row.referralId, row.id] as const));
  return rows.map((row) => ({
    id: row.id,
    participantId: row.participantId,
    participantName: nameOf.get(row.participantId) ?? '',
    source: row.source as ReferralSource,
    referrerName: row.referrerName,
    referrerContact: row.referrerContact,
    reason: row.reason,
    programId: row.programId,
    owner: row.ownerId ? { id: row.ownerId, name: ownerOf.get(row.ownerId) ?? '' } : null,
    status: row.status as ReferralStatus,
    receivedOn: row.receivedOn,
    statusChangedAt: row.statusChangedAt.toISOString(),
    referredOutTo: row.referredOutTo,
    closingReason: row.closingReason,
    admittedOn: row.admittedOn,
    daysToAdmission: row.admittedOn ? daysToAdmission(row.receivedOn, row.admittedOn) : null,
    episodeId: episodeOf.get(row.id) ?? null,
    history: history
      .filter(({ change }) => change.referralId === row.id)
      .map(({ change, byName }) => ({
        status: change.status as ReferralStatus,
        at: change.changedAt.toISOString(),
        by: { id: change.changedBy, name: byName },
        note: change.note,
      })),
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function findReferral(tx: Db, orgId: string, id: string): Promise<Referral | undefined> {
  const rows = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.orgId, orgId), eq(referrals.id, id)));
  const [referral] = await present(tx, orgId, rows);
  return referral;
}

const closed: ReferralStatus[] = ['admitted', 'referred_out', 'declined'];

/** The board: oldest referral first within each status, so what has waited longest is seen first. */
export async function listReferrals(
  tx: Db,
  orgId: string,
  filter: { status?: ReferralStatus; open?: boolean; participantId?: string; limit: number },
): Promise<Referral[]> {
  const conditions: (SQL | undefined)[] = [
    eq(referrals.orgId, orgId),
    filter.status ? eq(referrals.status, filter.status) : undefined,
    filter.participantId ? eq(referrals.participantId, filter.participantId) : undefined,
    filter.open === true ? notInArray(referrals.status, closed) : undefined,
    filter.open === false ? inArray(referrals.status, closed) : undefined,
  ];
  const rows = await tx
    .select()
    .from(referrals)
    .where(and(...conditions))
    .orderBy(
      filter.open === false ? desc(referrals.statusChangedAt) : asc(referrals.receivedOn),
      asc(referrals.createdAt),
      asc(referrals.id),
    )
    .limit(filter.limit);
  return present(tx, orgId, rows);
}
