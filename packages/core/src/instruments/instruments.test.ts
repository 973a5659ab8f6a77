import { describe, expect, it } from 'vitest';
import { cssrsProblems } from './cssrs-screener.js';
import {
  type AnswerProblem,
  criticalFlags,
  type InstrumentCode,
  type InstrumentDefinition,
  type InstrumentScore,
  instrumentCodes,
  instruments,
  type ScoringContext,
  scoreInstrument,
} from './index.js';

/*
 * Clinical checks of every instrument against shared/reference/domain-rules.md §4 "Measures". Each
 * describe names the source keys its rules come from. All answers are made up.
 */

/** Scores answers that must be valid; fails the test with the problems otherwise. */
function scored(
  definition: InstrumentDefinition,
  answers: readonly unknown[],
  context: ScoringContext = {},
): InstrumentScore {
  const outcome = scoreInstrument(definition, answers, context);
  if (!outcome.ok) throw new Error(`unexpected problems: ${JSON.stringify(outcome.problems)}`);
  return outcome.score;
}

/** The problems with answers that must be refused; fails the test if they are scored. */
function problemsOf(
  definition: InstrumentDefinition,
  answers: readonly unknown[],
  context: ScoringContext = {},
): AnswerProblem[] {
  const outcome = scoreInstrument(definition, answers, context);
  if (outcome.ok) throw new Error(`expected problems, got ${JSON.stringify(outcome.score)}`);
  return outcome.problems;
}

/**
 * Answers to a scale-only instrument that add up to `total`: each item in form order takes the highest
 * of its own values that still fits, so the earliest items fill first and the last ones stay at 0.
 */
function reaching(definition: InstrumentDefinition, total: number): number[] {
  let remaining = total;
  const answers = definition.items.map((item) => {
    if (item.kind !== 'scale') throw new Error(`${item.linkId} is not a scale item`);
    const value = Math.max(...item.options.map((option) => option.value).filter((v) => v <= remaining));
    remaining -= value;
    return value;
  });
  if (remaining !== 0) throw new Error(`${definition.title} cannot reach ${total}`);
  return answers;
}

/** Yes/no answers with the listed 1-based questions answered yes and all others no. */
function yesTo(definition: InstrumentDefinition, yes: readonly number[]): boolean[] {
  return definition.items.map((_, index) => yes.includes(index + 1));
}

/** The lowest valid answer to every item: 0 for scale items (every scale here starts at 0), no for yes/no. */
function lowest(definition: InstrumentDefinition): (number | boolean)[] {
  return definition.items.map((item) => (item.kind === 'scale' ? 0 : false));
}

const contextFor = (definition: InstrumentDefinition): ScoringContext =>
  definition.needsSex ? { sex: 'female' } : {};

describe('PHQ-9', () => {
  // domain-rules §4 [I1, I1b, I2]: 9 items 0–3, bands 0–4 / 5–9 / 10–14 / 15–19 / 20–27.
  const phq9 = instruments.phq9;

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'moderately_severe'],
    [19, 'moderately_severe'],
    [20, 'severe'],
    [27, 'severe'],
  ])('rates a total of %i as %s', (total, band) => {
    const score = scored(phq9, reaching(phq9, total));
    expect(score).toMatchObject({ code: 'phq9', total, band });
    expect(phq9.bands).toContain(band);
  });

  // domain-rules §4 [I1, I2]: any answer above 0 on item 9 always triggers follow-up.
  it.each([1, 2, 3])(
    'flags suicidal ideation when item 9 is %i, even with an otherwise minimal total',
    (value) => {
      const score = scored(phq9, [0, 0, 0, 0, 0, 0, 0, 0, value]);
      expect(score.band).toBe('minimal');
      expect(score.flags).toEqual(['suicidal_ideation']);
      expect(score.interpretation).toMatch(/assess suicide risk today/);
      expect(criticalFlags).toContain('suicidal_ideation');
    },
  );

  it('does not flag suicidal ideation when item 9 is 0, even with severe symptoms elsewhere', () => {
    const score = scored(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]);
    expect(score).toMatchObject({ total: 24, band: 'severe', flags: [] });
    expect(score.interpretation).not.toMatch(/suicide/);
  });

  it('refuses 4 on a 0–3 item', () => {
    expect(problemsOf(phq9, [0, 0, 0, 4, 0, 0, 0, 0, 0])).toEqual([
      { item: 4, message: 'must be one of 0, 1, 2, 3; got 4' },
    ]);
  });
});

