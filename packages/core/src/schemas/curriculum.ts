import { z } from 'zod';
import { moduleStatuses } from '../curriculum.js';
import { dateSchema, idSchema, optionalText, shortText, timestampSchema } from './common.js';
import { sessionModalities, sessionSchema } from './scheduling.js';

/** A module added to a program's curriculum: taught by the groups of its modality, after the others. */
export const curriculumModuleInput = z.strictObject({
  name: shortText(120),
  modality: z.enum(sessionModalities),
  required: z.boolean().default(true),
  description: optionalText(1000),
});
export type CurriculumModuleInput = z.infer<typeof curriculumModuleInput>;

/** Renaming, marking required or not, or retiring a module (it is no longer taught). */
export const curriculumModuleUpdate = z
  .strictObject({
    name: shortText(120).optional(),
    required: z.boolean().optional(),
    description: optionalText(1000),
    retired: z.literal(true).optional(),
  })
  .refine((update) => Object.keys(update).length > 0, { message: 'change at least one field' });

/** The rotation order: every current module of the program once, first taught first. */
export const curriculumOrderInput = z.strictObject({
  moduleIds: z
    .array(idSchema)
    .min(1)
    .max(200)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'each module once' }),
});

/** The module one session teaches, set by staff (null: none); the rotation leaves it alone after. */
export const sessionModuleInput = z.strictObject({ moduleId: idSchema.nullable() });

export const curriculumModuleSchema = z.object({
  id: idSchema,
  programId: idSchema,
  name: z.string(),
  modality: z.enum(sessionModalities),
  /** 1 for the first taught, in the program's rotation order; null once retired. */
  position: z.number().nullable(),
  required: z.boolean(),
  description: z.string().nullable(),
  retiredAt: timestampSchema.nullable(),
});
export type CurriculumModule = z.infer<typeof curriculumModuleSchema>;

/** A program's curriculum: its current modules in rotation order (retired ones on request). */
export const curriculumSchema = z.object({
  programId: idSchema,
  items: z.array(curriculumModuleSchema),
});

const sessionOnDate = z.object({ sessionId: idSchema, date: dateSchema });

/** A participant's coverage of their program's curriculum in their open episode. */
export const participantCurriculumSchema = z.object({
  programId: idSchema,
  episodeId: idSchema,
  plannedDischarge: dateSchema,
  summary: z.object({
    required: z.number(),
    covered: z.number(),
    scheduled: z.number(),
    atRisk: z.number(),
  }),
  items: z.array(
    z.object({
      module: curriculumModuleSchema,
      status: z.enum(moduleStatuses),
      covered: sessionOnDate.nullable(),
      next: sessionOnDate.nullable(),
    }),
  ),
});
export type ParticipantCurriculum = z.infer<typeof participantCurriculumSchema>;

/**
 * A session that would teach a participant a module they will otherwise miss: seats left, and the
 * one of their own sessions it would replace as a make-up (one at the same time, or one that week
 * teaching what they already have); null when none would do.
 */
export const moduleMakeupOptionSchema = z.object({
  session: sessionSchema,
  seatsLeft: z.number(),
  insteadOf: sessionSchema.nullable(),
  /** Why it falls outside the participant's availability, or null when it fits. */
  availabilityProblem: z.string().nullable(),
});

/** Who in a program will miss a required module at the current rotation, with make-up options. */
export const curriculumGapsSchema = z.object({
  programId: idSchema,
  items: z.array(
    z.object({
      participantId: idSchema,
      participantName: z.string(),
      episodeId: idSchema,
      plannedDischarge: dateSchema,
      modules: z.array(
        z.object({
          module: curriculumModuleSchema,
          /** When their own sessions next teach it (after planned discharge), if at all. */
          next: sessionOnDate.nullable(),
          options: z.array(moduleMakeupOptionSchema),
        }),
      ),
    }),
  ),
});
export type CurriculumGaps = z.infer<typeof curriculumGapsSchema>;
