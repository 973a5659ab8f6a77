import { z } from 'zod';
import { noteTemplateKeys } from '../note-templates.js';
import { noteKinds } from '../notes.js';
import { idSchema, shortText, timestampSchema } from './common.js';

/*
 * Notes. A draft is written and saved (every saved version is kept), then signed, after which it never
 * changes: only addenda are added. A note by an intake coordinator also needs a supervisor's
 * co-signature. Text fields may be empty in a draft; signing needs them written.
 */

const text = (max = 4000) => z.string().trim().max(max);

/** A note template's key: the modality of the note's session. */
export const noteTemplateKey = z.enum(noteTemplateKeys);

/**
 * The values of a note's template fields, by field key. Which keys and options a template takes is
 * checked against the template itself (`templateFieldProblems`), so that the error names the field.
 */
export const templateFieldValues = z
  .record(z.string().min(1).max(60), z.string().trim().max(4000))
  .refine((fields) => Object.keys(fields).length <= 30, 'has more fields than any template');

/**
 * A session note's template and its fields. The template is the session's modality's; when absent,
 * the server sets it, and fields left out start blank.
 */
const templated = {
  template: noteTemplateKey.optional(),
  fields: templateFieldValues.default({}),
};

export const dapContent = z.strictObject({
  format: z.literal('dap'),
  data: text(),
  assessment: text(),
  plan: text(),
  ...templated,
});
export const birpContent = z.strictObject({
  format: z.literal('birp'),
  behavior: text(),
  intervention: text(),
  response: text(),
  plan: text(),
  ...templated,
});
export const familyContent = z.strictObject({
  /** Whether the participant was in the session (decides the service code). */
  withParticipant: z.boolean(),
  /** Who came, e.g. "mother and partner". */
  present: text(300),
  narrative: text(),
  plan: text(),
  ...templated,
});
export const contactContent = z.strictObject({
  method: z.enum(['phone', 'in_person', 'video', 'message']),
  summary: text(),
});
/** The part of a group note written once for the whole group; skills taught, homework and the rest per the modality's template. */
export const groupContent = z.strictObject({
  topic: text(200),
  module: text(200),
  interventions: z.array(shortText(100)).max(10),
  narrative: text(),
  ...templated,
});
export type GroupContent = z.infer<typeof groupContent>;

/**
 * A group note's shared part as stored, to read it back: notes written before templates have no
 * template and carry free-text skills taught and homework instead of fields.
 */
export const storedGroupContent = z.object({
  topic: z.string(),
  module: z.string(),
  interventions: z.array(z.string()),
  narrative: z.string(),
  template: noteTemplateKey.optional(),
  fields: z.record(z.string(), z.string()).optional(),
  skillsTaught: z.string().optional(),
  homework: z.string().optional(),
});
export type StoredGroupContent = z.infer<typeof storedGroupContent>;
/** One attendee's part of a group note: how they took part, and progress on their own goals. */
export const notePartContent = z.strictObject({
  participation: text(2000),
  response: text(2000),
  goalProgress: z.array(z.strictObject({ goalId: idSchema, progress: text(1000) })).max(10),
});
export type NotePartContent = z.infer<typeof notePartContent>;

export const individualContent = z.discriminatedUnion('format', [dapContent, birpContent]);

/** A note about one participant: individual, family, or a contact. */
export const noteInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('individual'),
    sessionId: idSchema,
    /** Minutes of the session; its scheduled length when absent. */
    minutes: z.int().min(1).max(480).optional(),
    /** A 42 CFR Part 2 SUD counseling note: kept apart, seen by its author only, never in the chart. */
    private: z.boolean().default(false),
    content: individualContent,
  }),
  z.strictObject({
    kind: z.literal('family'),
    sessionId: idSchema,
    minutes: z.int().min(1).max(480).optional(),
    content: familyContent,
  }),
  z.strictObject({
    kind: z.literal('contact'),
    minutes: z.int().min(1).max(480).optional(),
    content: contactContent,
  }),
]);
export type NoteInput = z.infer<typeof noteInput>;

export const noteUpdate = z.strictObject({
  minutes: z.int().min(1).max(480).optional(),
  content: z.union([individualContent, familyContent, contactContent, groupContent]),
});

export const addendumInput = z.strictObject({ text: shortText(4000) });

const person = z.object({ id: idSchema, name: z.string() });

export const noteSchema = z.object({
  id: idSchema,
  kind: z.enum(noteKinds),
  /** Null for a group note, whose attendees are in `parts`. */
  participantId: idSchema.nullable(),
  sessionId: idSchema.nullable(),
  author: person,
  status: z.enum(['draft', 'signed', 'cosigned']),
  private: z.boolean(),
  content: z.record(z.string(), z.unknown()),
  minutes: z.number().nullable(),
  serviceCode: z.string().nullable(),
  requiresCosign: z.boolean(),
  version: z.number(),
  signedAt: timestampSchema.nullable(),
  cosignedBy: person.nullable(),
  cosignedAt: timestampSchema.nullable(),
  parts: z.array(
    z.object({ participantId: idSchema, participantName: z.string(), content: notePartContent }),
  ),
  /** Attendees recorded absent from the session (group notes): no part, the absence kept. */
  absent: z.array(z.object({ participantId: idSchema, participantName: z.string(), status: z.string() })),
  addenda: z.array(z.object({ id: idSchema, author: person, text: z.string(), createdAt: timestampSchema })),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
});
export type Note = z.infer<typeof noteSchema>;
