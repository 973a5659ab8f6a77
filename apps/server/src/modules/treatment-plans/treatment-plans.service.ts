import { randomUUID } from 'node:crypto';
import {
  instantToZoned,
  nextPlanReviewDate,
  type PlanContentInput,
  type PlanReview,
  type PlanReviewDue,
  type PlanReviewInput,
  planReviewState,
  type TreatmentPlan,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { resultRows } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { episodeById } from '../episodes/episodes.service.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireActiveStaff } from '../staff/staff.service.js';
import { requireProgram, requireSite } from '../structure/structure.service.js';
import { cancelTasksFrom, completeTasksFrom, createTasks } from '../tasks/tasks.service.js';
import * as repo from './treatment-plans.repository.js';

/*
 * Treatment plans (issue "The clinical day"): a draft is written and revised, then takes effect; the
 * version before is superseded and never changes again (the database refuses it too). The plan in
 * effect is reviewed every so many days (the program's setting, 30 by default, at most 60): the
 * primary clinician has a review task due on the date, and the participant acknowledges the plan with
 * a typed signature in the participant area.
 */

/** Today where the episode's program meets, and the program (its review interval). */
async function programDay(tx: Db, orgId: string, programId: string) {
  const program = await requireProgram(tx, orgId, programId);
  const site = await requireSite(tx, orgId, program.siteId, 'programId');
  return { program, today: instantToZoned(new Date(), site.timeZone).date };
}

/**
 * The plan content as stored: every problem, goal and objective with an id (kept when revising, new
 * otherwise, never twice), and each responsible staff member an active one of the organisation.
 */
async function storedProblems(tx: Db, orgId: string, input: PlanContentInput): Promise<repo.StoredProblem[]> {
  const seen = new Set<string>();
  const idFor = (given: string | undefined, path: string) => {
    const id = given ?? randomUUID();
    if (seen.has(id)) throw invalidField(path, 'is used twice in the plan');
    seen.add(id);
    return id;
  };
  const problems: repo.StoredProblem[] = [];
  for (const [p, problem] of input.problems.entries()) {
    for (const [i, intervention] of problem.interventions.entries()) {
      await requireActiveStaff(
        tx,
        orgId,
        intervention.responsibleStaffId,
        `problems.${p}.interventions.${i}.responsibleStaffId`,
        ['director', 'clinician', 'supervisor', 'intake'],
      );
    }
    problems.push({
      id: idFor(problem.id, `problems.${p}.id`),
      title: problem.title,
      dimension: problem.dimension ?? null,
      goals: problem.goals.map((goal, g) => ({
        id: idFor(goal.id, `problems.${p}.goals.${g}.id`),
        statement: goal.statement,
        objectives: goal.objectives.map((objective, o) => ({
          id: idFor(objective.id, `problems.${p}.goals.${g}.objectives.${o}.id`),
          text: objective.text,
          targetDate: objective.targetDate,
        })),
      })),
      interventions: problem.interventions.map((intervention) => ({ ...intervention })),
    });
  }
  return problems;
}

async function present(tx: Db, orgId: string, row: repo.PlanRow): Promise<TreatmentPlan> {
  return repo.toPlan(
    row,
    await repo.staffNames(tx, orgId, repo.staffOf(row)),
    await todayFor(tx, orgId, row),
  );
}

/** Today at the site of the plan's program, where its review dates are kept. */
async function todayFor(tx: Db, orgId: string, row: repo.PlanRow): Promise<string> {
  const episode = await episodeById(tx, orgId, row.episodeId);
  if (!episode) throw notFound('episode of care');
  return (await programDay(tx, orgId, episode.programId)).today;
}

/** Drafts the first plan of an open episode, or the next version of its plan. One draft at a time. */
export function draftPlan(
  ctx: ServiceContext,
  participantId: string,
  input: PlanContentInput & { episodeId: string },
): Promise<TreatmentPlan> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const episode = await episodeById(tx, orgId, input.episodeId);
    if (!episode || episode.participantId !== participantId) {
      throw invalidField('episodeId', "is not one of the participant's episodes of care");
    }
    if (episode.status !== 'open') throw invalidField('episodeId', 'the episode of care is closed');
    const versions = await repo.episodePlans(tx, orgId, episode.id);
    if (versions.some((version) => version.status === 'draft')) {
      throw new AppError('conflict', 'the episode already has a draft plan; revise that draft');
    }
    const { program } = await programDay(tx, orgId, episode.programId);
    const row = await repo.insertPlan(tx, {
      orgId,
      participantId,
      episodeId: episode.id,
      version: (versions[0]?.version ?? 0) + 1,
      status: 'draft',
      problems: await storedProblems(tx, orgId, input),
      reviewEveryDays: program.planReviewDays,
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.drafted',
      subjectType: 'treatment_plan',
      subjectId: row.id,
      participantId,
      details: { version: row.version },
    });
    return present(tx, orgId, row);
  });
}

