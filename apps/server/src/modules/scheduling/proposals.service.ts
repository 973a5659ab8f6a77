import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  addDays,
  blackoutReasonLabels,
  instantToZoned,
  isoWeekDates,
  isoWeekOf,
  type Proposal,
  type SessionModality,
  sessionModalityLabels,
  weekBounds,
  zonedToInstant,
} from '@stepwise/core';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { scheduleProposals, seriesEnrolments, sessionOccurrences, sessionSeries } from '../../db/schema.js';
import { AppError, invalidField, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import type { JobHandler } from '../../jobs/queue.js';
import { recordAudit } from '../audit/audit-log.js';
import { modulesStillNeeded } from '../curriculum/curriculum.service.js';
import { openEpisodesInProgram } from '../episodes/episodes.service.js';
import { requireProgram, requireSite } from '../structure/structure.service.js';
import {
  type OptimizerGroup,
  type OptimizerInput,
  type OptimizerParticipant,
  type OptimizerResult,
  proposeAssignment,
  weekIntervalOf,
} from './optimizer/optimizer.js';
import * as repo from './scheduling.repository.js';
import { promoteFromWaitlist } from './scheduling.service.js';

export const proposalJob = 'schedule.propose';

const day = 1440;

/** Minutes since Monday 00:00 of the week, in the site's zone. */
function minuteOfWeek(instant: Date, zone: string, monday: string): number {
  const local = instantToZoned(instant, zone);
  const days = Math.round((Date.parse(local.date) - Date.parse(monday)) / 86_400_000);
  return days * day + Number(local.time.slice(0, 2)) * 60 + Number(local.time.slice(3, 5));
}

/**
 * What the optimizer needs for one program week, read from the database: the week's group series as
 * groups (their occurrences as slots), and each participant with an open episode: the minimum less
 * their individual and family sessions (which count towards it and are fixed), their availability and
 * blackouts, and their current groups. `basis` fingerprints the enrolments read.
 */
async function loadInstance(tx: Db, orgId: string, programId: string, week: string) {
  const program = await requireProgram(tx, orgId, programId);
  const site = await requireSite(tx, orgId, program.siteId, 'programId');
  const bounds = weekBounds(week, site.timeZone);
  const monday = isoWeekDates(week)?.[0];
  if (!bounds || !monday) throw invalidField('week', 'must be an ISO week such as 2026-W10');
  const occurrences = await tx
    .select({
      series: sessionSeries,
      start: sessionOccurrences.startsAt,
      end: sessionOccurrences.endsAt,
      moduleId: sessionOccurrences.moduleId,
    })
    .from(sessionOccurrences)
    .innerJoin(sessionSeries, eq(sessionSeries.id, sessionOccurrences.seriesId))
    .where(
      and(
        eq(sessionOccurrences.orgId, orgId),
        eq(sessionSeries.programId, program.id),
        eq(sessionOccurrences.status, 'scheduled'),
        sql`${sessionOccurrences.startsAt} >= ${bounds.start.toISOString()}::timestamptz`,
        sql`${sessionOccurrences.startsAt} < ${bounds.end.toISOString()}::timestamptz`,
      ),
    );
  const groups = new Map<string, OptimizerGroup>();
  const fixedSlots = new Map<string, { start: number; end: number }[]>();
  for (const { series, start, end, moduleId } of occurrences) {
    const slot = {
      start: minuteOfWeek(start, site.timeZone, monday),
      end: minuteOfWeek(end, site.timeZone, monday),
    };
    if (series.kind === 'group') {
      const group = groups.get(series.id) ?? {
        id: series.id,
        label: `${sessionModalityLabels[series.modality as SessionModality]}${series.topic ? ` (${series.topic})` : ''}`,
        modality: series.modality,
        capacity: series.capacity,
        slots: [],
        moduleIds: [],
      };
      group.slots.push(slot);
      if (moduleId) group.moduleIds?.push(moduleId);
      groups.set(series.id, group);
    } else {
      fixedSlots.set(series.id, [...(fixedSlots.get(series.id) ?? []), slot]);
    }
  }
  const people = await openEpisodesInProgram(tx, orgId, program.id);
  const needs = await modulesStillNeeded(tx, orgId, program.id);
  const enrolments = await tx
    .select({
      participantId: seriesEnrolments.participantId,
      seriesId: seriesEnrolments.seriesId,
      id: seriesEnrolments.id,
    })
    .from(seriesEnrolments)
    .innerJoin(sessionSeries, eq(sessionSeries.id, seriesEnrolments.seriesId))
    .where(
      and(
        eq(seriesEnrolments.orgId, orgId),
        eq(sessionSeries.programId, program.id),
        eq(seriesEnrolments.status, 'enrolled'),
      ),
    )
    .orderBy(seriesEnrolments.id);
  const participants: OptimizerParticipant[] = [];
  for (const person of people) {
    const mine = enrolments.filter((row) => row.participantId === person.participantId);
    const busy = mine.flatMap((row) => fixedSlots.get(row.seriesId) ?? []);
    const fixedMinutes = busy.reduce((sum, slot) => sum + slot.end - slot.start, 0);
    const week = await repo.participantWeek(tx, orgId, person.participantId);
    participants.push({
      id: person.participantId,
      requiredMinutes: Math.max(0, Math.round(program.weeklyHoursMinimum * 60) - fixedMinutes),
      available: week.windows.length > 0 ? week.windows.map(weekIntervalOf) : [{ start: 0, end: 7 * day }],
      blackouts: week.blackouts.map((blackout) => ({
        ...weekIntervalOf(blackout),
        reason: blackout.note ?? blackoutReasonLabels[blackout.reason],
      })),
      busy,
      currentGroupIds: mine.map((row) => row.seriesId).filter((id) => groups.has(id)),
      neededModuleIds: needs.get(person.participantId) ?? [],
    });
  }
  const basis = createHash('sha256')
    .update(enrolments.map((row) => `${row.id}:${row.seriesId}`).join(','))
    .digest('hex');
  return { program, site, monday, groups: [...groups.values()], participants, people, basis };
}

/** Asks for a proposal: stored pending, computed by the job queue (it may take seconds), read by id. */
export function requestProposal(
  ctx: ServiceContext,
  programId: string,
  input: { week?: string | undefined; timeLimitSeconds: number },
): Promise<Proposal> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const program = await requireProgram(tx, ctx.actor.orgId, programId);
    const site = await requireSite(tx, ctx.actor.orgId, program.siteId, 'programId');
    // Next week where the program runs.
    const week = input.week ?? isoWeekOf(addDays(instantToZoned(new Date(), site.timeZone).date, 7));
    const [row] = await tx
      .insert(scheduleProposals)
      .values({
        orgId: ctx.actor.orgId,
        programId: program.id,
        week,
        timeLimitSeconds: input.timeLimitSeconds,
        createdBy: ctx.actor.userId,
      })
      .returning();
    if (!row) throw new Error('proposal not stored');
    await tx.execute(
      sql`insert into jobs (kind, payload, run_at) values (${proposalJob}, ${JSON.stringify({ orgId: ctx.actor.orgId, proposalId: row.id })}::jsonb, now())`,
    );
    await recordAudit(tx, ctx, {
      action: 'schedule_proposal.created',
      subjectType: 'schedule_proposal',
      subjectId: row.id,
      details: { programId: program.id, week },
    });
    return present(row);
  });
}

