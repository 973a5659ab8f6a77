import {
  defaultLevelOfCareRules,
  type LevelOfCareAssessment,
  type LevelOfCareAssessmentInput,
  type LevelOfCareDecisionInput,
  type LevelOfCareRecommendation,
  type LevelOfCareRequest,
  type LevelOfCareRules,
  levelOfCareRulesSchema,
  type Population,
  recommendLevelOfCare,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireProgram } from '../structure/structure.service.js';
import * as repo from './level-of-care.repository.js';

/** Stepwise's default rules: the recommendation without a program, and nothing stored. */
export function recommend(request: LevelOfCareRequest): LevelOfCareRecommendation {
  return recommendLevelOfCare(request, defaultLevelOfCareRules);
}

export interface ProgramRules {
  programId: string;
  version: number;
  isDefault: boolean;
  rules: LevelOfCareRules;
  changedAt: string | null;
  changedBy: { id: string; name: string } | null;
}

async function rulesOf(tx: Db, orgId: string, programId: string): Promise<ProgramRules> {
  const latest = await repo.latestRuleSet(tx, orgId, programId);
  if (!latest) {
    return {
      programId,
      version: 0,
      isDefault: true,
      rules: defaultLevelOfCareRules,
      changedAt: null,
      changedBy: null,
    };
  }
  return {
    programId,
    version: latest.ruleSet.version,
    isDefault: false,
    // Stored rules passed this schema when saved; parsing again guards against a hand-edited row.
    rules: levelOfCareRulesSchema.parse(latest.ruleSet.rules),
    changedAt: latest.ruleSet.createdAt.toISOString(),
    changedBy: { id: latest.ruleSet.changedBy, name: latest.changedByName },
  };
}

/** The level-of-care rules a program's assessments use. */
export function getProgramRules(ctx: ServiceContext, programId: string): Promise<ProgramRules> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireProgram(tx, ctx.actor.orgId, programId);
    return rulesOf(tx, ctx.actor.orgId, programId);
  });
}

/**
 * Saves a new version of a program's rules. Earlier versions stay, so every assessment still shows
 * the rules that decided it; the change is audited with its version.
 */
export function updateProgramRules(
  ctx: ServiceContext,
  programId: string,
  rules: LevelOfCareRules,
): Promise<ProgramRules> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireProgram(tx, ctx.actor.orgId, programId);
    const current = await rulesOf(tx, ctx.actor.orgId, programId);
    const version = current.version + 1;
    const saved = await repo.insertRuleSet(tx, ctx.actor.orgId, {
      programId,
      version,
      rules,
      changedBy: ctx.actor.userId,
    });
    if (!saved)
      throw new AppError('conflict', 'the rules were changed at the same time; reload and try again');
    await recordAudit(tx, ctx, {
      action: 'level_of_care.rules_changed',
      subjectType: 'program',
      subjectId: programId,
      details: { version, previousVersion: current.version },
    });
    return rulesOf(tx, ctx.actor.orgId, programId);
  });
}

/**
 * Records a six-dimension assessment with the recommendation the rules give (the program's rules when
 * a program is named, else the defaults). The clinician then confirms or overrides it.
 */
