import type { CurriculumModule, SessionModality } from '@stepwise/core';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type Db, resultRows } from '../../db/database.js';
import { curriculumModules, sessionOccurrences, sessionSeries } from '../../db/schema.js';

export type ModuleRow = typeof curriculumModules.$inferSelect;

/** A program's modules: current ones in rotation order, then (when asked) retired ones. */
export function modulesOf(tx: Db, orgId: string, programId: string, includeRetired = false) {
  return tx
    .select()
    .from(curriculumModules)
    .where(
      and(
        eq(curriculumModules.orgId, orgId),
        eq(curriculumModules.programId, programId),
        includeRetired ? undefined : isNull(curriculumModules.retiredAt),
      ),
    )
    .orderBy(sql`${curriculumModules.retiredAt} is not null`, asc(curriculumModules.position));
}

export async function findModule(tx: Db, orgId: string, id: string): Promise<ModuleRow | undefined> {
  const [row] = await tx
    .select()
    .from(curriculumModules)
    .where(and(eq(curriculumModules.orgId, orgId), eq(curriculumModules.id, id)));
  return row;
}

/** Modules as the API shows them: positions as ranks from 1 among the current ones. */
export function toModules(rows: readonly ModuleRow[]): CurriculumModule[] {
  const current = rows.filter((row) => row.retiredAt === null).sort((a, b) => a.position - b.position);
  const rank = new Map(current.map((row, index) => [row.id, index + 1]));
  return rows.map((row) => ({
    id: row.id,
    programId: row.programId,
    name: row.name,
    modality: row.modality as SessionModality,
    position: rank.get(row.id) ?? null,
    required: row.required,
    description: row.description,
    retiredAt: row.retiredAt?.toISOString() ?? null,
  }));
}

/** The program's group series (of one modality, when given): the ones that rotate through modules. */
export async function groupSeriesOf(tx: Db, orgId: string, programId: string, modality?: string) {
  const rows = await tx
    .select({ id: sessionSeries.id })
    .from(sessionSeries)
    .where(
      and(
        eq(sessionSeries.orgId, orgId),
        eq(sessionSeries.programId, programId),
        eq(sessionSeries.kind, 'group'),
        modality ? eq(sessionSeries.modality, modality) : undefined,
      ),
    );
  return rows.map((row) => row.id);
}

export function seriesByIds(tx: Db, orgId: string, ids: string[]) {
  return tx
    .select({
      id: sessionSeries.id,
      programId: sessionSeries.programId,
      modality: sessionSeries.modality,
      kind: sessionSeries.kind,
    })
    .from(sessionSeries)
    .where(and(eq(sessionSeries.orgId, orgId), inArray(sessionSeries.id, ids)));
}

/** Position of the module a series taught last before `now` by the rotation (pinned ones aside). */
export async function lastTaughtPosition(tx: Db, orgId: string, seriesId: string, now: Date) {
  const rows = resultRows<{ position: number }>(
    await tx.execute(sql`
      select m.position from session_occurrences o join curriculum_modules m on m.id = o.module_id
      where o.org_id = ${orgId}::uuid and o.series_id = ${seriesId}::uuid and o.status = 'scheduled'
        and not o.module_pinned and o.starts_at <= ${now.toISOString()}::timestamptz
      order by o.starts_at desc limit 1`),
  );
  return rows[0] ? Number(rows[0].position) : null;
}

