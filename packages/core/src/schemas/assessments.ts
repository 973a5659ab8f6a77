import { z } from 'zod';
import { instrumentCodes, sexes } from '../instruments/instrument.js';
import {
  dimensionKeys,
  dimensionRatingsSchema,
  levelOfCareContextSchema,
  levelOfCareRulesSchema,
  levelsOfCare,
} from '../level-of-care.js';
import { populations } from '../program-rules.js';
import { idSchema, timestampSchema } from './common.js';

/** An instrument as listed by `GET /api/v1/instruments`: everything needed to show and answer it. */
export const instrumentSchema = z.object({
  code: z.enum(instrumentCodes),
  title: z.string(),
  instructions: z.string(),
  needsSex: z.boolean(),
  bands: z.array(z.string()),
  source: z.string(),
  licence: z.string(),
  items: z.array(
    z.object({
      linkId: z.string(),
      text: z.string(),
      kind: z.enum(['scale', 'yes_no']),
      options: z.array(z.object({ value: z.number(), label: z.string() })).optional(),
    }),
  ),
});
export type Instrument = z.infer<typeof instrumentSchema>;

export const instrumentCodeParams = z.strictObject({ code: z.string().max(40) });

/**
 * Answers in item order: integers for scale items, booleans for yes/no items. Whether they fit the
 * instrument (count, kinds, allowed values) is checked against its items, with per-item messages.
 */
const answers = z.array(z.union([z.number(), z.boolean()])).max(60, 'no instrument has more than 60 items');

export const scoreRequestSchema = z.strictObject({
  answers,
  sex: z.enum(sexes).optional(),
});
export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

export const instrumentScoreSchema = z.object({
  code: z.enum(instrumentCodes),
  total: z.number().nullable(),
  band: z.string().nullable(),
  flags: z.array(z.string()),
  subscales: z.record(z.string(), z.number()).optional(),
  percent: z.number().optional(),
  interpretation: z.string(),
});

export const instrumentResponseInput = z.strictObject({
  instrument: z.enum(instrumentCodes),
  answers,
  sex: z.enum(sexes).optional(),
});
export type InstrumentResponseInput = z.infer<typeof instrumentResponseInput>;

/**
 * A stored response: the FHIR R4 QuestionnaireResponse as recorded, its score, and the alerts it
 * raised when it was recorded.
 */
export const instrumentResponseSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  instrument: z.enum(instrumentCodes),
  authoredAt: timestampSchema,
  administeredBy: z.object({ id: idSchema, name: z.string() }),
  score: instrumentScoreSchema,
  questionnaireResponse: z.record(z.string(), z.unknown()),
  alertIds: z.array(idSchema),
});
export type InstrumentResponse = z.infer<typeof instrumentResponseSchema>;

export const alertSeverities = ['critical', 'high', 'medium', 'low'] as const;
export const alertStatuses = ['open', 'acknowledged', 'resolved'] as const;

