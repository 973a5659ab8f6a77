import {
  type AssessmentScheduleInput,
  type DueAssessment,
  type DueAssessmentItem,
  daysBetween,
  defaultAssessmentSchedule,
  dueAssessments,
  earliestPerInstrument,
  instantToZoned,
  instruments,
  type PortalInstrumentResponseInput,
  type PortalInstrumentResult,
  type ProgramAssessmentSchedule,
} from '@stepwise/core';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import { crisisResourcesFor } from '../check-ins/check-ins.service.js';
import { scoreResponse, storeResponse } from '../instruments/instruments.service.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireProgram } from '../structure/structure.service.js';
import * as repo from './assessment-schedules.repository.js';

/*
 * Measurement-based care (issue "Between sessions"): each program's assessment schedule, what every
 * participant owes under it (core `dueAssessments`), the program's overdue list, and the participant
 * answering a due questionnaire in the participant area through the same scoring, storing and alerting
 * path as staff (instruments.service `storeResponse`).
 */

export { scheduleInputsSql, toScheduleInput } from './assessment-schedules.repository.js';

async function scheduleOf(tx: Db, orgId: string, programId: string): Promise<ProgramAssessmentSchedule> {
  const latest = await repo.latestSchedule(tx, orgId, programId);
  if (!latest) {
    return {
      programId,
      version: 0,
      isDefault: true,
      rules: defaultAssessmentSchedule.rules,
      changedAt: null,
      changedBy: null,
    };
  }
  return {
    programId,
    version: latest.schedule.version,
    isDefault: false,
    rules: (latest.schedule.rules ?? []) as ProgramAssessmentSchedule['rules'],
    changedAt: latest.schedule.createdAt.toISOString(),
    changedBy: { id: latest.schedule.changedBy, name: latest.changedByName },
  };
}

/** The schedule a program's participants are assessed by (Stepwise's default until it sets its own). */
export function getSchedule(ctx: ServiceContext, programId: string): Promise<ProgramAssessmentSchedule> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireProgram(tx, ctx.actor.orgId, programId);
    return scheduleOf(tx, ctx.actor.orgId, programId);
  });
}

/**
 * Saves a new version of a program's schedule; earlier versions stay. It applies at once to every open
 * episode in the program: what is due is always worked out from the newest version.
 */
export function updateSchedule(
  ctx: ServiceContext,
  programId: string,
  input: AssessmentScheduleInput,
): Promise<ProgramAssessmentSchedule> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireProgram(tx, ctx.actor.orgId, programId);
    const current = await scheduleOf(tx, ctx.actor.orgId, programId);
    const version = current.version + 1;
    const saved = await repo.insertSchedule(tx, ctx.actor.orgId, {
      programId,
      version,
      rules: input.rules,
      changedBy: ctx.actor.userId,
    });
    if (!saved) {
      throw new AppError('conflict', 'the schedule was changed at the same time; reload and try again');
    }
    await recordAudit(tx, ctx, {
      action: 'assessment_schedule.changed',
      subjectType: 'program',
      subjectId: programId,
      details: { version, previousVersion: current.version, rules: input.rules.length },
    });
    return scheduleOf(tx, ctx.actor.orgId, programId);
  });
}

const present = (item: DueAssessment): DueAssessmentItem => ({
  ...item,
  title: instruments[item.instrument].title,
});

export interface ParticipantDue {
  participantId: string;
  participantName: string;
  /** Today where the participant is treated (their newest open episode's site). */
  today: string;
  items: DueAssessmentItem[];
}

/**
 * What each participant owes now, from their open episodes (`repo.scheduleInputs` rows): each episode
 * under its program's schedule on today's date at its site, merged per participant so one response
 * answers what two programs ask for. Participants owing nothing are included with no items.
 */
export function dueByParticipant(inputs: readonly repo.ScheduleInput[], now: Date): ParticipantDue[] {
  const byParticipant = new Map<string, { due: ParticipantDue; start: string; raw: DueAssessment[] }>();
  for (const input of inputs) {
    const today = instantToZoned(now, input.timeZone).date;
    const items = dueAssessments({
      schedule: input.schedule ?? defaultAssessmentSchedule,
      episode: { startDate: input.startDate, plannedDischargeDate: input.plannedDischargeDate },
      responses: input.responses,
      today,
    });
    const entry = byParticipant.get(input.participantId);
    if (!entry) {
      byParticipant.set(input.participantId, {
        due: { participantId: input.participantId, participantName: input.participantName, today, items: [] },
        start: input.startDate,
        raw: items,
      });
      continue;
    }
    entry.raw.push(...items);
    if (input.startDate > entry.start) {
      entry.start = input.startDate;
      entry.due.today = today;
    }
  }
  return [...byParticipant.values()].map(({ due, raw }) => ({
    ...due,
    items: earliestPerInstrument(raw).map(present),
  }));
}