/** Revises a draft; a plan that took effect is refused (409): revise it as a new version. */
export function updateDraft(
  ctx: ServiceContext,
  id: string,
  input: PlanContentInput,
): Promise<TreatmentPlan> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await repo.findPlan(tx, orgId, id, true);
    if (!row) throw notFound('treatment plan');
    if (row.status !== 'draft') {
      throw new AppError('conflict', 'a plan that took effect never changes; draft a new version instead');
    }
    await repo.updatePlan(tx, orgId, id, { problems: await storedProblems(tx, orgId, input) });
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.updated',
      subjectType: 'treatment_plan',
      subjectId: id,
      participantId: row.participantId,
    });
    const after = await repo.findPlan(tx, orgId, id);
    if (!after) throw notFound('treatment plan');
    return present(tx, orgId, after);
  });
}

/** Throws away a draft that should not take effect; a plan that took effect stays. */
export function discardDraft(ctx: ServiceContext, id: string): Promise<void> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findPlan(tx, ctx.actor.orgId, id, true);
    if (!row) throw notFound('treatment plan');
    if (row.status !== 'draft') throw new AppError('conflict', 'only a draft can be discarded');
    await repo.deletePlan(tx, ctx.actor.orgId, id);
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.discarded',
      subjectType: 'treatment_plan',
      subjectId: id,
      participantId: row.participantId,
      details: { version: row.version },
    });
  });
}

/**
 * Puts a draft into effect: the plan before is superseded (and its review task cancelled), the next
 * review falls due after the program's interval, and the primary clinician gets a task for it.
 */
export function activatePlan(ctx: ServiceContext, id: string): Promise<TreatmentPlan> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await repo.findPlan(tx, orgId, id, true);
    if (!row) throw notFound('treatment plan');
    if (row.status !== 'draft') throw new AppError('conflict', `the plan is already ${row.status}`);
    const episode = await episodeById(tx, orgId, row.episodeId);
    if (episode?.status !== 'open') {
      throw new AppError('conflict', 'the episode of care is closed');
    }
    const { today } = await programDay(tx, orgId, episode.programId);
    for (const previous of await repo.episodePlans(tx, orgId, row.episodeId)) {
      if (previous.status !== 'active') continue;
      await repo.updatePlan(tx, orgId, previous.id, { status: 'superseded', nextReviewDate: null });
      for (const source of await reviewTaskSources(tx, orgId, previous.id)) {
        await cancelTasksFrom(tx, ctx, 'plan_review', source);
      }
    }
    const due = nextPlanReviewDate(today, row.reviewEveryDays);
    await repo.updatePlan(tx, orgId, id, {
      status: 'active',
      activatedBy: ctx.actor.userId,
      activatedAt: new Date(),
      nextReviewDate: due,
    });
    await createTasks(tx, ctx, [reviewTask(episode.careTeam.primaryClinician.id, row, due)]);
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.activated',
      subjectType: 'treatment_plan',
      subjectId: id,
      participantId: row.participantId,
      details: { version: row.version, nextReviewDate: due },
    });
    const after = await repo.findPlan(tx, orgId, id);
    if (!after) throw notFound('treatment plan');
    return present(tx, orgId, after);
  });
}

