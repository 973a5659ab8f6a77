import {
  type AttendanceStatus,
  addDays,
  availabilityProblem,
  type CurriculumGaps,
  type CurriculumModule,
  type CurriculumModuleInput,
  coversModule,
  isoWeekOf,
  type ModuleCoverage,
  moduleCoverage,
  type ParticipantCurriculum,
  type Session,
  type SessionOnDate,
} from '@stepwise/core';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { curriculumModules, sessionOccurrences } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { requireParticipant } from '../participants/participants.service.js';
import * as scheduling from '../scheduling/scheduling.repository.js';
import { localOccurrence } from '../scheduling/scheduling.service.js';
import { requireProgram } from '../structure/structure.service.js';
import * as repo from './curriculum.repository.js';
import { rotateSeries } from './rotation.js';

/*
 * A program's curriculum (issue "The clinical day"): modules taught in rotation by the groups of
 * their modality, the module each session teaches, and coverage under rolling admission: what each
 * participant has covered, what their own sessions will still teach them before planned discharge,
 * and who will miss a required module, with the sessions that could teach it to them as make-ups.
 */

/** Make-up options listed per module someone will miss. */
const optionsPerModule = 3;

/** A program's curriculum, current modules in rotation order (retired ones after, when asked). */
export function listCurriculum(ctx: ServiceContext, programId: string, includeRetired: boolean) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireProgram(tx, ctx.actor.orgId, programId);
    const rows = await repo.modulesOf(tx, ctx.actor.orgId, programId, includeRetired);
    return { programId, items: repo.toModules(rows) };
  });
}

async function presentModule(tx: Db, orgId: string, row: repo.ModuleRow): Promise<CurriculumModule> {
  const rows = await repo.modulesOf(tx, orgId, row.programId, true);
  const found = repo.toModules(rows).find((module) => module.id === row.id);
  if (!found) throw notFound('module');
  return found;
}

async function refuseDuplicateName(tx: Db, orgId: string, programId: string, name: string, except?: string) {
  const current = await repo.modulesOf(tx, orgId, programId);
  if (current.some((row) => row.id !== except && row.name.toLowerCase() === name.toLowerCase())) {
    throw invalidField('name', 'the program already has a module of that name');
  }
}

/** Adds a module at the end of the rotation; the groups of its modality start teaching it in turn. */
export function addModule(
  ctx: ServiceContext,
  programId: string,
  input: CurriculumModuleInput,
): Promise<CurriculumModule> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const program = await requireProgram(tx, orgId, programId);
    await scheduling.lockSchedule(tx, orgId);
    await refuseDuplicateName(tx, orgId, program.id, input.name);
    const [last] = await tx
      .select({ position: sql<number>`coalesce(max(${curriculumModules.position}), 0)` })
      .from(curriculumModules)
      .where(and(eq(curriculumModules.orgId, orgId), eq(curriculumModules.programId, program.id)));
    const [row] = await tx
      .insert(curriculumModules)
      .values({
        orgId,
        programId: program.id,
        name: input.name,
        modality: input.modality,
        position: Number(last?.position ?? 0) + 10,
        required: input.required,
        description: input.description ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning();
    if (!row) throw new Error('module insert returned no row');
    await rotateSeries(tx, orgId, await repo.groupSeriesOf(tx, orgId, program.id, input.modality));
    await recordAudit(tx, ctx, {
      action: 'curriculum.module_added',
      subjectType: 'curriculum_module',
      subjectId: row.id,
      details: { programId: program.id },
    });
    return presentModule(tx, orgId, row);
  });
}

