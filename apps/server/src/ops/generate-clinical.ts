import { randomUUID } from 'node:crypto';
import {
  type AttendanceStatus,
  addDays,
  attendanceSummary,
  instantToZoned,
  type NotePartContent,
  noteTemplates,
  occurrencesBetween,
  type SessionModality,
  serviceCodeFor,
  sessionModalityLabels,
  zonedToInstant,
} from '@stepwise/core';
import type { Database, Db } from '../db/database.js';
import {
  alerts,
  attendance,
  noteParts,
  notes,
  noteVersions,
  seriesEnrolments,
  sessionOccurrences,
  sessionSeries,
  tasks,
  treatmentPlans,
} from '../db/schema.js';
import type { Progress } from './generate.js';

/*
 * The clinical side of the benchmark's clinic (see generate.ts): what a few weeks of running the groups
 * would have left behind, bulk-inserted in the shape the attendance, notes, treatment-plan, task and
 * alert services write. Its volume grows with the scale (every admitted participant has a plan and a
 * history), while what one clinician sees in a day does not: the day view's cost should not either.
 */

/** An admitted participant as the schedule dealt them: their episode and its first day. */
export interface CohortMember {
  participantId: string;
  episodeId: string;
  startDate: string;
  /** The counsellor of their cohort, who is the episode's primary clinician. */
  counsellorId: string;
  /** False for the waitlisted. */
  seated: boolean;
}

/** A weekly group and who is enrolled in it, with its occurrences already past when generated. */
export interface GroupHistory {
  seriesId: string;
  modality: SessionModality;
  topic: string;
  durationMinutes: number;
  facilitatorIds: string[];
  members: CohortMember[];
  past: PastOccurrence[];
}

interface PastOccurrence {
  id: string;
  localDate: string;
  startsAt: Date;
  endsAt: Date;
}

/** One program's schedule, as `generateSchedule` made it. */
export interface ScheduledProgram {
  id: string;
  timeZone: string;
  /** Counsellor k runs morning cohort k and evening cohort k. */
  counsellorIds: string[];
  roomIds: string[];
  supervisorId: string | null;
  trackIds: Record<'morning' | 'evening' | 'weekend', string | null>;
  /** Morning cohort k at index k, then evening cohort k at index 4 + k. */
  cohorts: { track: 'morning' | 'evening'; members: CohortMember[] }[];
  groups: GroupHistory[];
}

export interface ClinicalSummary {
  /** Treatment plans in effect: one per admitted participant. */
  plans: number;
  attendance: number;
  /** Signed group notes of past sessions. */
  signedNotes: number;
  openTasks: number;
  openAlerts: number;
  /** Draft group notes of 12 attendees, ready to sign (the benchmark's pool). */
  draftNotes: number;
}

/** The draft group notes one clinician has ready to sign. */
export interface SigningPoolAuthor {
  authorId: string;
  noteIds: string[];
}

/** Days back from yesterday over which the signing pool's check-in groups met. */
const poolDays = 28;

/**
 * Local start times of the signing pool's daily 50-minute video check-in groups, chosen only to be clear
 * of every other group: the pool exists to give a benchmark a new note to sign on every request.
 */
const poolSlots = ['04:00', '05:00', '06:00', '07:00', '08:00', '12:00', '16:30', '21:00', '22:00', '23:00'];

/** Counsellors per program who write the pool's notes; counsellor 0 has the day groups instead. */
const poolAuthorsPerProgram = 3;

/** Seats of a pool check-in group, all present. */
const poolGroupSize = 12;

/** Notes of sessions that ended more than this long ago are signed; later ones are still owed. */
const signedAfterHours = 48;

