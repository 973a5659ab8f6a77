import {
  type AttendanceInput,
  type AttendanceStatus,
  attendanceSummary,
  attendedMinutes,
  instantToZoned,
  type SessionAttendance,
  type SessionModality,
  sessionModalityLabels,
} from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, invalidField } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { raiseAlerts } from '../alerts/alerts.service.js';
import { recordAudit } from '../audit/audit-log.js';
import { episodeById } from '../episodes/episodes.service.js';
import { requireParticipant } from '../participants/participants.service.js';
import { requireSession } from '../scheduling/scheduling.service.js';
import { cancelTasksFrom, createTasks } from '../tasks/tasks.service.js';
import * as repo from './attendance.repository.js';

/*
 * Attendance (issue "The clinical day"): a whole group's attendance taken at once, the minutes that
 * count towards the weekly minimum, and consistency of care. An unexcused absence gives the
 * participant's primary clinician a follow-up task due that day; a second in a row also raises an
 * alert and gives the episode's supervisor a review task.
 */

/** Who attends an occurrence (its roster that day, make-ups included), for other modules. */
export function sessionAttendees(
  tx: Db,
  orgId: string,
  occurrence: { id: string; seriesId: string; localDate: string; startsAt: Date },
) {
  return repo.attendeesOf(tx, orgId, occurrence);
}

/** A session's attendees and what was recorded for each. */
export function sessionAttendance(ctx: ServiceContext, occurrenceId: string): Promise<SessionAttendance> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const result = await presentAttendance(tx, ctx.actor.orgId, occurrenceId);
    await recordAudit(tx, ctx, {
      action: 'attendance.read',
      subjectType: 'session',
      subjectId: occurrenceId,
      details: { shown: result.attendees.map((attendee) => attendee.participantId) },
    });
    return result;
  });
}

/** A session's roster and attendance inside another module's transaction (no audit of its own). */
export async function presentAttendance(
  tx: Db,
  orgId: string,
  occurrenceId: string,
): Promise<SessionAttendance> {
  const { occurrence, session } = await requireSession(tx, orgId, occurrenceId);
  const attendees = await repo.attendeesOf(tx, orgId, occurrence);
  const records = new Map(
    (await repo.recordsOf(tx, orgId, occurrenceId)).map(({ record, recorderName }) => [
      record.participantId,
      {
        status: record.status as AttendanceStatus,
        minutes: record.minutes,
        note: record.note,
        recordedBy: { id: record.recordedBy, name: recorderName },
        recordedAt: record.recordedAt.toISOString(),
      },
    ]),
  );
  return {
    session,
    attendees: attendees.map((attendee) => ({
      ...attendee,
      record: records.get(attendee.participantId) ?? null,
    })),
  };
}

/**
 * Records (or corrects) the attendance of some or all of a session's attendees in one transaction. Refused
 * with 409 before the session starts or when it was cancelled; with 400, naming the record, for someone
 * not on the session or minutes that do not fit the status. Changes nothing when any record is refused.
 */
export function recordAttendance(
  ctx: ServiceContext,
  occurrenceId: string,
  input: AttendanceInput,
): Promise<SessionAttendance> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    const { occurrence, series } = await requireSession(tx, orgId, occurrenceId, true);
    if (occurrence.status === 'cancelled') {
      throw new AppError('conflict', 'the session was cancelled; there is no attendance to take');
    }
    if (occurrence.startsAt > new Date()) {
      throw new AppError('conflict', 'attendance can be taken once the session has started');
    }
    const attendees = new Map(
      (await repo.attendeesOf(tx, orgId, occurrence)).map((attendee) => [attendee.participantId, attendee]),
    );
    const stored = new Map(
      (await repo.recordsOf(tx, orgId, occurrence.id)).map(({ record }) => [record.participantId, record]),
    );
    const length = Math.round((occurrence.endsAt.getTime() - occurrence.startsAt.getTime()) / 60_000);
    const checked = input.records.map((record, index) => {
      const attendee = attendees.get(record.participantId);
      if (!attendee) throw invalidField(`records.${index}.participantId`, 'is not on this session');
      const minutes = attendedMinutes(record.status, length, record.minutes);
      if ('problem' in minutes) throw invalidField(`records.${index}.minutes`, minutes.problem);
      return { ...record, episodeId: attendee.episodeId, minutes: minutes.minutes };
    });
    const local = instantToZoned(occurrence.startsAt, series.timeZone);
    const what = `${sessionModalityLabels[series.modality as SessionModality]}, ${local.date} ${local.time}`;
    for (const record of checked) {
      // Saved again unchanged: who recorded it, and when, stay as they were.
      const before = stored.get(record.participantId);
      if (
        before &&
        before.status === record.status &&
        before.minutes === record.minutes &&
        (before.note ?? null) === (record.note ?? null)
      ) {
        continue;
      }
      const { row, previous } = await repo.upsertRecord(tx, {
        orgId,
        occurrenceId: occurrence.id,
        participantId: record.participantId,
        episodeId: record.episodeId,
        startsAt: occurrence.startsAt,
        status: record.status,
        minutes: record.minutes,
        note: record.note ?? null,
        recordedBy: ctx.actor.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'attendance.recorded',
        subjectType: 'session',
        subjectId: occurrence.id,
        participantId: record.participantId,
        details: { status: record.status, minutes: record.minutes, corrected: previous !== null },
      });
      const source = { type: 'attendance', id: row.id };
      if (record.status === 'absent_unexcused' && previous !== 'absent_unexcused') {
        await followUp(tx, ctx, row, what, local.date);
      } else if (record.status !== 'absent_unexcused' && previous === 'absent_unexcused') {
        // Corrected: the absence that called for a follow-up was not one.
        await cancelTasksFrom(tx, ctx, 'attendance_follow_up', source);
        await cancelTasksFrom(tx, ctx, 'absence_pattern_review', source);
      }
    }
    return presentAttendance(tx, orgId, occurrence.id);
  });
}