/** Renames a module, marks it required or not, or retires it (its upcoming sessions teach the next). */
export function updateModule(
  ctx: ServiceContext,
  id: string,
  input: {
    name?: string | undefined;
    required?: boolean | undefined;
    description?: string | null | undefined;
    retired?: true | undefined;
  },
): Promise<CurriculumModule> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await scheduling.lockSchedule(tx, orgId);
    const row = await repo.findModule(tx, orgId, id);
    if (!row) throw notFound('module');
    if (row.retiredAt) throw new AppError('conflict', 'the module is retired and no longer changes');
    if (input.name !== undefined) await refuseDuplicateName(tx, orgId, row.programId, input.name, row.id);
    const [updated] = await tx
      .update(curriculumModules)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.required !== undefined ? { required: input.required } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.retired ? { retiredAt: new Date() } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(curriculumModules.orgId, orgId), eq(curriculumModules.id, row.id)))
      .returning();
    if (!updated) throw notFound('module');
    if (input.retired) {
      await rotateSeries(tx, orgId, await repo.groupSeriesOf(tx, orgId, row.programId, row.modality));
    }
    await recordAudit(tx, ctx, {
      action: 'curriculum.module_updated',
      subjectType: 'curriculum_module',
      subjectId: row.id,
      details: { programId: row.programId, fields: Object.keys(input) },
    });
    return presentModule(tx, orgId, updated);
  });
}

/** Puts the program's current modules in a new rotation order; upcoming sessions follow it. */
export function reorderCurriculum(ctx: ServiceContext, programId: string, moduleIds: string[]) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const program = await requireProgram(tx, orgId, programId);
    await scheduling.lockSchedule(tx, orgId);
    const current = await repo.modulesOf(tx, orgId, program.id);
    const known = new Set(current.map((row) => row.id));
    const unknown = moduleIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw invalidField(`moduleIds.${unknown}`, 'is not a current module of this program');
    }
    const missing = current.filter((row) => !moduleIds.includes(row.id));
    if (missing.length > 0) {
      throw invalidField(
        'moduleIds',
        `must list every current module; missing: ${missing.map((row) => row.name).join(', ')}`,
      );
    }
    const values = sql.join(
      moduleIds.map((id, index) => sql`(${id}::uuid, ${(index + 1) * 10}::int)`),
      sql`, `,
    );
    await tx.execute(sql`
      update curriculum_modules m set position = v.position, updated_at = now()
      from (values ${values}) as v(id, position)
      where m.org_id = ${orgId}::uuid and m.id = v.id`);
    await rotateSeries(tx, orgId, await repo.groupSeriesOf(tx, orgId, program.id));
    await recordAudit(tx, ctx, {
      action: 'curriculum.reordered',
      subjectType: 'program',
      subjectId: program.id,
      details: { modules: moduleIds.length },
    });
    return { programId: program.id, items: repo.toModules(await repo.modulesOf(tx, orgId, program.id)) };
  });
}

/**
 * Sets the module one session teaches (null: none), e.g. when the facilitator taught another than the
 * rotation's, or an individual session teaches one someone would miss. The rotation leaves it alone
 * afterwards and the series' later sessions take their turns without it. Attendance already recorded
 * counts for the new module.
 */
export function setSessionModule(ctx: ServiceContext, occurrenceId: string, moduleId: string | null) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await scheduling.lockSchedule(tx, orgId);
    const found = await scheduling.findOccurrence(tx, orgId, occurrenceId, true);
    if (!found) throw notFound('session');
    if (found.occurrence.status === 'cancelled') throw new AppError('conflict', 'the session is cancelled');
    if (moduleId !== null) {
      const module = await repo.findModule(tx, orgId, moduleId);
      if (!module || module.programId !== found.series.programId) {
        throw invalidField('moduleId', "is not a module of the session's program");
      }
      if (module.retiredAt) throw invalidField('moduleId', 'the module is retired');
    }
    await tx
      .update(sessionOccurrences)
      .set({ moduleId, modulePinned: true })
      .where(and(eq(sessionOccurrences.orgId, orgId), eq(sessionOccurrences.id, occurrenceId)));
    await rotateSeries(tx, orgId, [found.series.id]);
    await recordAudit(tx, ctx, {
      action: 'session.module_set',
      subjectType: 'session',
      subjectId: occurrenceId,
      details: { moduleId },
    });
    const after = await scheduling.findOccurrence(tx, orgId, occurrenceId);
    if (!after) throw notFound('session');
    const expected = (await scheduling.expectedCounts(tx, orgId, [occurrenceId])).get(occurrenceId) ?? 0;
    return scheduling.toSession(after.occurrence, after.series, expected);
  });
}