const participationPhrases = [
  'Arrived on time and joined the check-in straight away.',
  'Quiet at first, then described a difficult evening at home.',
  'Led the role play and gave another member useful feedback.',
  'Spoke about cravings after work and what helped this week.',
  'Shared a setback openly and asked the group for ideas.',
  'Listened closely and offered encouragement to a newer member.',
  'Brought the completed worksheet and walked the group through it.',
  'Talked about repairing trust with a family member.',
  'Described using a grounding skill at a family gathering.',
  'Practised refusing an offer in a role play with a peer.',
  'Reported better sleep since starting the evening routine.',
  'Named money worries as a trigger and made a plan for payday.',
  'Reflected on a week without missed shifts at work.',
  'Described an urge on the weekend and how it passed.',
];
const responsePhrases = [
  'Engaged throughout; open to feedback.',
  'Receptive to suggestions and wrote them down.',
  'Became tearful, settled with support, stayed to the end.',
  'Asked good questions about the skill practised.',
  'Gave and received feedback respectfully.',
  'Agreed to try the homework before the next group.',
];
const progressPhrases = [
  'Used a coping skill at two of three cravings this week.',
  'Kept the daily log on five of seven days.',
  'Called a support person instead of going to the bar.',
  'Attended a mutual-help meeting as planned.',
  'No use reported since the last group; practising urge surfing.',
  'Drafted a plan for the high-risk weekend ahead.',
];
const goalStatements = [
  'I want to get through cravings without using.',
  'I want to rebuild trust with my family.',
  'I want to keep my job and show up every shift.',
  'I want to sleep through the night without drinking.',
];

/**
 * Writes the clinical history and today's sessions of the generated programs:
 *
 * - a treatment plan in effect for every admitted participant (one problem, two goals), started two
 *   days after their episode, so those admitted more than a month ago are due (or overdue) for review;
 * - per program, two afternoon groups meeting weekly on today's weekday (13:00 and 14:45), run by
 *   counsellor 0 for the seated members of morning cohort 0 and evening cohort 0 (twelve each), so
 *   every day has sessions; program 0's are co-run by the benchmark's clinician sign-in;
 * - attendance at every group that has already taken place, for those enrolled by then: mostly present,
 *   some late or leaving early, a few absences (more for about one person in ten);
 * - a signed group note with each attendee's part for every group that ended more than two days ago
 *   (later ones are the notes still owed);
 * - for each unexcused absence a follow-up task for the primary clinician (open for the last three
 *   days, done before), and on a second in a row an alert (open for the last two weeks, resolved
 *   before) with a review task for the supervisor;
 * - the signing pool: up to `poolSize` draft group notes of daily 50-minute check-in groups in the
 *   last four weeks, run by counsellors 1 to 3 of each program in turn, each with twelve attendees
 *   present and an individual part for each that reports on one of their plan's goals (at most
 *   3 × 10 × 28 per program, fewer where too few people were admitted yet).
 */