describe('GAD-7', () => {
  // domain-rules §4 [I5, I6]: 7 items 0–3, total 0–21, bands 0–4 / 5–9 / 10–14 / 15–21.
  const gad7 = instruments.gad7;

  it.each([
    [0, 'minimal'],
    [4, 'minimal'],
    [5, 'mild'],
    [9, 'mild'],
    [10, 'moderate'],
    [14, 'moderate'],
    [15, 'severe'],
    [21, 'severe'],
  ])('rates a total of %i as %s', (total, band) => {
    const score = scored(gad7, reaching(gad7, total));
    expect(score).toMatchObject({ code: 'gad7', total, band, flags: [] });
    expect(gad7.bands).toContain(band);
  });

  it('uses the PHQ frequency options on every item', () => {
    for (const item of gad7.items) {
      expect(item).toMatchObject({
        kind: 'scale',
        options: [
          { value: 0, label: 'Not at all' },
          { value: 1, label: 'Several days' },
          { value: 2, label: 'More than half the days' },
          { value: 3, label: 'Nearly every day' },
        ],
      });
    }
    expect(gad7.instructions).toBe(
      'Over the last 2 weeks, how often have you been bothered by the following problems?',
    );
  });

  it('refuses 4 on a 0–3 item', () => {
    expect(problemsOf(gad7, [0, 0, 0, 0, 0, 0, 4])).toEqual([
      { item: 7, message: 'must be one of 0, 1, 2, 3; got 4' },
    ]);
  });
});

