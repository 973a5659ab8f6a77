import { bandFor, type InstrumentDefinition } from './instrument.js';

/**
 * Drug Abuse Screening Test, 10-item version (Skinner 1982, Addictive Behaviors 7:363–371). Ten yes/no
 * items about the past 12 months, total 0–10: each "yes" scores 1, except item 3 ("always able to
 * stop"), where "no" scores 1. Bands 0 / 1–2 / 3–5 / 6–8 / 9–10 (domain-rules §4 [I9]).
 */
const bands = [
  [0, 'none'],
  [1, 'low'],
  [3, 'moderate'],
  [6, 'substantial'],
  [9, 'severe'],
] as const;

// The suggested action per level follows the published DAST-10 interpretation (domain-rules §4 [I9]).
const interpretations: Record<(typeof bands)[number][1], string> = {
  none: 'No problems related to drug use reported.',
  low: 'Low level of problems related to drug use; monitor and reassess at a later date.',
  moderate: 'Moderate level of problems related to drug use; investigate further.',
  substantial: 'Substantial level of problems related to drug use; an intensive assessment is warranted.',
  severe: 'Severe level of problems related to drug use; an intensive assessment is warranted.',
};

/** Item 3 is reverse-scored: answering "no" scores 1 (domain-rules §4 [I9]). */
const reversedItem = 3;

export const dast10: InstrumentDefinition = {
  code: 'dast10',
  title: 'DAST-10',
  instructions: 'These questions refer to the past 12 months.',
  items: [
    'Have you used drugs other than those required for medical reasons?',
    'Do you abuse more than one drug at a time?',
    'Are you always able to stop using drugs when you want to?',
    'Have you had "blackouts" or "flashbacks" as a result of drug use?',
    'Do you ever feel bad or guilty about your drug use?',
    'Does your spouse (or parents) ever complain about your involvement with drugs?',
    'Have you neglected your family because of your use of drugs?',
    'Have you engaged in illegal activities in order to obtain drugs?',
    'Have you ever experienced withdrawal symptoms (felt sick) when you stopped taking drugs?',
    'Have you had medical problems as a result of your drug use (e.g., memory loss, hepatitis, convulsions, bleeding, etc.)?',
  ].map((text, index) => ({ linkId: `dast10-${index + 1}`, text, kind: 'yes_no' as const })),
  needsSex: false,
  bands: bands.map(([, band]) => band),
  bandFrom: bands.map(([from]) => from),
  source: 'Skinner HA. The Drug Abuse Screening Test. Addict Behav 1982;7(4):363–371.',
  licence: '© 1982 Harvey A. Skinner; terms of use unconfirmed (domain-rules §4).',
  score(answers) {
    const total = answers.filter((answer, index) =>
      index + 1 === reversedItem ? answer === false : answer === true,
    ).length;
    const band = bandFor(total, bands);
    return { code: 'dast10', total, band, flags: [], interpretation: interpretations[band] };
  },
};
