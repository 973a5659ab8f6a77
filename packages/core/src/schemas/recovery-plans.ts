import { z } from 'zod';
import { isCrisisLifeline, type SafetyPlanSection, safetyPlanSections } from '../safety-plan.js';
import { dialNumberSchema, idSchema, timestampSchema } from './common.js';

/*
 * The relapse-prevention plan and the Stanley-Brown safety plan (issue "Between sessions"), as the API
 * takes and gives them. Both are versioned per participant: a draft the care team writes with the
 * participant, signed by a clinician and by the participant (either first); once both have signed it
 * is the version in effect, and the one before is superseded. Signed content never changes.
 */

/** Short free text in the participant's words: trimmed, non-empty, bounded, no NUL character. */
const planText = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain a NUL character');

const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `at most ${max} entries`);

/** Entries per section: enough for a thorough plan, few enough to read on a phone in a crisis. */
export const maxPlanEntries = 20;

export const safetyPlanEntryInput = z.strictObject({
  text: planText(300),
  phone: dialNumberSchema.nullable().optional(),
});

/** A safety plan's six sections, each a list; the crisis lines always keep 988. */
export const safetyPlanContentInput = z.strictObject(
  Object.fromEntries(
    safetyPlanSections.map((section) => {
      const entries = list(safetyPlanEntryInput, maxPlanEntries);
      return [
        section,
        section === 'professionals'
          ? entries.refine(
              (items) =>
                items.some((entry) =>
                  isCrisisLifeline({ text: entry.text, phone: entry.phone ?? undefined }),
                ),
              'keep the 988 Suicide & Crisis Lifeline among the crisis lines',
            )
          : entries,
      ];
    }),
  ) as Record<SafetyPlanSection, z.ZodArray<typeof safetyPlanEntryInput>>,
);
export type SafetyPlanContentInput = z.infer<typeof safetyPlanContentInput>;

const skillInput = z.strictObject({
  /** Kept when revising (check-ins name the skill); a new skill has none. */
  id: idSchema.optional(),
  text: planText(300),
  /** The curriculum module that teaches it, when one does. */
  moduleId: idSchema.nullable().optional(),
});

export const planPersonInput = z.strictObject({
  name: planText(100),
  /** "sponsor", "sister", "friend from group". */
  relationship: planText(60).nullable().optional(),
  phone: dialNumberSchema,
});

export const relapsePreventionContentInput = z.strictObject({
  triggers: list(planText(300), maxPlanEntries),
  warningSigns: list(planText(300), maxPlanEntries),
  cravingStrategies: list(skillInput, maxPlanEntries),
  copingSkills: list(skillInput, maxPlanEntries),
  people: list(planPersonInput, 10),
  reasons: list(planText(300), maxPlanEntries),
  afterLapse: list(planText(300), maxPlanEntries),
});
export type RelapsePreventionContentInput = z.infer<typeof relapsePreventionContentInput>;

/** A new draft: from the version in effect (the default when there is one) or from a blank plan. */
export const recoveryPlanDraftInput = z.strictObject({
  startFrom: z.enum(['active', 'blank']).optional(),
});
export type RecoveryPlanDraftInput = z.infer<typeof recoveryPlanDraftInput>;

/**
 * A signature names the draft and the revision the signer read: if the draft changed in between, the
 * signature is refused rather than put under words the signer has not seen.
 */
export const clinicianPlanSignatureInput = z.strictObject({
  revision: z.int('must be a whole number').min(1, 'must be 1 or more'),
});
export const participantPlanSignatureInput = z.strictObject({
  planId: idSchema,
  revision: z.int('must be a whole number').min(1, 'must be 1 or more'),
  /** The participant types their name to sign. */
  typedName: planText(200),
});
export type ParticipantPlanSignatureInput = z.infer<typeof participantPlanSignatureInput>;

export const recoveryPlanStatuses = ['draft', 'active', 'superseded', 'discarded'] as const;

const person = z.object({ id: idSchema, name: z.string() });

const versionFields = {
  id: idSchema,
  participantId: idSchema,
  version: z.number(),
  status: z.enum(recoveryPlanStatuses),
  /** Bumped by every change to a draft's content; a signature names the revision it signs. */
  revision: z.number(),
  createdBy: person,
  createdAt: timestampSchema,
  updatedBy: person,
  updatedAt: timestampSchema,
  clinicianSignature: z.object({ by: person, at: timestampSchema }).nullable(),
  /** The participant's typed signature, from their own account. */
  participantSignature: z.object({ name: z.string(), at: timestampSchema }).nullable(),
  activatedAt: timestampSchema.nullable(),
  supersededAt: timestampSchema.nullable(),
};

export const safetyPlanEntrySchema = z.object({ text: z.string(), phone: z.string().nullable() });
export const safetyPlanContentSchema = z.object(
  Object.fromEntries(
    safetyPlanSections.map((section) => [section, z.array(safetyPlanEntrySchema)]),
  ) as Record<SafetyPlanSection, z.ZodArray<typeof safetyPlanEntrySchema>>,
);
export type SafetyPlanContentView = z.infer<typeof safetyPlanContentSchema>;

export const safetyPlanSchema = z.object({ ...versionFields, content: safetyPlanContentSchema });
export type SafetyPlan = z.infer<typeof safetyPlanSchema>;

export const planSkillSchema = z.object({
  id: idSchema,
  text: z.string(),
  /** The module that teaches it, named (it may since have been retired). */
  module: z.object({ id: idSchema, name: z.string() }).nullable(),
});
export type PlanSkillView = z.infer<typeof planSkillSchema>;

export const relapsePreventionContentSchema = z.object({
  triggers: z.array(z.string()),
  warningSigns: z.array(z.string()),
  cravingStrategies: z.array(planSkillSchema),
  copingSkills: z.array(planSkillSchema),
  people: z.array(z.object({ name: z.string(), relationship: z.string().nullable(), phone: z.string() })),
  reasons: z.array(z.string()),
  afterLapse: z.array(z.string()),
});
export type RelapsePreventionContentView = z.infer<typeof relapsePreventionContentSchema>;

export const relapsePreventionPlanSchema = z.object({
  ...versionFields,
  content: relapsePreventionContentSchema,
});
export type RelapsePreventionPlan = z.infer<typeof relapsePreventionPlanSchema>;

/** Every version of a participant's plan, newest first. */
export const safetyPlanVersionsSchema = z.object({ items: z.array(safetyPlanSchema) });
export const relapsePreventionPlanVersionsSchema = z.object({ items: z.array(relapsePreventionPlanSchema) });

/** The participant's own plan: the version in effect, and a draft waiting for their signature. */
export const mySafetyPlanSchema = z.object({
  active: safetyPlanSchema.nullable(),
  draft: safetyPlanSchema.nullable(),
});
export type MySafetyPlan = z.infer<typeof mySafetyPlanSchema>;
export const myRelapsePreventionPlanSchema = z.object({
  active: relapsePreventionPlanSchema.nullable(),
  draft: relapsePreventionPlanSchema.nullable(),
});
export type MyRelapsePreventionPlan = z.infer<typeof myRelapsePreventionPlanSchema>;
