import { and, desc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { recoveryPlans, users } from '../../db/schema.js';

export type PlanKind = 'safety' | 'relapse_prevention';
export type PlanRow = typeof recoveryPlans.$inferSelect;

export async function insertPlan(tx: Db, values: typeof recoveryPlans.$inferInsert): Promise<PlanRow> {
  const [row] = await tx.insert(recoveryPlans).values(values).returning();
  if (!row) throw new Error('plan version not stored');
  return row;
}

/** One version of the given kind; `lock` holds it for the rest of the transaction (signing, saving). */
export async function findPlan(
  tx: Db,
  orgId: string,
  kind: PlanKind,
  id: string,
  lock = false,
): Promise<PlanRow | undefined> {
  const query = tx
    .select()
    .from(recoveryPlans)
    .where(and(eq(recoveryPlans.orgId, orgId), eq(recoveryPlans.kind, kind), eq(recoveryPlans.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Every version of a participant's plan of this kind, newest first. */
export function planVersions(tx: Db, orgId: string, kind: PlanKind, participantId: string) {
  return tx
    .select()
    .from(recoveryPlans)
    .where(
      and(
        eq(recoveryPlans.orgId, orgId),
        eq(recoveryPlans.kind, kind),
        eq(recoveryPlans.participantId, participantId),
      ),
    )
    .orderBy(desc(recoveryPlans.version))
    .limit(200);
}

/** The version of this kind in `status` (at most one draft and one in effect exist), if any. */
export async function planIn(
  tx: Db,
  orgId: string,
  kind: PlanKind,
  participantId: string,
  status: 'draft' | 'active',
  lock = false,
): Promise<PlanRow | undefined> {
  const query = tx
    .select()
    .from(recoveryPlans)
    .where(
      and(
        eq(recoveryPlans.orgId, orgId),
        eq(recoveryPlans.kind, kind),
        eq(recoveryPlans.participantId, participantId),
        eq(recoveryPlans.status, status),
      ),
    );
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The highest version number used so far (discarded drafts keep theirs), or 0. */
export async function lastVersion(tx: Db, orgId: string, kind: PlanKind, participantId: string) {
  const [row] = await tx
    .select({ version: max(recoveryPlans.version) })
    .from(recoveryPlans)
    .where(
      and(
        eq(recoveryPlans.orgId, orgId),
        eq(recoveryPlans.kind, kind),
        eq(recoveryPlans.participantId, participantId),
      ),
    );
  return row?.version ?? 0;
}

export async function updatePlan(
  tx: Db,
  orgId: string,
  id: string,
  values: Partial<typeof recoveryPlans.$inferInsert>,
): Promise<PlanRow> {
  const [row] = await tx
    .update(recoveryPlans)
    .set(values)
    .where(and(eq(recoveryPlans.orgId, orgId), eq(recoveryPlans.id, id)))
    .returning();
  if (!row) throw new Error('plan version not updated');
  return row;
}

/** Display names of the users among `ids` (authors and signers), by id. */
export async function userNames(tx: Db, orgId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The users a version names: who wrote it, who last changed it, the clinician who signed. */
export const peopleOf = (row: PlanRow) =>
  [row.createdBy, row.updatedBy, row.clinicianSignedBy].filter((id): id is string => id !== null);
