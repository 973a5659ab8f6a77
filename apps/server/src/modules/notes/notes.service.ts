import {
  birpContent,
  blankTemplateFields,
  contactContent,
  dapContent,
  familyContent,
  type GroupContent,
  groupContent,
  individualizedPartProblems,
  type Note,
  type NoteInput,
  type NoteKind,
  type NotePartContent,
  type NoteTemplate,
  noteTemplateOf,
  noteTemplates,
  type SessionModality,
  serviceCodeFor,
  sessionModalityLabels,
  templateFieldProblems,
  unwrittenRequiredFields,
} from '@stepwise/core';
import type { z } from 'zod';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { sessionAttendees } from '../attendance/attendance.service.js';
import { recordAudit, recordAudits } from '../audit/audit-log.js';
import { findModule } from '../curriculum/curriculum.repository.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireSession } from '../scheduling/scheduling.service.js';
import { activeGoals } from '../treatment-plans/treatment-plans.service.js';
import * as repo from './notes.repository.js';

/*
 * Notes (issue "The clinical day"). A draft is saved as often as needed (each save is kept as a
 * version), then signed, after which it never changes (the database refuses it too) and only takes
 * addenda. A group note is written once for the group plus one part per attendee, pre-filled with
 * that person's goals and their last part, and signing it signs every part at once, or none: parts
 * copied across attendees or reporting on none of the person's goals are refused, by name.
 *
 * A note about a session (individual, family, group) carries the template of the session's modality
 * and its fields (issue "Templates per modality"): the fields must be the template's, choices among
 * its options, and the fields the template needs for signing written before the note is signed.
 */

/** Intake coordinators are not licensed clinicians: their notes need a supervisor's co-signature. */
function needsCosign(ctx: ServiceContext): boolean {
  const roles = ctx.actor.roles;
  return (
    roles.includes('intake') && !roles.some((role) => ['clinician', 'supervisor', 'director'].includes(role))
  );
}

const sessionLength = (occurrence: { startsAt: Date; endsAt: Date }) =>
  Math.round((occurrence.endsAt.getTime() - occurrence.startsAt.getTime()) / 60_000);

function codeFor(kind: NoteKind, minutes: number | null, content: Record<string, unknown>): string | null {
  if (minutes === null) return null;
  return serviceCodeFor(kind, minutes, { withParticipant: content.withParticipant !== false });
}

/**
 * The template of a note about a session: the one it carries, or, for a note written before templates,
 * its session's modality's. Null for a contact note.
 */
async function templateOf(
  tx: Db,
  orgId: string,
  row: { kind: string; occurrenceId: string | null; content: Record<string, unknown> },
): Promise<NoteTemplate | null> {
  if (row.kind === 'contact' || !row.occurrenceId) return null;
  const carried = noteTemplateOf(row.content.template);
  if (carried) return carried;
  const { series } = await requireSession(tx, orgId, row.occurrenceId);
  return noteTemplates[series.modality as SessionModality];
}

/**
 * Content as stored on its template: the template named, every field there (blank where unwritten).
 * A different template, a field the template lacks or a choice not among its options is refused (400)
 * by the field's path, never its value.
 */
function onTemplate(template: NoteTemplate, content: Record<string, unknown>): Record<string, unknown> {
  if (content.template !== undefined && content.template !== template.key) {
    throw invalidField('content.template', `is ${template.key}, the template of the note's session`);
  }
  const fields = (content.fields ?? {}) as Record<string, string>;
  const problems = templateFieldProblems(template, fields).map((problem) => ({
    path: `content.fields.${problem.key}`,
    message: problem.message,
  }));
  const [first] = problems;
  if (first) throw new AppError('validation_failed', `${first.path}: ${first.message}`, problems);
  return { ...content, template: template.key, fields: { ...blankTemplateFields(template), ...fields } };
}

