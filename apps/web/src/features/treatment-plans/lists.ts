import { planReviewDueSchema, planReviewSchema, treatmentPlanSchema } from '@stepwise/core';
import { z } from 'zod';

/* The `{ items }` bodies of the treatment-plan lists, parsed with the core schemas. */
export const planList = z.object({ items: z.array(treatmentPlanSchema) });
export const planReviewList = z.object({ items: z.array(planReviewSchema) });
export const reviewDueList = z.object({ items: z.array(planReviewDueSchema) });
