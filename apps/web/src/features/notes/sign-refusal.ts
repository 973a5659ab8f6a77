import type { Note, NoteTemplate } from '@stepwise/core';
import { ApiError } from '../../api/client';
import { type SignRefusal, signRefusalDetails } from './lists';

/** What the server named when it refused to sign (409): parts to individualize, fields to write. */
export function signRefusalOf(error: unknown): SignRefusal | undefined {
  if (!(error instanceof ApiError) || error.code !== 'conflict') return undefined;
  const parsed = signRefusalDetails.safeParse(error.details);
  return parsed.success ? parsed.data : undefined;
}

type PartProblem = NonNullable<SignRefusal['parts']>[number];

/** One refused part in the words its card shows, naming the others it copies. */
export function partProblemText(problem: PartProblem, parts: Note['parts']): string {
  switch (problem.problem) {
    case 'empty':
      return 'Write their participation and response.';
    case 'identical': {
      const names = (problem.sameAs ?? []).map(
        (id) => parts.find((part) => part.participantId === id)?.participantName ?? 'another attendee',
      );
      return `The same as ${names.join(', ')}: write what this person did and said.`;
    }
    case 'no_goal':
      return 'Report their progress on at least one of their goals.';
  }
}

const fieldLabels: Record<string, string> = {
  present: 'who came',
  narrative: 'the narrative',
  topic: 'the topic',
  summary: 'the summary',
  plan: 'the plan',
  data: 'the data',
  assessment: 'the assessment',
  behavior: 'the behavior',
  intervention: 'the intervention',
  response: 'the response',
};

/**
 * "Write the narrative before signing." for a field the server found empty; a template's field
 * ("fields.<key>") is shown beside its label, so it says what to do: write it, or choose an option.
 */
export function missingFieldText(field: string, template?: NoteTemplate): string {
  const key = /^fields\.(.+)$/.exec(field)?.[1];
  if (key !== undefined) {
    const templateField = template?.fields.find((candidate) => candidate.key === key);
    return templateField?.kind === 'choice' ? 'Choose one before signing.' : 'Write this before signing.';
  }
  return `Write ${fieldLabels[field] ?? field} before signing.`;
}
