import { z } from 'zod';
import { dimensionKeys } from '../level-of-care.js';
import { goalProgressRatings, interventionKinds, planReviewStates } from '../treatment-plans.js';
import { dateSchema, idSchema, optionalText, shortText, timestampSchema } from './common.js';

/*
 * A treatment plan: problems (each tied to a level-of-care dimension where it applies), measurable goals
 * in the participant's own words with dated objectives, and interventions with their frequency and the
 * staff member responsible. Plans are versioned: a draft is edited, then takes effect (the version
 * before is superseded and never changes again). Ids of problems, goals and objectives are kept from
 * version to version, so notes and reviews can name a goal that lasts.
 */

const objectiveInput = z.strictObject({
  /** Kept when revising; a new objective has none. */
  id: idSchema.optional(),
  text: shortText(300),
  targetDate: dateSchema,
});
const interventionInput = z.strictObject({
  kind: z.enum(interventionKinds),
  /** "Three 3-hour groups a week", "weekly", "every two weeks". */
  frequency: shortText(100),
  responsibleStaffId: idSchema,
});
const goalInput = z.strictObject({
  id: idSchema.optional(),
  /** In the participant's own words. */
  statement: shortText(500),
  objectives: z.array(objectiveInput).min(1, 'give each goal a measurable objective').max(10),
});
const problemInput = z.strictObject({
  id: idSchema.optional(),
  title: shortText(200),
  /** The level-of-care dimension the problem belongs to, where one applies. */
  dimension: z.enum(dimensionKeys).nullable().optional(),
  goals: z.array(goalInput).min(1, 'give each problem a goal').max(10),
  interventions: z.array(interventionInput).min(1, 'give each problem an intervention').max(10),
});

export const planContentInput = z.strictObject({
  problems: z.array(problemInput).min(1, 'a plan names at least one problem').max(20),
});
export type PlanContentInput = z.infer<typeof planContentInput>;

/** A new draft: the first plan of an episode, or a revision of its plan in effect. */
export const treatmentPlanInput = planContentInput.extend({ episodeId: idSchema });

const person = z.object({ id: idSchema, name: z.string() });

export const planProblemSchema = z.object({
  id: idSchema,
  title: z.string(),
  dimension: z.enum(dimensionKeys).nullable(),
  goals: z.array(
    z.object({
      id: idSchema,
      statement: z.string(),
      objectives: z.array(z.object({ id: idSchema, text: z.string(), targetDate: dateSchema })),
    }),
  ),
  interventions: z.array(
    z.object({ kind: z.enum(interventionKinds), frequency: z.string(), responsibleStaff: person }),
  ),
});
export type PlanProblem = z.infer<typeof planProblemSchema>;

export const treatmentPlanSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  episodeId: idSchema,
  version: z.number(),
  status: z.enum(['draft', 'active', 'superseded']),
  problems: z.array(planProblemSchema),
  reviewEveryDays: z.number(),
  /** While in effect: when its next review falls due, and where that stands today at the program's site. */
  nextReviewDate: dateSchema.nullable(),
  reviewState: z.enum(planReviewStates).nullable(),
  createdBy: person,
  createdAt: timestampSchema,
  activatedAt: timestampSchema.nullable(),
  /** The participant's typed signature, from the participant area. */
  acknowledgement: z.object({ name: z.string(), at: timestampSchema }).nullable(),
});
export type TreatmentPlan = z.infer<typeof treatmentPlanSchema>;

export const planReviewInput = z.strictObject({
  progress: z
    .array(
      z.strictObject({
        goalId: idSchema,
        rating: z.enum(goalProgressRatings),
        comment: optionalText(1000),
      }),
    )
    .min(1, 'record progress on at least one goal')
    .max(50),
  summary: optionalText(2000),
});
export type PlanReviewInput = z.infer<typeof planReviewInput>;

export const planReviewSchema = z.object({
  id: idSchema,
  planId: idSchema,
  reviewedBy: person,
  reviewedOn: dateSchema,
  progress: z.array(
    z.object({ goalId: idSchema, rating: z.enum(goalProgressRatings), comment: z.string().nullable() }),
  ),
  summary: z.string().nullable(),
  nextReviewDate: dateSchema,
  createdAt: timestampSchema,
});
export type PlanReview = z.infer<typeof planReviewSchema>;

/** A plan in effect in a program, by how due its review is (GET /programs/{id}/plan-reviews). */
export const planReviewDueSchema = z.object({
  planId: idSchema,
  participantId: idSchema,
  participantName: z.string(),
  episodeId: idSchema,
  version: z.number(),
  nextReviewDate: dateSchema,
  state: z.enum(planReviewStates),
});
export type PlanReviewDue = z.infer<typeof planReviewDueSchema>;

export const planAcknowledgementInput = z.strictObject({
  /** The participant types their name to sign. */
  typedName: shortText(200),
});