const day = 86_400_000;

/** Planned discharge: the episode's start plus its expected length. */
const plannedDischargeOf = (episode: repo.EpisodeInProgram) =>
  addDays(episode.startDate, episode.expectedLengthDays);

interface EpisodeCoverage {
  episode: repo.EpisodeInProgram;
  plannedDischarge: string;
  coverage: ModuleCoverage[];
  /** Their own sessions from now on (scheduled), with the module each teaches. */
  own: scheduling.ParticipantOccurrence[];
}

/**
 * Coverage of the program's current modules for each episode: sessions attended since the episode
 * began that covered a module, against their own sessions from now until a few weeks past the
 * latest planned discharge (so what comes too late shows when).
 */
async function coverageOf(
  tx: Db,
  orgId: string,
  programId: string,
  episodes: repo.EpisodeInProgram[],
  now: Date,
) {
  const modules = await repo.modulesOf(tx, orgId, programId);
  const attendance = await repo.moduleAttendance(
    tx,
    orgId,
    episodes.map((episode) => episode.episodeId),
  );
  const latest = episodes.map(plannedDischargeOf).sort().at(-1) ?? now.toISOString().slice(0, 10);
  const until = Math.min(
    Math.max(Date.parse(latest) + 29 * day, now.getTime() + 28 * day),
    now.getTime() + 200 * day,
  );
  const own = await scheduling.enrolledOccurrences(
    tx,
    orgId,
    episodes.map((episode) => episode.participantId),
    { from: now, to: new Date(until) },
  );
  const results: EpisodeCoverage[] = episodes.map((episode) => {
    const plannedDischarge = plannedDischargeOf(episode);
    const covered = coveredBy(attendance, episode.participantId);
    const mine = own.filter((row) => row.participantId === episode.participantId);
    const upcoming = mine.flatMap((row) =>
      row.moduleId ? [{ sessionId: row.occurrenceId, moduleId: row.moduleId, date: row.localDate }] : [],
    );
    return {
      episode,
      plannedDischarge,
      coverage: moduleCoverage(modules, covered, upcoming, plannedDischarge),
      own: mine,
    };
  });
  return { modules, results };
}

/** The sessions whose attendance covered a module for the participant (see core's coversModule). */
const coveredBy = (
  attendance: Awaited<ReturnType<typeof repo.moduleAttendance>>,
  participantId: string,
): SessionOnDate[] =>
  attendance
    .filter(
      (row) =>
        row.participantId === participantId &&
        coversModule(row.status as AttendanceStatus, row.minutes, row.sessionMinutes),
    )
    .map((row) => ({ sessionId: row.occurrenceId, moduleId: row.moduleId, date: row.localDate }));

const onDate = (session: SessionOnDate | null) =>
  session ? { sessionId: session.sessionId, date: session.date } : null;