export function assessLevelOfCare(
  ctx: ServiceContext,
  participantId: string,
  input: LevelOfCareAssessmentInput,
): Promise<LevelOfCareAssessment> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    let population: Population | undefined = input.population;
    let rules = defaultLevelOfCareRules;
    let rulesVersion = 0;
    if (input.programId) {
      const program = await requireProgram(tx, ctx.actor.orgId, input.programId, 'programId');
      if (population && population !== program.population) {
        throw invalidField('population', `the program serves the ${program.population} population`);
      }
      population = program.population;
      const programRules = await rulesOf(tx, ctx.actor.orgId, program.id);
      rules = programRules.rules;
      rulesVersion = programRules.version;
    }
    if (!population)
      throw invalidField('population', 'give the population (adult or adolescent) or a program');
    const recommendation = recommendLevelOfCare(
      { population, dimensions: input.dimensions, context: input.context },
      rules,
    );
    const notes = Object.fromEntries(
      Object.entries(input.notes).filter((entry): entry is [string, string] => Boolean(entry[1])),
    );
    const id = await repo.insertAssessment(tx, ctx.actor.orgId, {
      participantId,
      programId: input.programId ?? null,
      population,
      dimensions: input.dimensions,
      notes,
      context: input.context,
      recommendation,
      rulesVersion,
      assessedBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'level_of_care.assessed',
      subjectType: 'level_of_care_assessment',
      subjectId: id,
      participantId,
      details: { programId: input.programId ?? null, rulesVersion },
    });
    return present(tx, ctx.actor.orgId, id);
  });
}

/**
 * Confirms the recommendation or overrides it with a reason. A decision is final: deciding again is a
 * conflict, and a new assessment is the way to change course.
 */
export function decideLevelOfCare(
  ctx: ServiceContext,
  assessmentId: string,
  input: LevelOfCareDecisionInput,
): Promise<LevelOfCareAssessment> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findAssessment(tx, ctx.actor.orgId, assessmentId);
    if (!row) throw notFound('level-of-care assessment');
    const recommended = row.assessment.recommendedLevel as LevelOfCareAssessment['recommendation']['level'];
    if (input.decision === 'override' && input.level === recommended) {
      throw invalidField('level', 'that is the recommended level: confirm it instead of overriding');
    }
    const decision =
      input.decision === 'confirm'
        ? { kind: 'confirmed' as const, level: recommended, reason: null }
        : { kind: 'overridden' as const, level: input.level, reason: input.reason };
    if (
      !(await repo.decideAssessment(tx, ctx.actor.orgId, assessmentId, {
        ...decision,
        decidedBy: ctx.actor.userId,
      }))
    ) {
      throw new AppError(
        'conflict',
        'this assessment has already been decided; record a new assessment to change it',
      );
    }
    await recordAudit(tx, ctx, {
      action: 'level_of_care.decided',
      subjectType: 'level_of_care_assessment',
      subjectId: assessmentId,
      participantId: row.assessment.participantId,
      details: { decision: decision.kind, recommended, decided: decision.level },
    });
    return present(tx, ctx.actor.orgId, assessmentId);
  });
}

export function listAssessments(
  ctx: ServiceContext,
  participantId: string,
): Promise<{ items: LevelOfCareAssessment[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    const rows = await repo.listAssessments(tx, ctx.actor.orgId, participantId);
    await recordAudit(tx, ctx, {
      action: 'level_of_care.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { shown: rows.map((row) => row.assessment.id) },
    });
    return { items: rows.map(repo.toAssessment) };
  });
}

/**
 * The assessment that justifies an admission, inside the admission's transaction: the participant's
 * own, and decided (confirmed or overridden). A 400 names the field when it is neither.
 */
export async function requireDecidedAssessment(
  tx: Db,
  orgId: string,
  id: string,
  participantId: string,
): Promise<LevelOfCareAssessment & { decision: NonNullable<LevelOfCareAssessment['decision']> }> {
  const row = await repo.findAssessment(tx, orgId, id);
  if (!row || row.assessment.participantId !== participantId) {
    throw invalidField(
      'levelOfCareAssessmentId',
      'no level-of-care assessment of this participant has this id',
    );
  }
  const assessment = repo.toAssessment(row);
  const { decision } = assessment;
  if (!decision) {
    throw new AppError(
      'conflict',
      'the level-of-care recommendation has not been confirmed or overridden yet',
    );
  }
  return { ...assessment, decision };
}

async function present(tx: Db, orgId: string, id: string): Promise<LevelOfCareAssessment> {
  const row = await repo.findAssessment(tx, orgId, id);
  if (!row) throw notFound('level-of-care assessment');
  return repo.toAssessment(row);
}
