import type {
  DimensionRatings,
  LevelOfCare,
  LevelOfCareAssessment,
  LevelOfCareContext,
  LevelOfCareRecommendation,
  LevelOfCareRules,
  Population,
} from '@stepwise/core';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/database.js';
import { levelOfCareAssessments, levelOfCareRuleSets, users } from '../../db/schema.js';

/** The program's newest rule-set version, if it ever changed its rules. */
export async function latestRuleSet(tx: Db, orgId: string, programId: string) {
  const [row] = await tx
    .select({ ruleSet: levelOfCareRuleSets, changedByName: users.displayName })
    .from(levelOfCareRuleSets)
    .innerJoin(users, eq(users.id, levelOfCareRuleSets.changedBy))
    .where(and(eq(levelOfCareRuleSets.orgId, orgId), eq(levelOfCareRuleSets.programId, programId)))
    .orderBy(desc(levelOfCareRuleSets.version))
    .limit(1);
  return row;
}

export async function insertRuleSet(
  tx: Db,
  orgId: string,
  values: { programId: string; version: number; rules: LevelOfCareRules; changedBy: string },
) {
  const [row] = await tx
    .insert(levelOfCareRuleSets)
    .values({ orgId, ...values })
    .onConflictDoNothing()
    .returning();
  return row;
}

export interface NewAssessment {
  participantId: string;
  programId: string | null;
  population: Population;
  dimensions: DimensionRatings;
  notes: Record<string, string>;
  context: LevelOfCareContext;
  recommendation: LevelOfCareRecommendation;
  rulesVersion: number;
  assessedBy: string;
}

export async function insertAssessment(tx: Db, orgId: string, assessment: NewAssessment): Promise<string> {
  const [row] = await tx
    .insert(levelOfCareAssessments)
    .values({ orgId, ...assessment, recommendedLevel: assessment.recommendation.level })
    .returning({ id: levelOfCareAssessments.id });
  if (!row) throw new Error('assessment not stored');
  return row.id;
}

/** Records the decision on an undecided assessment; false when it was already decided. */
export async function decideAssessment(
  tx: Db,
  orgId: string,
  id: string,
  decision: {
    kind: 'confirmed' | 'overridden';
    level: LevelOfCare;
    reason: string | null;
    decidedBy: string;
  },
): Promise<boolean> {
  const rows = await tx
    .update(levelOfCareAssessments)
    .set({
      decision: decision.kind,
      decidedLevel: decision.level,
      overrideReason: decision.reason,
      decidedBy: decision.decidedBy,
      decidedAt: new Date(),
    })
    .where(
      and(
        eq(levelOfCareAssessments.orgId, orgId),
        eq(levelOfCareAssessments.id, id),
        isNull(levelOfCareAssessments.decision),
      ),
    )
    .returning({ id: levelOfCareAssessments.id });
  return rows.length > 0;
}

const assessor = alias(users, 'assessor');
const decider = alias(users, 'decider');
const columns = {
  assessment: levelOfCareAssessments,
  assessedByName: assessor.displayName,
  decidedByName: decider.displayName,
};
type AssessmentRow = {
  assessment: typeof levelOfCareAssessments.$inferSelect;
  assessedByName: string;
  decidedByName: string | null;
};

export function toAssessment(row: AssessmentRow): LevelOfCareAssessment {
  const { assessment } = row;
  return {
    id: assessment.id,
    participantId: assessment.participantId,
    programId: assessment.programId,
    population: assessment.population as Population,
    dimensions: assessment.dimensions as DimensionRatings,
    notes: assessment.notes,
    context: assessment.context as LevelOfCareContext,
    recommendation: assessment.recommendation as LevelOfCareRecommendation,
    rulesVersion: assessment.rulesVersion,
    assessedBy: { id: assessment.assessedBy, name: row.assessedByName },
    assessedAt: assessment.assessedAt.toISOString(),
    decision:
      assessment.decision && assessment.decidedLevel && assessment.decidedAt && assessment.decidedBy
        ? {
            kind: assessment.decision as 'confirmed' | 'overridden',
            level: assessment.decidedLevel as LevelOfCare,
            reason: assessment.overrideReason,
            decidedBy: { id: assessment.decidedBy, name: row.decidedByName ?? '' },
            decidedAt: assessment.decidedAt.toISOString(),
          }
        : null,
  };
}

function selectAssessments(tx: Db) {
  return tx
    .select(columns)
    .from(levelOfCareAssessments)
    .innerJoin(assessor, eq(assessor.id, levelOfCareAssessments.assessedBy))
    .leftJoin(decider, eq(decider.id, levelOfCareAssessments.decidedBy));
}

export async function findAssessment(tx: Db, orgId: string, id: string): Promise<AssessmentRow | undefined> {
  const [row] = await selectAssessments(tx).where(
    and(eq(levelOfCareAssessments.orgId, orgId), eq(levelOfCareAssessments.id, id)),
  );
  return row;
}

export function listAssessments(tx: Db, orgId: string, participantId: string): Promise<AssessmentRow[]> {
  return selectAssessments(tx)
    .where(
      and(eq(levelOfCareAssessments.orgId, orgId), eq(levelOfCareAssessments.participantId, participantId)),
    )
    .orderBy(desc(levelOfCareAssessments.assessedAt), desc(levelOfCareAssessments.id))
    .limit(100);
}
