/**
 * Clinical notes (issue "The clinical day"): the kinds and formats, time-based service codes, and the
 * check that keeps group notes individual.
 */

export const noteKinds = ['individual', 'group', 'family', 'contact'] as const;
export type NoteKind = (typeof noteKinds)[number];

export const noteKindLabels: Record<NoteKind, string> = {
  individual: 'Individual session',
  group: 'Group session',
  family: 'Family session',
  contact: 'Case-management contact',
};

/** Individual notes are written as DAP (data, assessment, plan) or BIRP (behaviour, intervention, response, plan). */
export const individualFormats = ['dap', 'birp'] as const;
export type IndividualFormat = (typeof individualFormats)[number];

/**
 * The CPT code a session's minutes support (domain-rules §3, [C6]): individual psychotherapy 90832 for
 * 16–37 minutes, 90834 for 38–52, 90837 for 53 or more; family psychotherapy 90847 with the patient
 * present, 90846 without, from 26 minutes; group psychotherapy 90853. Null when the time supports no
 * code (or for a contact note).
 */
export function serviceCodeFor(
  kind: NoteKind,
  minutes: number,
  options: { withParticipant?: boolean } = {},
): string | null {
  switch (kind) {
    case 'individual':
      if (minutes >= 53) return '90837';
      if (minutes >= 38) return '90834';
      if (minutes >= 16) return '90832';
      return null;
    case 'family':
      if (minutes < 26) return null;
      return options.withParticipant === false ? '90846' : '90847';
    case 'group':
      return minutes > 0 ? '90853' : null;
    case 'contact':
      return null;
  }
}

export interface IndividualizedPart {
  participantId: string;
  /** The text a clinician wrote for this attendee (participation, response, progress). */
  text: string;
  /** Goals of this attendee's plan the part reports progress on. */
  goalIds: readonly string[];
}

export interface PartProblem {
  participantId: string;
  problem: 'identical' | 'no_goal';
  /** For identical parts, the others with the same text. */
  sameAs?: string[];
}

const normalised = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What keeps a group note from being signed: individualized parts identical to another attendee's
 * (compared ignoring case and spacing; auditors flag copied group notes), and parts that report on none
 * of the attendee's goals. Empty when the note may be signed.
 */
export function individualizedPartProblems(parts: readonly IndividualizedPart[]): PartProblem[] {
  const byText = new Map<string, string[]>();
  for (const part of parts) {
    const key = normalised(part.text);
    byText.set(key, [...(byText.get(key) ?? []), part.participantId]);
  }
  const problems: PartProblem[] = [];
  for (const part of parts) {
    const same = (byText.get(normalised(part.text)) ?? []).filter((id) => id !== part.participantId);
    if (same.length > 0)
      problems.push({ participantId: part.participantId, problem: 'identical', sameAs: same });
    if (part.goalIds.length === 0) problems.push({ participantId: part.participantId, problem: 'no_goal' });
  }
  return problems;
}