type ProposalRow = typeof scheduleProposals.$inferSelect;

function present(row: ProposalRow): Proposal {
  return {
    id: row.id,
    programId: row.programId,
    week: row.week,
    status: row.status as Proposal['status'],
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
    error: row.error,
    result: (row.result as Proposal['result']) ?? null,
  };
}

async function findProposal(tx: Db, orgId: string, id: string): Promise<ProposalRow> {
  const [row] = await tx
    .select()
    .from(scheduleProposals)
    .where(and(eq(scheduleProposals.orgId, orgId), eq(scheduleProposals.id, id)));
  if (!row) throw notFound('proposal');
  return row;
}

export function getProposal(ctx: ServiceContext, programId: string, id: string): Promise<Proposal> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const row = await findProposal(tx, ctx.actor.orgId, id);
    if (row.programId !== programId) throw notFound('proposal');
    if (row.result) {
      await recordAudit(tx, ctx, {
        action: 'schedule_proposal.read',
        subjectType: 'schedule_proposal',
        subjectId: id,
      });
    }
    return present(row);
  });
}

/** The program's latest proposals, newest first. */
export function listProposals(ctx: ServiceContext, programId: string): Promise<{ items: Proposal[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireProgram(tx, ctx.actor.orgId, programId);
    const rows = await tx
      .select()
      .from(scheduleProposals)
      .where(and(eq(scheduleProposals.orgId, ctx.actor.orgId), eq(scheduleProposals.programId, programId)))
      .orderBy(desc(scheduleProposals.createdAt))
      .limit(20);
    return { items: rows.map((row) => ({ ...present(row), result: null })) };
  });
}

