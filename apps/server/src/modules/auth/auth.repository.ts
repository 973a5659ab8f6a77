import type { AccountKind, Role } from '@stepwise/core';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { apiTokens, loginFailures, organisations, sessions, users } from '../../db/schema.js';

/*
 * Authentication runs before any organisation is known, so the lookups marked "system" below run as
 * the database owner and deliberately bypass row-level security. They match on a secret's hash or an
 * email and return one account; nothing else reads this way.
 */

export interface AccountRow {
  userId: string;
  orgId: string;
  email: string;
  displayName: string;
  kind: AccountKind;
  roles: Role[];
  participantId: string | null;
  contactId: string | null;
  passwordHash: string;
  mfaSecret: string | null;
  mfaEnabled: boolean;
  mfaExempt: boolean;
  mfaLastStep: number | null;
  active: boolean;
  orgName: string;
  orgIsDemo: boolean;
  mfaRequiredRoles: Role[];
}

const accountColumns = {
  userId: users.id,
  orgId: users.orgId,
  email: users.email,
  displayName: users.displayName,
  kind: users.kind,
  roles: users.roles,
  participantId: users.participantId,
  contactId: users.contactId,
  passwordHash: users.passwordHash,
  mfaSecret: users.mfaSecret,
  mfaEnabled: users.mfaEnabled,
  mfaExempt: users.mfaExempt,
  mfaLastStep: users.mfaLastStep,
  active: users.active,
  orgName: organisations.name,
  orgIsDemo: organisations.isDemo,
  mfaRequiredRoles: organisations.mfaRequiredRoles,
};

/** System: the account with this email, with its organisation. */
export async function findAccountByEmail(db: Db, email: string): Promise<AccountRow | undefined> {
  const rows = await db
    .select(accountColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.email, email))
    .limit(1);
  return rows[0] as AccountRow | undefined;
}

export interface SessionRow extends AccountRow {
  sessionId: string;
  csrfToken: string;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** System: a live session by token hash: not past its absolute expiry nor idle too long. */
export async function findLiveSession(
  db: Db,
  tokenHash: string,
  idleSeconds: number,
): Promise<SessionRow | undefined> {
  const rows = await db
    .select({
      ...accountColumns,
      sessionId: sessions.id,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, sql`now()`),
        gt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${idleSeconds})`),
        eq(users.active, true),
      ),
    )
    .limit(1);
  return rows[0] as SessionRow | undefined;
}

/** System: marks a session as seen now. */
export async function touchSession(db: Db, sessionId: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

/** System: removes a session (sign-out, or an idle one found on use). */
export async function deleteSessionByHash(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export interface TokenRow extends AccountRow {
  tokenId: string;
  tokenRole: Role;
  lastUsedAt: Date | null;
}

/** System: a valid API token by hash: not revoked, not expired, its user active. */
export async function findLiveToken(db: Db, tokenHash: string): Promise<TokenRow | undefined> {
  const rows = await db
    .select({
      ...accountColumns,
      tokenId: apiTokens.id,
      tokenRole: apiTokens.role,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(
      and(
        eq(apiTokens.tokenHash, tokenHash),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, sql`now()`),
        eq(users.active, true),
      ),
    )
    .limit(1);
  return rows[0] as TokenRow | undefined;
}

/** System: records that a token was used. */
export async function touchToken(db: Db, tokenId: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: sql`now()` }).where(eq(apiTokens.id, tokenId));
}

/** System: failed sign-ins within the window, per email hash and per address. */
export async function countRecentFailures(
  db: Db,
  emailHash: string,
  ip: string,
  windowSeconds: number,
): Promise<{ forAccount: number; forAddress: number }> {
  const since = sql`now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .select({
      forAccount: sql<number>`count(*) filter (where ${loginFailures.emailHash} = ${emailHash})`.mapWith(
        Number,
      ),
      forAddress: sql<number>`count(*) filter (where ${loginFailures.ip} = ${ip})`.mapWith(Number),
    })
    .from(loginFailures)
    .where(
      and(
        gt(loginFailures.failedAt, since),
        sql`(${loginFailures.emailHash} = ${emailHash} or ${loginFailures.ip} = ${ip})`,
      ),
    );
  return { forAccount: row?.forAccount ?? 0, forAddress: row?.forAddress ?? 0 };
}

/** System: records a failed sign-in. */
export async function recordFailure(db: Db, emailHash: string, ip: string): Promise<void> {
  await db.insert(loginFailures).values({ emailHash, ip });
}

/** System: forgets an account's failures after it signs in successfully. */
export async function clearFailures(db: Db, emailHash: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.emailHash, emailHash));
}

/** System: deletes sessions past their absolute expiry or idle beyond the limit; returns how many. */
export async function deleteExpiredSessions(db: Db, idleSeconds: number): Promise<number> {
  const deleted = await db
    .delete(sessions)
    .where(
      sql`${sessions.expiresAt} <= now() or ${sessions.lastSeenAt} <= now() - make_interval(secs => ${idleSeconds})`,
    )
    .returning({ id: sessions.id });
  return deleted.length;
}

/** System: deletes throttling records older than a day. */
export async function deleteOldFailures(db: Db): Promise<void> {
  await db.delete(loginFailures).where(lt(loginFailures.failedAt, sql`now() - interval '1 day'`));
}
