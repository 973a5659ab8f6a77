import { z } from 'zod';
import { scheduleReasons, scheduleTriggerCodes } from '../assessment-schedule.js';
import { instrumentCodes, sexes } from '../instruments/instrument.js';
import { crisisResourceSchema } from './between-sessions.js';
import { dateSchema, idSchema, timestampSchema } from './common.js';

/*
 * Assessment schedules (issue "Between sessions", measurement-based care): a program's rules, the
 * assessments a participant owes, and the participant answering one in the participant area.
 */

const instrument = z.enum(instrumentCodes);

/** One rule of a program's schedule (see `assessment-schedule.ts` for what each kind means). */
export const scheduleRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ instrument, kind: z.literal('admission') }),
  z.strictObject({
    instrument,
    kind: z.literal('interval'),
    /** 14 for fortnightly, 30 for monthly. */
    everyDays: z.int().min(7, 'at least every 7 days').max(180, 'at most every 180 days'),
  }),
  z.strictObject({ instrument, kind: z.literal('discharge') }),
  z.strictObject({
    instrument,
    kind: z.literal('triggered'),
    trigger: z.enum(scheduleTriggerCodes),
  }),
]);

const ruleKey = (rule: z.infer<typeof scheduleRuleSchema>) => `${rule.instrument}:${rule.kind}`;

/** A program's schedule: each instrument and kind at most once (one interval per instrument). */
export const assessmentScheduleSchema = z.strictObject({
  rules: z
    .array(scheduleRuleSchema)
    .max(40, 'at most 40 rules')
    .refine((rules) => new Set(rules.map(ruleKey)).size === rules.length, {
      message: 'each instrument at most once per kind of rule',
    }),
});
export type AssessmentScheduleInput = z.infer<typeof assessmentScheduleSchema>;

/** `GET/PUT /api/v1/programs/:id/assessment-schedule`. */
export const programAssessmentScheduleSchema = z.object({
  programId: idSchema,
  /** 0 while the program uses Stepwise's default schedule; each change adds one. */
  version: z.number(),
  isDefault: z.boolean(),
  rules: z.array(scheduleRuleSchema),
  changedAt: timestampSchema.nullable(),
  changedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
});
export type ProgramAssessmentSchedule = z.infer<typeof programAssessmentScheduleSchema>;

/** An assessment someone owes today. */
export const dueAssessmentSchema = z.object({
  instrument,
  /** The instrument's display title, e.g. "PHQ-9". */
  title: z.string(),
  reason: z.enum(scheduleReasons),
  dueDate: dateSchema,
  overdue: z.boolean(),
});
export type DueAssessmentItem = z.infer<typeof dueAssessmentSchema>;

/** `GET /api/v1/participants/:id/assessments/due` and `GET /api/v1/me/assessments/due`. */
export const dueAssessmentListSchema = z.object({
  today: dateSchema,
  items: z.array(dueAssessmentSchema),
});

/** `GET /api/v1/programs/:id/assessments/overdue`: who is overdue for what, most overdue first. */
export const overdueAssessmentListSchema = z.object({
  today: dateSchema,
  items: z.array(
    dueAssessmentSchema.extend({
      participantId: idSchema,
      participantName: z.string(),
      /** Days since it fell due. */
      daysLate: z.number(),
    }),
  ),
});

/** `POST /api/v1/me/instrument-responses`: the participant answers a questionnaire that is due. */
export const portalInstrumentResponseInput = z.strictObject({
  instrument,
  answers: z.array(z.union([z.number(), z.boolean()])).max(60, 'no instrument has more than 60 items'),
  /** Only for an instrument whose cut-off depends on it (AUDIT-C). */
  sex: z.enum(sexes).optional(),
});
export type PortalInstrumentResponseInput = z.infer<typeof portalInstrumentResponseInput>;

/**
 * What the participant gets back: a thank-you, never their score, band or interpretation (those are
 * for their clinician to go through with them), and crisis resources when they reported thoughts of
 * death or self-harm.
 */
export const portalInstrumentResultSchema = z.object({
  id: idSchema,
  instrument,
  message: z.string(),
  crisisResources: z.array(crisisResourceSchema).nullable(),
});
export type PortalInstrumentResult = z.infer<typeof portalInstrumentResultSchema>;
