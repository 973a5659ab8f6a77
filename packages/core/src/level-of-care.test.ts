import { describe, expect, it } from 'vitest';
import {
  type DimensionRatings,
  defaultLevelOfCareRules,
  type LevelOfCareContext,
  levelOfCareRequestSchema,
  levelOfCareRulesSchema,
  recommendLevelOfCare,
} from './level-of-care.js';

/*
 * Stepwise's published level-of-care rule set (issue "Intake to admission", first match wins), built on
 * the six ASAM dimensions rated 0–4 (domain-rules §1 [A4, A6]); weekly minimums from ASAM Level 2.1
 * [A2, A3]. Each case is a person a clinic might assess.
 */
const calm: DimensionRatings = { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 };
const rate = (ratings: Partial<DimensionRatings>, context: LevelOfCareContext = {}, adult = true) =>
  recommendLevelOfCare({
    population: adult ? 'adult' : 'adolescent',
    dimensions: { ...calm, ...ratings },
    context,
  });

describe('rule 1: withdrawal management', () => {
  it('sends someone who needs medical detox to withdrawal management, whatever else is rated', () => {
    const result = rate({ d2: 4, d3: 4 }, { needsMedicalDetox: true });
    expect(result.level).toBe('withdrawal_management');
    expect(result.reasons[0]?.text).toMatch(/^Rule 1: medically supervised detox is needed, so /);
  });

  it('applies from D1 = 3 but not at D1 = 2', () => {
    expect(rate({ d1: 3 }).level).toBe('withdrawal_management');
    expect(rate({ d1: 4 }).level).toBe('withdrawal_management');
    expect(rate({ d1: 2 }).level).toBe('iop');
    const reason = rate({ d1: 3 }).reasons[0];
    expect(reason?.dimension).toBe('d1');
    expect(reason?.text).toContain('Withdrawal potential (D1) is rated 3 of 4');
  });

  it('gives both reasons when detox is needed and D1 is high', () => {
    const result = rate({ d1: 4 }, { needsMedicalDetox: true });
    expect(result.reasons.map((reason) => reason.dimension)).toEqual([undefined, 'd1']);
  });
});

describe('rule 2: inpatient', () => {
  it('applies at D2 = 4 or D3 = 4', () => {
    expect(rate({ d2: 4 }).level).toBe('inpatient');
    expect(rate({ d3: 4 }).level).toBe('inpatient');
    expect(rate({ d3: 4 }).reasons[0]).toMatchObject({
      dimension: 'd3',
      text: expect.stringMatching(/^Rule 2: /),
    });
  });

  it('gives way to withdrawal management, which comes first', () => {
    expect(rate({ d1: 3, d2: 4 }).level).toBe('withdrawal_management');
  });
});

describe('rule 3: residential or partial hospitalization', () => {
  it('chooses PHP when the home is stable', () => {
    expect(rate({ d2: 3 }).level).toBe('php');
    expect(rate({ d3: 3, d6: 2 }, { stableHome: true }).level).toBe('php');
    expect(rate({ d3: 3 }).weeklyHoursMinimum).toBeUndefined();
  });

  it('chooses residential when D6 ≥ 3 or there is no stable home', () => {
    expect(rate({ d3: 3, d6: 3 }).level).toBe('residential');
    expect(rate({ d2: 3 }, { stableHome: false }).level).toBe('residential');
    const reasons = rate({ d3: 3, d6: 4 }).reasons;
    expect(reasons.map((reason) => reason.dimension)).toEqual(['d3', 'd6']);
    expect(reasons.every((reason) => reason.text.startsWith('Rule 3: '))).toBe(true);
  });
});

describe('rule 4: residential for high relapse potential in an unsupportive environment', () => {
  it('applies when both D5 and D6 are 3 or more', () => {
    expect(rate({ d5: 3, d6: 3 }).level).toBe('residential');
    expect(rate({ d5: 4, d6: 4 }).ruleId).toBe('use_and_environment');
  });

  it('does not apply when only one of them is high', () => {
    expect(rate({ d5: 3, d6: 2 }).level).toBe('iop');
    expect(rate({ d5: 2, d6: 3 }).level).toBe('iop');
  });
});

