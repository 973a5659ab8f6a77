import { z } from 'zod';
import { dateSchema, idSchema, optionalText, shortText } from './common.js';

/*
 * What participants and staff record between sessions (issue "Between sessions"): the daily check-in,
 * under a minute on a phone, and drug and alcohol screen results entered by staff.
 */

const rating = z.int().min(0, 'from 0 to 10').max(10, 'from 0 to 10');

/** A day's check-in. Missing a day is fine; a second check-in the same day replaces the first. */
export const checkInInput = z
  .strictObject({
    /** The participant's local date; today when absent. */
    date: dateSchema.optional(),
    mood: rating,
    craving: rating,
    /** Hours slept last night, in half hours. */
    sleepHours: z
      .number()
      .min(0)
      .max(24)
      .refine((hours) => Number.isInteger(hours * 2), 'in half hours, such as 6.5')
      .nullable()
      .optional(),
    used: z.boolean(),
    /** What and how much, when they choose to say. */
    use: z
      .array(z.strictObject({ substance: shortText(100), amount: optionalText(100) }))
      .max(10)
      .default([]),
    /** Skills from their relapse-prevention plan they used today (the plan's skill ids). */
    skillsUsed: z.array(idSchema).max(20).default([]),
    /** Suicidal thoughts today: shows crisis resources at once, and alerts the care team. */
    suicidalThoughts: z.boolean().default(false),
    note: optionalText(1000),
  })
  .refine((input) => input.used || input.use.length === 0, {
    message: 'say use was reported (used: true) to describe it',
    path: ['use'],
  });
export type CheckInInput = z.infer<typeof checkInInput>;

export const screenMethods = ['urine', 'breath', 'oral_fluid', 'blood', 'hair', 'sweat_patch'] as const;
export const screenResults = ['negative', 'positive', 'inconclusive'] as const;

/** A drug or alcohol screen result, as entered by staff. */
export const drugScreenInput = z
  .strictObject({
    collectedOn: dateSchema,
    method: z.enum(screenMethods),
    /** Each substance tested and its result. */
    results: z
      .array(z.strictObject({ substance: shortText(100), result: z.enum(screenResults) }))
      .min(1, 'record at least one substance tested')
      .max(30),
    /** Whether collection was observed. */
    observed: z.boolean(),
    labReference: optionalText(100),
    note: optionalText(1000),
  })
  .refine(
    (input) =>
      new Set(input.results.map((result) => result.substance.toLowerCase())).size === input.results.length,
    { message: 'each substance once', path: ['results'] },
  );
export type DrugScreenInput = z.infer<typeof drugScreenInput>;

export const checkInSchema = z.object({
  id: idSchema,
  date: dateSchema,
  mood: z.number(),
  craving: z.number(),
  sleepHours: z.number().nullable(),
  used: z.boolean(),
  use: z.array(z.object({ substance: z.string(), amount: z.string().nullable().optional() })),
  skillsUsed: z.array(idSchema),
  suicidalThoughts: z.boolean(),
  note: z.string().nullable(),
});
export type CheckIn = z.infer<typeof checkInSchema>;

/** Where to turn at once: shown whenever suicidal thoughts are reported, whatever the network does next. */
export const crisisResourceSchema = z.object({ name: z.string(), phone: z.string(), text: z.boolean() });

/** A participant's check-ins, latest first, with their streak. */
export const checkInListSchema = z.object({
  streak: z.number(),
  items: z.array(checkInSchema),
  /** The craving strategies and coping skills of their relapse-prevention plan in effect, to tick. */
  skills: z.array(z.object({ id: idSchema, text: z.string() })),
  /** Where to turn in a crisis: 988 and their program's crisis line; kept on the page before it is needed. */
  crisisResources: z.array(crisisResourceSchema),
});

/** What a check-in returns to the participant: it, their streak, and crisis resources when needed. */
export const checkInResultSchema = z.object({
  checkIn: checkInSchema,
  streak: z.number(),
  crisisResources: z.array(crisisResourceSchema).nullable(),
});
