import { z } from 'zod';
import { attendanceStatuses } from '../attendance.js';
import { dueAssessmentSchema } from './assessment-schedule.js';
import { dateSchema, idSchema, optionalText, timestampSchema } from './common.js';
import { sessionModalities, sessionSchema } from './scheduling.js';

const person = z.object({ id: idSchema, name: z.string() });

/** A whole group's attendance, recorded (or corrected) at once. */
export const attendanceInput = z.strictObject({
  records: z
    .array(
      z.strictObject({
        participantId: idSchema,
        status: z.enum(attendanceStatuses),
        /** Minutes attended; the session's length when absent (0 for absences). */
        minutes: z.int().min(0).max(480).optional(),
        note: optionalText(500),
      }),
    )
    .min(1, 'record at least one attendee')
    .max(60)
    .refine((records) => new Set(records.map((record) => record.participantId)).size === records.length, {
      message: 'each participant once',
    }),
});
export type AttendanceInput = z.infer<typeof attendanceInput>;

export const attendanceRecordSchema = z.object({
  status: z.enum(attendanceStatuses),
  minutes: z.number(),
  note: z.string().nullable(),
  recordedBy: person,
  recordedAt: timestampSchema,
});

/** A session's attendees (its roster that day, make-ups included) with what was recorded for each. */
export const sessionAttendanceSchema = z.object({
  session: sessionSchema,
  attendees: z.array(
    z.object({
      participantId: idSchema,
      participantName: z.string(),
      episodeId: idSchema,
      /** Attending as a make-up for another session. */
      makeup: z.boolean(),
      record: attendanceRecordSchema.nullable(),
    }),
  ),
});
export type SessionAttendance = z.infer<typeof sessionAttendanceSchema>;

/** A participant's consistency of care: rate, misses in a row, and their latest recorded sessions. */
export const participantAttendanceSchema = z.object({
  summary: z.object({
    recorded: z.number(),
    attended: z.number(),
    rate: z.number().nullable(),
    consecutiveMisses: z.number(),
    consecutiveUnexcused: z.number(),
  }),
  items: z.array(
    z.object({
      sessionId: idSchema,
      seriesId: idSchema,
      modality: z.enum(sessionModalities),
      localDate: dateSchema,
      localStart: z.string(),
      status: z.enum(attendanceStatuses),
      minutes: z.number(),
      recordedAt: timestampSchema,
    }),
  ),
});

/** What a task asks of its assignee. */
export const taskKinds = ['attendance_follow_up', 'absence_pattern_review', 'plan_review'] as const;
export type TaskKind = (typeof taskKinds)[number];
export const taskKindLabels: Record<TaskKind, string> = {
  attendance_follow_up: 'Attendance follow-up',
  absence_pattern_review: 'Absences to review',
  plan_review: 'Treatment-plan review',
};

export const taskSchema = z.object({
  id: idSchema,
  kind: z.enum(taskKinds),
  title: z.string(),
  dueDate: dateSchema,
  status: z.enum(['open', 'done', 'cancelled']),
  participantId: idSchema.nullable(),
  participantName: z.string().nullable(),
  sourceType: z.string(),
  sourceId: idSchema,
  createdAt: timestampSchema,
  completedAt: timestampSchema.nullable(),
  completionNote: z.string().nullable(),
});
export type Task = z.infer<typeof taskSchema>;

export const tasksQuery = z.strictObject({ status: z.enum(['open', 'done']).default('open') });
/** Marking a task done; the body may be left out. */
export const taskCompletionInput = z.preprocess(
  (body) => body ?? {},
  z.strictObject({ note: optionalText(500) }),
);

/** The clinician's day (GET /me/day): their sessions with rosters and flags, the notes they owe, their tasks. */
export const clinicianDaySchema = z.object({
  /** Today where the organisation's first site is, which decides "due today" and "overdue". */
  today: dateSchema,
  sessions: z.array(
    z.object({
      session: sessionSchema,
      attendees: z.array(
        z.object({
          participantId: idSchema,
          participantName: z.string(),
          makeup: z.boolean(),
          attendance: z.enum(attendanceStatuses).nullable(),
          /** Open alerts, how many of them critical. */
          openAlerts: z.number(),
          criticalAlerts: z.number(),
          /** Unexcused absences in a row before and including the latest recorded session. */
          unexcusedInARow: z.number(),
          /** The plan in effect's review date has passed. */
          planReviewOverdue: z.boolean(),
        }),
      ),
      groupNote: z.object({ id: idSchema, status: z.enum(['draft', 'signed', 'cosigned']) }).nullable(),
    }),
  ),
  /** Sessions of the last seven days attended but not yet documented by a signed note. */
  notesOwed: z.array(
    z.object({
      sessionId: idSchema,
      kind: z.enum(['group', 'individual', 'family', 'makeup']),
      modality: z.enum(sessionModalities),
      localDate: dateSchema,
      localStart: z.string(),
      participantId: idSchema.nullable(),
      participantName: z.string().nullable(),
      noteId: idSchema.nullable(),
      /** Notes are due within a day of the session's end. */
      dueBy: timestampSchema,
    }),
  ),
  tasks: z.object({ dueToday: z.number(), overdue: z.number() }),
  /**
   * Questionnaires owed by the participants whose primary clinician this is (open episodes), each with
   * what is due or overdue; the most overdue participants first. Participants owing nothing are left out.
   */
  assessmentsDue: z.array(
    z.object({
      participantId: idSchema,
      participantName: z.string(),
      items: z.array(dueAssessmentSchema),
    }),
  ),
});
export type ClinicianDay = z.infer<typeof clinicianDaySchema>;
