import { describe, expect, it } from 'vitest';
import { newRelapsePreventionPlan, planSkills, relapsePreventionGaps } from './relapse-prevention.js';
import { emptySafetyPlanSections, isCrisisLifeline, newSafetyPlan } from './safety-plan.js';
import {
  participantPlanSignatureInput,
  relapsePreventionContentInput,
  safetyPlanContentInput,
} from './schemas/recovery-plans.js';

/*
 * The relapse-prevention plan (Marlatt [G6]) and the Stanley-Brown safety plan [G7] as the API takes
 * them: what is accepted, what is refused and with which words, and when a plan is ready to sign.
 */

const messages = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

const filledSafetyPlan = () => ({
  ...newSafetyPlan({ text: 'Riverside IOP crisis line (demo)', phone: '+1 555 0100' }),
  warning_signs: [{ text: 'Not sleeping, pulling away from people' }],
  internal_coping: [{ text: 'Walk the dog around the block' }],
  distraction: [{ text: 'The library on Main Street' }],
  help: [{ text: 'Fern (sister)', phone: '+1 312 555 0142' }],
  safe_environment: [{ text: 'My partner keeps the medication locked away' }],
});

describe('the safety plan as the API takes it', () => {
  it('accepts a filled plan with 988 and the program’s line, in section order', () => {
    const parsed = safetyPlanContentInput.parse(filledSafetyPlan());
    expect(Object.keys(parsed)).toEqual([
      'warning_signs',
      'internal_coping',
      'distraction',
      'help',
      'professionals',
      'safe_environment',
    ]);
    expect(parsed.professionals.map((entry) => entry.phone)).toEqual(['988', '+1 555 0100']);
    expect(emptySafetyPlanSections(filledSafetyPlan())).toEqual([]);
  });

  it('keeps 988 among the crisis lines, however it is spaced', () => {
    const without = { ...filledSafetyPlan(), professionals: [{ text: 'Dr Example', phone: '+1 555 0199' }] };
    expect(messages(safetyPlanContentInput.safeParse(without))).toEqual([
      'professionals: keep the 988 Suicide & Crisis Lifeline among the crisis lines',
    ]);
    expect(isCrisisLifeline({ text: 'Lifeline', phone: '9 8 8' })).toBe(true);
    expect(isCrisisLifeline({ text: 'Lifeline', phone: '911' })).toBe(false);
  });

  it('refuses empty text, a wrong number, unknown sections and overlong lists with clear messages', () => {
    const plan = filledSafetyPlan();
    expect(
      messages(
        safetyPlanContentInput.safeParse({
          ...plan,
          warning_signs: [{ text: '   ' }],
          help: [{ text: 'Fern', phone: 'call her' }],
        }),
      ),
    ).toEqual([
      'warning_signs.0.text: must not be empty',
      'help.0.phone: must be a phone number such as 988 or +1 555 0100',
    ]);
    expect(messages(safetyPlanContentInput.safeParse({ ...plan, reasons_for_living: [] }))[0]).toMatch(
      /reasons_for_living/,
    );
    const many = Array.from({ length: 21 }, (_, n) => ({ text: `Sign ${n}` }));
    expect(messages(safetyPlanContentInput.safeParse({ ...plan, warning_signs: many }))).toEqual([
      'warning_signs: at most 20 entries',
    ]);
    expect(
      messages(safetyPlanContentInput.safeParse({ ...plan, distraction: [{ text: 'x'.repeat(301) }] })),
    ).toEqual(['distraction.0.text: must be at most 300 characters']);
    expect(
      messages(safetyPlanContentInput.safeParse({ ...plan, distraction: [{ text: 'nul\u0000' }] })),
    ).toEqual(['distraction.0.text: must not contain a NUL character']);
  });

  it('is ready to sign only when every section has something in it', () => {
    expect(emptySafetyPlanSections(newSafetyPlan())).toEqual([
      'warning_signs',
      'internal_coping',
      'distraction',
      'help',
      'safe_environment',
    ]);
  });
});

const rpPlan = () => ({
  triggers: ['Payday Fridays', 'Arguments at home'],
  warningSigns: ['Skipping group'],
  cravingStrategies: [{ text: 'Urge surfing for 15 minutes' }],
  copingSkills: [{ text: 'TIPP', moduleId: '11111111-1111-4111-8111-111111111111' }],
  people: [{ name: 'Jordan Sample', relationship: 'sponsor', phone: '+1 555 0133' }],
  reasons: ['Being there for my daughter'],
  afterLapse: ['Call my sponsor the same day', 'Tell my counselor at the next group'],
});

describe('the relapse-prevention plan as the API takes it', () => {
  it('accepts triggers, skills linked to curriculum modules, people with numbers and reasons', () => {
    const parsed = relapsePreventionContentInput.parse(rpPlan());
    expect(parsed.copingSkills[0]?.moduleId).toBe('11111111-1111-4111-8111-111111111111');
    expect(parsed.people[0]).toEqual({
      name: 'Jordan Sample',
      relationship: 'sponsor',
      phone: '+1 555 0133',
    });
  });

  it('refuses a person without a number, a bad module id and more than ten people', () => {
    const plan = rpPlan();
    expect(
      messages(
        relapsePreventionContentInput.safeParse({
          ...plan,
          people: [{ name: 'Jordan' }],
          copingSkills: [{ text: 'TIPP', moduleId: 'distress-tolerance' }],
        }),
      ),
    ).toEqual(['copingSkills.0.moduleId: must be a UUID', expect.stringMatching(/^people\.0\.phone: /)]);
    const crowd = Array.from({ length: 11 }, (_, n) => ({ name: `Person ${n}`, phone: '+1 555 0100' }));
    expect(messages(relapsePreventionContentInput.safeParse({ ...plan, people: crowd }))).toEqual([
      'people: at most 10 entries',
    ]);
    expect(messages(relapsePreventionContentInput.safeParse({ ...plan, triggers: undefined }))[0]).toMatch(
      /^triggers: /,
    );
  });

  it('is ready to sign with its high-risk situations and at least one coping response', () => {
    const empty = newRelapsePreventionPlan();
    expect(relapsePreventionGaps(empty)).toEqual(['triggers', 'copingSkills']);
    const withSkill = {
      ...empty,
      triggers: ['Payday'],
      cravingStrategies: [{ id: 'a', text: 'Delay 15 minutes', moduleId: null }],
    };
    expect(relapsePreventionGaps(withSkill)).toEqual([]);
    expect(planSkills(withSkill).map((skill) => skill.text)).toEqual(['Delay 15 minutes']);
  });
});

describe('a participant’s signature', () => {
  it('names the draft and the revision read, and a typed name', () => {
    expect(
      messages(participantPlanSignatureInput.safeParse({ planId: 'x', revision: 0, typedName: ' ' })),
    ).toEqual(['planId: must be a UUID', 'revision: must be 1 or more', 'typedName: must not be empty']);
  });
});