/** A risk alert for the care team: what fired, on what evidence, and what to do. */
export const alertSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  participantName: z.string(),
  severity: z.enum(alertSeverities),
  rule: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  suggestedAction: z.string(),
  status: z.enum(alertStatuses),
  createdAt: timestampSchema,
  acknowledgedAt: timestampSchema.nullable(),
  acknowledgedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  /** The member of the care team the alert was handed to. */
  assignedTo: z.object({ id: idSchema, name: z.string() }).nullable(),
  assignedAt: timestampSchema.nullable(),
  /** When a critical alert nobody acknowledged in time went to the supervisors. */
  escalatedAt: timestampSchema.nullable(),
  resolvedAt: timestampSchema.nullable(),
  resolvedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
  resolutionNote: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const alertListQuery = z.strictObject({
  /** `unresolved`: open and acknowledged alerts, the inbox's default view. */
  status: z.enum([...alertStatuses, 'unresolved']).optional(),
  participantId: idSchema.optional(),
  /** A staff member's id, or `me`. */
  assignedTo: z.union([idSchema, z.literal('me')]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;

/** `POST /api/v1/alerts/{id}/assign`. */
export const alertAssignInput = z.strictObject({ userId: idSchema });

/** `POST /api/v1/alerts/{id}/resolve`: what was done, in the care team's words. */
export const alertResolveInput = z.strictObject({
  note: z
    .string()
    .trim()
    .min(1, 'say what was done before resolving the alert')
    .max(2000, 'keep the note under 2000 characters'),
});

/** A message to one staff member inside Stepwise; it never carries clinical detail. */
export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(['alert.raised', 'alert.escalated', 'alert.assigned']),
  alertId: idSchema.nullable(),
  title: z.string(),
  createdAt: timestampSchema,
  readAt: timestampSchema.nullable(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = z.object({
  unread: z.number(),
  items: z.array(notificationSchema),
});

/** `POST /api/v1/level-of-care/recommend`. */
export const levelOfCareRecommendationSchema = z.object({
  level: z.enum(levelsOfCare),
  reasons: z.array(z.object({ dimension: z.enum(dimensionKeys).optional(), text: z.string() })),
  flags: z.array(z.string()),
  weeklyHoursMinimum: z.number().optional(),
  ruleId: z.string(),
});

export const levelOfCareRulesResponse = z.object({
  programId: idSchema,
  /** 0 while the program uses Stepwise's defaults; each change adds one. */
  version: z.number(),
  isDefault: z.boolean(),
  rules: levelOfCareRulesSchema,
  changedAt: timestampSchema.nullable(),
  changedBy: z.object({ id: idSchema, name: z.string() }).nullable(),
});

const dimensionNote = z.string().trim().max(4000).optional();

/** A six-dimension assessment, with the clinician's notes per dimension. */
export const levelOfCareAssessmentInput = z.strictObject({
  /** The program whose rules apply (its population too); Stepwise's defaults when absent. */
  programId: idSchema.optional(),
  /** Required without a program; must match the program's when both are given. */
  population: z.enum(populations).optional(),
  dimensions: dimensionRatingsSchema,
  notes: z
    .strictObject({
      d1: dimensionNote,
      d2: dimensionNote,
      d3: dimensionNote,
      d4: dimensionNote,
      d5: dimensionNote,
      d6: dimensionNote,
    })
    .default({}),
  context: levelOfCareContextSchema.default({}),
});
export type LevelOfCareAssessmentInput = z.infer<typeof levelOfCareAssessmentInput>;

export const levelOfCareDecisionInput = z.discriminatedUnion('decision', [
  z.strictObject({ decision: z.literal('confirm') }),
  z.strictObject({
    decision: z.literal('override'),
    level: z.enum(levelsOfCare),
    reason: z.string().trim().min(10, 'say why, in at least a sentence (10 characters)').max(2000),
  }),
]);
export type LevelOfCareDecisionInput = z.infer<typeof levelOfCareDecisionInput>;

export const levelOfCareAssessmentSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  programId: idSchema.nullable(),
  population: z.enum(populations),
  dimensions: dimensionRatingsSchema,
  notes: z.record(z.string(), z.string()),
  context: levelOfCareContextSchema,
  recommendation: levelOfCareRecommendationSchema,
  /** Which version of the program's rules decided (0 = Stepwise's defaults). */
  rulesVersion: z.number(),
  assessedBy: z.object({ id: idSchema, name: z.string() }),
  assessedAt: timestampSchema,
  decision: z
    .object({
      kind: z.enum(['confirmed', 'overridden']),
      level: z.enum(levelsOfCare),
      reason: z.string().nullable(),
      decidedBy: z.object({ id: idSchema, name: z.string() }),
      decidedAt: timestampSchema,
    })
    .nullable(),
});
export type LevelOfCareAssessment = z.infer<typeof levelOfCareAssessmentSchema>;
