import { bandFor, type InstrumentDefinition, sumOf } from './instrument.js';

/**
 * Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606–613).
 * Nine items 0–3, total 0–27; severity bands 0–4 / 5–9 / 10–14 / 15–19 / 20–27; any answer above 0 on
 * item 9 always needs follow-up (domain-rules §4 [I1, I1b, I2]).
 */
/** The PHQ answer scale, shared by the PHQ-9 and the GAD-7 (same authors, same wording). */
export const phqFrequency = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
] as const;

const bands = [
  [0, 'minimal'],
  [5, 'mild'],
  [10, 'moderate'],
  [15, 'moderately_severe'],
  [20, 'severe'],
] as const;

const interpretations: Record<(typeof bands)[number][1], string> = {
  minimal: 'Minimal depressive symptoms.',
  mild: 'Mild depressive symptoms; watch and repeat the questionnaire at follow-up.',
  moderate: 'Moderate depressive symptoms; consider them in the treatment plan.',
  moderately_severe: 'Moderately severe depressive symptoms; active treatment is warranted.',
  severe: 'Severe depressive symptoms; active treatment is warranted without delay.',
};

export const phq9: InstrumentDefinition = {
  code: 'phq9',
  title: 'PHQ-9',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  items: [
    'Little interest or pleasure in doing things',
    'Feeling down, depressed, or hopeless',
    'Trouble falling or staying asleep, or sleeping too much',
    'Feeling tired or having little energy',
    'Poor appetite or overeating',
    'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    'Trouble concentrating on things, such as reading the newspaper or watching television',
    'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    'Thoughts that you would be better off dead or of hurting yourself in some way',
  ].map((text, index) => ({
    linkId: `phq9-${index + 1}`,
    text,
    kind: 'scale' as const,
    options: phqFrequency,
  })),
  needsSex: false,
  bands: bands.map(([, band]) => band),
  bandFrom: bands.map(([from]) => from),
  source: 'Kroenke K, Spitzer RL, Williams JB. The PHQ-9. J Gen Intern Med 2001;16(9):606–613.',
  licence:
    'Developed by Drs Spitzer, Williams, Kroenke and colleagues with an educational grant from Pfizer Inc.; ' +
    'no permission is required to reproduce, translate, display or distribute (free use unconfirmed in ' +
    'domain-rules §4).',
  score(answers) {
    const total = sumOf(answers, [1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const band = bandFor(total, bands);
    const flags = Number(answers[8]) > 0 ? ['suicidal_ideation'] : [];
    const followUp = flags.length
      ? ' Item 9 (thoughts of death or self-harm) was endorsed: assess suicide risk today.'
      : '';
    return { code: 'phq9', total, band, flags, interpretation: `${interpretations[band]}${followUp}` };
  },
};
