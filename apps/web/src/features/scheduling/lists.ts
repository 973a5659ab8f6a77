import {
  belowMinimumSchema,
  enrolmentSchema,
  makeupOptionSchema,
  makeupSchema,
  roomSchema,
} from '@stepwise/core';
import { z } from 'zod';

/* The list bodies of the scheduling endpoints, built from the core item schemas. */

export const roomList = z.object({ items: z.array(roomSchema) });
export const rosterList = z.object({ items: z.array(enrolmentSchema) });
export const belowMinimumList = z.object({ items: z.array(belowMinimumSchema) });
/** GET /participants/{id}/makeup-options: sessions that could replace a missed one, best first. */
export const makeupOptionList = z.object({ items: z.array(makeupOptionSchema) });
/** GET /participants/{id}/makeups: booked and cancelled make-ups, newest first. */
export const makeupList = z.object({ items: z.array(makeupSchema) });
