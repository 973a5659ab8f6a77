import { type InstrumentDefinition, type InstrumentItem, sumOf } from './instrument.js';

/**
 * Brief Addiction Monitor, Likert form (Cacciola et al. 2013, J Subst Abuse Treat 44:256–263; VA VISN 4
 * MIRECC). Seventeen items about the past 30 days, item 7 split into 7A–7G, so 23 answers in form order.
 * Three subscales on the 0–4 item values: Use = items 4+5+6 (0–12), Risk = 1+2+3+8+11+15 (0–24),
 * Protective = 9+10+12+13+14+16 (0–24); items 7A–7G only detail item 6 and item 17 is an overall rating,
 * so neither is scored. Flags: Use ≥1, Risk ≥12, Protective ≤12. The BAM publishes no total
 * (domain-rules §4 [I10a–c]).
 */
const days = [
  { value: 0, label: '0 days' },
  { value: 1, label: '1–3 days' },
  { value: 2, label: '4–8 days' },
  { value: 3, label: '9–15 days' },
  { value: 4, label: '16–30 days' },
] as const;

const health = [
  { value: 0, label: 'Excellent' },
  { value: 1, label: 'Very good' },
  { value: 2, label: 'Good' },
  { value: 3, label: 'Fair' },
  { value: 4, label: 'Poor' },
] as const;

const extent = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Slightly' },
  { value: 2, label: 'Moderately' },
  { value: 3, label: 'Considerably' },
  { value: 4, label: 'Extremely' },
] as const;

const dayItem = (linkId: string, text: string): InstrumentItem => ({
  linkId,
  text,
  kind: 'scale',
  options: days,
});
const extentItem = (linkId: string, text: string): InstrumentItem => ({
  linkId,
  text,
  kind: 'scale',
  options: extent,
});

const drugs = [
  ['a', 'marijuana (cannabis, pot, weed)'],
  [
    'b',
    'sedatives or tranquilizers (e.g., "benzos", Valium, Xanax, Ativan, Ambien, "barbs", Phenobarbital, downers)',
  ],
  ['c', 'cocaine or crack'],
  [
    'd',
    'other stimulants (e.g., amphetamine, methamphetamine, Dexedrine, Ritalin, Adderall, "speed", "crystal meth", "ice")',
  ],
  [
    'e',
    'opiates (e.g., heroin, morphine, Dilaudid, Demerol, OxyContin, oxy, codeine, Percocet, Vicodin, fentanyl)',
  ],
  ['f', 'inhalants (glues, adhesives, nail polish or paint thinner)'],
  [
    'g',
    'other drugs (steroids, non-prescription sleep or diet pills, Benadryl, ephedra, other over-the-counter or unknown medications)',
  ],
] as const;

/** The 1-based answer position of BAM item 1–17 (not 7): items 7A–7G take positions 7–13. */
const position = (item: number): number => (item < 7 ? item : item + 6);

// Subscale items by BAM item number (domain-rules §4 [I10a–c]).
const useItems = [4, 5, 6];
const riskItems = [1, 2, 3, 8, 11, 15];
/** Protective items answered on the 0–4 scale; item 14 (income) is yes/no and scores Yes = 4. */
const protectiveScaleItems = [9, 10, 12, 13, 16];
const incomeItem = 14;

