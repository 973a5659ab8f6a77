import { type PlanProblem, type PlanReview, planReviewState, type TreatmentPlan } from '@stepwise/core';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { planReviews, treatmentPlans, users } from '../../db/schema.js';

export type PlanRow = typeof treatmentPlans.$inferSelect;

/** Stored problems: staff are kept by id and named when the plan is read. */
export interface StoredProblem extends Omit<PlanProblem, 'interventions'> {
  interventions: {
    kind: PlanProblem['interventions'][number]['kind'];
    frequency: string;
    responsibleStaffId: string;
  }[];
}

export async function insertPlan(tx: Db, values: typeof treatmentPlans.$inferInsert): Promise<PlanRow> {
  const [row] = await tx.insert(treatmentPlans).values(values).returning();
  if (!row) throw new Error('treatment plan not stored');
  return row;
}

export async function findPlan(
  tx: Db,
  orgId: string,
  id: string,
  lock = false,
): Promise<PlanRow | undefined> {
  const query = tx
    .select()
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.orgId, orgId), eq(treatmentPlans.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** An episode's plan versions, newest first. */
export function episodePlans(tx: Db, orgId: string, episodeId: string) {
  return tx
    .select()
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.orgId, orgId), eq(treatmentPlans.episodeId, episodeId)))
    .orderBy(desc(treatmentPlans.version));
}

/** A participant's plan versions across episodes, newest first. */
export function participantPlans(tx: Db, orgId: string, participantId: string) {
  return tx
    .select()
    .from(treatmentPlans)
    .where(and(eq(treatmentPlans.orgId, orgId), eq(treatmentPlans.participantId, participantId)))
    .orderBy(desc(treatmentPlans.createdAt), desc(treatmentPlans.version))
    .limit(100);
}

export async function updatePlan(
  tx: Db,
  orgId: string,
  id: string,
  values: Partial<typeof treatmentPlans.$inferInsert>,
) {
  await tx
    .update(treatmentPlans)
    .set(values)
    .where(and(eq(treatmentPlans.orgId, orgId), eq(treatmentPlans.id, id)));
}

/** The names of staff members by id. */
export async function staffNames(tx: Db, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, [...new Set(ids)])));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** A plan as the API gives it; `today` (at the program's site) places its next review. */
export function toPlan(row: PlanRow, names: Map<string, string>, today: string): TreatmentPlan {
  const problems = row.problems as StoredProblem[];
  return {
    id: row.id,
    participantId: row.participantId,
    episodeId: row.episodeId,
    version: row.version,
    status: row.status as TreatmentPlan['status'],
    problems: problems.map((problem) => ({
      ...problem,
      interventions: problem.interventions.map(({ responsibleStaffId, ...intervention }) => ({
        ...intervention,
        responsibleStaff: { id: responsibleStaffId, name: names.get(responsibleStaffId) ?? '' },
      })),
    })),
    reviewEveryDays: row.reviewEveryDays,
    nextReviewDate: row.nextReviewDate,
    reviewState: row.nextReviewDate ? planReviewState(row.nextReviewDate, today) : null,
    createdBy: { id: row.createdBy, name: names.get(row.createdBy) ?? '' },
    createdAt: row.createdAt.toISOString(),
    activatedAt: row.activatedAt?.toISOString() ?? null,
    acknowledgement:
      row.acknowledgedName && row.acknowledgedAt
        ? { name: row.acknowledgedName, at: row.acknowledgedAt.toISOString() }
        : null,
  };
}

/** The staff a plan names: its author and everyone responsible for an intervention. */
export const staffOf = (row: PlanRow) => [
  row.createdBy,
  ...(row.problems as StoredProblem[]).flatMap((problem) =>
    problem.interventions.map((intervention) => intervention.responsibleStaffId),
  ),
];

export async function deletePlan(tx: Db, orgId: string, id: string) {
  await tx.delete(treatmentPlans).where(and(eq(treatmentPlans.orgId, orgId), eq(treatmentPlans.id, id)));
}

export async function insertReview(tx: Db, values: typeof planReviews.$inferInsert) {
  const [row] = await tx.insert(planReviews).values(values).returning();
  if (!row) throw new Error('plan review not stored');
  return row;
}

export function reviewsOf(tx: Db, orgId: string, planId: string) {
  return tx
    .select({ review: planReviews, reviewerName: users.displayName })
    .from(planReviews)
    .innerJoin(users, eq(users.id, planReviews.reviewedBy))
    .where(and(eq(planReviews.orgId, orgId), eq(planReviews.planId, planId)))
    .orderBy(desc(planReviews.createdAt), desc(planReviews.id));
}

export function toReview(row: typeof planReviews.$inferSelect, reviewerName: string): PlanReview {
  return {
    id: row.id,
    planId: row.planId,
    reviewedBy: { id: row.reviewedBy, name: reviewerName },
    reviewedOn: row.reviewedOn,
    progress: row.progress as PlanReview['progress'],
    summary: row.summary,
    nextReviewDate: row.nextReviewDate,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The plans in effect of a program's open episodes, by next review date, with the person's name. */
export function reviewsDue(tx: Db, orgId: string, programId: string) {
  return tx.execute(sql`
    select t.id as plan_id, t.participant_id, t.episode_id, t.version, t.next_review_date::text as next_review_date,
           coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as participant_name
    from treatment_plans t
    join episodes e on e.id = t.episode_id
    join participants p on p.id = t.participant_id
    where t.org_id = ${orgId}::uuid and t.status = 'active' and e.program_id = ${programId}::uuid
      and e.status = 'open'
    order by t.next_review_date, p.family_name, t.id`);
}
