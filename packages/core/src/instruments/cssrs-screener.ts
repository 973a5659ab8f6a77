import type { InstrumentDefinition } from './instrument.js';

/**
 * Columbia-Suicide Severity Rating Scale, screener (Posner et al. 2011, Am J Psychiatry 168:1266–1277;
 * The Columbia Lighthouse Project). Six yes/no questions, the first five about the past month and the
 * sixth about a lifetime, plus a seventh: whether the behaviour in question 6 was within the past three
 * months. Triage: high risk for intent (Q4), a plan (Q5) or behaviour in the past three months; moderate
 * for thinking about a method (Q3) or behaviour more than three months ago; low for a wish to be dead
 * (Q1) or non-specific thoughts of killing oneself (Q2) (domain-rules §4 [I11a–c]).
 */
const bands = ['none', 'low', 'moderate', 'high'] as const;
type Band = (typeof bands)[number];

const interpretations: Record<Band, string> = {
  none: 'No suicidal ideation or behaviour reported.',
  low:
    'Low risk: a wish to be dead or thoughts of suicide in the past month, without method, intent or plan. ' +
    'Review with a clinician and repeat the screen at the next contact.',
  moderate:
    'Moderate risk: thoughts of how to end their life in the past month, or suicidal behaviour more than three ' +
    'months ago. A clinician must assess today and complete a safety plan.',
  high:
    'High risk: act now. Do not leave the person alone, follow the crisis protocol for an immediate evaluation, ' +
    'and connect them with the 988 Suicide & Crisis Lifeline (call or text 988).',
};

/**
 * Answers the screener cannot hold even though each is a valid yes/no: "within the past three months"
 * (item 7) answered yes while question 6 (any suicidal behaviour ever) was answered no. The server
 * rejects such input rather than guess which answer is right.
 */
export function cssrsProblems(answers: readonly boolean[]): string[] {
  return answers[6] === true && answers[5] !== true
    ? ['Item 7 (within the past three months) is yes but question 6 (any suicidal behaviour) is no']
    : [];
}

export const cssrsScreener: InstrumentDefinition = {
  code: 'cssrs-screener',
  title: 'C-SSRS Screener',
  contradictions: (answers) => cssrsProblems(answers.map((answer) => answer === true)),
  instructions:
    'Questions 1 to 5 ask about the past month. Question 6 asks about your whole life; if you answer yes, ' +
    'question 7 asks whether it was within the past three months (answer no when question 6 is no).',
  items: [
    'In the past month, have you wished you were dead or wished you could go to sleep and not wake up?',
    'In the past month, have you actually had any thoughts of killing yourself?',
    'In the past month, have you been thinking about how you might do this?',
    'In the past month, have you had these thoughts and had some intention of acting on them?',
    'In the past month, have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?',
    'Have you ever done anything, started to do anything, or prepared to do anything to end your life? ' +
      '(For example: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out ' +
      "pills but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to " +
      "the roof but didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang " +
      'yourself, etc.)',
    'Was this (question 6) within the past three months?',
  ].map((text, index) => ({ linkId: `cssrs-${index + 1}`, text, kind: 'yes_no' as const })),
  needsSex: false,
  bands,
  source:
    'Posner K, Brown GK, Stanley B, et al. The Columbia-Suicide Severity Rating Scale: initial validity and ' +
    'internal consistency findings from three multisite studies with adolescents and adults. Am J Psychiatry ' +
    '2011;168(12):1266–1277. Screener version: The Columbia Lighthouse Project.',
  licence: 'The Columbia Lighthouse Project; terms for use in software unconfirmed (domain-rules §4).',
  score(answers) {
    const [wish, thoughts, method, intent, plan, behaviour, recent] = answers.map(
      (answer) => answer === true,
    );
    // Triage rules, highest first (domain-rules §4 [I11a–c]).
    const band: Band =
      intent || plan || (behaviour && recent)
        ? 'high'
        : method || (behaviour && !recent)
          ? 'moderate'
          : wish || thoughts
            ? 'low'
            : 'none';
    const flags = band === 'high' ? ['high_suicide_risk'] : [];
    return { code: 'cssrs-screener', total: null, band, flags, interpretation: interpretations[band] };
  },
};