/** What one participant owes now, read inside `tx` (the participant already checked). */
async function dueFor(tx: Db, orgId: string, participantId: string, now: Date) {
  const inputs = await repo.scheduleInputs(tx, orgId, sql`e.participant_id = ${participantId}::uuid`);
  const [due] = dueByParticipant(inputs, now);
  if (due) return { today: due.today, items: due.items };
  // No open episode: nothing is due.
  return { today: instantToZoned(now, await repo.organisationTimeZone(tx, orgId)).date, items: [] };
}

async function auditDueRead(tx: Db, ctx: ServiceContext, participantId: string, shown: number) {
  await recordAudit(tx, ctx, {
    action: 'assessment.due_read',
    subjectType: 'participant',
    subjectId: participantId,
    participantId,
    details: { shown },
  });
}

/** The assessments a participant owes, for the care team. */
export function participantDue(ctx: ServiceContext, participantId: string) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireParticipant(tx, ctx.actor.orgId, participantId);
    const due = await dueFor(tx, ctx.actor.orgId, participantId, new Date());
    await auditDueRead(tx, ctx, participantId, due.items.length);
    return due;
  });
}

/** Only the participant's own account answers questionnaires; a family member's reaches their record but not this. */
function ownParticipant(ctx: ServiceContext): string {
  const id = ctx.actor.accountKind === 'participant' ? ctx.actor.participantId : null;
  if (!id) throw new AppError('conflict', 'questionnaires are answered by the participant themselves');
  return id;
}

/** The questionnaires the signed-in participant owes. */
export function myDue(ctx: ServiceContext) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const participantId = ownParticipant(ctx);
    const due = await dueFor(tx, ctx.actor.orgId, participantId, new Date());
    await auditDueRead(tx, ctx, participantId, due.items.length);
    return due;
  });
}

/** Thanks, without a score: see `answerDueQuestionnaire`. */
const thanks =
  'Thank you. Your answers are saved and your care team will go through them with you at your next session.';

/**
 * The participant answers a questionnaire that is due for them: scored, stored and alerted exactly as
 * when staff administer it (PHQ-9 item 9 and a high-risk C-SSRS raise a critical alert in the same
 * transaction).
 *
 * They get a thank-you, not their score, band or its clinical interpretation: a number like "severe"
 * read alone at home, without anyone to explain it, can frighten more than it helps, and the care team
 * goes through it with them. Anyone who reports thoughts of death or self-harm (PHQ-9 item 9 above 0)
 * or any suicidal ideation or behaviour on the C-SSRS (any band but none, not only high risk) also gets
 * crisis resources in the answer itself.
 */
export async function answerDueQuestionnaire(
  ctx: ServiceContext,
  input: PortalInstrumentResponseInput,
): Promise<PortalInstrumentResult> {
  const participantId = ownParticipant(ctx);
  const score = scoreResponse(input);
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await repo.lockParticipantAnswers(tx, participantId);
    const due = await dueFor(tx, ctx.actor.orgId, participantId, new Date());
    if (!due.items.some((item) => item.instrument === input.instrument)) {
      throw new AppError('conflict', `the ${instruments[input.instrument].title} is not due for you now`);
    }
    const stored = await storeResponse(tx, ctx, participantId, input, score, { selfReported: true });
    const atRisk =
      score.flags.includes('suicidal_ideation') ||
      score.flags.includes('high_suicide_risk') ||
      (score.code === 'cssrs-screener' && score.band !== 'none');
    return {
      id: stored.id,
      instrument: stored.instrument,
      message: thanks,
      crisisResources: atRisk ? await crisisResourcesFor(tx, ctx.actor.orgId, participantId) : null,
    };
  });
}

/** A program's overdue assessments, who owes what, the most overdue first. */
export function programOverdue(ctx: ServiceContext, programId: string) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    await requireProgram(tx, ctx.actor.orgId, programId);
    const now = new Date();
    const inputs = await repo.scheduleInputs(tx, ctx.actor.orgId, sql`e.program_id = ${programId}::uuid`);
    const items = dueByParticipant(inputs, now)
      .flatMap((due) =>
        due.items
          .filter((item) => item.overdue)
          .map((item) => ({
            ...item,
            participantId: due.participantId,
            participantName: due.participantName,
            daysLate: daysBetween(item.dueDate, due.today),
          })),
      )
      .sort(
        (a, b) =>
          b.daysLate - a.daysLate ||
          a.participantName.localeCompare(b.participantName) ||
          a.instrument.localeCompare(b.instrument),
      );
    await recordAudit(tx, ctx, {
      action: 'assessment.overdue_listed',
      subjectType: 'program',
      subjectId: programId,
      details: { shown: [...new Set(items.map((item) => item.participantId))] },
    });
    const zone = inputs[0]?.timeZone ?? (await repo.organisationTimeZone(tx, ctx.actor.orgId));
    return { today: instantToZoned(now, zone).date, items };
  });
}
