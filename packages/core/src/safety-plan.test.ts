import { describe, expect, it } from 'vitest';
import { newSafetyPlan, safetyPlanSectionLabels, safetyPlanSections } from './safety-plan.js';

// Stanley & Brown's safety plan, six sections in a fixed order (domain-rules §6 [G7]).
describe('the safety plan', () => {
  it('has the six sections in Stanley and Brown’s order', () => {
    expect(safetyPlanSections.map((section) => safetyPlanSectionLabels[section].title)).toEqual([
      '1. Warning signs',
      '2. Things I can do on my own',
      '3. People and places that take my mind off things',
      '4. People I can ask for help',
      '5. Professionals and crisis lines',
      '6. Making my surroundings safe',
    ]);
  });

  it('starts with 988 among the crisis lines, and the program’s crisis number when it has one', () => {
    expect(newSafetyPlan().professionals).toEqual([
      { text: '988 Suicide & Crisis Lifeline (call or text)', phone: '988' },
    ]);
    const line = { text: 'Riverside IOP crisis line (demo)', phone: '+1 555 0100' };
    expect(newSafetyPlan(line).professionals.map((entry) => entry.phone)).toEqual(['988', '+1 555 0100']);
    expect(Object.keys(newSafetyPlan())).toEqual([...safetyPlanSections]);
  });
});
