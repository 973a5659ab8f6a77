import type { GoalProgressRating, PlanReviewState, TreatmentPlan } from '@stepwise/core';

/** How a goal moved since the last review, in the words a review form offers. */
export const ratingLabels: Record<GoalProgressRating, string> = {
  achieved: 'Achieved',
  progressing: 'Progressing',
  no_change: 'No change',
  worse: 'Worse',
};

export const planStatusLabels: Record<TreatmentPlan['status'], string> = {
  draft: 'Draft',
  active: 'In effect',
  superseded: 'Superseded',
};

export const reviewStateLabels: Record<PlanReviewState, string> = {
  overdue: 'Review overdue',
  due_soon: 'Review due soon',
  scheduled: 'Review scheduled',
};

/** An overdue review stands out in red; one due soon in yellow (both readable with auto contrast). */
export const reviewStateColors: Record<PlanReviewState, string> = {
  overdue: 'red.9',
  due_soon: 'yellow.4',
  scheduled: 'gray.7',
};