describe('rule 5: outpatient', () => {
  it('applies when every dimension is 1 or less', () => {
    expect(rate({}).level).toBe('outpatient');
    expect(rate({ d1: 1, d2: 1, d3: 1, d4: 1, d5: 1, d6: 1 }).level).toBe('outpatient');
    expect(rate({}).reasons[0]?.text).toMatch(/^Rule 5: every dimension is rated 1 or lower, so /);
  });

  it('does not apply to someone stepping down from inpatient, residential or PHP', () => {
    for (const from of ['inpatient', 'residential', 'php'] as const) {
      const result = rate({ d5: 1 }, { steppingDownFrom: from });
      expect(result.level).toBe('iop');
      expect(result.flags).toContain('step_down');
    }
  });
});

describe('rule 6: intensive outpatient', () => {
  it('recommends IOP at 9 weekly hours for adults and 6 for adolescents', () => {
    expect(rate({ d5: 2 })).toMatchObject({ level: 'iop', weeklyHoursMinimum: 9 });
    expect(rate({ d5: 2 }, {}, false)).toMatchObject({ level: 'iop', weeklyHoursMinimum: 6 });
  });

  it('names every dimension above 1 as a reason', () => {
    const result = rate({ d3: 2, d4: 3, d5: 2 });
    expect(result.reasons.map((reason) => reason.dimension)).toEqual(['d3', 'd4', 'd5']);
    expect(result.reasons.every((reason) => reason.text.startsWith('Rule 6: '))).toBe(true);
  });

  it('names the step-down when that is what keeps someone in IOP', () => {
    const result = rate({}, { steppingDownFrom: 'residential' });
    expect(result.level).toBe('iop');
    expect(result.reasons).toEqual([
      { text: expect.stringMatching(/^Rule 6: the person is stepping down from residential, so /) },
    ]);
  });

  it('mentions a recent relapse after stability without changing the level', () => {
    const result = rate({ d5: 2 }, { recentRelapseAfterStability: true });
    expect(result.level).toBe('iop');
    expect(result.reasons.at(-1)?.text).toMatch(/recently relapsed after a period of stability/);
  });
});

describe('flags, whatever the level', () => {
  it('flags an unstable home from D6 ≥ 3 or stableHome false', () => {
    expect(rate({ d6: 3 }).flags).toContain('unstable_home_environment');
    expect(rate({}, { stableHome: false }).flags).toEqual(['unstable_home_environment']);
    expect(rate({ d6: 2 }).flags).toEqual([]);
    expect(rate({ d6: 2 }, { stableHome: true }).flags).toEqual([]);
  });

  it('flags low readiness from D4 ≥ 3', () => {
    expect(rate({ d4: 3 }).flags).toEqual(['low_readiness']);
    expect(rate({ d4: 2 }).flags).toEqual([]);
  });

  it('flags a barrier when a 24-hour level is recommended to someone who cannot attend one', () => {
    expect(rate({ d2: 4 }, { canAttendInpatient: false }).flags).toEqual(['barrier_to_recommended_level']);
    expect(rate({ d1: 3 }, { canAttendInpatient: false }).flags).toContain('barrier_to_recommended_level');
    expect(rate({ d5: 3, d6: 3 }, { canAttendInpatient: false }).flags).toContain(
      'barrier_to_recommended_level',
    );
    // PHP and IOP are not 24-hour care, and a person who can attend has no barrier.
    expect(rate({ d2: 3 }, { canAttendInpatient: false }).flags).toEqual([]);
    expect(rate({ d2: 4 }, { canAttendInpatient: true }).flags).toEqual([]);
  });

  it('raises several flags together', () => {
    const result = rate(
      { d4: 4, d5: 3, d6: 3 },
      { steppingDownFrom: 'inpatient', canAttendInpatient: false },
    );
    expect(result.level).toBe('residential');
    expect(result.flags).toEqual([
      'unstable_home_environment',
      'step_down',
      'low_readiness',
      'barrier_to_recommended_level',
    ]);
  });
});