/**
 * After an unexcused absence: a follow-up for the primary clinician, due the day of the session; when
 * it is the second unexcused absence in a row, an alert and a review task for the episode's supervisor.
 */
async function followUp(
  tx: Db,
  ctx: ServiceContext,
  row: repo.AttendanceRow,
  what: string,
  date: string,
): Promise<void> {
  const orgId = ctx.actor.orgId;
  const episode = await episodeById(tx, orgId, row.episodeId);
  if (!episode) return;
  const source = { sourceType: 'attendance', sourceId: row.id };
  await createTasks(tx, ctx, [
    {
      assigneeId: episode.careTeam.primaryClinician.id,
      participantId: row.participantId,
      kind: 'attendance_follow_up',
      title: `Follow up on an unexcused absence: ${what}`,
      dueDate: date,
      ...source,
    },
  ]);
  const history = await repo.statusesUpTo(tx, orgId, row.participantId, row.startsAt);
  const summary = attendanceSummary(history.map((item) => item.status as AttendanceStatus));
  if (summary.consecutiveUnexcused < 2) return;
  const missed = history.slice(-summary.consecutiveUnexcused).map((item) => item.startsAt.toISOString());
  await raiseAlerts(tx, ctx, [
    {
      participantId: row.participantId,
      severity: 'high',
      rule: 'attendance.consecutive_unexcused',
      ...source,
      evidence: { unexcusedInARow: summary.consecutiveUnexcused, sessions: missed },
      suggestedAction: 'Reach the participant today and review their plan with the supervisor.',
    },
  ]);
  if (episode.careTeam.supervisor) {
    await createTasks(tx, ctx, [
      {
        assigneeId: episode.careTeam.supervisor.id,
        participantId: row.participantId,
        kind: 'absence_pattern_review',
        title: `Review: ${summary.consecutiveUnexcused} unexcused absences in a row, the latest ${what}`,
        dueDate: date,
        ...source,
      },
    ]);
  }
}

/** A participant's consistency of care: attendance rate, misses in a row, their latest 50 sessions. */
export function participantAttendance(ctx: ServiceContext, participantId: string) {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const orgId = ctx.actor.orgId;
    await requireParticipant(tx, orgId, participantId);
    const statuses = await repo.allStatuses(tx, orgId, participantId);
    const latest = await repo.latestRecords(tx, orgId, participantId, 50);
    await recordAudit(tx, ctx, {
      action: 'attendance.read',
      subjectType: 'participant',
      subjectId: participantId,
      participantId,
    });
    return {
      summary: attendanceSummary(statuses.map((item) => item.status as AttendanceStatus)),
      items: latest.map(({ record, occurrence, series }) => ({
        sessionId: occurrence.id,
        seriesId: series.id,
        modality: series.modality as SessionModality,
        localDate: occurrence.localDate,
        localStart: instantToZoned(occurrence.startsAt, series.timeZone).time,
        status: record.status as AttendanceStatus,
        minutes: record.minutes,
        recordedAt: record.recordedAt.toISOString(),
      })),
    };
  });
}