/** A participant's coverage of their program's curriculum in their open episode. */
export function participantCurriculum(
  ctx: ServiceContext,
  participantId: string,
): Promise<ParticipantCurriculum> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    // With several open episodes (rare), the latest.
    const [episode] = await repo.openEpisodes(tx, orgId, { participantId });
    if (!episode) throw new AppError('conflict', 'the participant has no open episode');
    const { modules, results } = await coverageOf(tx, orgId, episode.programId, [episode], new Date());
    const [result] = results;
    if (!result) throw new AppError('conflict', 'the participant has no open episode');
    const presented = new Map(repo.toModules(modules).map((module) => [module.id, module]));
    const items = result.coverage.flatMap((entry) => {
      const module = presented.get(entry.moduleId);
      return module
        ? [{ module, status: entry.status, covered: onDate(entry.covered), next: onDate(entry.next) }]
        : [];
    });
    await recordAudit(tx, ctx, {
      action: 'curriculum.coverage_read',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
      details: { episodeId: episode.episodeId },
    });
    const requiredItems = items.filter((item) => item.module.required);
    return {
      programId: episode.programId,
      episodeId: episode.episodeId,
      plannedDischarge: result.plannedDischarge,
      summary: {
        required: requiredItems.length,
        covered: requiredItems.filter((item) => item.status === 'covered').length,
        scheduled: requiredItems.filter((item) => item.status === 'scheduled').length,
        atRisk: requiredItems.filter((item) => item.status === 'at_risk').length,
      },
      items,
    };
  });
}

/**
 * Who in the program will miss a required module at the current rotation, soonest planned discharge
 * first, each with up to three sessions that teach it before then as make-ups: seats left, and one of
 * their own sessions to replace (at the same time, or that week teaching nothing they still need).
 */