describe('the request', () => {
  it('accepts the documented shape with context optional', () => {
    const parsed = levelOfCareRequestSchema.parse({ population: 'adult', dimensions: calm });
    expect(parsed.context).toEqual({});
  });

  it.each([
    ['a rating of 5', { population: 'adult', dimensions: { ...calm, d3: 5 } }],
    ['a negative rating', { population: 'adult', dimensions: { ...calm, d1: -1 } }],
    ['a fractional rating', { population: 'adult', dimensions: { ...calm, d2: 1.5 } }],
    ['a missing dimension', { population: 'adult', dimensions: { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0 } }],
    ['an unknown dimension', { population: 'adult', dimensions: { ...calm, d7: 1 } }],
    ['an unknown population', { population: 'senior', dimensions: calm }],
    [
      'an unknown step-down level',
      { population: 'adult', dimensions: calm, context: { steppingDownFrom: 'iop' } },
    ],
    ['an unknown context field', { population: 'adult', dimensions: calm, context: { homeless: true } }],
    ['a string rating', { population: 'adult', dimensions: { ...calm, d1: '2' } }],
  ])('refuses %s', (_, body) => {
    expect(levelOfCareRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe('the rules as data', () => {
  it('accepts the default rule set', () => {
    expect(levelOfCareRulesSchema.parse(defaultLevelOfCareRules)).toEqual(defaultLevelOfCareRules);
  });

  it('lets a program tune a threshold, and the tuned rules decide', () => {
    const tuned = structuredClone(defaultLevelOfCareRules);
    tuned.weeklyHoursMinimum.adult = 12;
    const withdrawal = tuned.rules[0];
    if (!withdrawal) throw new Error('default rules are empty');
    withdrawal.when = {
      any: [
        { context: 'needsMedicalDetox', is: true },
        { dimension: 'd1', atLeast: 2 },
      ],
    };
    const parsed = levelOfCareRulesSchema.parse(tuned);
    const request = { population: 'adult' as const, dimensions: { ...calm, d1: 2 } };
    expect(recommendLevelOfCare(request, parsed).level).toBe('withdrawal_management');
    expect(
      recommendLevelOfCare({ ...request, dimensions: { ...calm, d5: 2 } }, parsed).weeklyHoursMinimum,
    ).toBe(12);
  });

  it('refuses a rule set whose last rule does not apply to everyone', () => {
    const broken = structuredClone(defaultLevelOfCareRules);
    broken.rules = broken.rules.slice(0, -1);
    const result = levelOfCareRulesSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/last rule must apply to everyone/);
  });

  it('refuses duplicate rule ids, levelIn in a rule and empty dimension conditions', () => {
    const duplicate = structuredClone(defaultLevelOfCareRules);
    duplicate.rules.unshift({ ...(duplicate.rules[1] as (typeof duplicate.rules)[number]) });
    expect(levelOfCareRulesSchema.safeParse(duplicate).success).toBe(false);

    const levelInRule = structuredClone(defaultLevelOfCareRules);
    levelInRule.rules.unshift({
      id: 'x',
      label: 'X',
      level: 'php',
      when: { levelIn: ['php'] },
      explanation: 'x',
    });
    expect(levelOfCareRulesSchema.safeParse(levelInRule).success).toBe(false);

    const empty = structuredClone(defaultLevelOfCareRules);
    empty.rules.unshift({ id: 'y', label: 'Y', level: 'php', when: { dimension: 'd1' }, explanation: 'y' });
    expect(levelOfCareRulesSchema.safeParse(empty).success).toBe(false);
  });

  it('gives every rule of the default set a reason that names its rule', () => {
    const people: [Partial<DimensionRatings>, LevelOfCareContext][] = [
      [{ d1: 3 }, {}],
      [{ d2: 4 }, {}],
      [{ d2: 3, d6: 3 }, {}],
      [{ d2: 3 }, {}],
      [{ d5: 3, d6: 3 }, {}],
      [{}, {}],
      [{ d5: 2 }, {}],
    ];
    const decided = people.map(([ratings, context]) => rate(ratings, context));
    expect(decided.map((result) => result.ruleId)).toEqual(
      defaultLevelOfCareRules.rules.map((rule) => rule.id),
    );
    for (const result of decided) {
      expect(result.reasons.length).toBeGreaterThan(0);
      for (const reason of result.reasons) expect(reason.text).toMatch(/^Rule \d: .+, so .+\.$/);
    }
  });
});
