import { addDays } from './scheduling/zoned-time.js';

/**
 * Treatment-plan reviews (issue "The clinical day"). A plan is reviewed every 30 days by default; a
 * program may choose another interval, but Medicare requires the plan of an IOP to be reviewed no less
 * than every other month (domain-rules §2, [M5]), so 60 days is the longest allowed.
 */
export const defaultPlanReviewDays = 30;
export const maxPlanReviewDays = 60;

/** Days before a review's date that it shows as due soon (and in the task inbox's near future). */
export const planReviewNoticeDays = 7;

/** The date a review falls due: `everyDays` after the plan took effect or was last reviewed. */
export function nextPlanReviewDate(from: string, everyDays: number): string {
  return addDays(from, everyDays);
}

export const planReviewStates = ['overdue', 'due_soon', 'scheduled'] as const;
export type PlanReviewState = (typeof planReviewStates)[number];

/** Where a review date stands on `today`: past it, within the notice days, or further off. */
export function planReviewState(dueDate: string, today: string): PlanReviewState {
  if (dueDate < today) return 'overdue';
  return dueDate <= addDays(today, planReviewNoticeDays) ? 'due_soon' : 'scheduled';
}

/** The interventions a treatment plan can name (issue "The clinical day", treatment plans). */
export const interventionKinds = [
  'cbt',
  'dbt',
  'family_therapy',
  'psychoeducation',
  'relapse_prevention',
  'vocational_support',
  'medication_management_referral',
  'individual_therapy',
  'group_therapy',
] as const;
export type InterventionKind = (typeof interventionKinds)[number];

export const interventionLabels: Record<InterventionKind, string> = {
  cbt: 'Cognitive behavioural therapy',
  dbt: 'Dialectical behaviour therapy skills',
  family_therapy: 'Family therapy',
  psychoeducation: 'Psychoeducation',
  relapse_prevention: 'Relapse prevention',
  vocational_support: 'Vocational support',
  medication_management_referral: 'Referral for medication management',
  individual_therapy: 'Individual therapy',
  group_therapy: 'Group therapy',
};

/** How a goal moved since the last review. */
export const goalProgressRatings = ['achieved', 'progressing', 'no_change', 'worse'] as const;
export type GoalProgressRating = (typeof goalProgressRatings)[number];