export async function generateClinicalHistory(
  database: Database,
  options: {
    orgId: string;
    programs: ScheduledProgram[];
    /** The benchmark's clinician sign-in, who co-runs program 0's afternoon groups. */
    clinicianId: string;
    /** The schedule's first Monday and the date it is materialised to. */
    scheduleStart: string;
    until: string;
    poolSize: number;
    random: () => number;
    now: Date;
    onProgress: Progress;
  },
): Promise<{ summary: ClinicalSummary; pool: SigningPoolAuthor[]; dayClinicianIds: string[] }> {
  const { orgId, random, now } = options;
  const summary: ClinicalSummary = {
    plans: 0,
    attendance: 0,
    signedNotes: 0,
    openTasks: 0,
    openAlerts: 0,
    draftNotes: 0,
  };
  const pool: SigningPoolAuthor[] = [];
  const dayClinicianIds: string[] = [options.clinicianId];
  let poolLeft = options.poolSize;

  for (const [programIndex, program] of options.programs.entries()) {
    const zone = program.timeZone;
    const today = instantToZoned(now, zone).date;
    const rows = new Rows();
    const supervisorId = program.supervisorId;
    const everyone = program.cohorts.flatMap((cohort) => cohort.members);

    // Plans first: notes report progress on their goals.
    const goalsOf = new Map<string, string[]>();
    for (const member of everyone) {
      const goalIds = [randomUUID(), randomUUID()];
      goalsOf.set(member.participantId, goalIds);
      const activatedOn = addDays(member.startDate, 2);
      const activatedAt = new Date(`${activatedOn}T17:00:00Z`);
      const first = Math.floor(random() * goalStatements.length);
      rows.plans.push({
        orgId,
        participantId: member.participantId,
        episodeId: member.episodeId,
        version: 1,
        status: 'active',
        problems: [
          {
            id: randomUUID(),
            title: 'Substance use despite harm to work and family',
            dimension: 'd5',
            goals: goalIds.map((id, g) => ({
              id,
              statement: goalStatements[(first + g) % goalStatements.length],
              objectives: [
                {
                  id: randomUUID(),
                  text: 'Use a coping skill at each craving and log it',
                  targetDate: addDays(member.startDate, 45),
                },
              ],
            })),
            interventions: [
              {
                kind: 'group_therapy',
                frequency: 'Three 3-hour groups a week',
                responsibleStaffId: member.counsellorId,
              },
            ],
          },
        ],
        reviewEveryDays: 30,
        nextReviewDate: addDays(activatedOn, 30),
        createdBy: member.counsellorId,
        createdAt: new Date(activatedAt.getTime() - 86_400_000),
        activatedBy: member.counsellorId,
        activatedAt,
      });
    }

    // Today's afternoon groups, meeting weekly on today's weekday since the schedule began.
    const weekday = instantToZoned(zonedToInstant(today, '12:00', zone), zone).weekday;
    const firstDate = addDays(options.scheduleStart, weekday - 1);
    const dayRunner = program.counsellorIds[0];
    if (dayRunner) {
      dayClinicianIds.push(dayRunner);
      const afternoon = [
        { cohort: 0, startTime: '13:00', modality: 'psychoeducation', topic: 'Recovery and the body' },
        {
          cohort: cohortsPerTrackOf(program),
          startTime: '14:45',
          modality: 'group_therapy',
          topic: 'Afternoon process group',
        },
      ] as const;
      for (const group of afternoon) {
        const members = (program.cohorts[group.cohort]?.members ?? []).filter((member) => member.seated);
        const facilitatorIds = programIndex === 0 ? [dayRunner, options.clinicianId] : [dayRunner];
        const seriesId = randomUUID();
        const rrule = `FREQ=WEEKLY;BYDAY=${rruleDays[weekday - 1]}`;
        rows.series.push({
          id: seriesId,
          orgId,
          programId: program.id,
          trackId: program.trackIds[group.cohort === 0 ? 'morning' : 'evening'],
          kind: 'group',
          modality: group.modality,
          topic: group.topic,
          roomId: program.roomIds[0] ?? null,
          facilitatorIds,
          capacity: poolGroupSize,
          startDate: firstDate,
          startTime: group.startTime,
          durationMinutes: 90,
          rrule,
          timeZone: zone,
          materialisedUntil: options.until,
          createdBy: dayRunner,
        });
        const past: PastOccurrence[] = [];
        for (const occurrence of occurrencesBetween(
          {
            startDate: firstDate,
            startTime: group.startTime,
            durationMinutes: 90,
            rrule,
            exceptions: [],
            timeZone: zone,
          },
          zonedToInstant(firstDate, '00:00', zone),
          zonedToInstant(options.until, '00:00', zone),
        )) {
          const id = randomUUID();
          rows.occurrences.push({
            id,
            orgId,
            seriesId,
            localDate: occurrence.localDate,
            startsAt: occurrence.start,
            endsAt: occurrence.end,
            roomId: program.roomIds[0] ?? null,
            facilitatorIds,
          });
          if (occurrence.end <= now) {
            past.push({
              id,
              localDate: occurrence.localDate,
              startsAt: occurrence.start,
              endsAt: occurrence.end,
            });
          }
        }
        for (const member of members) {
          rows.enrolments.push({
            orgId,
            seriesId,
            episodeId: member.episodeId,
            participantId: member.participantId,
            status: 'enrolled',
            fromDate: member.startDate,
            createdBy: dayRunner,
          });
        }
        program.groups.push({
          seriesId,
          modality: group.modality,
          topic: group.topic,
          durationMinutes: 90,
          facilitatorIds,
          members,
          past,
        });
      }
    }

    // What the groups that already met left behind.
    const struggling = new Set(everyone.filter(() => random() < 0.1).map((member) => member.participantId));
    const history = new Map<string, { row: RecordedAttendance; member: CohortMember }[]>();
    const signedBefore = new Date(now.getTime() - signedAfterHours * 3_600_000);
    for (const group of program.groups) {
      const author = group.facilitatorIds[0];
      if (!author) continue;
      for (const occurrence of group.past) {
        const present: { member: CohortMember; minutes: number }[] = [];
        for (const member of group.members) {
          if (member.startDate > occurrence.localDate) continue;
          const status = attendanceStatus(random(), struggling.has(member.participantId));
          const minutes = attendedMinutesOf(status, group.durationMinutes);
          const row = {
            id: randomUUID(),
            orgId,
            occurrenceId: occurrence.id,
            participantId: member.participantId,
            episodeId: member.episodeId,
            startsAt: occurrence.startsAt,
            status,
            minutes,
            recordedBy: author,
            recordedAt: occurrence.endsAt,
          };
          rows.attendance.push(row);
          let theirs = history.get(member.participantId);
          if (!theirs) {
            theirs = [];
            history.set(member.participantId, theirs);
          }
          theirs.push({ row, member });
          if (minutes > 0) present.push({ member, minutes });
        }
        if (present.length === 0 || occurrence.endsAt > signedBefore) continue;
        const noteId = randomUUID();
        const signedAt = new Date(occurrence.endsAt.getTime() + 3 * 3_600_000);
        rows.notes.push({
          id: noteId,
          orgId,
          kind: 'group',
          occurrenceId: occurrence.id,
          authorId: author,
          status: 'signed',
          content: groupNoteContent(group.topic, group.modality),
          minutes: group.durationMinutes,
          serviceCode: serviceCodeFor('group', group.durationMinutes),
          requiresCosign: false,
          version: 1 + present.length,
          signedAt,
          createdAt: occurrence.endsAt,
          updatedAt: signedAt,
        });
        const offset = Math.floor(random() * participationPhrases.length);
        present.forEach(({ member }, i) => {
          rows.parts.push({
            orgId,
            noteId,
            participantId: member.participantId,
            episodeId: member.episodeId,
            content: partContent(offset + i, goalsOf.get(member.participantId)?.[i % 2]),
            signed: true,
          });
        });
        summary.signedNotes += 1;
      }
    }

    // Follow-ups for unexcused absences and, on a second in a row, an alert and a review.
    const followUpsOpenFrom = addDays(today, -3);
    const alertsOpenFrom = new Date(now.getTime() - 14 * 86_400_000);
    for (const theirs of history.values()) {
      theirs.sort((a, b) => a.row.startsAt.getTime() - b.row.startsAt.getTime());
      const statuses: AttendanceStatus[] = [];
      for (const { row, member } of theirs) {
        statuses.push(row.status);
        if (row.status !== 'absent_unexcused') continue;
        const localDate = instantToZoned(row.startsAt, zone).date;
        const open = localDate >= followUpsOpenFrom;
        const source = { sourceType: 'attendance', sourceId: row.id };
        rows.tasks.push({
          orgId,
          assigneeId: member.counsellorId,
          participantId: member.participantId,
          kind: 'attendance_follow_up',
          title: `Follow up on an unexcused absence: group, ${localDate}`,
          dueDate: localDate,
          status: open ? 'open' : 'done',
          ...source,
          createdAt: row.recordedAt,
          completedAt: open ? null : new Date(row.startsAt.getTime() + 86_400_000),
          completedBy: open ? null : member.counsellorId,
          completionNote: open ? null : 'Reached by phone; back next session.',
        });
        if (open) summary.openTasks += 1;
        const inARow = attendanceSummary(statuses).consecutiveUnexcused;
        if (inARow < 2) continue;
        const alertOpen = row.startsAt >= alertsOpenFrom;
        rows.alerts.push({
          orgId,
          participantId: member.participantId,
          severity: 'high',
          rule: 'attendance.consecutive_unexcused',
          ...source,
          evidence: { unexcusedInARow: inARow },
          suggestedAction: 'Reach the participant today and review their plan with the supervisor.',
          status: alertOpen ? 'open' : 'resolved',
          createdAt: row.recordedAt,
          resolvedAt: alertOpen ? null : new Date(row.startsAt.getTime() + 2 * 86_400_000),
          resolvedBy: alertOpen ? null : member.counsellorId,
          resolutionNote: alertOpen ? null : 'Reviewed with the supervisor; plan adjusted.',
        });
        if (alertOpen) summary.openAlerts += 1;
        if (supervisorId) {
          rows.tasks.push({
            orgId,
            assigneeId: supervisorId,
            participantId: member.participantId,
            kind: 'absence_pattern_review',
            title: `Review: ${inARow} unexcused absences in a row, the latest ${localDate}`,
            dueDate: localDate,
            status: alertOpen ? 'open' : 'done',
            ...source,
            createdAt: row.recordedAt,
            completedAt: alertOpen ? null : new Date(row.startsAt.getTime() + 2 * 86_400_000),
            completedBy: alertOpen ? null : supervisorId,
          });
        }
      }
    }

    // The signing pool: check-in groups with twelve present and a draft note written for each.
    if (poolLeft > 0) {
      const authors = program.counsellorIds.slice(1, 1 + poolAuthorsPerProgram);
      const drafts = poolDrafts(rows, {
        orgId,
        program,
        authors,
        goalsOf,
        today,
        wanted: poolLeft,
        random,
      });
      pool.push(...drafts);
      const made = drafts.reduce((sum, author) => sum + author.noteIds.length, 0);
      poolLeft -= made;
      summary.draftNotes += made;
    }

    await rows.insert(database.db);
    summary.plans += rows.plans.length;
    summary.attendance += rows.attendance.length;
    options.onProgress(programIndex + 1, options.programs.length, 'clinical history');
  }
  return { summary, pool, dayClinicianIds };
}