/** Drafts an individual, family or contact note about a participant. */
export function createNote(ctx: ServiceContext, participantId: string, input: NoteInput): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    if (input.kind !== 'contact' && needsCosign(ctx)) {
      throw invalidField(
        'kind',
        'an intake coordinator writes contact notes; therapy notes are the clinician’s',
      );
    }
    let occurrenceId: string | null = null;
    let minutes = input.minutes ?? null;
    let content = input.content as Record<string, unknown>;
    if (input.kind !== 'contact') {
      const { occurrence, series } = await requireSessionField(tx, orgId, input.sessionId);
      if (series.kind !== input.kind) {
        throw invalidField('sessionId', `is a ${series.kind} session, not an ${input.kind} one`);
      }
      const attendees = await sessionAttendees(tx, orgId, occurrence);
      if (!attendees.some((attendee) => attendee.participantId === participantId)) {
        throw invalidField('sessionId', 'the participant is not on this session');
      }
      occurrenceId = occurrence.id;
      minutes ??= sessionLength(occurrence);
      content = onTemplate(noteTemplates[series.modality as SessionModality], content);
    }
    const row = await repo.insertNote(tx, {
      orgId,
      kind: input.kind,
      participantId,
      occurrenceId,
      authorId: ctx.actor.userId,
      private: input.kind === 'individual' ? input.private : false,
      content,
      minutes,
      serviceCode: codeFor(input.kind, minutes, content),
      requiresCosign: needsCosign(ctx),
    });
    await repo.insertVersion(tx, { orgId, noteId: row.id, content, savedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'note.created',
      subjectType: 'note',
      subjectId: row.id,
      participantId,
      details: { kind: input.kind, private: row.private },
    });
    return present(tx, ctx, row);
  });
}

async function requireSessionField(tx: Db, orgId: string, id: string) {
  try {
    return await requireSession(tx, orgId, id);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') {
      throw invalidField('sessionId', 'no such session in this organisation');
    }
    throw error;
  }
}

/**
 * Drafts the group note of a session once attendance is taken: the shared part from the session, on
 * its modality's template, and a part for each attendee who came, pre-filled with their last part and
 * their plan's goals.
 */
export function createGroupNote(ctx: ServiceContext, occurrenceId: string): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const { occurrence, series } = await requireSession(tx, orgId, occurrenceId, true);
    if (needsCosign(ctx)) {
      throw new AppError('conflict', 'group notes are written by the clinicians who run the group');
    }
    if (series.kind !== 'group' && series.kind !== 'makeup') {
      throw new AppError('conflict', `this is a ${series.kind} session; write an ${series.kind} note for it`);
    }
    if (await repo.groupNoteOf(tx, orgId, occurrence.id)) {
      throw new AppError('conflict', 'the session already has a group note');
    }
    const attended = await repo.attendedAt(tx, orgId, occurrence.id);
    if (attended.length === 0) {
      throw new AppError(
        'conflict',
        'take the session’s attendance first: parts are written for those who came',
      );
    }
    const modality = series.modality as SessionModality;
    // The curriculum module the session taught, as its name stands now.
    const module = occurrence.moduleId ? await findModule(tx, orgId, occurrence.moduleId) : undefined;
    const content: GroupContent = {
      topic: series.topic ?? '',
      module: module?.name ?? '',
      interventions: [sessionModalityLabels[modality]],
      narrative: '',
      template: modality,
      fields: blankTemplateFields(noteTemplates[modality]),
    };
    const minutes = sessionLength(occurrence);
    const row = await repo.insertNote(tx, {
      orgId,
      kind: 'group',
      participantId: null,
      occurrenceId: occurrence.id,
      authorId: ctx.actor.userId,
      content,
      minutes,
      serviceCode: serviceCodeFor('group', minutes),
      requiresCosign: needsCosign(ctx),
    });
    const parts = [];
    for (const attendee of attended) {
      const last = await repo.lastPart(tx, orgId, attendee.participantId);
      const goals = await activeGoals(tx, orgId, attendee.participantId);
      parts.push({
        orgId,
        noteId: row.id,
        participantId: attendee.participantId,
        episodeId: attendee.episodeId,
        content: {
          participation: last?.participation ?? '',
          response: last?.response ?? '',
          goalProgress: goals.map((goal) => ({
            goalId: goal.id,
            progress: last?.goalProgress.find((item) => item.goalId === goal.id)?.progress ?? '',
          })),
        } satisfies NotePartContent,
      });
    }
    await repo.insertParts(tx, parts);
    await repo.insertVersion(tx, { orgId, noteId: row.id, content, savedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'note.created',
      subjectType: 'note',
      subjectId: row.id,
      details: { kind: 'group', parts: parts.map((part) => part.participantId) },
    });
    return present(tx, ctx, row);
  });
}

