import { bandFor, type InstrumentDefinition, sumOf } from './instrument.js';
import { phqFrequency as frequency } from './phq9.js';

/**
 * Generalized Anxiety Disorder-7 (Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med
 * 166:1092–1097). Seven items 0–3, total 0–21; severity bands 0–4 / 5–9 / 10–14 / 15–21; 10 is the
 * cut-off for further evaluation (domain-rules §4 [I5, I6]).
 */
const bands = [
  [0, 'minimal'],
  [5, 'mild'],
  [10, 'moderate'],
  [15, 'severe'],
] as const;

const interpretations: Record<(typeof bands)[number][1], string> = {
  minimal: 'Minimal anxiety symptoms.',
  mild: 'Mild anxiety symptoms; watch and repeat the questionnaire at follow-up.',
  moderate:
    'Moderate anxiety symptoms, at or above the cut-off of 10; evaluate further and consider them in the treatment plan.',
  severe: 'Severe anxiety symptoms; active treatment is warranted.',
};

export const gad7: InstrumentDefinition = {
  code: 'gad7',
  title: 'GAD-7',
  instructions: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  items: [
    'Feeling nervous, anxious, or on edge',
    'Not being able to stop or control worrying',
    'Worrying too much about different things',
    'Trouble relaxing',
    'Being so restless that it is hard to sit still',
    'Becoming easily annoyed or irritable',
    'Feeling afraid, as if something awful might happen',
  ].map((text, index) => ({ linkId: `gad7-${index + 1}`, text, kind: 'scale' as const, options: frequency })),
  needsSex: false,
  bands: bands.map(([, band]) => band),
  bandFrom: bands.map(([from]) => from),
  source:
    'Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety ' +
    'disorder: the GAD-7. Arch Intern Med 2006;166(10):1092–1097.',
  licence: '© Pfizer Inc.; reproduced with permission (domain-rules §4).',
  score(answers) {
    const total = sumOf(answers, [1, 2, 3, 4, 5, 6, 7]);
    const band = bandFor(total, bands);
    return { code: 'gad7', total, band, flags: [], interpretation: interpretations[band] };
  },
};