interface RecordedAttendance {
  id: string;
  startsAt: Date;
  recordedAt: Date;
  status: AttendanceStatus;
}

const rruleDays = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** Index of evening cohort 0 in `ScheduledProgram.cohorts`. */
const cohortsPerTrackOf = (program: ScheduledProgram) => program.cohorts.length / 2;

/** Mostly present; about one in ten people miss far more often than the rest. */
function attendanceStatus(draw: number, struggling: boolean): AttendanceStatus {
  if (struggling) {
    if (draw < 0.25) return 'absent_unexcused';
    if (draw < 0.35) return 'absent_excused';
    if (draw < 0.45) return 'late';
    return 'present';
  }
  if (draw < 0.03) return 'absent_unexcused';
  if (draw < 0.07) return 'absent_excused';
  if (draw < 0.11) return 'late';
  if (draw < 0.13) return 'left_early';
  return 'present';
}

function attendedMinutesOf(status: AttendanceStatus, length: number): number {
  if (status === 'present' || status === 'telehealth') return length;
  if (status === 'late') return length - 15;
  if (status === 'left_early') return length - 30;
  return 0;
}

function groupNoteContent(topic: string, modality: SessionModality) {
  return {
    topic,
    module: '',
    interventions: [sessionModalityLabels[modality]],
    narrative:
      'The group reviewed the week, practised the skill of the day in pairs and planned for the days ahead.',
    template: modality,
    fields: Object.fromEntries(
      noteTemplates[modality].fields.map((field) => [
        field.key,
        field.kind === 'choice'
          ? (field.options[0]?.value ?? '')
          : `${field.label}: as planned for the session.`,
      ]),
    ),
  };
}

