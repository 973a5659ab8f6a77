import type { Episode } from '@stepwise/core';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { episodes, participants, programs, users } from '../../db/schema.js';

export type EpisodeRow = typeof episodes.$inferSelect;

/** Inserts the episode; undefined when the participant already has an open one in the program. */
export async function insertEpisode(
  tx: Db,
  values: typeof episodes.$inferInsert,
): Promise<EpisodeRow | undefined> {
  const [row] = await tx.insert(episodes).values(values).onConflictDoNothing().returning();
  return row;
}

function addDays(date: string, days: number): string {
  const day = new Date(`${date}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

async function present(tx: Db, orgId: string, rows: EpisodeRow[]): Promise<Episode[]> {
  if (rows.length === 0) return [];
  const staffIds = [
    ...new Set(rows.flatMap((row) => [row.primaryClinicianId, row.supervisorId, row.prescriberId])),
  ].filter((id): id is string => id !== null);
  const staff = await tx
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.id, staffIds)));
  const programRows = await tx
    .select({ id: programs.id, name: programs.name })
    .from(programs)
    .where(
      and(
        eq(programs.orgId, orgId),
        inArray(
          programs.id,
          rows.map((row) => row.programId),
        ),
      ),
    );
  const nameOf = new Map(staff.map((row) => [row.id, row.name] as const));
  const programOf = new Map(programRows.map((row) => [row.id, row.name] as const));
  const person = (id: string | null) => (id ? { id, name: nameOf.get(id) ?? '' } : null);
  return rows.map((row) => ({
    id: row.id,
    participantId: row.participantId,
    programId: row.programId,
    programName: programOf.get(row.programId) ?? '',
    trackId: row.trackId,
    referralId: row.referralId,
    levelOfCareAssessmentId: row.levelOfCareAssessmentId,
    phase: row.phase,
    status: row.status as Episode['status'],
    startDate: row.startDate,
    expectedLengthDays: row.expectedLengthDays,
    expectedEndDate: addDays(row.startDate, row.expectedLengthDays),
    careTeam: {
      primaryClinician: { id: row.primaryClinicianId, name: nameOf.get(row.primaryClinicianId) ?? '' },
      supervisor: person(row.supervisorId),
      prescriber: person(row.prescriberId),
    },
    payer: row.payer,
    authorizationNumber: row.authorizationNumber,
    diagnoses: row.diagnoses,
    createdAt: row.createdAt.toISOString(),
  }));
}

export async function findEpisode(tx: Db, orgId: string, id: string): Promise<Episode | undefined> {
  const rows = await tx
    .select()
    .from(episodes)
    .where(and(eq(episodes.orgId, orgId), eq(episodes.id, id)));
  const [episode] = await present(tx, orgId, rows);
  return episode;
}

/** A participant's episodes, open ones first, then newest first. */
export async function listEpisodes(tx: Db, orgId: string, participantId: string): Promise<Episode[]> {
  const rows = await tx
    .select()
    .from(episodes)
    .where(and(eq(episodes.orgId, orgId), eq(episodes.participantId, participantId)))
    .orderBy(desc(eq(episodes.status, 'open')), desc(episodes.startDate), desc(episodes.id));
  return present(tx, orgId, rows);
}

/** The open episodes of a program with their participants' display names. */
export async function openEpisodesInProgram(tx: Db, orgId: string, programId: string) {
  const rows = await tx
    .select({
      episodeId: episodes.id,
      participantId: episodes.participantId,
      givenName: participants.givenName,
      preferredName: participants.preferredName,
      familyName: participants.familyName,
    })
    .from(episodes)
    .innerJoin(participants, eq(participants.id, episodes.participantId))
    .where(and(eq(episodes.orgId, orgId), eq(episodes.programId, programId), eq(episodes.status, 'open')))
    .orderBy(participants.familyName, participants.givenName, episodes.id);
  return rows.map((row) => ({
    episodeId: row.episodeId,
    participantId: row.participantId,
    participantName: `${row.preferredName ?? row.givenName} ${row.familyName}`,
  }));
}
