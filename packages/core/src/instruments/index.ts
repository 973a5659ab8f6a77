import { audit, auditc } from './audit.js';
import { bam } from './bam.js';
import { cssrsScreener } from './cssrs-screener.js';
import { dast10 } from './dast10.js';
import { gad7 } from './gad7.js';
import type {
  Answer,
  InstrumentCode,
  InstrumentDefinition,
  InstrumentScore,
  ScoringContext,
} from './instrument.js';
import { instrumentCodes } from './instrument.js';
import { pcl5 } from './pcl5.js';
import { phq9 } from './phq9.js';
import { who5 } from './who5.js';

export * from './instrument.js';

/** Every instrument Stepwise scores, by code, in the order they are listed. */
export const instruments: Record<InstrumentCode, InstrumentDefinition> = {
  phq9,
  gad7,
  audit,
  auditc,
  dast10,
  bam,
  'cssrs-screener': cssrsScreener,
  pcl5,
  who5,
};

export function isInstrumentCode(code: string): code is InstrumentCode {
  return (instrumentCodes as readonly string[]).includes(code);
}

/** Why a set of answers cannot be scored; `item` is the 1-based position, absent for the whole set. */
export interface AnswerProblem {
  item?: number;
  message: string;
}

export type ScoringOutcome = { ok: true; score: InstrumentScore } | { ok: false; problems: AnswerProblem[] };

/**
 * Checks answers against the instrument's items (count, integer or boolean by item kind, only the
 * item's own option values) and scores them. Nothing is guessed: a wrong answer is a problem, never
 * clamped or coerced.
 */
export function scoreInstrument(
  definition: InstrumentDefinition,
  answers: readonly unknown[],
  context: ScoringContext = {},
): ScoringOutcome {
  const problems: AnswerProblem[] = [];
  if (answers.length !== definition.items.length) {
    problems.push({
      message: `${definition.title} has ${definition.items.length} items; ${answers.length} answers were given`,
    });
    return { ok: false, problems };
  }
  definition.items.forEach((item, index) => {
    const answer = answers[index];
    const position = index + 1;
    if (item.kind === 'yes_no') {
      if (typeof answer !== 'boolean') problems.push({ item: position, message: 'must be true or false' });
      return;
    }
    const allowed = item.options.map((option) => option.value);
    if (typeof answer !== 'number' || !Number.isInteger(answer)) {
      problems.push({ item: position, message: `must be one of the integers ${allowed.join(', ')}` });
    } else if (!allowed.includes(answer)) {
      problems.push({ item: position, message: `must be one of ${allowed.join(', ')}; got ${answer}` });
    }
  });
  if (definition.needsSex && context.sex === undefined) {
    problems.push({
      message: `${definition.title} needs "sex" (female or male): its cut-off differs by sex`,
    });
  }
  if (problems.length === 0 && definition.contradictions) {
    for (const message of definition.contradictions(answers as Answer[])) problems.push({ message });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, score: definition.score(answers as Answer[], context) };
}

/**
 * The response as a FHIR R4 QuestionnaireResponse: scale answers as valueInteger (the scored value),
 * yes/no answers as valueBoolean, each item with its text as asked. A self-report (the participant
 * answering in the participant area) has the participant as its author and source.
 */
export function questionnaireResponseOf(
  definition: InstrumentDefinition,
  answers: readonly Answer[],
  meta: { participantId: string; authorId: string; authoredAt: Date; selfReported?: boolean },
): Record<string, unknown> {
  const patient = { reference: `Patient/${meta.participantId}` };
  return {
    resourceType: 'QuestionnaireResponse',
    questionnaire: `urn:stepwise:questionnaire:${definition.code}`,
    status: 'completed',
    subject: patient,
    author: meta.selfReported ? patient : { reference: `Practitioner/${meta.authorId}` },
    ...(meta.selfReported ? { source: patient } : {}),
    authored: meta.authoredAt.toISOString(),
    item: definition.items.map((item, index) => {
      const answer = answers[index];
      return {
        linkId: item.linkId,
        text: item.text,
        answer: [typeof answer === 'boolean' ? { valueBoolean: answer } : { valueInteger: answer }],
      };
    }),
  };
}