/** An attendee's part; `variant` picks the wording, so parts of one note differ. */
function partContent(variant: number, goalId: string | undefined): NotePartContent {
  return {
    participation: participationPhrases[variant % participationPhrases.length] ?? '',
    response: responsePhrases[variant % responsePhrases.length] ?? '',
    goalProgress: goalId
      ? [{ goalId, progress: progressPhrases[variant % progressPhrases.length] ?? '' }]
      : [],
  };
}

/**
 * Daily check-in groups of each author at the pool's times over the last `poolDays` days, twelve
 * present at each (people admitted by then, no one in two at once), each with a draft group note;
 * authors are filled in turn until `wanted` notes are written, so few sign-ins cover a small pool.
 */
function poolDrafts(
  rows: Rows,
  options: {
    orgId: string;
    program: ScheduledProgram;
    authors: string[];
    goalsOf: Map<string, string[]>;
    today: string;
    wanted: number;
    random: () => number;
  },
): SigningPoolAuthor[] {
  const { orgId, program, today } = options;
  const zone = program.timeZone;
  // Not the afternoon groups' people: their recent history is what today's day view shows.
  const admitted = program.cohorts
    .filter((_, index) => index !== 0 && index !== cohortsPerTrackOf(program))
    .flatMap((cohort) => cohort.members);
  const firstDate = addDays(today, -poolDays);
  const drafts: SigningPoolAuthor[] = [];
  let left = options.wanted;
  for (const [authorIndex, authorId] of options.authors.entries()) {
    if (left <= 0) break;
    const noteIds: string[] = [];
    for (const [slotIndex, startTime] of poolSlots.entries()) {
      if (left <= 0) break;
      const seriesId = randomUUID();
      const rrule = `FREQ=DAILY;COUNT=${poolDays}`;
      rows.series.push({
        id: seriesId,
        orgId,
        programId: program.id,
        trackId: null,
        kind: 'group',
        modality: 'group_therapy',
        topic: 'Check-in group',
        roomId: null,
        telehealthUrl: `https://video.bench.stepwise.test/check-in/${seriesId}`,
        facilitatorIds: [authorId],
        capacity: poolGroupSize,
        startDate: firstDate,
        startTime,
        durationMinutes: 50,
        rrule,
        timeZone: zone,
        materialisedUntil: addDays(today, -1),
        createdBy: authorId,
      });
      const occurrences = occurrencesBetween(
        { startDate: firstDate, startTime, durationMinutes: 50, rrule, exceptions: [], timeZone: zone },
        zonedToInstant(firstDate, '00:00', zone),
        zonedToInstant(today, '00:00', zone),
      );
      // Most recent first, so a small pool is of last week's sessions.
      for (const [dayIndex, occurrence] of [...occurrences].reverse().entries()) {
        const occurrenceId = randomUUID();
        rows.occurrences.push({
          id: occurrenceId,
          orgId,
          seriesId,
          localDate: occurrence.localDate,
          startsAt: occurrence.start,
          endsAt: occurrence.end,
          roomId: null,
          facilitatorIds: [authorId],
        });
        if (left <= 0) continue;
        // The authors of one time take disjoint dozens of the people admitted by that day; on the
        // earliest days there are not enough for every author.
        const eligible = admitted.filter(
          (member) => member.seated && member.startDate <= occurrence.localDate,
        );
        if (eligible.length < (authorIndex + 1) * poolGroupSize) continue;
        const shift = (dayIndex * poolSlots.length + slotIndex) * poolGroupSize;
        const attendees = Array.from(
          { length: poolGroupSize },
          (_, i) => eligible[(shift + authorIndex * poolGroupSize + i) % eligible.length],
        ).filter((member) => member !== undefined);
        if (attendees.length < poolGroupSize) continue;
        const noteId = randomUUID();
        const content = groupNoteContent('Check-in group', 'group_therapy');
        rows.notes.push({
          id: noteId,
          orgId,
          kind: 'group',
          occurrenceId,
          authorId,
          status: 'draft',
          content,
          minutes: 50,
          serviceCode: serviceCodeFor('group', 50),
          requiresCosign: false,
          version: 1,
          createdAt: occurrence.end,
          updatedAt: occurrence.end,
        });
        rows.versions.push({ orgId, noteId, content, savedBy: authorId, savedAt: occurrence.end });
        const offset = Math.floor(options.random() * participationPhrases.length);
        attendees.forEach((member, i) => {
          rows.attendance.push({
            orgId,
            occurrenceId,
            participantId: member.participantId,
            episodeId: member.episodeId,
            startsAt: occurrence.start,
            status: 'present',
            minutes: 50,
            recordedBy: authorId,
            recordedAt: occurrence.end,
          });
          rows.parts.push({
            orgId,
            noteId,
            participantId: member.participantId,
            episodeId: member.episodeId,
            // Twelve consecutive wordings out of fourteen: no two parts of the note alike.
            content: partContent(offset + i, options.goalsOf.get(member.participantId)?.[0]),
            signed: false,
          });
        });
        noteIds.push(noteId);
        left -= 1;
      }
    }
    if (noteIds.length > 0) drafts.push({ authorId, noteIds });
  }
  return drafts;
}

