import type { ListQuery, Role, StaffInput, StaffUpdate, User } from '@stepwise/core';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { after, decodeCursor, likePrefix, pageOf } from '../../db/paging.js';
import { sessions, users } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { hashPassword } from '../auth/secrets.js';

/** A user row as the API shows it: no password hash, no MFA secret. */
export function toUser(row: typeof users.$inferSelect): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    kind: row.kind as User['kind'],
    roles: row.roles as Role[],
    participantId: row.participantId,
    contactId: row.contactId,
    active: row.active,
    mfaEnabled: row.mfaEnabled,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Fails with 409 when any account (in any organisation) already uses the email: emails sign people in. */
export async function assertEmailFree(tx: Db, email: string): Promise<void> {
  // Deliberately unscoped by organisation: sign-in is by email alone, so it must be unique everywhere.
  // Row-level security hides other organisations' rows here, so the unique index is the real guard
  // (a duplicate insert fails with 23505, mapped to 409).
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
  if (row) throw new AppError('conflict', 'an account with this email already exists');
}

export function listStaff(
  ctx: ServiceContext,
  query: ListQuery,
): Promise<{ items: User[]; nextCursor: string | null }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const cursor = query.cursor ? decodeCursor(query.cursor, ['text', 'id']) : null;
    const pattern = query.q ? likePrefix(query.q) : null;
    const rows = await tx
      .select()
      .from(users)
      .where(
        and(
          eq(users.orgId, ctx.actor.orgId),
          eq(users.kind, 'staff'),
          pattern
            ? or(sql`lower(${users.displayName}) like ${pattern}`, sql`${users.email} like ${pattern}`)
            : undefined,
          cursor ? after([users.displayName, users.id], cursor) : undefined,
        ),
      )
      .orderBy(asc(users.displayName), asc(users.id))
      .limit(query.limit + 1);
    const result = pageOf(rows, query.limit, (row) => [row.displayName, row.id]);
    return { items: result.items.map(toUser), nextCursor: result.nextCursor };
  });
}

/**
 * An active staff member of the organisation, for another module naming someone (a referral owner, a
 * care team): a 400 naming the field otherwise, since the id came from the request body. With `roles`,
 * they must hold one of them (the clinical staff responsible for an intervention, say).
 */
export async function requireActiveStaff(
  tx: Db,
  orgId: string,
  id: string,
  field: string,
  roles?: readonly Role[],
): Promise<{ id: string; name: string }> {
  const [row] = await tx
    .select({ id: users.id, name: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id), eq(users.kind, 'staff'), eq(users.active, true)));
  if (!row) throw invalidField(field, 'no active staff member with this id in the organisation');
  if (roles && !roles.some((role) => (row.roles as Role[]).includes(role))) {
    throw invalidField(field, `must be one of the ${roles.join(', ')} staff`);
  }
  return { id: row.id, name: row.name };
}

export function getStaff(ctx: ServiceContext, id: string): Promise<User> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .select()
      .from(users)
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, id), eq(users.kind, 'staff')));
    if (!row) throw notFound('staff member');
    return toUser(row);
  });
}

/** Creates a staff account with an initial password. */
export async function createStaff(ctx: ServiceContext, input: StaffInput): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await assertEmailFree(tx, input.email);
    const [row] = await tx
      .insert(users)
      .values({
        orgId: ctx.actor.orgId,
        email: input.email,
        displayName: input.displayName,
        kind: 'staff',
        roles: [...new Set(input.roles)],
        passwordHash,
      })
      .returning();
    if (!row) throw new AppError('internal_error', 'the account was not stored');
    await recordAudit(tx, ctx, {
      action: 'staff.created',
      subjectType: 'user',
      subjectId: row.id,
      details: { roles: row.roles },
    });
    return toUser(row);
  });
}

/**
 * Changes a staff member's name, roles or active flag. Deactivating ends their sessions at once. Users
 * cannot deactivate themselves or drop their own management roles, so an organisation never locks
 * itself out.
 */
export function updateStaff(ctx: ServiceContext, id: string, input: StaffUpdate): Promise<User> {
  if (id === ctx.actor.userId) {
    if (input.active === false) throw new AppError('conflict', 'you cannot deactivate your own account');
    const keepsManagement = input.roles?.some((role) => role === 'admin' || role === 'director') ?? true;
    if (!keepsManagement) throw new AppError('conflict', 'you cannot remove your own admin or director role');
  }
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const [row] = await tx
      .update(users)
      .set({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.roles !== undefined ? { roles: [...new Set(input.roles)] } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updatedAt: sql`now()`,
      })
      .where(and(eq(users.orgId, ctx.actor.orgId), eq(users.id, id), eq(users.kind, 'staff')))
      .returning();
    if (!row) throw notFound('staff member');
    if (input.active === false) await tx.delete(sessions).where(eq(sessions.userId, id));
    ctx.sessionCache.forgetUser(id);
    await recordAudit(tx, ctx, {
      action: 'staff.updated',
      subjectType: 'user',
      subjectId: id,
      details: { fields: Object.keys(input), ...(input.roles ? { roles: row.roles } : {}) },
    });
    return toUser(row);
  });
}