describe('AUDIT', () => {
  // domain-rules §4 [I8a, I8b]: items 9–10 score 0/2/4; WHO zones 0–7 / 8–15 / 16–19 / 20–40.
  const audit = instruments.audit;

  it.each([
    [0, 'low_risk'],
    [7, 'low_risk'],
    [8, 'hazardous'],
    [15, 'hazardous'],
    [16, 'harmful'],
    [19, 'harmful'],
    [20, 'possible_dependence'],
    [40, 'possible_dependence'],
  ])('rates a total of %i as %s', (total, band) => {
    const score = scored(audit, reaching(audit, total));
    expect(score).toMatchObject({ code: 'audit', total, band, flags: [] });
    expect(audit.bands).toContain(band);
  });

  it('scores items 9 and 10 as 0, 2 or 4 and counts them in the total', () => {
    expect(scored(audit, [0, 0, 0, 0, 0, 0, 0, 0, 2, 4])).toMatchObject({ total: 6, band: 'low_risk' });
    expect(scored(audit, [0, 0, 0, 0, 0, 0, 0, 0, 4, 4])).toMatchObject({ total: 8, band: 'hazardous' });
    for (const position of [9, 10]) {
      const item = audit.items[position - 1];
      expect(item).toMatchObject({
        kind: 'scale',
        options: [
          { value: 0, label: 'No' },
          { value: 2, label: 'Yes, but not in the last year' },
          { value: 4, label: 'Yes, during the last year' },
        ],
      });
    }
  });

  it.each([
    [9, 1],
    [9, 3],
    [10, 1],
    [10, 3],
  ])('refuses item %i answered %i (only 0, 2 or 4 exist)', (position, value) => {
    const answers = lowest(audit);
    answers[position - 1] = value;
    expect(problemsOf(audit, answers)).toEqual([
      { item: position, message: `must be one of 0, 2, 4; got ${value}` },
    ]);
  });

  it('refuses 5 on a 0–4 item', () => {
    expect(problemsOf(audit, [5, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual([
      { item: 1, message: 'must be one of 0, 1, 2, 3, 4; got 5' },
    ]);
  });

  it('gives items 1–8 five options scored 0–4', () => {
    for (const item of audit.items.slice(0, 8)) {
      expect(item.kind === 'scale' && item.options.map((option) => option.value)).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('recommends a diagnostic evaluation in zone IV', () => {
    expect(scored(audit, reaching(audit, 20)).interpretation).toMatch(/diagnostic evaluation/);
  });
});

describe('AUDIT-C', () => {
  // domain-rules §4 [I7]: the first three AUDIT items, 0–12, positive at ≥4 for men and ≥3 for women.
  const auditc = instruments.auditc;

  it.each([
    ['female', 0, 'negative'],
    ['female', 2, 'negative'],
    ['female', 3, 'positive'],
    ['female', 12, 'positive'],
    ['male', 0, 'negative'],
    ['male', 3, 'negative'],
    ['male', 4, 'positive'],
    ['male', 12, 'positive'],
  ] as const)('rates a %s total of %i as %s', (sex, total, band) => {
    const score = scored(auditc, reaching(auditc, total), { sex });
    expect(score).toMatchObject({ code: 'auditc', total, band, flags: [] });
    expect(auditc.bands).toEqual(['negative', 'positive']);
  });

  it('gives the same three answers a different result for a woman and a man', () => {
    const answers = [1, 1, 1];
    expect(scored(auditc, answers, { sex: 'female' }).band).toBe('positive');
    expect(scored(auditc, answers, { sex: 'male' }).band).toBe('negative');
  });

  it('refuses to score without the sex, since the cut-off depends on it', () => {
    expect(auditc.needsSex).toBe(true);
    expect(problemsOf(auditc, [4, 4, 4])).toEqual([{ message: expect.stringContaining('"sex"') }]);
    expect(() => auditc.score([4, 4, 4], {})).toThrow(/sex/);
  });

  it('asks the first three AUDIT questions with the same options, under its own linkIds', () => {
    expect(auditc.items.map((item) => item.linkId)).toEqual(['auditc-1', 'auditc-2', 'auditc-3']);
    auditc.items.forEach((item, index) => {
      const { linkId: _auditc, ...rest } = item;
      const { linkId: _audit, ...same } = instruments.audit.items[index] ?? item;
      expect(rest).toEqual(same);
    });
  });

  it('refuses 5 on a 0–4 item', () => {
    expect(problemsOf(auditc, [0, 5, 0], { sex: 'male' })).toEqual([
      { item: 2, message: 'must be one of 0, 1, 2, 3, 4; got 5' },
    ]);
  });
});

describe('DAST-10', () => {
  // domain-rules §4 [I9]: yes = 1 except item 3 (no = 1); 0 none, 1–2 low, 3–5 moderate, 6–8 substantial,
  // 9–10 severe.
  const dast10 = instruments.dast10;
  /** Item 3 answered yes (scores 0) and the first `total` other items answered yes; 10 also needs item 3 no. */
  const dastReaching = (total: number): boolean[] => {
    const others = [1, 2, 4, 5, 6, 7, 8, 9, 10].slice(0, Math.min(total, 9));
    const answers = yesTo(dast10, [3, ...others]);
    if (total === 10) answers[2] = false;
    return answers;
  };

  it.each([
    [0, 'none'],
    [1, 'low'],
    [2, 'low'],
    [3, 'moderate'],
    [5, 'moderate'],
    [6, 'substantial'],
    [8, 'substantial'],
    [9, 'severe'],
    [10, 'severe'],
  ])('rates a total of %i as %s', (total, band) => {
    const score = scored(dast10, dastReaching(total));
    expect(score).toMatchObject({ code: 'dast10', total, band, flags: [] });
    expect(dast10.bands).toContain(band);
  });

  it('scores "no" to item 3 (always able to stop) as a problem: all no is 1, low', () => {
    expect(dast10.items[2]?.text).toBe('Are you always able to stop using drugs when you want to?');
    expect(scored(dast10, yesTo(dast10, []))).toMatchObject({ total: 1, band: 'low' });
  });

  it('scores "yes" to item 3 as 0: only item 3 yes is 0, none', () => {
    expect(scored(dast10, yesTo(dast10, [3]))).toMatchObject({ total: 0, band: 'none' });
  });

  it('gives 9 for yes to everything and 10 only when item 3 is no', () => {
    expect(scored(dast10, yesTo(dast10, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).total).toBe(9);
    expect(scored(dast10, yesTo(dast10, [1, 2, 4, 5, 6, 7, 8, 9, 10])).total).toBe(10);
  });

  it('asks only yes/no questions about the past 12 months', () => {
    expect(dast10.items.every((item) => item.kind === 'yes_no')).toBe(true);
    expect(dast10.instructions).toBe('These questions refer to the past 12 months.');
  });
});

describe('Brief Addiction Monitor', () => {
  // domain-rules §4 [I10a–c]: Use = 4+5+6; Risk = 1+2+3+8+11+15; Protective = 9+10+12+13+14+16;
  // item 7 (A–G) details item 6 and item 17 is an overall rating. Flags: Use ≥1, Risk ≥12, Protective ≤12.
  const bam = instruments.bam;
  const linkIds = bam.items.map((item) => item.linkId);
  /** Answers that are 0 on every scale item and "no" on item 14, with the given ones changed by linkId. */
  const bamAnswers = (changes: Record<string, number | boolean> = {}): (number | boolean)[] => {
    const answers = lowest(bam);
    for (const [linkId, value] of Object.entries(changes)) {
      const index = linkIds.indexOf(linkId);
      if (index < 0) throw new Error(`no BAM item ${linkId}`);
      answers[index] = value;
    }
    return answers;
  };
  /** The score of `bamAnswers(changes)`. */
  const scoreOf = (changes: Record<string, number | boolean>) => scored(bam, bamAnswers(changes));

  it('lists items 1–6, 7A–7G and 8–17 in form order, 23 answers', () => {
    expect(linkIds).toEqual([
      'bam-1',
      'bam-2',
      'bam-3',
      'bam-4',
      'bam-5',
      'bam-6',
      'bam-7a',
      'bam-7b',
      'bam-7c',
      'bam-7d',
      'bam-7e',
      'bam-7f',
      'bam-7g',
      'bam-8',
      'bam-9',
      'bam-10',
      'bam-11',
      'bam-12',
      'bam-13',
      'bam-14',
      'bam-15',
      'bam-16',
      'bam-17',
    ]);
    expect(linkIds.indexOf('bam-8') + 1).toBe(14);
    expect(linkIds.indexOf('bam-14') + 1).toBe(20);
    expect(linkIds.indexOf('bam-17') + 1).toBe(23);
    expect(bam.items.filter((item) => item.kind === 'yes_no').map((item) => item.linkId)).toEqual(['bam-14']);
  });

  it('counts days in five bands on every day-count item', () => {
    const dayItems = [
      '2',
      '3',
      '4',
      '5',
      '6',
      '7a',
      '7b',
      '7c',
      '7d',
      '7e',
      '7f',
      '7g',
      '10',
      '11',
      '13',
      '16',
    ];
    for (const number of dayItems) {
      expect(bam.items[linkIds.indexOf(`bam-${number}`)]).toMatchObject({
        kind: 'scale',
        options: [
          { value: 0, label: '0 days' },
          { value: 1, label: '1–3 days' },
          { value: 2, label: '4–8 days' },
          { value: 3, label: '9–15 days' },
          { value: 4, label: '16–30 days' },
        ],
      });
    }
    expect(bam.items[0]).toMatchObject({
      options: [{ label: 'Excellent' }, {}, {}, {}, { value: 4, label: 'Poor' }],
    });
    for (const number of ['8', '9', '12', '15', '17']) {
      expect(bam.items[linkIds.indexOf(`bam-${number}`)]).toMatchObject({
        options: [
          { value: 0, label: 'Not at all' },
          { value: 1, label: 'Slightly' },
          { value: 2, label: 'Moderately' },
          { value: 3, label: 'Considerably' },
          { value: 4, label: 'Extremely' },
        ],
      });
    }
  });

  it('publishes no total and no bands', () => {
    const score = scoreOf({});
    expect(score).toMatchObject({ code: 'bam', total: null, band: null });
    expect(bam.bands).toEqual([]);
  });

  it('sums Use from items 4, 5 and 6', () => {
    expect(scoreOf({ 'bam-4': 1, 'bam-5': 2, 'bam-6': 3 }).subscales).toEqual({
      use: 6,
      risk: 0,
      protective: 0,
    });
    expect(scoreOf({ 'bam-4': 4, 'bam-5': 4, 'bam-6': 4 }).subscales?.use).toBe(12);
  });

  it('sums Risk from items 1, 2, 3, 8, 11 and 15', () => {
    const risk = { 'bam-1': 1, 'bam-2': 2, 'bam-3': 3, 'bam-8': 4, 'bam-11': 1, 'bam-15': 2 };
    expect(scoreOf(risk).subscales).toEqual({ use: 0, risk: 13, protective: 0 });
    const all = Object.fromEntries(['1', '2', '3', '8', '11', '15'].map((n) => [`bam-${n}`, 4]));
    expect(scoreOf(all).subscales?.risk).toBe(24);
  });

  it('sums Protective from items 9, 10, 12, 13, 14 and 16, item 14 yes counting 4', () => {
    const protective = { 'bam-9': 1, 'bam-10': 2, 'bam-12': 3, 'bam-13': 4, 'bam-14': true, 'bam-16': 1 };
    expect(scoreOf(protective).subscales).toEqual({ use: 0, risk: 0, protective: 15 });
    expect(scoreOf({ ...protective, 'bam-14': false }).subscales?.protective).toBe(11);
    const all = {
      ...Object.fromEntries(['9', '10', '12', '13', '16'].map((n) => [`bam-${n}`, 4])),
      'bam-14': true,
    };
    expect(scoreOf(all).subscales?.protective).toBe(24);
  });

  it.each([
    ['bam-4', 'use'],
    ['bam-5', 'use'],
    ['bam-6', 'use'],
    ['bam-1', 'risk'],
    ['bam-2', 'risk'],
    ['bam-3', 'risk'],
    ['bam-8', 'risk'],
    ['bam-11', 'risk'],
    ['bam-15', 'risk'],
    ['bam-9', 'protective'],
    ['bam-10', 'protective'],
    ['bam-12', 'protective'],
    ['bam-13', 'protective'],
    ['bam-16', 'protective'],
  ])('counts %s at 3 in %s and nowhere else', (linkId, subscale) => {
    expect(scoreOf({ [linkId]: 3 }).subscales).toEqual({ use: 0, risk: 0, protective: 0, [subscale]: 3 });
  });

  it('does not score items 7A–7G or 17', () => {
    const unscored = Object.fromEntries(
      ['7a', '7b', '7c', '7d', '7e', '7f', '7g', '17'].map((n) => [`bam-${n}`, 4]),
    );
    expect(scoreOf(unscored).subscales).toEqual({ use: 0, risk: 0, protective: 0 });
  });

  it.each([
    [0, false],
    [1, true],
  ])('flags use when Use is %i: %s', (use, flagged) => {
    const flags = scoreOf({ 'bam-6': use }).flags;
    expect(flags.includes('bam_use')).toBe(flagged);
  });

  it.each<[number, boolean, Record<string, number>]>([
    [11, false, { 'bam-1': 4, 'bam-2': 4, 'bam-3': 3 }],
    [12, true, { 'bam-1': 4, 'bam-8': 4, 'bam-15': 4 }],
  ])('flags high risk when Risk is %i: %s', (risk, flagged, changes) => {
    const score = scoreOf(changes);
    expect(score.subscales?.risk).toBe(risk);
    expect(score.flags.includes('bam_high_risk')).toBe(flagged);
  });

  it.each<[number, boolean, Record<string, number | boolean>]>([
    [12, true, { 'bam-9': 4, 'bam-14': true, 'bam-16': 4 }],
    [13, false, { 'bam-9': 4, 'bam-14': true, 'bam-16': 4, 'bam-10': 1 }],
  ])('flags low protection when Protective is %i: %s', (protective, flagged, changes) => {
    const score = scoreOf(changes);
    expect(score.subscales?.protective).toBe(protective);
    expect(score.flags.includes('bam_low_protection')).toBe(flagged);
  });

  it('names each flagged area in the interpretation', () => {
    const score = scoreOf({ 'bam-4': 2, 'bam-1': 4, 'bam-2': 4, 'bam-3': 4 });
    expect(score.flags).toEqual(['bam_use', 'bam_high_risk', 'bam_low_protection']);
    expect(score.interpretation).toMatch(/alcohol or drug use/);
    expect(score.interpretation).toMatch(/risk factors \(risk 12 of 24/);
    expect(score.interpretation).toMatch(/protective factors \(protective 0 of 24/);
  });

  it('says when no area was flagged', () => {
    const score = scoreOf({ 'bam-9': 4, 'bam-10': 4, 'bam-12': 4, 'bam-14': true });
    expect(score.flags).toEqual([]);
    expect(score.subscales).toEqual({ use: 0, risk: 0, protective: 16 });
    expect(score.interpretation).toMatch(/^No area was flagged/);
  });

  it('refuses a number for item 14 and a boolean for item 8, naming their positions', () => {
    expect(problemsOf(bam, bamAnswers({ 'bam-14': 4, 'bam-8': true }))).toEqual([
      { item: 14, message: 'must be one of the integers 0, 1, 2, 3, 4' },
      { item: 20, message: 'must be true or false' },
    ]);
  });
});

describe('C-SSRS Screener', () => {
  // domain-rules §4 [I11a–c]: low for Q1–2; moderate for Q3 or behaviour more than 3 months ago; high for
  // Q4/Q5 or behaviour in the past 3 months.
  const cssrs = instruments['cssrs-screener'];
  const screen = (yes: readonly number[]) => scored(cssrs, yesTo(cssrs, yes));

  it.each([
    [[], 'none'],
    [[1], 'low'],
    [[2], 'low'],
    [[1, 2], 'low'],
    [[3], 'moderate'],
    [[1, 2, 3], 'moderate'],
    [[6], 'moderate'],
    [[1, 6], 'moderate'],
    [[4], 'high'],
    [[5], 'high'],
    [[1, 2, 3, 4], 'high'],
    [[1, 2, 3, 4, 5], 'high'],
    [[6, 7], 'high'],
    [[1, 6, 7], 'high'],
  ])('answers yes to %j: %s risk', (yes, band) => {
    const score = screen(yes);
    expect(score).toMatchObject({ code: 'cssrs-screener', total: null, band });
    expect(cssrs.bands).toContain(band);
    expect(score.flags).toEqual(band === 'high' ? ['high_suicide_risk'] : []);
  });

  it('treats behaviour long ago as moderate and behaviour in the past three months as high', () => {
    expect(screen([6]).band).toBe('moderate');
    expect(screen([6, 7]).band).toBe('high');
  });

  it('tells the clinician to act now on high risk', () => {
    const { interpretation } = screen([4]);
    expect(interpretation).toMatch(/act now/i);
    expect(interpretation).toMatch(/do not leave the person alone/i);
    expect(interpretation).toMatch(/crisis protocol/);
    expect(interpretation).toMatch(/988 Suicide & Crisis Lifeline/);
    expect(criticalFlags).toContain('high_suicide_risk');
  });

  it('finds "within three months" answered yes when question 6 is no contradictory', () => {
    expect(cssrsProblems(yesTo(cssrs, [7]))).toEqual([expect.stringMatching(/question 6/)]);
    expect(cssrsProblems(yesTo(cssrs, [1, 2, 7]))).toHaveLength(1);
    expect(cssrsProblems(yesTo(cssrs, [6, 7]))).toEqual([]);
    expect(cssrsProblems(yesTo(cssrs, [6]))).toEqual([]);
    expect(cssrsProblems(yesTo(cssrs, []))).toEqual([]);
    // scoreInstrument refuses the contradiction rather than scoring it.
    const refused = scoreInstrument(cssrs, yesTo(cssrs, [1, 7]));
    expect(refused).toEqual({ ok: false, problems: [{ message: expect.stringMatching(/question 6/) }] });
  });

  it('asks seven yes/no questions ending with the three-month follow-up to question 6', () => {
    expect(cssrs.items.every((item) => item.kind === 'yes_no')).toBe(true);
    expect(cssrs.items[6]?.text).toBe('Was this (question 6) within the past three months?');
    expect(cssrs.bands).toEqual(['none', 'low', 'moderate', 'high']);
  });
});

describe('PCL-5', () => {
  // domain-rules §4 [I12a, I12b]: 20 items 0–4, total 0–80, probable PTSD at the provisional cut-off (33 here);
  // DSM-5 rule counts items rated ≥2 and needs B≥1, C≥1, D≥2, E≥2.
  const pcl5 = instruments.pcl5;
  /** Answers with the given 1-based items at the given values and all others at 0. */
  const rated = (values: Record<number, number>): number[] =>
    pcl5.items.map((_, index) => values[index + 1] ?? 0);

  it.each([
    [0, 'below_threshold'],
    [32, 'below_threshold'],
    [33, 'probable_ptsd'],
    [80, 'probable_ptsd'],
  ])('rates a total of %i as %s', (total, band) => {
    const score = scored(pcl5, reaching(pcl5, total));
    expect(score).toMatchObject({ code: 'pcl5', total, band });
    expect(score.flags.includes('probable_ptsd')).toBe(band === 'probable_ptsd');
    expect(pcl5.bands).toContain(band);
  });

  it('sums the four DSM-5 clusters: B items 1–5, C 6–7, D 8–14, E 15–20', () => {
    const answers = pcl5.items.map((_, index) => (index < 5 ? 1 : index < 7 ? 2 : index < 14 ? 3 : 4));
    const score = scored(pcl5, answers);
    expect(score.subscales).toEqual({ b: 5, c: 4, d: 21, e: 24 });
    expect(score.total).toBe(54);
  });

  it('finds the DSM-5 pattern with one B, one C, two D and two E items at "Moderately", below the cut-off', () => {
    const score = scored(pcl5, rated({ 1: 2, 6: 2, 8: 2, 14: 2, 15: 2, 20: 2 }));
    expect(score).toMatchObject({ total: 12, band: 'below_threshold', flags: ['dsm5_symptom_pattern'] });
    expect(score.interpretation).toMatch(/DSM-5 symptom pattern/);
  });

  it('finds both flags when the cut-off and the pattern are met', () => {
    expect(scored(pcl5, reaching(pcl5, 80)).flags).toEqual(['probable_ptsd', 'dsm5_symptom_pattern']);
  });

  it.each([
    ['B', { 6: 2, 8: 2, 9: 2, 15: 2, 16: 2 }],
    ['C', { 1: 2, 8: 2, 9: 2, 15: 2, 16: 2 }],
    ['D', { 1: 2, 6: 2, 8: 2, 15: 2, 16: 2 }],
    ['E', { 1: 2, 6: 2, 8: 2, 9: 2, 15: 2 }],
  ])('has no DSM-5 pattern when cluster %s falls short', (_cluster, values) => {
    expect(scored(pcl5, rated(values)).flags).toEqual([]);
  });

  it('does not count items rated "A little bit" (1) as endorsed', () => {
    const score = scored(pcl5, rated({ 1: 2, 6: 2, 8: 2, 9: 1, 15: 2, 16: 2 }));
    expect(score.flags).toEqual([]);
    expect(
      scored(
        pcl5,
        pcl5.items.map(() => 1),
      ),
    ).toMatchObject({ total: 20, flags: [] });
  });

  it('flags probable PTSD without the DSM-5 pattern when no avoidance is reported', () => {
    const answers = pcl5.items.map((_, index) => (index === 5 || index === 6 ? 0 : 4));
    expect(scored(pcl5, answers)).toMatchObject({
      total: 72,
      band: 'probable_ptsd',
      flags: ['probable_ptsd'],
    });
  });
});

describe('WHO-5', () => {
  // domain-rules §4 [I13a, I13b]: 5 items 0–5, raw 0–25, ×4 = 0–100; raw <13 or any item 0–1 → check for
  // depression.
  const who5 = instruments.who5;

  it.each([
    [[3, 3, 2, 2, 2], 12, 48, 'poor'],
    [[3, 3, 3, 2, 2], 13, 52, 'adequate'],
    [[5, 5, 5, 5, 5], 25, 100, 'adequate'],
    [[0, 0, 0, 0, 0], 0, 0, 'poor'],
    [[5, 5, 5, 5, 2], 22, 88, 'adequate'],
  ])('scores %j as raw %i, percent %i, %s', (answers, total, percent, band) => {
    const score = scored(who5, answers);
    expect(score).toMatchObject({ code: 'who5', total, percent, band });
    expect(score.flags).toEqual(band === 'poor' ? ['poor_wellbeing'] : []);
    expect(who5.bands).toContain(band);
  });

  it.each([1, 0])('rates well-being poor when any item is %i, even with a high raw total', (low) => {
    const score = scored(who5, [5, 5, 5, 5, low]);
    expect(score).toMatchObject({ total: 20 + low, band: 'poor', flags: ['poor_wellbeing'] });
    expect(score.interpretation).toMatch(/depression/);
  });

  it('offers six options from "All of the time" (5) down to "At no time" (0)', () => {
    expect(who5.items[0]).toMatchObject({
      kind: 'scale',
      options: [
        { value: 5, label: 'All of the time' },
        { value: 4, label: 'Most of the time' },
        { value: 3, label: 'More than half of the time' },
        { value: 2, label: 'Less than half of the time' },
        { value: 1, label: 'Some of the time' },
        { value: 0, label: 'At no time' },
      ],
    });
  });

  it('refuses 6', () => {
    expect(problemsOf(who5, [6, 0, 0, 0, 0])).toEqual([
      { item: 1, message: 'must be one of 5, 4, 3, 2, 1, 0; got 6' },
    ]);
  });
});

describe('answer validation for every instrument', () => {
  // scoreInstrument refuses anything the form could not have produced; nothing is clamped or coerced
  // (domain-rules §4: scores must follow the published scoring exactly).
  const cases = instrumentCodes.map((code) => [code, instruments[code]] as const);

  it.each(cases)('%s refuses too few and too many answers', (_code, definition) => {
    const valid = lowest(definition);
    for (const answers of [valid.slice(1), [...valid, valid[0]], []]) {
      expect(problemsOf(definition, answers, contextFor(definition))).toEqual([
        {
          message: `${definition.title} has ${definition.items.length} items; ${answers.length} answers were given`,
        },
      ]);
    }
  });

  it.each(cases)('%s scores its lowest answers', (code, definition) => {
    const score = scored(definition, lowest(definition), contextFor(definition));
    expect(score.code).toBe(code);
    if (definition.bands.length > 0) expect(definition.bands).toContain(score.band);
    expect(score.interpretation.length).toBeGreaterThan(0);
  });

  const scaleCases = cases.filter(([, definition]) => definition.items.some((item) => item.kind === 'scale'));
  it.each(scaleCases)(
    '%s refuses non-integers and wrong types on a scale item, naming it',
    (_code, definition) => {
      const index = definition.items.map((item) => item.kind).lastIndexOf('scale');
      const item = definition.items[index];
      if (item?.kind !== 'scale') throw new Error('no scale item');
      const message = `must be one of the integers ${item.options.map((option) => option.value).join(', ')}`;
      for (const wrong of [1.5, true, false, '1', null, undefined, Number.NaN, [1], { value: 1 }]) {
        const answers: unknown[] = lowest(definition);
        answers[index] = wrong;
        expect(problemsOf(definition, answers, contextFor(definition))).toEqual([
          { item: index + 1, message },
        ]);
      }
    },
  );

  it.each(scaleCases)('%s refuses values outside a scale item’s options, naming it', (_code, definition) => {
    const index = definition.items.map((item) => item.kind).lastIndexOf('scale');
    const item = definition.items[index];
    if (item?.kind !== 'scale') throw new Error('no scale item');
    const values = item.options.map((option) => option.value);
    for (const wrong of [Math.max(...values) + 1, -1]) {
      const answers: unknown[] = lowest(definition);
      answers[index] = wrong;
      expect(problemsOf(definition, answers, contextFor(definition))).toEqual([
        { item: index + 1, message: `must be one of ${values.join(', ')}; got ${wrong}` },
      ]);
    }
  });

  const yesNoCases = cases.filter(([, definition]) =>
    definition.items.some((item) => item.kind === 'yes_no'),
  );
  it.each(yesNoCases)(
    '%s refuses anything but true or false on a yes/no item, naming it',
    (_code, definition) => {
      const index = definition.items.map((item) => item.kind).lastIndexOf('yes_no');
      for (const wrong of [0, 1, 'yes', 'true', null, undefined]) {
        const answers: unknown[] = lowest(definition);
        answers[index] = wrong;
        expect(problemsOf(definition, answers)).toEqual([
          { item: index + 1, message: 'must be true or false' },
        ]);
      }
    },
  );

  it('reports every wrong answer at once, each with its 1-based item', () => {
    expect(problemsOf(instruments.phq9, ['2', 0, 1.5, 0, 0, 0, 0, true, 4]).map((p) => p.item)).toEqual([
      1, 3, 8, 9,
    ]);
    expect(problemsOf(instruments.dast10, [true, 1, true, true, 'no', true, true, true, true, true])).toEqual(
      [
        { item: 2, message: 'must be true or false' },
        { item: 5, message: 'must be true or false' },
      ],
    );
  });
});

describe('instrument definitions', () => {
  // domain-rules §4: item counts and licence status per instrument.
  const expectedItems: Record<InstrumentCode, number> = {
    phq9: 9,
    gad7: 7,
    audit: 10,
    auditc: 3,
    dast10: 10,
    bam: 23,
    'cssrs-screener': 7,
    pcl5: 20,
    who5: 5,
  };
  /** Instruments whose licence domain-rules §4 marks UNCONFIRMED. */
  const unconfirmed: InstrumentCode[] = [
    'phq9',
    'audit',
    'auditc',
    'dast10',
    'bam',
    'cssrs-screener',
    'who5',
  ];

  it('registers exactly the listed codes, each under its own code', () => {
    expect(Object.keys(instruments).sort()).toEqual([...instrumentCodes].sort());
    for (const code of instrumentCodes) expect(instruments[code].code).toBe(code);
  });

  it.each(instrumentCodes)('%s has the published number of items', (code) => {
    expect(instruments[code].items).toHaveLength(expectedItems[code]);
  });

  it.each(instrumentCodes)('%s has unique linkIds and non-empty texts and options', (code) => {
    const { items } = instruments[code];
    expect(new Set(items.map((item) => item.linkId)).size).toBe(items.length);
    for (const item of items) {
      expect(item.text.trim().length).toBeGreaterThan(0);
      if (item.kind === 'scale') {
        const values = item.options.map((option) => option.value);
        expect(new Set(values).size).toBe(values.length);
        expect(values.every(Number.isInteger)).toBe(true);
        expect(item.options.every((option) => option.label.trim().length > 0)).toBe(true);
      }
    }
  });

  it.each(instrumentCodes)('%s names its source and licence', (code) => {
    const definition = instruments[code];
    expect(definition.title.trim().length).toBeGreaterThan(0);
    expect(definition.instructions.trim().length).toBeGreaterThan(0);
    expect(definition.source.trim().length).toBeGreaterThan(0);
    expect(definition.licence.trim().length).toBeGreaterThan(0);
    if (unconfirmed.includes(code)) expect(definition.licence).toMatch(/unconfirmed/);
  });

  it('needs the sex only for AUDIT-C', () => {
    expect(instrumentCodes.filter((code) => instruments[code].needsSex)).toEqual(['auditc']);
  });

  it('keeps the critical flags to the two suicide-risk findings', () => {
    expect([...criticalFlags]).toEqual(['suicidal_ideation', 'high_suicide_risk']);
  });
});