/** A draft the signed-in author may change: 404 when unknown (or private to another), 403 for another's, 409 once signed. */
async function ownDraft(tx: Db, ctx: ServiceContext, id: string) {
  const row = await visibleNote(tx, ctx, id, true);
  if (row.status !== 'draft') throw new AppError('conflict', 'a signed note never changes; add an addendum');
  if (row.authorId !== ctx.actor.userId) {
    throw new AppError('forbidden', 'only the note’s author changes or signs it');
  }
  return row;
}

async function visibleNote(tx: Db, ctx: ServiceContext, id: string, lock = false) {
  const row = await repo.findNote(tx, ctx.actor.orgId, id, lock);
  if (!row || (row.private && row.authorId !== ctx.actor.userId)) throw notFound('note');
  return row;
}

const contentSchemas: Record<NoteKind, z.ZodType> = {
  individual: dapContent.or(birpContent),
  group: groupContent,
  family: familyContent,
  contact: contactContent,
};

/** Saves a draft's content (and minutes), keeping the version before. */
export function updateNote(
  ctx: ServiceContext,
  id: string,
  input: { minutes?: number | undefined; content: unknown },
): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await ownDraft(tx, ctx, id);
    const kind = row.kind as NoteKind;
    const parsed = contentSchemas[kind].safeParse(input.content);
    if (!parsed.success) throw invalidField('content', `is not the content of a ${kind} note`);
    const template = await templateOf(tx, orgId, row);
    const content = template
      ? onTemplate(template, parsed.data as Record<string, unknown>)
      : (parsed.data as Record<string, unknown>);
    const minutes = input.minutes ?? row.minutes;
    await repo.updateNote(tx, orgId, id, {
      content,
      minutes,
      serviceCode: kind === 'group' ? row.serviceCode : codeFor(kind, minutes, content),
      version: row.version + 1,
    });
    await repo.insertVersion(tx, { orgId, noteId: id, content, savedBy: ctx.actor.userId });
    await recordAudit(tx, ctx, {
      action: 'note.updated',
      subjectType: 'note',
      subjectId: id,
      participantId: row.participantId,
      details: { version: row.version + 1 },
    });
    return present(tx, ctx, await reread(tx, orgId, id));
  });
}

/** Saves one attendee's part of a draft group note; progress may name only that person's goals. */
export function updatePart(
  ctx: ServiceContext,
  id: string,
  participantId: string,
  content: NotePartContent,
): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await ownDraft(tx, ctx, id);
    const parts = await repo.partsOf(tx, orgId, id);
    if (!parts.some(({ part }) => part.participantId === participantId)) throw notFound('part of this note');
    const goals = new Set((await activeGoals(tx, orgId, participantId)).map((goal) => goal.id));
    for (const [index, item] of content.goalProgress.entries()) {
      if (!goals.has(item.goalId)) {
        throw invalidField(`goalProgress.${index}.goalId`, "is not a goal of this participant's plan");
      }
    }
    await repo.updatePart(tx, orgId, id, participantId, content);
    await repo.insertVersion(tx, { orgId, noteId: id, participantId, content, savedBy: ctx.actor.userId });
    await repo.updateNote(tx, orgId, id, { version: row.version + 1 });
    await recordAudit(tx, ctx, {
      action: 'note.updated',
      subjectType: 'note',
      subjectId: id,
      participantId,
      details: { part: true },
    });
    return present(tx, ctx, await reread(tx, orgId, id));
  });
}

/** The fields a kind of note must have written before it is signed (its template's aside). */
function missingFields(kind: NoteKind, content: Record<string, unknown>): string[] {
  const required: Record<NoteKind, string[]> = {
    individual:
      content.format === 'birp'
        ? ['behavior', 'intervention', 'response', 'plan']
        : ['data', 'assessment', 'plan'],
    group: ['topic', 'narrative'],
    // Who came is part of every family session's record.
    family: ['present', 'narrative', 'plan'],
    contact: ['summary'],
  };
  return required[kind].filter((field) => typeof content[field] !== 'string' || content[field] === '');
}

/**
 * Signs a draft, and for a group note every attendee's part with it, in one transaction: refused (409,
 * naming what to fix, nothing signed) while a field is empty (the template's by label, and in
 * `missing` as "fields.<key>"), or a part is copied from another attendee's or reports on none of that
 * person's goals.
 */
