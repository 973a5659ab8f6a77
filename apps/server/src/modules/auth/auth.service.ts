import {
  type ApiToken,
  type ApiTokenInput,
  type LoginInput,
  type Me,
  type Role,
  rolePermissions,
} from '@stepwise/core';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { apiTokens, sessions, users } from '../../db/schema.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { Actor, RequestMeta, ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import {
  type AccountRow,
  clearFailures,
  countRecentFailures,
  deleteSessionByHash,
  findAccountByEmail,
  findLiveSession,
  findLiveToken,
  recordFailure,
  touchSession,
  touchToken,
} from './auth.repository.js';
import { hashPassword, randomSecret, sha256, verifyAgainstDummy, verifyPassword } from './secrets.js';
import type { SessionCache } from './session-cache.js';
import { newTotpSecret, verifyTotp } from './totp.js';

const failureWindowSeconds = 15 * 60;

interface Deps {
  database: Database;
  config: Config;
}

function actorFrom(
  row: AccountRow,
  extra: Pick<Actor, 'sessionId' | 'tokenId' | 'csrfToken'> & { roles?: Role[] },
): Actor {
  const roles = extra.roles ?? row.roles;
  return {
    userId: row.userId,
    orgId: row.orgId,
    email: row.email,
    displayName: row.displayName,
    accountKind: row.kind,
    roles,
    participantId: row.participantId,
    contactId: row.contactId,
    sessionId: extra.sessionId,
    tokenId: extra.tokenId,
    csrfToken: extra.csrfToken,
    mfaEnabled: row.mfaEnabled,
    mfaEnrolmentRequired: mfaEnrolmentRequired(row),
    organisation: { id: row.orgId, name: row.orgName, isDemo: row.orgIsDemo },
  };
}

/** The organisation requires MFA for one of the user's roles and the user has not enrolled. */
function mfaEnrolmentRequired(row: AccountRow): boolean {
  if (row.mfaEnabled || row.mfaExempt) return false;
  return row.roles.some((role) => row.mfaRequiredRoles.includes(role));
}

export interface LoginResult {
  actor: Actor;
  sessionToken: string;
}

/**
 * Signs a user in: throttles per account and per address, checks the password (and TOTP code when
 * enrolled), then stores a new server-side session. Every wrong answer gets the same message.
 */
export async function login(deps: Deps, input: LoginInput, meta: RequestMeta): Promise<LoginResult> {
  const { database, config } = deps;
  const emailHash = sha256(input.email);
  const failures = await countRecentFailures(database.db, emailHash, meta.ip, failureWindowSeconds);
  if (
    failures.forAccount >= config.loginMaxFailuresPerAccount ||
    failures.forAddress >= config.loginMaxFailuresPerAddress
  ) {
    throw new AppError('rate_limited', 'too many failed sign-in attempts; try again in 15 minutes');
  }
  const invalid = async () => {
    await recordFailure(database.db, emailHash, meta.ip);
    return new AppError('invalid_credentials', 'the email, password or code is not correct');
  };

  const account = await findAccountByEmail(database.db, input.email);
  if (!account?.active) {
    await verifyAgainstDummy(input.password);
    throw await invalid();
  }
  if (!(await verifyPassword(account.passwordHash, input.password))) throw await invalid();

  let acceptedStep: number | null = null;
  if (account.mfaEnabled && account.mfaSecret) {
    if (!input.totp) throw new AppError('mfa_required', 'enter the 6-digit code from your authenticator app');
    acceptedStep = verifyTotp(account.mfaSecret, input.totp);
    if (acceptedStep === null || (account.mfaLastStep !== null && acceptedStep <= account.mfaLastStep)) {
      throw await invalid();
    }
  }

  const sessionToken = randomSecret();
  const csrfToken = randomSecret();
  const actor = actorFrom(account, { sessionId: null, tokenId: null, csrfToken });
  await withOrg(database, account.orgId, async (tx) => {
    const [session] = await tx
      .insert(sessions)
      .values({
        orgId: account.orgId,
        userId: account.userId,
        tokenHash: sha256(sessionToken),
        csrfToken,
        expiresAt: sql`now() + make_interval(hours => ${config.sessionMaxHours})`,
        ip: meta.ip,
        userAgent: meta.userAgent,
      })
      .returning({ id: sessions.id });
    actor.sessionId = session?.id ?? null;
    await tx
      .update(users)
      .set({ lastLoginAt: sql`now()`, ...(acceptedStep !== null ? { mfaLastStep: acceptedStep } : {}) })
      .where(eq(users.id, account.userId));
    await recordAudit(
      tx,
      { actor, meta },
      { action: 'auth.login', subjectType: 'user', subjectId: account.userId },
    );
  });
  await clearFailures(database.db, emailHash);
  return { actor, sessionToken };
}

