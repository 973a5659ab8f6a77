import { bandFor, type InstrumentDefinition, type InstrumentItem, sumOf } from './instrument.js';

/**
 * Alcohol Use Disorders Identification Test (Babor, Higgins-Biddle, Saunders & Monteiro 2001, WHO,
 * 2nd ed.). Ten items, total 0–40: items 1–8 score 0–4, items 9 and 10 only 0, 2 or 4. The WHO risk
 * zones are I 0–7, II 8–15 (hazardous), III 16–19 (harmful), IV 20–40 (possible dependence)
 * (domain-rules §4 [I8a, I8b]).
 *
 * AUDIT-C (Bush, Kivlahan, McDonell, Fihn & Bradley 1998, Arch Intern Med 158:1789–1795) is the first
 * three AUDIT items, total 0–12, positive at 4 or more for men and 3 or more for women
 * (domain-rules §4 [I7]).
 */
const frequency = [
  { value: 0, label: 'Never' },
  { value: 1, label: 'Less than monthly' },
  { value: 2, label: 'Monthly' },
  { value: 3, label: 'Weekly' },
  { value: 4, label: 'Daily or almost daily' },
] as const;

const happened = [
  { value: 0, label: 'No' },
  { value: 2, label: 'Yes, but not in the last year' },
  { value: 4, label: 'Yes, during the last year' },
] as const;

const consumption = [
  {
    text: 'How often do you have a drink containing alcohol?',
    kind: 'scale',
    options: [
      { value: 0, label: 'Never' },
      { value: 1, label: 'Monthly or less' },
      { value: 2, label: '2 to 4 times a month' },
      { value: 3, label: '2 to 3 times a week' },
      { value: 4, label: '4 or more times a week' },
    ],
  },
  {
    text: 'How many drinks containing alcohol do you have on a typical day when you are drinking?',
    kind: 'scale',
    options: [
      { value: 0, label: '1 or 2' },
      { value: 1, label: '3 or 4' },
      { value: 2, label: '5 or 6' },
      { value: 3, label: '7, 8, or 9' },
      { value: 4, label: '10 or more' },
    ],
  },
  { text: 'How often do you have six or more drinks on one occasion?', kind: 'scale', options: frequency },
] as const;

const consequences = [
  ...[
    'How often during the last year have you found that you were not able to stop drinking once you had started?',
    'How often during the last year have you failed to do what was normally expected from you because of drinking?',
    'How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?',
    'How often during the last year have you had a feeling of guilt or remorse after drinking?',
    'How often during the last year have you been unable to remember what happened the night before because you had been drinking?',
  ].map((text) => ({ text, kind: 'scale' as const, options: frequency })),
  ...[
    'Have you or someone else been injured as a result of your drinking?',
    'Has a relative or friend or a doctor or another health worker been concerned about your drinking or suggested you cut down?',
  ].map((text) => ({ text, kind: 'scale' as const, options: happened })),
];

const instructions =
  'These questions are about your use of alcoholic beverages during the past year. ' +
  'A drink means one standard drink.';

const source =
  'Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: The Alcohol Use Disorders ' +
  'Identification Test. Guidelines for Use in Primary Care. 2nd ed. Geneva: World Health Organization; 2001.';

const licence = '© World Health Organization; free use unconfirmed in domain-rules §4.';

const bands = [
  [0, 'low_risk'],
  [8, 'hazardous'],
  [16, 'harmful'],
  [20, 'possible_dependence'],
] as const;

// The WHO's suggested response per zone (Babor et al. 2001; domain-rules §4 [I8a, I8b]).
const interpretations: Record<(typeof bands)[number][1], string> = {
  low_risk: 'Low-risk drinking (zone I); alcohol education is enough.',
  hazardous: 'Hazardous drinking (zone II); give simple advice on cutting down.',
  harmful:
    'Harmful drinking (zone III); give simple advice with brief counselling and keep monitoring drinking.',
  possible_dependence:
    'Possible alcohol dependence (zone IV); a diagnostic evaluation for alcohol dependence and treatment are warranted.',
};

export const audit: InstrumentDefinition = {
  code: 'audit',
  title: 'AUDIT',
  instructions,
  items: [...consumption, ...consequences].map(
    (item, index): InstrumentItem => ({ linkId: `audit-${index + 1}`, ...item }),
  ),
  needsSex: false,
  bands: bands.map(([, band]) => band),
  bandFrom: bands.map(([from]) => from),
  source,
  licence,
  score(answers) {
    const total = sumOf(answers, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const band = bandFor(total, bands);
    return { code: 'audit', total, band, flags: [], interpretation: interpretations[band] };
  },
};

// Positive at ≥4 for men and ≥3 for women (Bush et al. 1998; domain-rules §4 [I7]).
const auditcCutOffs = { male: 4, female: 3 } as const;

export const auditc: InstrumentDefinition = {
  code: 'auditc',
  title: 'AUDIT-C',
  instructions,
  items: consumption.map((item, index): InstrumentItem => ({ linkId: `auditc-${index + 1}`, ...item })),
  needsSex: true,
  bands: ['negative', 'positive'],
  source:
    'Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol consumption questions ' +
    '(AUDIT-C). Arch Intern Med 1998;158(16):1789–1795. Items from the WHO AUDIT (Babor et al. 2001).',
  licence,
  score(answers, context) {
    if (context.sex === undefined) throw new Error('AUDIT-C needs the sex of the respondent to be scored');
    const cutOff = auditcCutOffs[context.sex];
    const total = sumOf(answers, [1, 2, 3]);
    const band = total >= cutOff ? 'positive' : 'negative';
    const interpretation =
      band === 'positive'
        ? `Positive screen (${cutOff} or more for ${context.sex === 'male' ? 'men' : 'women'}): ` +
          'drinking may be hazardous; follow up with the full AUDIT or a clinical assessment.'
        : `Negative screen (below ${cutOff} for ${context.sex === 'male' ? 'men' : 'women'}).`;
    return { code: 'auditc', total, band, flags: [], interpretation };
  },
};
