import { z } from 'zod';
import { instrumentCodes } from '../instruments/instrument.js';
import { changeDirections } from '../measurement.js';
import { screenMethods, screenResults } from './between-sessions.js';
import { dateSchema, idSchema, shortText, timestampSchema } from './common.js';

/*
 * Measurement-based care on the chart (issue "Between sessions"): drug and alcohol screens as staff
 * recorded them, score trends per instrument with their bands and change since baseline, and the
 * program's share of participants improved, unchanged and worse.
 */

/** A recorded screen. Never edited: a wrong entry is marked entered in error, kept and shown struck through. */
export const drugScreenSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  collectedOn: dateSchema,
  method: z.enum(screenMethods),
  results: z.array(z.object({ substance: z.string(), result: z.enum(screenResults) })),
  observed: z.boolean(),
  labReference: z.string().nullable(),
  note: z.string().nullable(),
  recordedBy: z.object({ id: idSchema, name: z.string() }),
  recordedAt: timestampSchema,
  enteredInError: z
    .object({ at: timestampSchema, by: z.object({ id: idSchema, name: z.string() }), reason: z.string() })
    .nullable(),
});
export type DrugScreen = z.infer<typeof drugScreenSchema>;

export const drugScreenListSchema = z.object({ items: z.array(drugScreenSchema) });

/** Marking a screen as entered in error needs a reason; the entry stays on the chart, struck through. */
export const enteredInErrorInput = z.strictObject({ reason: shortText(500) });
export type EnteredInErrorInput = z.infer<typeof enteredInErrorInput>;

const changeSchema = z.object({
  points: z.number(),
  direction: z.enum(changeDirections).nullable(),
  response: z.boolean(),
  remission: z.boolean(),
});

const scorePointSchema = z.object({
  responseId: idSchema,
  /** When the instrument was answered. */
  authoredAt: timestampSchema,
  /** The participant's local date of the response, for labels. */
  date: dateSchema,
  /** The charted score: the total, or the WHO-5 percentage. */
  score: z.number(),
  band: z.string().nullable(),
});

/** One instrument's trend for a participant: oldest first, with its bands and the change since baseline. */
export const instrumentTrendSchema = z.object({
  instrument: z.enum(instrumentCodes),
  title: z.string(),
  /** The charted scale: 0 to `max`, with the bands to shade. */
  max: z.number(),
  bands: z.array(z.object({ band: z.string(), from: z.number(), to: z.number() })),
  points: z.array(scorePointSchema),
  /** The first response of the current episode, or the first of all when there is no open episode. */
  baseline: scorePointSchema,
  latest: scorePointSchema,
  /** Latest against baseline; null until there are two responses to compare. */
  change: changeSchema.nullable(),
  /** Points of change that count as reliable on this instrument; null when none is published. */
  reliableChangePoints: z.number().nullable(),
});
export type InstrumentTrend = z.infer<typeof instrumentTrendSchema>;

/** Each valid screen (oldest first) with its result per substance tested. */
export const screenTrendSchema = z.object({
  substances: z.array(z.string()),
  screens: z.array(
    z.object({
      id: idSchema,
      collectedOn: dateSchema,
      results: z.record(z.string(), z.enum(screenResults)),
    }),
  ),
});
export type ScreenTrend = z.infer<typeof screenTrendSchema>;

export const participantMeasurementSchema = z.object({
  /** Start of the open episode the baselines are taken from; null when there is none. */
  episodeStart: dateSchema.nullable(),
  instruments: z.array(instrumentTrendSchema),
  screens: screenTrendSchema,
});
export type ParticipantMeasurement = z.infer<typeof participantMeasurementSchema>;

/** Which episodes a program's outcomes cover: open ones, and those closed within the period when given. */
export const outcomesQuery = z
  .strictObject({ closedFrom: dateSchema.optional(), closedTo: dateSchema.optional() })
  .refine((query) => !query.closedFrom || !query.closedTo || query.closedFrom <= query.closedTo, {
    message: 'closedFrom must not be after closedTo',
    path: ['closedTo'],
  });
export type OutcomesQuery = z.infer<typeof outcomesQuery>;

export const instrumentOutcomeSchema = z.object({
  instrument: z.enum(instrumentCodes),
  title: z.string(),
  /** Participants with at least one response in the episode. */
  participants: z.number(),
  /** Participants measured twice or more, whose change has a verdict. */
  measured: z.number(),
  improved: z.number(),
  unchanged: z.number(),
  worse: z.number(),
  /** Shares of `measured`, 0–1. */
  shares: z.object({ improved: z.number(), unchanged: z.number(), worse: z.number() }),
});
export type InstrumentOutcome = z.infer<typeof instrumentOutcomeSchema>;

/** A program's outcomes: no names, only counts and shares per instrument. */
export const programOutcomesSchema = z.object({
  programId: idSchema,
  programName: z.string(),
  /** Episodes counted: open, plus closed within the period when one was asked for. */
  episodes: z.number(),
  closedFrom: dateSchema.nullable(),
  closedTo: dateSchema.nullable(),
  instruments: z.array(instrumentOutcomeSchema),
});
export type ProgramOutcomes = z.infer<typeof programOutcomesSchema>;
