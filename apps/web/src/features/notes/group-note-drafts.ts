import { groupContent, type Note, type NotePartContent } from '@stepwise/core';
import type { z } from 'zod';

/*
 * A group note as its form holds it: the shared part, and one part per attendee keyed by participant.
 * Only what differs from the saved note is sent.
 */

export type GroupContent = z.infer<typeof groupContent>;

/** The shared part as typed; interventions as a comma list. */
export interface SharedDraft {
  topic: string;
  module: string;
  interventions: string;
  narrative: string;
  skillsTaught: string;
  homework: string;
}

/** One attendee's part as typed; progress keyed by goal id. */
export interface PartDraft {
  participation: string;
  response: string;
  progress: Record<string, string>;
}

/** A goal of the attendee's plan, named by its statement where the plan could be read. */
export interface PartGoal {
  id: string;
  statement: string | null;
}

const emptyShared: GroupContent = {
  topic: '',
  module: '',
  interventions: [],
  narrative: '',
  skillsTaught: '',
  homework: '',
};

/** The saved shared part (a draft's content is always a group content; blank if somehow not). */
export function savedShared(note: Note): GroupContent {
  const parsed = groupContent.safeParse(note.content);
  return parsed.success ? parsed.data : emptyShared;
}

export function sharedDraftOf(note: Note): SharedDraft {
  const saved = savedShared(note);
  return { ...saved, interventions: saved.interventions.join(', ') };
}

export function partDraftsOf(note: Note): Record<string, PartDraft> {
  return Object.fromEntries(
    note.parts.map((part) => [
      part.participantId,
      {
        participation: part.content.participation,
        response: part.content.response,
        progress: Object.fromEntries(part.content.goalProgress.map((item) => [item.goalId, item.progress])),
      },
    ]),
  );
}

/** What the shared part sends: trimmed, interventions split on commas. */
export function sharedInput(draft: SharedDraft): GroupContent {
  return {
    topic: draft.topic.trim(),
    module: draft.module.trim(),
    interventions: draft.interventions
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
    narrative: draft.narrative.trim(),
    skillsTaught: draft.skillsTaught.trim(),
    homework: draft.homework.trim(),
  };
}

/** What a part sends: progress on each of the attendee's goals (blank where none is written). */
export function partInput(draft: PartDraft, goals: readonly PartGoal[]): NotePartContent {
  return {
    participation: draft.participation.trim(),
    response: draft.response.trim(),
    goalProgress: goals.map((goal) => ({
      goalId: goal.id,
      progress: (draft.progress[goal.id] ?? '').trim(),
    })),
  };
}

export function sharedChanged(note: Note, draft: SharedDraft): boolean {
  return JSON.stringify(sharedInput(draft)) !== JSON.stringify(savedShared(note));
}

/** Whether the part differs from the saved one (a goal not yet in the part counts as blank). */
export function partChanged(
  saved: NotePartContent | undefined,
  draft: PartDraft | undefined,
  goals: readonly PartGoal[],
): boolean {
  if (!saved || !draft) return false;
  const input = partInput(draft, goals);
  const savedProgress = new Map(saved.goalProgress.map((item) => [item.goalId, item.progress]));
  return (
    input.participation !== saved.participation ||
    input.response !== saved.response ||
    input.goalProgress.some((item) => item.progress !== (savedProgress.get(item.goalId) ?? ''))
  );
}
