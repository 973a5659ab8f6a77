import {
  blankTemplateFields,
  type GroupContent,
  legacyGroupFieldsOnto,
  type Note,
  type NotePartContent,
  type NoteTemplateKey,
  noteTemplates,
  storedGroupContent,
} from '@stepwise/core';

/*
 * A group note as its form holds it: the shared part, on its template, and one part per attendee keyed
 * by participant. Only what differs from the saved note is sent.
 */

/** The shared part as typed; interventions as a comma list, the template's fields by key. */
export interface SharedDraft {
  topic: string;
  module: string;
  interventions: string;
  narrative: string;
  template: NoteTemplateKey;
  fields: Record<string, string>;
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

/**
 * The saved shared part, on its template: the one it carries, or for a note written before templates
 * the session's modality's, with its skills taught and homework moved onto the template's fields.
 * Blank if the content is somehow not a group note's.
 */
export function savedShared(note: Note, modality: NoteTemplateKey): Required<GroupContent> {
  const parsed = storedGroupContent.safeParse(note.content);
  if (!parsed.success) {
    const template = noteTemplates[modality];
    return {
      topic: '',
      module: '',
      interventions: [],
      narrative: '',
      template: template.key,
      fields: blankTemplateFields(template),
    };
  }
  const { topic, module, interventions, narrative } = parsed.data;
  const carried = parsed.data.template;
  if (carried) {
    const fields = { ...blankTemplateFields(noteTemplates[carried]), ...parsed.data.fields };
    return { topic, module, interventions, narrative, template: carried, fields };
  }
  const moved = legacyGroupFieldsOnto(noteTemplates[modality], parsed.data);
  return { topic, module, interventions, template: modality, ...moved };
}

/** Whether the saved shared part predates templates (saving it puts it on one). */
function beforeTemplates(note: Note): boolean {
  return storedGroupContent.safeParse(note.content).data?.template === undefined;
}

export function sharedDraftOf(note: Note, modality: NoteTemplateKey): SharedDraft {
  const saved = savedShared(note, modality);
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

/** What the shared part sends: trimmed, interventions split on commas, every field of the template. */
export function sharedInput(draft: SharedDraft): Required<GroupContent> {
  const template = noteTemplates[draft.template];
  return {
    topic: draft.topic.trim(),
    module: draft.module.trim(),
    interventions: draft.interventions
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== ''),
    narrative: draft.narrative.trim(),
    template: template.key,
    fields: Object.fromEntries(
      template.fields.map((field) => [field.key, (draft.fields[field.key] ?? '').trim()]),
    ),
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

export function sharedChanged(note: Note, draft: SharedDraft, modality: NoteTemplateKey): boolean {
  return (
    beforeTemplates(note) ||
    JSON.stringify(sharedInput(draft)) !== JSON.stringify(savedShared(note, modality))
  );
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
