import type { Note, NotePartContent } from '@stepwise/core';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import {
  attendance,
  noteAddenda,
  noteParts,
  notes,
  noteVersions,
  participants,
  users,
} from '../../db/schema.js';

export type NoteRow = typeof notes.$inferSelect;

export async function insertNote(tx: Db, values: typeof notes.$inferInsert): Promise<NoteRow> {
  const [row] = await tx.insert(notes).values(values).returning();
  if (!row) throw new Error('note not stored');
  return row;
}

export async function findNote(
  tx: Db,
  orgId: string,
  id: string,
  lock = false,
): Promise<NoteRow | undefined> {
  const query = tx
    .select()
    .from(notes)
    .where(and(eq(notes.orgId, orgId), eq(notes.id, id)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function groupNoteOf(tx: Db, orgId: string, occurrenceId: string) {
  const [row] = await tx
    .select()
    .from(notes)
    .where(and(eq(notes.orgId, orgId), eq(notes.occurrenceId, occurrenceId), eq(notes.kind, 'group')));
  return row;
}

/** Changes a note; returns it as changed. */
export async function updateNote(
  tx: Db,
  orgId: string,
  id: string,
  values: Partial<typeof notes.$inferInsert>,
): Promise<NoteRow | undefined> {
  const [row] = await tx
    .update(notes)
    .set({ ...values, updatedAt: sql`now()` })
    .where(and(eq(notes.orgId, orgId), eq(notes.id, id)))
    .returning();
  return row;
}

export async function insertParts(tx: Db, values: (typeof noteParts.$inferInsert)[]) {
  if (values.length > 0) await tx.insert(noteParts).values(values);
}

export function partsOf(tx: Db, orgId: string, noteId: string) {
  return tx
    .select({
      part: noteParts,
      givenName: participants.givenName,
      preferredName: participants.preferredName,
      familyName: participants.familyName,
    })
    .from(noteParts)
    .innerJoin(participants, eq(participants.id, noteParts.participantId))
    .where(and(eq(noteParts.orgId, orgId), eq(noteParts.noteId, noteId)))
    .orderBy(asc(participants.familyName), asc(participants.givenName), asc(noteParts.id));
}

export async function updatePart(
  tx: Db,
  orgId: string,
  noteId: string,
  participantId: string,
  content: NotePartContent,
) {
  await tx
    .update(noteParts)
    .set({ content })
    .where(
      and(
        eq(noteParts.orgId, orgId),
        eq(noteParts.noteId, noteId),
        eq(noteParts.participantId, participantId),
      ),
    );
}

export async function signParts(tx: Db, orgId: string, noteId: string) {
  await tx
    .update(noteParts)
    .set({ signed: true })
    .where(and(eq(noteParts.orgId, orgId), eq(noteParts.noteId, noteId)));
}

export async function insertVersion(tx: Db, values: typeof noteVersions.$inferInsert) {
  await tx.insert(noteVersions).values(values);
}

export async function insertAddendum(tx: Db, values: typeof noteAddenda.$inferInsert) {
  await tx.insert(noteAddenda).values(values);
}

export function addendaOf(tx: Db, orgId: string, noteId: string) {
  return tx
    .select({ addendum: noteAddenda, authorName: users.displayName })
    .from(noteAddenda)
    .innerJoin(users, eq(users.id, noteAddenda.authorId))
    .where(and(eq(noteAddenda.orgId, orgId), eq(noteAddenda.noteId, noteId)))
    .orderBy(asc(noteAddenda.createdAt), asc(noteAddenda.id));
}

/** Attendees recorded absent from an occurrence, with their names. */
export function absentFrom(tx: Db, orgId: string, occurrenceId: string) {
  return tx
    .select({
      participantId: attendance.participantId,
      status: attendance.status,
      givenName: participants.givenName,
      preferredName: participants.preferredName,
      familyName: participants.familyName,
    })
    .from(attendance)
    .innerJoin(participants, eq(participants.id, attendance.participantId))
    .where(
      and(
        eq(attendance.orgId, orgId),
        eq(attendance.occurrenceId, occurrenceId),
        inArray(attendance.status, ['absent_excused', 'absent_unexcused']),
      ),
    )
    .orderBy(asc(participants.familyName));
}

/** Attendees who attended an occurrence (any attended status), with their episode. */
export function attendedAt(tx: Db, orgId: string, occurrenceId: string) {
  return tx
    .select({
      participantId: attendance.participantId,
      episodeId: attendance.episodeId,
      minutes: attendance.minutes,
    })
    .from(attendance)
    .where(
      and(
        eq(attendance.orgId, orgId),
        eq(attendance.occurrenceId, occurrenceId),
        inArray(attendance.status, ['present', 'late', 'left_early', 'telehealth']),
      ),
    );
}

/** The participant's latest part of a signed group note, to start their next one from. */
export async function lastPart(
  tx: Db,
  orgId: string,
  participantId: string,
): Promise<NotePartContent | undefined> {
  const [row] = await tx
    .select({ content: noteParts.content })
    .from(noteParts)
    .innerJoin(notes, eq(notes.id, noteParts.noteId))
    .where(
      and(eq(noteParts.orgId, orgId), eq(noteParts.participantId, participantId), eq(noteParts.signed, true)),
    )
    .orderBy(desc(notes.signedAt))
    .limit(1);
  return row?.content as NotePartContent | undefined;
}

/**
 * A participant's chart: notes about them and the group notes they have a part in, newest first. A
 * private (Part 2 counseling) note is listed only for its author.
 */
export function chartOf(tx: Db, orgId: string, participantId: string, viewerId: string) {
  return tx
    .selectDistinct({ note: notes })
    .from(notes)
    .leftJoin(noteParts, and(eq(noteParts.noteId, notes.id), eq(noteParts.participantId, participantId)))
    .where(
      and(
        eq(notes.orgId, orgId),
        or(eq(notes.participantId, participantId), eq(noteParts.participantId, participantId)),
        or(eq(notes.private, false), eq(notes.authorId, viewerId)),
      ),
    )
    .orderBy(desc(notes.createdAt), desc(notes.id))
    .limit(200);
}

export async function userName(tx: Db, orgId: string, id: string | null): Promise<string> {
  if (!id) return '';
  const [row] = await tx
    .select({ name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.id, id)));
  return row?.name ?? '';
}

export type { Note };