/** The review task of a plan in effect, for the primary clinician, due on the review date. */
const reviewTask = (assigneeId: string, row: repo.PlanRow, due: string) => ({
  assigneeId,
  participantId: row.participantId,
  kind: 'plan_review' as const,
  title: `Review the treatment plan (version ${row.version}) by ${due}`,
  dueDate: due,
  sourceType: 'treatment_plan',
  sourceId: row.id,
});

/** Where a plan's pending review task came from: the plan taking effect, or its latest review. */
async function reviewTaskSources(tx: Db, orgId: string, planId: string) {
  const [latest] = await repo.reviewsOf(tx, orgId, planId);
  return [
    { type: 'treatment_plan', id: planId },
    ...(latest ? [{ type: 'plan_review', id: latest.review.id }] : []),
  ];
}

/** The goals of the participant's plans in effect, for notes that report progress on them. */
export async function activeGoals(
  tx: Db,
  orgId: string,
  participantId: string,
): Promise<{ id: string; statement: string }[]> {
  const rows = await repo.participantPlans(tx, orgId, participantId);
  return rows
    .filter((row) => row.status === 'active')
    .flatMap((row) => (row.problems as repo.StoredProblem[]).flatMap((problem) => problem.goals))
    .map((goal) => ({ id: goal.id, statement: goal.statement }));
}

export function getPlan(ctx: ServiceContext, id: string): Promise<TreatmentPlan> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findPlan(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('treatment plan');
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.read',
      subjectType: 'treatment_plan',
      subjectId: id,
      participantId: row.participantId,
    });
    return present(tx, ctx.actor.orgId, row);
  });
}

/** A participant's plans, every version, newest first. */
export function listPlans(ctx: ServiceContext, participantId: string): Promise<{ items: TreatmentPlan[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const rows = await repo.participantPlans(tx, orgId, participantId);
    const names = await repo.staffNames(tx, orgId, rows.flatMap(repo.staffOf));
    const today = new Map<string, string>();
    for (const row of rows)
      today.set(row.episodeId, today.get(row.episodeId) ?? (await todayFor(tx, orgId, row)));
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.read',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
    });
    return { items: rows.map((row) => repo.toPlan(row, names, today.get(row.episodeId) ?? '')) };
  });
}

/**
 * Reviews the plan in effect: progress on its goals (each must be one of the plan's, 400 naming it),
 * the next review moved on by the interval, and the review task done and the next one set.
 */
export function reviewPlan(ctx: ServiceContext, id: string, input: PlanReviewInput): Promise<PlanReview> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await repo.findPlan(tx, orgId, id, true);
    if (!row) throw notFound('treatment plan');
    if (row.status !== 'active') {
      throw new AppError('conflict', 'only the plan in effect is reviewed');
    }
    const goals = new Set(
      (row.problems as repo.StoredProblem[]).flatMap((problem) => problem.goals.map((goal) => goal.id)),
    );
    const seen = new Set<string>();
    for (const [index, item] of input.progress.entries()) {
      if (!goals.has(item.goalId))
        throw invalidField(`progress.${index}.goalId`, 'is not a goal of this plan');
      if (seen.has(item.goalId)) throw invalidField(`progress.${index}.goalId`, 'is reviewed twice');
      seen.add(item.goalId);
    }
    const episode = await episodeById(tx, orgId, row.episodeId);
    if (!episode) throw notFound('episode of care');
    const { today } = await programDay(tx, orgId, episode.programId);
    const next = nextPlanReviewDate(today, row.reviewEveryDays);
    const pending = await reviewTaskSources(tx, orgId, row.id);
    const review = await repo.insertReview(tx, {
      orgId,
      planId: row.id,
      participantId: row.participantId,
      reviewedBy: ctx.actor.userId,
      reviewedOn: today,
      progress: input.progress.map((item) => ({
        goalId: item.goalId,
        rating: item.rating,
        comment: item.comment ?? null,
      })),
      summary: input.summary ?? null,
      nextReviewDate: next,
    });
    await repo.updatePlan(tx, orgId, row.id, { nextReviewDate: next });
    for (const source of pending) await completeTasksFrom(tx, ctx, 'plan_review', source);
    await createTasks(tx, ctx, [
      {
        ...reviewTask(episode.careTeam.primaryClinician.id, row, next),
        sourceType: 'plan_review',
        sourceId: review.id,
      },
    ]);
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.reviewed',
      subjectType: 'treatment_plan',
      subjectId: row.id,
      participantId: row.participantId,
      details: { nextReviewDate: next },
    });
    return repo.toReview(review, ctx.actor.displayName);
  });
}

