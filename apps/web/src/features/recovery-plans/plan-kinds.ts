import {
  myRelapsePreventionPlanSchema,
  mySafetyPlanSchema,
  type RelapsePreventionPlan,
  relapsePreventionPlanSchema,
  relapsePreventionPlanVersionsSchema,
  type SafetyPlan,
  safetyPlanSchema,
  safetyPlanVersionsSchema,
} from '@stepwise/core';

/* Where each kind of plan lives in the API, and how the app names it. */

export const safetyPlanKind = {
  kind: 'safety' as const,
  title: 'Safety plan',
  mine: 'My safety plan',
  single: 'safety-plan',
  plural: 'safety-plans',
  version: safetyPlanSchema,
  versions: safetyPlanVersionsSchema,
  my: mySafetyPlanSchema,
};

export const relapsePreventionPlanKind = {
  kind: 'relapse_prevention' as const,
  title: 'Relapse-prevention plan',
  mine: 'My recovery plan',
  single: 'relapse-prevention-plan',
  plural: 'relapse-prevention-plans',
  version: relapsePreventionPlanSchema,
  versions: relapsePreventionPlanVersionsSchema,
  my: myRelapsePreventionPlanSchema,
};

/** Any version of either plan, for what both show alike (signatures, dates). */
export type AnyPlanVersion = SafetyPlan | RelapsePreventionPlan;