type Solve = (input: OptimizerInput) => Promise<OptimizerResult>;

/**
 * Solves in a worker thread, so the server keeps answering while HiGHS works; when running from the
 * TypeScript sources (tests), where no compiled worker exists, in this thread.
 */
const solveInWorker: Solve = (input) => {
  const script = new URL('./optimizer/worker.js', import.meta.url);
  if (!fs.existsSync(fileURLToPath(script))) return proposeAssignment(input);
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    worker.once('message', (result: OptimizerResult) => resolve(result));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the optimizer worker stopped with code ${code}`));
    });
  });
};

/** Runs the optimizer for a pending proposal and stores the result (the `schedule.propose` job). */
export async function computeProposal(
  database: Database,
  orgId: string,
  proposalId: string,
  solve: Solve = solveInWorker,
): Promise<void> {
  const loaded = await withOrg(database, orgId, async (tx) => {
    const row = await findProposal(tx, orgId, proposalId);
    if (row.status !== 'pending') return null;
    return { row, instance: await loadInstance(tx, orgId, row.programId, row.week) };
  });
  if (!loaded) return;
  const { row, instance } = loaded;
  // The solve runs outside any transaction: it takes seconds and needs no database.
  const result = await solve({
    groups: instance.groups,
    participants: instance.participants,
    timeLimitSeconds: row.timeLimitSeconds,
  });
  const required = new Map(
    instance.participants.map((participant) => [participant.id, participant.requiredMinutes]),
  );
  const minutesOf = (groupIds: string[]) =>
    groupIds.reduce(
      (sum, id) =>
        sum +
        (instance.groups.find((group) => group.id === id)?.slots ?? []).reduce(
          (total, slot) => total + slot.end - slot.start,
          0,
        ),
      0,
    );
  const before = instance.participants.filter(
    (participant) => minutesOf(participant.currentGroupIds) >= participant.requiredMinutes,
  ).length;
  const stored: NonNullable<Proposal['result']> = {
    solverStatus: result.status,
    participants: instance.participants.length,
    meetingMinimum: result.meetingMinimum,
    meetingMinimumBefore: before,
    gap: result.gap,
    solveSeconds: result.solveSeconds,
    assignments: instance.people.map((person) => {
      const assignment = result.assignments.find((item) => item.participantId === person.participantId);
      const explanation = result.explanations.find((item) => item.participantId === person.participantId);
      const seriesIds = assignment?.groupIds ?? [];
      const minutes = minutesOf(seriesIds);
      const requiredMinutes = required.get(person.participantId) ?? 0;
      return {
        participantId: person.participantId,
        participantName: person.participantName,
        seriesIds,
        minutes,
        requiredMinutes,
        meetsMinimum: minutes >= requiredMinutes,
        explanation: explanation?.text ?? '',
      };
    }),
  };
  const failed = result.status === 'infeasible' || result.status === 'error';
  await withOrg(database, orgId, async (tx) => {
    await tx
      .update(scheduleProposals)
      .set({
        status: failed ? 'failed' : 'ready',
        result: failed ? null : stored,
        error: failed ? `the optimizer ended with status ${result.status}` : null,
        basis: instance.basis,
        finishedAt: new Date(),
      })
      .where(and(eq(scheduleProposals.orgId, orgId), eq(scheduleProposals.id, proposalId)));
  });
}

export const runProposalJob: JobHandler = async (payload, ctx) => {
  const { orgId, proposalId } = payload as { orgId?: string; proposalId?: string };
  if (!orgId || !proposalId) throw new Error('schedule.propose needs orgId and proposalId');
  await computeProposal(ctx.database, orgId, proposalId);
};

/**
 * Applies a ready proposal: each participant's group enrolments become exactly the proposed groups,
 * from the proposal's week on. Refused if the enrolments changed since it was computed (someone was
 * enrolled or withdrawn by hand): a new proposal must be made from the current schedule.
 */
export function applyProposal(ctx: ServiceContext, programId: string, id: string): Promise<Proposal> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const row = await findProposal(tx, orgId, id);
    if (row.programId !== programId) throw notFound('proposal');
    if (row.status !== 'ready' || !row.result) {
      throw new AppError('conflict', `the proposal is ${row.status}; only a ready proposal can be applied`);
    }
    await repo.lockSchedule(tx, orgId);
    const instance = await loadInstance(tx, orgId, row.programId, row.week);
    if (instance.basis !== row.basis) {
      throw new AppError('conflict', 'the schedule changed since this proposal was made; create a new one');
    }
    const result = row.result as NonNullable<Proposal['result']>;
    const groupIds = new Set(instance.groups.map((group) => group.id));
    const fromDate =
      [instance.monday, instantToZoned(new Date(), instance.site.timeZone).date].sort().at(-1) ??
      instance.monday;
    const episodes = new Map(instance.people.map((person) => [person.participantId, person.episodeId]));
    const freed = new Set<string>();
    for (const assignment of result.assignments) {
      const current = await tx
        .select()
        .from(seriesEnrolments)
        .where(
          and(
            eq(seriesEnrolments.orgId, orgId),
            eq(seriesEnrolments.participantId, assignment.participantId),
            eq(seriesEnrolments.status, 'enrolled'),
          ),
        );
      const inGroups = current.filter((enrolment) => groupIds.has(enrolment.seriesId));
      for (const enrolment of inGroups) {
        if (!assignment.seriesIds.includes(enrolment.seriesId)) {
          freed.add(enrolment.seriesId);
          // Their sessions before the proposal's first day stay theirs.
          await repo.setEnrolmentStatus(
            tx,
            orgId,
            enrolment.id,
            'withdrawn',
            zonedToInstant(fromDate, '00:00', instance.site.timeZone),
          );
        }
      }
      for (const seriesId of assignment.seriesIds) {
        if (inGroups.some((enrolment) => enrolment.seriesId === seriesId)) continue;
        const episodeId = episodes.get(assignment.participantId);
        if (!episodeId) continue;
        const waiting = await repo.activeEnrolment(tx, orgId, seriesId, episodeId);
        if (waiting) {
          await repo.promoteEnrolment(tx, orgId, waiting.id, fromDate);
          continue;
        }
        await repo.insertEnrolment(tx, {
          orgId,
          seriesId,
          episodeId,
          participantId: assignment.participantId,
          status: 'enrolled',
          fromDate,
          createdBy: ctx.actor.userId,
        });
      }
    }
    // Seats the proposal freed go to those still waiting for them, as when someone withdraws.
    for (const seriesId of freed) {
      const series = await repo.lockSeries(tx, orgId, seriesId);
      let promoted = series ? await promoteFromWaitlist(tx, ctx, series) : null;
      while (series && promoted) promoted = await promoteFromWaitlist(tx, ctx, series);
    }
    await tx
      .update(scheduleProposals)
      .set({ status: 'applied', appliedBy: ctx.actor.userId, appliedAt: new Date() })
      .where(and(eq(scheduleProposals.orgId, orgId), eq(scheduleProposals.id, id)));
    // Older ready proposals of the program were computed from the schedule just replaced.
    await tx
      .update(scheduleProposals)
      .set({ status: 'superseded' })
      .where(
        and(
          eq(scheduleProposals.orgId, orgId),
          eq(scheduleProposals.programId, programId),
          eq(scheduleProposals.status, 'ready'),
        ),
      );
    await recordAudit(tx, ctx, {
      action: 'schedule_proposal.applied',
      subjectType: 'schedule_proposal',
      subjectId: id,
      details: { shown: result.assignments.map((assignment) => assignment.participantId) },
    });
    return present(await findProposal(tx, orgId, id));
  });
}
