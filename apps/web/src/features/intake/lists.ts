import {
  alertSchema,
  consentSchema,
  episodeSchema,
  instrumentResponseSchema,
  instrumentSchema,
  levelOfCareAssessmentSchema,
  referralSchema,
} from '@stepwise/core';
import { z } from 'zod';

/*
 * The `{ items }` bodies of the intake lists, parsed with the core schemas. Shared by the referral
 * board, the intake wizard and the participant page.
 */
export const referralList = z.object({ items: z.array(referralSchema) });
export const instrumentList = z.object({ items: z.array(instrumentSchema) });
export const responseList = z.object({ items: z.array(instrumentResponseSchema) });
export const assessmentList = z.object({ items: z.array(levelOfCareAssessmentSchema) });
export const episodeList = z.object({ items: z.array(episodeSchema) });
export const consentList = z.object({ items: z.array(consentSchema) });
export const alertList = z.object({ items: z.array(alertSchema) });