/** A series' occurrences starting after `now`, in time order. */
export function upcomingOccurrences(tx: Db, orgId: string, seriesId: string, now: Date) {
  return tx
    .select({
      id: sessionOccurrences.id,
      status: sessionOccurrences.status,
      moduleId: sessionOccurrences.moduleId,
      pinned: sessionOccurrences.modulePinned,
    })
    .from(sessionOccurrences)
    .where(
      and(
        eq(sessionOccurrences.orgId, orgId),
        eq(sessionOccurrences.seriesId, seriesId),
        sql`${sessionOccurrences.startsAt} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(sessionOccurrences.startsAt));
}

/** Sets each listed occurrence's module in one statement. */
export async function setModules(
  tx: Db,
  orgId: string,
  changes: readonly { id: string; moduleId: string | null }[],
): Promise<void> {
  if (changes.length === 0) return;
  const values = sql.join(
    changes.map((change) => sql`(${change.id}::uuid, ${change.moduleId}::uuid)`),
    sql`, `,
  );
  await tx.execute(sql`
    update session_occurrences o set module_id = v.module_id
    from (values ${values}) as v(id, module_id)
    where o.org_id = ${orgId}::uuid and o.id = v.id`);
}

export interface EpisodeInProgram {
  episodeId: string;
  programId: string;
  participantId: string;
  participantName: string;
  startDate: string;
  expectedLengthDays: number;
}

/**
 * Open episodes of a program or of a participant, with names and planned length: by name, or for one
 * participant the latest first.
 */
export async function openEpisodes(
  tx: Db,
  orgId: string,
  of: { programId: string } | { participantId: string },
): Promise<EpisodeInProgram[]> {
  const which =
    'programId' in of
      ? sql`e.program_id = ${of.programId}::uuid order by p.family_name, p.given_name, e.id`
      : sql`e.participant_id = ${of.participantId}::uuid order by e.start_date desc, e.id`;
  const rows = resultRows<{
    episode_id: string;
    program_id: string;
    participant_id: string;
    participant_name: string;
    start_date: string;
    expected_length_days: number;
  }>(
    await tx.execute(sql`
      select e.id as episode_id, e.program_id, e.participant_id, e.start_date::text as start_date,
             e.expected_length_days,
             coalesce(p.preferred_name, p.given_name) || ' ' || p.family_name as participant_name
      from episodes e join participants p on p.id = e.participant_id
      where e.org_id = ${orgId}::uuid and e.status = 'open' and ${which}`),
  );
  return rows.map((row) => ({
    episodeId: row.episode_id,
    programId: row.program_id,
    participantId: row.participant_id,
    participantName: row.participant_name,
    startDate: row.start_date,
    expectedLengthDays: Number(row.expected_length_days),
  }));
}

/**
 * Attendance of the episodes' participants, since each episode began, at sessions that taught a
 * module: what coverage is computed from.
 */
export async function moduleAttendance(tx: Db, orgId: string, episodeIds: string[]) {
  if (episodeIds.length === 0) return [];
  const rows = resultRows<{
    participant_id: string;
    occurrence_id: string;
    module_id: string;
    local_date: string;
    status: string;
    minutes: number;
    session_minutes: number;
  }>(
    await tx.execute(sql`
      select a.participant_id, o.id as occurrence_id, o.module_id, o.local_date::text as local_date, a.status,
             a.minutes, (extract(epoch from o.ends_at - o.starts_at) / 60)::int as session_minutes
      from episodes e
      join attendance a on a.org_id = e.org_id and a.participant_id = e.participant_id
      join session_occurrences o on o.id = a.occurrence_id
      where e.org_id = ${orgId}::uuid and e.id = any(${`{${episodeIds.join(',')}}`}::uuid[])
        and o.module_id is not null and o.local_date >= e.start_date`),
  );
  return rows.map((row) => ({
    participantId: row.participant_id,
    occurrenceId: row.occurrence_id,
    moduleId: row.module_id,
    localDate: row.local_date,
    status: row.status,
    minutes: Number(row.minutes),
    sessionMinutes: Number(row.session_minutes),
  }));
}

/** The series the occurrences belong to. */
export async function seriesOfOccurrences(tx: Db, orgId: string, occurrenceIds: readonly string[]) {
  const rows = await tx
    .selectDistinct({ seriesId: sessionOccurrences.seriesId })
    .from(sessionOccurrences)
    .where(and(eq(sessionOccurrences.orgId, orgId), inArray(sessionOccurrences.id, [...occurrenceIds])));
  return rows.map((row) => row.seriesId);
}

/** The organisation's modules among `ids` (retired ones too), by id. */
export function modulesByIds(tx: Db, orgId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return tx
    .select({ id: curriculumModules.id, name: curriculumModules.name })
    .from(curriculumModules)
    .where(and(eq(curriculumModules.orgId, orgId), inArray(curriculumModules.id, [...new Set(ids)])));
}
