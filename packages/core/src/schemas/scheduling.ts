import { z } from 'zod';
import { blackoutReasons } from '../scheduling/availability.js';
import { recurrenceProblem } from '../scheduling/recurrence.js';
import { isoWeekDates } from '../scheduling/zoned-time.js';
import { dateSchema, idSchema, optionalText, shortText, timeOfDaySchema, timestampSchema } from './common.js';

export const sessionKinds = ['group', 'individual', 'family', 'makeup'] as const;
export type SessionKind = (typeof sessionKinds)[number];

/** The group modalities of an IOP (issue "Program scheduling"; SAMHSA core services [G1]). */
export const sessionModalities = [
  'group_therapy',
  'cbt_group',
  'dbt_skills_group',
  'psychoeducation',
  'life_skills',
  'relapse_prevention',
  'family_group',
  'individual_therapy',
  'family_therapy',
] as const;
export type SessionModality = (typeof sessionModalities)[number];

export const sessionModalityLabels: Record<SessionModality, string> = {
  group_therapy: 'Group therapy',
  cbt_group: 'CBT group',
  dbt_skills_group: 'DBT skills group',
  psychoeducation: 'Psychoeducation',
  life_skills: 'Life skills',
  relapse_prevention: 'Relapse prevention',
  family_group: 'Family group',
  individual_therapy: 'Individual therapy',
  family_therapy: 'Family therapy',
};

export const roomInput = z.strictObject({
  siteId: idSchema,
  name: shortText(100),
  capacity: z.int().min(1).max(200).optional(),
});
export const roomSchema = z.object({
  id: idSchema,
  siteId: idSchema,
  name: z.string(),
  capacity: z.number().nullable(),
  createdAt: timestampSchema,
});
export type Room = z.infer<typeof roomSchema>;

export const closureInput = z.strictObject({
  date: dateSchema,
  name: shortText(100),
  /** A closure of one site; the whole organisation when absent. */
  siteId: idSchema.nullable().optional(),
});
export const closureSchema = z.object({
  id: idSchema,
  date: dateSchema,
  name: z.string(),
  siteId: idSchema.nullable(),
});
export type Closure = z.infer<typeof closureSchema>;
/** A closure just declared, with the sessions already scheduled that day, now cancelled. */
export const closureCreatedSchema = closureSchema.extend({ cancelledSessions: z.number() });
export const closuresQuery = z.strictObject({
  /** The first date listed; yesterday (UTC) when absent, so that every site's today is included. */
  from: dateSchema.optional(),
});