/** The actor behind a session cookie, or null when the session is unknown, idle too long or expired. */
export async function resolveSession(
  deps: Deps & { sessionCache: SessionCache },
  sessionToken: string,
): Promise<Actor | null> {
  const idleMs = deps.config.sessionIdleMinutes * 60_000;
  const tokenHash = sha256(sessionToken);
  const now = Date.now();
  let row = deps.sessionCache.get(tokenHash, now);
  if (row && (now - row.lastSeenAt.getTime() >= idleMs || now >= row.expiresAt.getTime())) {
    deps.sessionCache.forget(tokenHash);
    row = undefined;
  }
  row ??= await findLiveSession(deps.database.db, tokenHash, Math.round(idleMs / 1000));
  if (!row) return null;
  // Refresh the idle clock at most every quarter of the idle period (and at most every minute), so a
  // busy session does not write on every request.
  if (now - row.lastSeenAt.getTime() > Math.min(60_000, idleMs / 4)) {
    await touchSession(deps.database.db, row.sessionId);
    row = { ...row, lastSeenAt: new Date(now) };
  }
  deps.sessionCache.set(tokenHash, row, now);
  return actorFrom(row, { sessionId: row.sessionId, tokenId: null, csrfToken: row.csrfToken });
}

/** The actor behind a bearer token; the token acts with its single role, if the user still has it. */
export async function resolveBearer(deps: Deps, token: string): Promise<Actor | null> {
  const row = await findLiveToken(deps.database.db, sha256(token));
  if (!row?.roles.includes(row.tokenRole)) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000)
    await touchToken(deps.database.db, row.tokenId);
  return actorFrom(row, { sessionId: null, tokenId: row.tokenId, csrfToken: null, roles: [row.tokenRole] });
}

/** Ends the session behind the cookie. */
export async function logout(ctx: ServiceContext, sessionToken: string): Promise<void> {
  await withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await recordAudit(tx, ctx, { action: 'auth.logout', subjectType: 'user', subjectId: ctx.actor.userId });
  });
  await deleteSessionByHash(ctx.database.db, sha256(sessionToken));
  ctx.sessionCache.forget(sha256(sessionToken));
}

/** What `/me` shows about the signed-in user. */
export function describeMe(actor: Actor, config: Config): Me {
  const granted = new Set(actor.roles.flatMap((role) => rolePermissions[role]));
  return {
    id: actor.userId,
    email: actor.email,
    displayName: actor.displayName,
    kind: actor.accountKind,
    roles: actor.roles,
    permissions: [...granted],
    participantId: actor.participantId,
    organisation: actor.organisation,
    mfaEnabled: actor.mfaEnabled,
    mfaEnrolmentRequired: actor.mfaEnrolmentRequired,
    idleTimeoutMinutes: config.sessionIdleMinutes,
  };
}

async function loadOwnAccount(ctx: ServiceContext) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .select({
        passwordHash: users.passwordHash,
        mfaSecret: users.mfaSecret,
        mfaEnabled: users.mfaEnabled,
        mfaLastStep: users.mfaLastStep,
      })
      .from(users)
      .where(and(eq(users.id, ctx.actor.userId), eq(users.orgId, ctx.actor.orgId)));
    if (!row) throw notFound('account');
    return row;
  });
}

/** Starts TOTP enrolment: stores a new secret (not yet active) and returns it for the authenticator app. */
export async function setUpMfa(ctx: ServiceContext): Promise<{ secret: string; otpauthUri: string }> {
  const account = await loadOwnAccount(ctx);
  if (account.mfaEnabled) throw new AppError('conflict', 'multi-factor authentication is already enabled');
  const created = newTotpSecret(ctx.actor.email);
  await withOrg(ctx.database, ctx.actor.orgId, (tx) =>
    tx
      .update(users)
      .set({ mfaSecret: created.secret, updatedAt: sql`now()` })
      .where(eq(users.id, ctx.actor.userId)),
  );
  return created;
}

