import { enrolmentSchema, makeupOptionSchema, makeupSchema, roomSchema, sessionSchema } from '@stepwise/core';
import { z } from 'zod';

/*
 * The bodies of the scheduling endpoints that core has no named schema for (the server declares them
 * inline in its routes), built from the core item schemas.
 */

/** GET /programs/{id}/calendar: a program's sessions in one ISO week, in the site's zone. */
export const calendarResponse = z.object({
  week: z.string(),
  timeZone: z.string(),
  items: z.array(sessionSchema),
});
export const roomList = z.object({ items: z.array(roomSchema) });
export const rosterList = z.object({ items: z.array(enrolmentSchema) });
/** POST /enrolments/{id}/withdraw: who left, and who was offered the freed seat. */
export const withdrawal = z.object({ withdrawn: enrolmentSchema, promoted: enrolmentSchema.nullable() });

export const belowMinimumItem = z.object({
  week: z.string(),
  participantId: z.string(),
  participantName: z.string(),
  episodeId: z.string(),
  scheduledMinutes: z.number(),
  requiredMinutes: z.number(),
  reason: z.string(),
});
export type BelowMinimum = z.infer<typeof belowMinimumItem>;
export const belowMinimumList = z.object({ items: z.array(belowMinimumItem) });

/** GET /participants/{id}/makeup-options: sessions that could replace a missed one, best first. */
export const makeupOptionList = z.object({ items: z.array(makeupOptionSchema) });
/** GET /participants/{id}/makeups: booked and cancelled make-ups, newest first. */
export const makeupList = z.object({ items: z.array(makeupSchema) });

/** A private iCalendar subscription link; its secret is shown once. */
export const calendarLink = z.object({ url: z.string() });
