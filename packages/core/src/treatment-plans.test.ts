import { describe, expect, it } from 'vitest';
import { maxPlanReviewDays, nextPlanReviewDate, planReviewState } from './treatment-plans.js';

describe('treatment-plan reviews', () => {
  it('fall due 30 days after the plan took effect by default, across month ends', () => {
    expect(nextPlanReviewDate('2026-01-15', 30)).toBe('2026-02-14');
    expect(nextPlanReviewDate('2026-12-10', 30)).toBe('2027-01-09');
  });

  it('are never further apart than every other month (Medicare, domain-rules §2 [M5])', () => {
    expect(maxPlanReviewDays).toBe(60);
    expect(nextPlanReviewDate('2026-03-01', maxPlanReviewDays)).toBe('2026-04-30');
  });

  it('show as due soon in the last seven days, and overdue after the date', () => {
    expect(planReviewState('2026-05-20', '2026-05-01')).toBe('scheduled');
    expect(planReviewState('2026-05-08', '2026-05-01')).toBe('due_soon');
    expect(planReviewState('2026-05-01', '2026-05-01')).toBe('due_soon');
    expect(planReviewState('2026-04-30', '2026-05-01')).toBe('overdue');
  });
});