const rruleSchema = z
  .string()
  .trim()
  .max(200)
  .superRefine((value, ctx) => {
    const problem = recurrenceProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A session or a series of them: one-off when `rrule` is absent. Times are local to the program's
 * site. A conflict (a facilitator or the room already booked) is refused with 409.
 */
export const sessionSeriesInput = z
  .strictObject({
    kind: z.enum(sessionKinds).default('group'),
    trackId: idSchema.nullable().optional(),
    modality: z.enum(sessionModalities),
    topic: optionalText(200),
    roomId: idSchema.nullable().optional(),
    telehealthUrl: z
      .url({ protocol: /^https$/, message: 'must be an https:// link' })
      .max(500)
      .nullable()
      .optional(),
    facilitatorIds: z.array(idSchema).min(1, 'name at least one facilitator').max(4),
    /** Defaults to the program's group capacity for groups, 1 for individual sessions, 6 for family. */
    capacity: z.int().min(1).max(30).optional(),
    startDate: dateSchema,
    startTime: timeOfDaySchema,
    durationMinutes: z.int().min(15).max(480),
    rrule: rruleSchema.nullable().optional(),
    exceptions: z.array(dateSchema).max(200).default([]),
  })
  .refine((input) => input.roomId || input.telehealthUrl, {
    message: 'give a room or a telehealth link',
    path: ['roomId'],
  });
export type SessionSeriesInput = z.infer<typeof sessionSeriesInput>;

const person = z.object({ id: idSchema, name: z.string() });

export const sessionSeriesSchema = z.object({
  id: idSchema,
  programId: idSchema,
  trackId: idSchema.nullable(),
  kind: z.enum(sessionKinds),
  modality: z.enum(sessionModalities),
  topic: z.string().nullable(),
  roomId: idSchema.nullable(),
  telehealthUrl: z.string().nullable(),
  facilitators: z.array(person),
  capacity: z.number(),
  startDate: dateSchema,
  startTime: z.string(),
  durationMinutes: z.number(),
  rrule: z.string().nullable(),
  exceptions: z.array(dateSchema),
  timeZone: z.string(),
  enrolled: z.number(),
  waitlisted: z.number(),
  createdAt: timestampSchema,
});
export type SessionSeries = z.infer<typeof sessionSeriesSchema>;

/** One occurrence, as a calendar shows it: instants plus the local date and times in the site's zone. */
export const sessionSchema = z.object({
  id: idSchema,
  seriesId: idSchema,
  programId: idSchema,
  trackId: idSchema.nullable(),
  kind: z.enum(sessionKinds),
  modality: z.enum(sessionModalities),
  topic: z.string().nullable(),
  roomId: idSchema.nullable(),
  telehealthUrl: z.string().nullable(),
  facilitatorIds: z.array(idSchema),
  localDate: dateSchema,
  localStart: z.string(),
  localEnd: z.string(),
  timeZone: z.string(),
  startsAt: timestampSchema,
  endsAt: timestampSchema,
  status: z.enum(['scheduled', 'cancelled']),
  cancelReason: z.string().nullable(),
  /** The curriculum module it teaches, if any. */
  moduleId: idSchema.nullable(),
  capacity: z.number(),
  /** People expected: the series' roster on that date, less those making it up elsewhere, plus make-ups. */
  enrolled: z.number(),
});
export type Session = z.infer<typeof sessionSchema>;

/** A program's sessions in one ISO week, in its site's zone (GET /programs/{id}/calendar). */
export const programWeekSchema = z.object({
  week: z.string(),
  timeZone: z.string(),
  items: z.array(sessionSchema),
});

/** A private iCalendar subscription link; its secret is shown once. */
export const calendarLinkSchema = z.object({ url: z.string() });

/** A participant's sessions in a week, cancelled ones included; make-ups are marked. */
export const participantSessionsSchema = z.object({
  week: z.string(),
  timeZone: z.string(),
  items: z.array(sessionSchema.extend({ makeup: z.boolean() })),
});

export const sessionCancellationSchema = z.object({ session: sessionSchema, makeupsCancelled: z.number() });

export const isoWeekSchema = z
  .string()
  .refine((value) => isoWeekDates(value) !== null, 'must be an ISO week such as 2026-W10');

export const calendarQuery = z.strictObject({
  week: isoWeekSchema,
  trackId: idSchema.optional(),
  roomId: idSchema.optional(),
  facilitatorId: idSchema.optional(),
});

export const enrolmentInput = z.strictObject({
  episodeId: idSchema,
  /** First local date the participant attends; today when absent. */
  fromDate: dateSchema.optional(),
  /** Why to enrol although a session falls outside the participant's availability. */
  availabilityOverride: z.string().trim().min(5, 'say why, in a few words').max(500).optional(),
});

export type EnrolmentInput = z.infer<typeof enrolmentInput>;

/** Cancels one occurrence (illness, weather); the people in it keep their other sessions. */
export const sessionCancelInput = z.strictObject({
  reason: z.string().trim().min(3, 'say why, in a few words').max(300),
});

export const makeupInput = z.strictObject({
  /** The participant's session they miss (or that was cancelled). */
  missedSessionId: idSchema,
  /** The session they attend instead. */
  sessionId: idSchema,
  availabilityOverride: z.string().trim().min(5, 'say why, in a few words').max(500).optional(),
  note: optionalText(300),
});

export const makeupSchema = z.object({
  id: idSchema,
  participantId: idSchema,
  episodeId: idSchema,
  status: z.enum(['booked', 'cancelled']),
  missed: sessionSchema,
  session: sessionSchema,
  availabilityOverride: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: timestampSchema,
});
export type Makeup = z.infer<typeof makeupSchema>;

export const makeupOptionsQuery = z.strictObject({ missedSessionId: idSchema });

/** A session a participant could attend as a make-up: seats left, same kind of group first. */
export const makeupOptionSchema = z.object({
  session: sessionSchema,
  seatsLeft: z.number(),
  sameModality: z.boolean(),
  /** Why it falls outside the participant's availability, or null when it fits. */
  availabilityProblem: z.string().nullable(),
});
export type MakeupOption = z.infer<typeof makeupOptionSchema>;

const weeklyWindow = z
  .strictObject({ weekday: z.int().min(1).max(7), startTime: timeOfDaySchema, endTime: timeOfDaySchema })
  .refine((window) => window.endTime > window.startTime, {
    message: 'must end after it starts',
    path: ['endTime'],
  });

/** A participant's week: when they can come, and what they cannot move (replaces what was recorded). */
export const availabilityInput = z.strictObject({
  windows: z.array(weeklyWindow).max(50),
  blackouts: z
    .array(
      z
        .strictObject({
          weekday: z.int().min(1).max(7),
          startTime: timeOfDaySchema,
          endTime: timeOfDaySchema,
          reason: z.enum(blackoutReasons),
          note: optionalText(200),
        })
        .refine((window) => window.endTime > window.startTime, {
          message: 'must end after it starts',
          path: ['endTime'],
        }),
    )
    .max(50),
});
export type AvailabilityInput = z.infer<typeof availabilityInput>;
export const availabilitySchema = z.object({
  windows: z.array(z.object({ weekday: z.number(), startTime: z.string(), endTime: z.string() })),
  blackouts: z.array(
    z.object({
      weekday: z.number(),
      startTime: z.string(),
      endTime: z.string(),
      reason: z.enum(blackoutReasons),
      note: z.string().nullable(),
    }),
  ),
});

export const workingHoursInput = z.strictObject({ windows: z.array(weeklyWindow).max(50) });
export const leaveInput = z
  .strictObject({ startDate: dateSchema, endDate: dateSchema, note: optionalText(200) })
  .refine((leave) => leave.endDate >= leave.startDate, {
    message: 'must not end before it starts',
    path: ['endDate'],
  });

export const enrolmentSchema = z.object({
  id: idSchema,
  seriesId: idSchema,
  episodeId: idSchema,
  participantId: idSchema,
  participantName: z.string(),
  status: z.enum(['enrolled', 'waitlisted', 'withdrawn']),
  fromDate: dateSchema,
  availabilityOverride: z.string().nullable(),
  /** Place on the waitlist, 1 = next offered a seat; null when enrolled or withdrawn. */
  waitlistPosition: z.number().nullable(),
  createdAt: timestampSchema,
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

/** Who left a series, and who was given the freed seat from the waitlist. */
export const withdrawalSchema = z.object({
  withdrawn: enrolmentSchema,
  promoted: enrolmentSchema.nullable(),
});

/** Someone scheduled below their weekly minimum in a week, with the reason in words. */
export const belowMinimumSchema = z.object({
  week: z.string(),
  participantId: idSchema,
  participantName: z.string(),
  episodeId: idSchema,
  scheduledMinutes: z.number(),
  requiredMinutes: z.number(),
  reason: z.string(),
});
export type BelowMinimum = z.infer<typeof belowMinimumSchema>;

/** A staff member's working hours and leave. */
export const staffWeekSchema = z.object({
  workingHours: z.array(z.object({ weekday: z.number(), startTime: z.string(), endTime: z.string() })),
  leave: z.array(z.object({ startDate: z.string(), endDate: z.string(), note: z.string().nullable() })),
});

/** The result of enrolling an episode in every group of a track at once. */
export const trackEnrolmentSchema = z.object({
  /** The new places: seats, or waitlist places where a group is full. */
  items: z.array(enrolmentSchema),
  /** Groups of the track the participant was already in (or waiting for), left as they were. */
  alreadyIn: z.array(idSchema),
});

export const hoursQuery = z.strictObject({ week: isoWeekSchema });

export const weekHoursSchema = z.object({
  week: z.string(),
  scheduledMinutes: z.number(),
  attendedMinutes: z.number(),
  requiredMinutes: z.number(),
  meetsMinimum: z.boolean(),
  days: z.array(z.object({ date: dateSchema, scheduledMinutes: z.number(), attendedMinutes: z.number() })),
});

export const proposalInput = z.strictObject({
  /** The week whose groups are assigned; next week when absent. */
  week: isoWeekSchema.optional(),
  timeLimitSeconds: z.int().min(1).max(60).default(10),
});

export const proposalSchema = z.object({
  id: idSchema,
  programId: idSchema,
  week: z.string(),
  status: z.enum(['pending', 'ready', 'failed', 'applied', 'superseded']),
  createdAt: timestampSchema,
  appliedAt: timestampSchema.nullable(),
  error: z.string().nullable(),
  /** Present once the optimizer has run. */
  result: z
    .object({
      solverStatus: z.string(),
      participants: z.number(),
      meetingMinimum: z.number(),
      meetingMinimumBefore: z.number(),
      gap: z.number(),
      solveSeconds: z.number(),
      assignments: z.array(
        z.object({
          participantId: idSchema,
          participantName: z.string(),
          seriesIds: z.array(idSchema),
          minutes: z.number(),
          requiredMinutes: z.number(),
          meetsMinimum: z.boolean(),
          explanation: z.string(),
        }),
      ),
    })
    .nullable(),
});
export type Proposal = z.infer<typeof proposalSchema>;