export function curriculumGaps(ctx: ServiceContext, programId: string): Promise<CurriculumGaps> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const program = await requireProgram(tx, orgId, programId);
    const now = new Date();
    const episodes = await repo.openEpisodes(tx, orgId, { programId: program.id });
    const { modules, results } = await coverageOf(tx, orgId, program.id, episodes, now);
    const presented = new Map(repo.toModules(modules).map((module) => [module.id, module]));
    const missing = results.filter((result) => result.coverage.some((entry) => entry.status === 'at_risk'));
    const atRiskIds = [
      ...new Set(
        missing.flatMap((result) =>
          result.coverage.filter((e) => e.status === 'at_risk').map((e) => e.moduleId),
        ),
      ),
    ];
    const latest = missing
      .map((result) => result.plannedDischarge)
      .sort()
      .at(-1);
    const teaching =
      atRiskIds.length > 0 && latest
        ? await scheduling.programOccurrences(
            tx,
            orgId,
            program.id,
            { from: now, to: new Date(Date.parse(latest) + 2 * day) },
            { moduleIds: atRiskIds, limit: 2000 },
          )
        : [];
    const ownIds = [...new Set(missing.flatMap((result) => result.own.map((row) => row.occurrenceId)))];
    const ownRows = new Map(
      (await scheduling.occurrencesById(tx, orgId, ownIds)).map((row) => [row.occurrence.id, row]),
    );
    const counts = await scheduling.expectedCounts(tx, orgId, [
      ...teaching.map((row) => row.occurrence.id),
      ...ownIds,
    ]);
    const sessionOf = (row: {
      occurrence: typeof sessionOccurrences.$inferSelect;
      series: scheduling.SeriesRow;
    }): Session => scheduling.toSession(row.occurrence, row.series, counts.get(row.occurrence.id) ?? 0);

    const items: CurriculumGaps['items'] = [];
    for (const result of [...missing].sort((a, b) => a.plannedDischarge.localeCompare(b.plannedDischarge))) {
      const { episode, plannedDischarge, coverage, own } = result;
      const statusOf = new Map(coverage.map((entry) => [entry.moduleId, entry]));
      const beforeDischarge = own.filter((row) => row.localDate <= plannedDischarge);
      // One of their sessions can give way when it teaches nothing they still need from it.
      const spare = (row: scheduling.ParticipantOccurrence) => {
        if (row.makeup) return false;
        if (!row.moduleId) return true;
        const entry = statusOf.get(row.moduleId);
        if (!entry || entry.status === 'covered' || entry.status === 'optional') return true;
        return beforeDischarge.filter((other) => other.moduleId === row.moduleId).length > 1;
      };
      const week = await scheduling.participantWeek(tx, orgId, episode.participantId);
      const mineIds = new Set(own.map((row) => row.occurrenceId));
      const gaps = coverage
        .filter((entry) => entry.status === 'at_risk')
        .flatMap((entry) => {
          const module = presented.get(entry.moduleId);
          if (!module) return [];
          const options: CurriculumGaps['items'][number]['modules'][number]['options'] = [];
          for (const candidate of teaching) {
            if (options.length >= optionsPerModule) break;
            const { occurrence, series } = candidate;
            if (occurrence.moduleId !== entry.moduleId || mineIds.has(occurrence.id)) continue;
            if (occurrence.localDate > plannedDischarge) continue;
            const seatsLeft = series.capacity - (counts.get(occurrence.id) ?? 0);
            if (seatsLeft <= 0) continue;
            const overlapping = own.filter(
              (row) => row.start < occurrence.endsAt && row.end > occurrence.startsAt,
            );
            let instead: scheduling.ParticipantOccurrence | undefined;
            if (overlapping.length > 0) {
              if (overlapping.length > 1 || !overlapping[0] || !spare(overlapping[0])) continue;
              instead = overlapping[0];
            } else {
              const target = isoWeekOf(occurrence.localDate);
              instead = own
                .filter((row) => spare(row) && isoWeekOf(row.localDate) === target)
                .sort((a, b) => {
                  const sameA = ownRows.get(a.occurrenceId)?.series.modality === series.modality;
                  const sameB = ownRows.get(b.occurrenceId)?.series.modality === series.modality;
                  return Number(sameB) - Number(sameA) || a.start.getTime() - b.start.getTime();
                })[0];
            }
            const insteadRow = instead ? ownRows.get(instead.occurrenceId) : undefined;
            if (!insteadRow) continue;
            options.push({
              session: sessionOf(candidate),
              seatsLeft,
              insteadOf: sessionOf(insteadRow),
              availabilityProblem: availabilityProblem(
                localOccurrence(
                  { localDate: occurrence.localDate, start: occurrence.startsAt, end: occurrence.endsAt },
                  series.timeZone,
                ),
                week.windows,
                week.blackouts,
              ),
            });
          }
          return [{ module, next: onDate(entry.next), options }];
        });
      items.push({
        participantId: episode.participantId,
        participantName: episode.participantName,
        episodeId: episode.episodeId,
        plannedDischarge,
        modules: gaps,
      });
    }
    await recordAudit(tx, ctx, {
      action: 'curriculum.gaps_read',
      subjectType: 'program',
      subjectId: program.id,
      details: { participants: items.length },
    });
    return { programId: program.id, items };
  });
}

/**
 * For the schedule optimizer: each open episode's required modules of the program not yet covered,
 * by participant (coverage only: what the new week's groups would teach is the optimizer's choice).
 */
export async function modulesStillNeeded(
  tx: Db,
  orgId: string,
  programId: string,
): Promise<Map<string, string[]>> {
  const episodes = await repo.openEpisodes(tx, orgId, { programId });
  const modules = await repo.modulesOf(tx, orgId, programId);
  const required = modules.filter((module) => module.required);
  if (required.length === 0) return new Map();
  const attendance = await repo.moduleAttendance(
    tx,
    orgId,
    episodes.map((episode) => episode.episodeId),
  );
  return new Map(
    episodes.map((episode) => {
      const covered = new Set(coveredBy(attendance, episode.participantId).map((row) => row.moduleId));
      return [episode.participantId, required.filter((module) => !covered.has(module.id)).map((m) => m.id)];
    }),
  );
}

/**
 * The names of the organisation's curriculum modules among `ids` (retired ones too: a plan written
 * before a module was retired keeps naming it), for other modules that link to modules.
 */
export async function moduleNames(
  tx: Db,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await repo.modulesByIds(tx, orgId, ids);
  return new Map(rows.map((row) => [row.id, row.name]));
}