export function signNote(ctx: ServiceContext, id: string): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await ownDraft(tx, ctx, id);
    const missing = missingFields(row.kind as NoteKind, row.content);
    const template = await templateOf(tx, orgId, row);
    const fields = (row.content.fields ?? {}) as Record<string, unknown>;
    const unwrittenFields = template ? unwrittenRequiredFields(template, fields) : [];
    if (missing.length + unwrittenFields.length > 0) {
      const names = [...missing, ...unwrittenFields.map((field) => field.label)];
      throw new AppError('conflict', `write ${names.join(', ')} before signing`, {
        missing: [...missing, ...unwrittenFields.map((field) => `fields.${field.key}`)],
      });
    }
    const parts = await repo.partsOf(tx, orgId, id);
    if (row.kind === 'group') {
      const named = new Map(parts.map((item) => [item.part.participantId, displayName(item)]));
      const unwritten = ({ part }: (typeof parts)[number]) => {
        const content = part.content as NotePartContent;
        return content.participation === '' || content.response === '';
      };
      const empty = parts.filter(unwritten);
      // Parts still to write are named as such, not also as copies of each other.
      const problems = individualizedPartProblems(
        parts
          .filter((item) => !unwritten(item))
          .map(({ part }) => {
            const content = part.content as NotePartContent;
            const progress = content.goalProgress.filter((item) => item.progress !== '');
            return {
              participantId: part.participantId,
              text: [content.participation, content.response, ...progress.map((item) => item.progress)].join(
                '\n',
              ),
              goalIds: progress.map((item) => item.goalId),
            };
          }),
      );
      const reasons = [
        ...empty.map(
          ({ part }) => `${named.get(part.participantId)}: participation and response are not written`,
        ),
        ...problems.map((problem) =>
          problem.problem === 'identical'
            ? `${named.get(problem.participantId)}: the same as ${(problem.sameAs ?? []).map((other) => named.get(other)).join(', ')}`
            : `${named.get(problem.participantId)}: reports progress on none of their goals`,
        ),
      ];
      if (reasons.length > 0) {
        throw new AppError('conflict', `individualize these parts before signing: ${reasons.join('; ')}`, {
          parts: [
            ...empty.map(({ part }) => ({ participantId: part.participantId, problem: 'empty' })),
            ...problems,
          ],
        });
      }
    }
    const signed = await repo.updateNote(tx, orgId, id, { status: 'signed', signedAt: new Date() });
    if (!signed) throw notFound('note');
    await repo.signParts(tx, orgId, id);
    const filed = row.kind === 'group' ? parts.map(({ part }) => part.participantId) : [row.participantId];
    // One event per chart the note is filed in, written together.
    await recordAudits(
      tx,
      ctx,
      filed.map((participantId) => ({
        action: 'note.signed',
        subjectType: 'note',
        subjectId: id,
        participantId,
        details: { kind: row.kind },
      })),
    );
    // A draft has no addenda, and signing changed no part's content: what was read stands.
    return present(tx, ctx, signed, undefined, { parts, addenda: [] });
  });
}

/** A supervisor co-signs a signed note whose author needs it (never their own). */
export function cosignNote(ctx: ServiceContext, id: string): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await visibleNote(tx, ctx, id, true);
    if (!row.requiresCosign) throw new AppError('conflict', 'this note needs no co-signature');
    if (row.status === 'draft') throw new AppError('conflict', 'the author has not signed the note yet');
    if (row.status === 'cosigned') throw new AppError('conflict', 'the note is already co-signed');
    if (row.authorId === ctx.actor.userId)
      throw new AppError('forbidden', 'a note is co-signed by someone else');
    await repo.updateNote(tx, orgId, id, {
      status: 'cosigned',
      cosignedBy: ctx.actor.userId,
      cosignedAt: new Date(),
    });
    await recordAudit(tx, ctx, {
      action: 'note.cosigned',
      subjectType: 'note',
      subjectId: id,
      participantId: row.participantId,
    });
    return present(tx, ctx, await reread(tx, orgId, id));
  });
}

/** Adds an addendum to a signed note: the only way a signed note grows. */
export function addAddendum(ctx: ServiceContext, id: string, text: string): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await visibleNote(tx, ctx, id, true);
    if (row.status === 'draft') throw new AppError('conflict', 'the note is a draft: change it instead');
    await repo.insertAddendum(tx, { orgId, noteId: id, authorId: ctx.actor.userId, text });
    await recordAudit(tx, ctx, {
      action: 'note.addendum_added',
      subjectType: 'note',
      subjectId: id,
      participantId: row.participantId,
    });
    return present(tx, ctx, await reread(tx, orgId, id));
  });
}

