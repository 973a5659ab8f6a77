import { noteSchema } from '@stepwise/core';
import { z } from 'zod';

/** The `{ items }` body of a participant's chart of notes. */
export const noteList = z.object({ items: z.array(noteSchema) });

/**
 * What a refused signature says in `details`: the group-note parts to individualize (by attendee), or
 * the fields still to write.
 */
export const signRefusalDetails = z.object({
  parts: z
    .array(
      z.object({
        participantId: z.string(),
        problem: z.enum(['empty', 'identical', 'no_goal']),
        sameAs: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  missing: z.array(z.string()).optional(),
});
export type SignRefusal = z.infer<typeof signRefusalDetails>;