/** Completes enrolment once the user proves their app produces the right codes. */
export async function enableMfa(ctx: ServiceContext, code: string): Promise<void> {
  const account = await loadOwnAccount(ctx);
  if (account.mfaEnabled) throw new AppError('conflict', 'multi-factor authentication is already enabled');
  if (!account.mfaSecret)
    throw new AppError('conflict', 'start enrolment first with POST /api/v1/me/mfa/setup');
  const step = verifyTotp(account.mfaSecret, code);
  if (step === null)
    throw new AppError('validation_failed', 'the code does not match; check the time on your device');
  await withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await tx
      .update(users)
      .set({ mfaEnabled: true, mfaLastStep: step, updatedAt: sql`now()` })
      .where(eq(users.id, ctx.actor.userId));
    await recordAudit(tx, ctx, {
      action: 'auth.mfa_enabled',
      subjectType: 'user',
      subjectId: ctx.actor.userId,
    });
  });
  ctx.sessionCache.forgetUser(ctx.actor.userId);
}

/** Turns MFA off after re-checking the password and a current code. */
export async function disableMfa(ctx: ServiceContext, password: string, code: string): Promise<void> {
  const account = await loadOwnAccount(ctx);
  if (!account.mfaEnabled || !account.mfaSecret)
    throw new AppError('conflict', 'multi-factor authentication is not enabled');
  const step = verifyTotp(account.mfaSecret, code);
  // 400, not 401: the user is signed in; only the confirmation was wrong.
  if (!(await verifyPassword(account.passwordHash, password)) || step === null) {
    throw new AppError('validation_failed', 'the password or code is not correct');
  }
  await withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await tx
      .update(users)
      .set({ mfaEnabled: false, mfaSecret: null, updatedAt: sql`now()` })
      .where(eq(users.id, ctx.actor.userId));
    await recordAudit(tx, ctx, {
      action: 'auth.mfa_disabled',
      subjectType: 'user',
      subjectId: ctx.actor.userId,
    });
  });
  ctx.sessionCache.forgetUser(ctx.actor.userId);
}

/** Changes the password and ends the user's other sessions. */
export async function changePassword(
  ctx: ServiceContext,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const account = await loadOwnAccount(ctx);
  if (!(await verifyPassword(account.passwordHash, currentPassword))) {
    throw new AppError('validation_failed', 'body.currentPassword: is not correct', [
      { path: 'body.currentPassword', message: 'is not correct' },
    ]);
  }
  const passwordHash = await hashPassword(newPassword);
  await withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, ctx.actor.userId));
    const others = ctx.actor.sessionId
      ? and(eq(sessions.userId, ctx.actor.userId), sql`${sessions.id} <> ${ctx.actor.sessionId}`)
      : eq(sessions.userId, ctx.actor.userId);
    await tx.delete(sessions).where(others);
    await recordAudit(tx, ctx, {
      action: 'auth.password_changed',
      subjectType: 'user',
      subjectId: ctx.actor.userId,
    });
  });
  ctx.sessionCache.forgetUser(ctx.actor.userId);
}

function toApiToken(row: typeof apiTokens.$inferSelect): ApiToken {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Creates a personal API token acting with one of the user's roles; the secret is returned once. */
export async function createApiToken(
  ctx: ServiceContext,
  input: ApiTokenInput,
): Promise<ApiToken & { token: string }> {
  if (ctx.actor.tokenId)
    throw new AppError('forbidden', 'an API token cannot create further tokens; sign in');
  if (!ctx.actor.roles.includes(input.role)) {
    throw new AppError('forbidden', 'a token can only act with one of your own roles');
  }
  const token = randomSecret('sw_');
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        orgId: ctx.actor.orgId,
        userId: ctx.actor.userId,
        name: input.name,
        role: input.role,
        tokenHash: sha256(token),
        expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
      })
      .returning();
    if (!row) throw new AppError('internal_error', 'the token was not stored');
    await recordAudit(tx, ctx, {
      action: 'auth.token_created',
      subjectType: 'api_token',
      subjectId: row.id,
      details: { role: input.role },
    });
    return { ...toApiToken(row), token };
  });
}

/** The user's own tokens, newest first, without secrets. */
export async function listApiTokens(ctx: ServiceContext): Promise<ApiToken[]> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const rows = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.orgId, ctx.actor.orgId), eq(apiTokens.userId, ctx.actor.userId)))
      .orderBy(desc(apiTokens.createdAt));
    return rows.map(toApiToken);
  });
}

/** Revokes one of the user's tokens; it stops working at once. */
export async function revokeApiToken(ctx: ServiceContext, tokenId: string): Promise<void> {
  await withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const revoked = await tx
      .update(apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(
        and(
          eq(apiTokens.id, tokenId),
          eq(apiTokens.userId, ctx.actor.userId),
          eq(apiTokens.orgId, ctx.actor.orgId),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id });
    if (revoked.length === 0) throw notFound('active token');
    await recordAudit(tx, ctx, {
      action: 'auth.token_revoked',
      subjectType: 'api_token',
      subjectId: tokenId,
    });
  });
}