export const bam: InstrumentDefinition = {
  code: 'bam',
  title: 'Brief Addiction Monitor (BAM)',
  instructions: 'These questions ask about the past 30 days.',
  items: [
    {
      linkId: 'bam-1',
      text: 'In the past 30 days, would you say your physical health has been:',
      kind: 'scale',
      options: health,
    },
    dayItem(
      'bam-2',
      'In the past 30 days, how many nights did you have trouble falling asleep or staying asleep?',
    ),
    dayItem(
      'bam-3',
      'In the past 30 days, how many days have you felt depressed, anxious, angry or very upset throughout most of the day?',
    ),
    dayItem('bam-4', 'In the past 30 days, how many days did you drink ANY alcohol?'),
    dayItem(
      'bam-5',
      'In the past 30 days, how many days did you have at least 5 drinks (if you are a man) or at least 4 drinks ' +
        '(if you are a woman)? One drink is one shot of hard liquor (1.5 oz.), a 12-ounce can or bottle of beer, ' +
        'or a 5-ounce glass of wine.',
    ),
    dayItem(
      'bam-6',
      'In the past 30 days, how many days did you use any illegal/street drugs or abuse any prescription medications?',
    ),
    ...drugs.map(([letter, drug]) =>
      dayItem(`bam-7${letter}`, `In the past 30 days, how many days did you use ${drug}?`),
    ),
    extentItem(
      'bam-8',
      'In the past 30 days, how much were you bothered by cravings or urges to drink alcohol or use drugs?',
    ),
    extentItem(
      'bam-9',
      'How confident are you in your ability to be completely abstinent (clean) from alcohol and drugs in the next 30 days?',
    ),
    dayItem(
      'bam-10',
      'In the past 30 days, how many days did you attend self-help meetings like AA or NA to support your recovery?',
    ),
    dayItem(
      'bam-11',
      'In the past 30 days, how many days were you in any situations or with any people that might put you at an ' +
        'increased risk for using alcohol or drugs (i.e., around risky "people, places or things")?',
    ),
    extentItem('bam-12', 'Does your religion or spirituality help support your recovery?'),
    dayItem(
      'bam-13',
      'In the past 30 days, how many days did you spend much of the time at work, school, or doing volunteer work?',
    ),
    {
      linkId: 'bam-14',
      text:
        'Do you have enough income (from legal sources) to pay for necessities such as housing, transportation, ' +
        'food and clothing for yourself and your dependents?',
      kind: 'yes_no',
    },
    extentItem(
      'bam-15',
      'In the past 30 days, how much have you been bothered by arguments or problems getting along with any family ' +
        'members or friends?',
    ),
    dayItem(
      'bam-16',
      'In the past 30 days, how many days were you in contact or spent time with any family members or friends who ' +
        'are supportive of your recovery?',
    ),
    extentItem('bam-17', 'How satisfied are you with your progress toward achieving your recovery goals?'),
  ],
  needsSex: false,
  bands: [],
  source:
    'Cacciola JS, Alterman AI, DePhilippis D, et al. Development and initial evaluation of the Brief ' +
    'Addiction Monitor (BAM). J Subst Abuse Treat 2013;44(3):256–263. VA VISN 4 Mental Illness Research, ' +
    'Education and Clinical Center (MIRECC).',
  licence:
    'Developed by the U.S. Department of Veterans Affairs; public domain unconfirmed (domain-rules §4).',
  score(answers) {
    const use = sumOf(answers, useItems.map(position));
    const risk = sumOf(answers, riskItems.map(position));
    const income = answers[position(incomeItem) - 1] === true ? 4 : 0;
    const protective = sumOf(answers, protectiveScaleItems.map(position)) + income;
    // Flag thresholds for the Likert form (domain-rules §4 [I10a–c]).
    const findings: [flag: string, flagged: boolean, text: string][] = [
      ['bam_use', use >= 1, `alcohol or drug use in the past 30 days (use ${use} of 12)`],
      ['bam_high_risk', risk >= 12, `many risk factors (risk ${risk} of 24, flagged at 12 or more)`],
      [
        'bam_low_protection',
        protective <= 12,
        `few protective factors (protective ${protective} of 24, flagged at 12 or less)`,
      ],
    ];
    const flagged = findings.filter(([, isFlagged]) => isFlagged);
    const flags = flagged.map(([flag]) => flag);
    const interpretation = flagged.length
      ? `Flagged: ${flagged.map(([, , text]) => text).join('; ')}. Discuss these areas in the treatment plan.`
      : `No area was flagged: no alcohol or drug use, risk ${risk} of 24 and protective ${protective} of 24.`;
    return {
      code: 'bam',
      total: null,
      band: null,
      flags,
      subscales: { use, risk, protective },
      interpretation,
    };
  },
};