/** The group note of a session, or 404 when none is written yet. */
export function sessionGroupNote(ctx: ServiceContext, occurrenceId: string): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireSession(tx, ctx.actor.orgId, occurrenceId);
    const row = await repo.groupNoteOf(tx, ctx.actor.orgId, occurrenceId);
    if (!row) throw notFound('group note');
    const note = await present(tx, ctx, row);
    await recordAudit(tx, ctx, {
      action: 'note.read',
      subjectType: 'note',
      subjectId: row.id,
      details: { shown: note.parts.map((part) => part.participantId) },
    });
    return note;
  });
}

export function getNote(ctx: ServiceContext, id: string): Promise<Note> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await visibleNote(tx, ctx, id);
    const note = await present(tx, ctx, row);
    await recordAudit(tx, ctx, {
      action: 'note.read',
      subjectType: 'note',
      subjectId: id,
      participantId: row.participantId,
      details: { shown: note.parts.map((part) => part.participantId) },
    });
    return note;
  });
}

/**
 * The notes in a participant's chart, newest first: notes about them, and the group notes they have a
 * part in, each with their own part only. Private counseling notes appear for their author alone.
 */
export function chart(ctx: ServiceContext, participantId: string): Promise<{ items: Note[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const rows = await repo.chartOf(tx, orgId, participantId, ctx.actor.userId);
    const items = [];
    for (const { note } of rows) items.push(await present(tx, ctx, note, participantId));
    await recordAudit(tx, ctx, {
      action: 'note.listed',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { shown: items.map((item) => item.id) },
    });
    return { items };
  });
}

async function reread(tx: Db, orgId: string, id: string): Promise<repo.NoteRow> {
  const row = await repo.findNote(tx, orgId, id);
  if (!row) throw notFound('note');
  return row;
}

const displayName = (row: { givenName: string; preferredName: string | null; familyName: string }) =>
  `${row.preferredName ?? row.givenName} ${row.familyName}`;

/**
 * A note as the API gives it; `onlyFor` limits a group note's parts to one attendee (their chart).
 * `known` passes parts or addenda the caller has already read in this transaction.
 */
async function present(
  tx: Db,
  ctx: ServiceContext,
  row: repo.NoteRow,
  onlyFor?: string,
  known: {
    parts?: Awaited<ReturnType<typeof repo.partsOf>>;
    addenda?: Awaited<ReturnType<typeof repo.addendaOf>>;
  } = {},
): Promise<Note> {
  const orgId = ctx.actor.orgId;
  const parts = row.kind === 'group' ? (known.parts ?? (await repo.partsOf(tx, orgId, row.id))) : [];
  const absent =
    row.kind === 'group' && row.occurrenceId ? await repo.absentFrom(tx, orgId, row.occurrenceId) : [];
  const addenda = known.addenda ?? (await repo.addendaOf(tx, orgId, row.id));
  return {
    id: row.id,
    kind: row.kind as NoteKind,
    participantId: row.participantId,
    sessionId: row.occurrenceId,
    author: { id: row.authorId, name: await repo.userName(tx, orgId, row.authorId) },
    status: row.status as Note['status'],
    private: row.private,
    content: row.content,
    minutes: row.minutes,
    serviceCode: row.serviceCode,
    requiresCosign: row.requiresCosign,
    version: row.version,
    signedAt: row.signedAt?.toISOString() ?? null,
    cosignedBy: row.cosignedBy
      ? { id: row.cosignedBy, name: await repo.userName(tx, orgId, row.cosignedBy) }
      : null,
    cosignedAt: row.cosignedAt?.toISOString() ?? null,
    parts: parts
      .filter(({ part }) => !onlyFor || part.participantId === onlyFor)
      .map((item) => ({
        participantId: item.part.participantId,
        participantName: displayName(item),
        content: item.part.content as NotePartContent,
      })),
    absent: onlyFor
      ? []
      : absent.map((item) => ({
          participantId: item.participantId,
          participantName: displayName(item),
          status: item.status,
        })),
    addenda: addenda.map(({ addendum, authorName }) => ({
      id: addendum.id,
      author: { id: addendum.authorId, name: authorName },
      text: addendum.text,
      createdAt: addendum.createdAt.toISOString(),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