export function listReviews(ctx: ServiceContext, id: string): Promise<{ items: PlanReview[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await repo.findPlan(tx, ctx.actor.orgId, id);
    if (!row) throw notFound('treatment plan');
    const rows = await repo.reviewsOf(tx, ctx.actor.orgId, id);
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.read',
      subjectType: 'treatment_plan',
      subjectId: id,
      participantId: row.participantId,
      details: { reviews: true },
    });
    return { items: rows.map(({ review, reviewerName }) => repo.toReview(review, reviewerName)) };
  });
}

/** The program's plans in effect by review date, overdue ones first, with where each stands today. */
export function programReviews(ctx: ServiceContext, programId: string): Promise<{ items: PlanReviewDue[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const { program, today } = await programDay(tx, orgId, programId);
    const rows = resultRows<{
      plan_id: string;
      participant_id: string;
      episode_id: string;
      version: number;
      next_review_date: string;
      participant_name: string;
    }>(await repo.reviewsDue(tx, orgId, program.id));
    const items = rows.map((row) => ({
      planId: row.plan_id,
      participantId: row.participant_id,
      participantName: row.participant_name,
      episodeId: row.episode_id,
      version: Number(row.version),
      nextReviewDate: row.next_review_date,
      state: planReviewState(row.next_review_date, today),
    }));
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.reviews_listed',
      subjectType: 'program',
      subjectId: program.id,
      details: { shown: items.map((item) => item.participantId) },
    });
    return { items };
  });
}

/** The signed-in participant's plan in effect (their own), or 404 when none is. */
export function myPlan(ctx: ServiceContext): Promise<TreatmentPlan> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await ownActivePlan(tx, ctx);
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.read',
      subjectType: 'treatment_plan',
      subjectId: row.id,
      participantId: row.participantId,
    });
    return present(tx, ctx.actor.orgId, row);
  });
}

/** The participant signs their plan in effect with their typed name; once per version. */
export function acknowledgePlan(ctx: ServiceContext, typedName: string): Promise<TreatmentPlan> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await ownActivePlan(tx, ctx, true);
    if (row.acknowledgedAt) throw new AppError('conflict', 'you have already signed this plan');
    await repo.updatePlan(tx, ctx.actor.orgId, row.id, {
      acknowledgedName: typedName,
      acknowledgedBy: ctx.actor.userId,
      acknowledgedAt: new Date(),
    });
    await recordAudit(tx, ctx, {
      action: 'treatment_plan.acknowledged',
      subjectType: 'treatment_plan',
      subjectId: row.id,
      participantId: row.participantId,
    });
    const after = await repo.findPlan(tx, ctx.actor.orgId, row.id);
    if (!after) throw notFound('treatment plan');
    return present(tx, ctx.actor.orgId, after);
  });
}

/** Only the participant's own account (not a family member's) reaches their plan here. */
async function ownActivePlan(tx: Db, ctx: ServiceContext, lock = false): Promise<repo.PlanRow> {
  const participantId = ctx.actor.accountKind === 'participant' ? ctx.actor.participantId : null;
  if (!participantId) throw notFound('treatment plan');
  const active = (await repo.participantPlans(tx, ctx.actor.orgId, participantId)).find(
    (row) => row.status === 'active',
  );
  if (!active) throw notFound('treatment plan');
  const row = lock ? await repo.findPlan(tx, ctx.actor.orgId, active.id, true) : active;
  if (!row) throw notFound('treatment plan');
  return row;
}