/** Rows per INSERT statement, well under PostgreSQL's 65,535 bind parameters. */
const insertChunk = 1000;

/** One program's rows, inserted together in one transaction, parents before children. */
class Rows {
  series: (typeof sessionSeries.$inferInsert)[] = [];
  occurrences: (typeof sessionOccurrences.$inferInsert)[] = [];
  enrolments: (typeof seriesEnrolments.$inferInsert)[] = [];
  plans: (typeof treatmentPlans.$inferInsert)[] = [];
  attendance: (typeof attendance.$inferInsert & { status: AttendanceStatus })[] = [];
  notes: (typeof notes.$inferInsert)[] = [];
  parts: (typeof noteParts.$inferInsert)[] = [];
  versions: (typeof noteVersions.$inferInsert)[] = [];
  tasks: (typeof tasks.$inferInsert)[] = [];
  alerts: (typeof alerts.$inferInsert)[] = [];

  async insert(db: Database['db']): Promise<void> {
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const chunked = async <T>(items: T[], insert: (chunk: T[]) => Promise<unknown>) => {
        for (let start = 0; start < items.length; start += insertChunk) {
          await insert(items.slice(start, start + insertChunk));
        }
      };
      await chunked(this.series, (chunk) => tx.insert(sessionSeries).values(chunk));
      await chunked(this.occurrences, (chunk) => tx.insert(sessionOccurrences).values(chunk));
      await chunked(this.enrolments, (chunk) => tx.insert(seriesEnrolments).values(chunk));
      await chunked(this.plans, (chunk) => tx.insert(treatmentPlans).values(chunk));
      await chunked(this.attendance, (chunk) => tx.insert(attendance).values(chunk));
      await chunked(this.notes, (chunk) => tx.insert(notes).values(chunk));
      await chunked(this.parts, (chunk) => tx.insert(noteParts).values(chunk));
      await chunked(this.versions, (chunk) => tx.insert(noteVersions).values(chunk));
      await chunked(this.tasks, (chunk) => tx.insert(tasks).values(chunk));
      await chunked(this.alerts, (chunk) => tx.insert(alerts).values(chunk));
    });
  }
}
