import { randomUUID } from 'node:crypto';
import {
  addDays,
  type DimensionRatings,
  isoWeekDates,
  isoWeekOf,
  type Occurrence,
  occurrencesBetween,
  recommendLevelOfCare,
  type SessionModality,
  trackPresets,
  zonedToInstant,
} from '@stepwise/core';
import { count, sql } from 'drizzle-orm';
import { type Database, type Db, resultRows } from '../db/database.js';
import {
  episodes,
  levelOfCareAssessments,
  organisations,
  participantContacts,
  participants,
  programs,
  rooms,
  seriesEnrolments,
  sessionOccurrences,
  sessionSeries,
  sites,
  tracks,
  users,
} from '../db/schema.js';
import { hashPassword } from '../modules/auth/secrets.js';
import { horizonDays } from '../modules/scheduling/scheduling.service.js';
import { seededRandom, syntheticContacts, syntheticParticipant } from '../seed/synthetic.js';
import {
  type ClinicalSummary,
  type CohortMember,
  type GroupHistory,
  generateClinicalHistory,
  type ScheduledProgram,
} from './generate-clinical.js';

/** Password of every generated account. */
export const generatedPassword = 'stepwise-bench-password';

/** Participants per unit of scale. */
export const participantsPerScale = 500;

export interface GenerateResult {
  organisationId: string;
  participants: number;
  contacts: number;
  /** Staff accounts, the group counsellors included. */
  staff: number;
  /** The scheduling data of the organisation: see `generateSchedule`. */
  schedule: ScheduleSummary;
  /** Plans, attendance, notes, tasks and alerts: see `generateClinicalHistory`. */
  clinical: ClinicalSummary;
  /**
   * Sign-ins the benchmark uses, all with `generatedPassword`: `dayClinicians` have sessions today
   * (the clinician first); each `signingPool` entry has draft group notes ready to sign.
   */
  logins: {
    clinician: string;
    admin: string;
    dayClinicians: string[];
    signingPool: { email: string; noteIds: string[] }[];
    /** Portal accounts of admitted participants (up to 200), for the check-in benchmark. */
    participants: string[];
  };
}

/** Admitted participants given a portal account. */
export const portalAccounts = 200;

export interface GenerateOptions {
  /** Draft group notes of twelve attendees to write for the benchmark to sign (default none). */
  signingPool?: number;
}

export interface ScheduleSummary {
  rooms: number;
  series: number;
  occurrences: number;
  /** Participants with an open episode of care (every one enrolled or waitlisted in groups). */
  admitted: number;
  enrolments: number;
}

export type Progress = (done: number, total: number, label: string) => void;

/**
 * Generates a synthetic clinic for benchmarks: at scale N, N × 500 participants with one or two
 * contacts each, N sites, three programs per site, 10 staff per scale unit, and each program's week of
 * groups with about half the participants admitted and enrolled (`generateSchedule`). The same scale
 * always produces the same people (seeded); session dates are relative to `now`, as in the demo. A
 * second small organisation is added so isolation is exercised. Bulk-loaded as the database owner; no
 * audit events are written for generated data.
 */
export async function generate(
  database: Database,
  scale: number,
  onProgress: Progress = () => {},
  now = new Date(),
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const random = seededRandom(1000 + scale);
  const passwordHash = await hashPassword(generatedPassword);
  const total = scale * participantsPerScale;
  const db = database.db;
  // Accounts need unique emails even when generate runs twice; the count of existing organisations
  // keeps them deterministic for a given starting database.
  const [existing] = await db.select({ n: count() }).from(organisations);
  const tag = `s${scale}-o${Number(existing?.n ?? 0)}`;

  const [org] = await db
    .insert(organisations)
    .values({ name: `Benchmark Clinic (synthetic, scale ${scale})`, nextRecordNumber: total + 1 })
    .returning();
  if (!org) throw new Error('organisation not created');
  const siteRows = await db
    .insert(sites)
    .values(
      Array.from({ length: scale }, (_, i) => ({
        orgId: org.id,
        name: `Synthetic Site ${i + 1}`,
        timeZone: 'America/Chicago',
      })),
    )
    .returning({ id: sites.id, timeZone: sites.timeZone });
  const programsMade: GeneratedProgram[] = [];
  for (const site of siteRows) {
    const programRows = await db
      .insert(programs)
      .values(
        (['substance_use', 'mental_health', 'co_occurring'] as const).map((kind) => ({
          orgId: org.id,
          siteId: site.id,
          name: `Synthetic ${kind} IOP`,
          kind,
          population: 'adult',
          weeklyHoursMinimum: 9,
          groupCapacity: 12,
        })),
      )
      .returning({ id: programs.id, groupCapacity: programs.groupCapacity });
    for (const program of programRows) {
      const trackRows = await db
        .insert(tracks)
        .values(
          (['morning', 'evening', 'weekend'] as const).map((kind) => ({
            orgId: org.id,
            programId: program.id,
            name: `${kind} track`,
            kind,
            ...trackPresets[kind],
          })),
        )
        .returning({ id: tracks.id, kind: tracks.kind });
      const trackOf = (kind: string) => trackRows.find((track) => track.kind === kind)?.id ?? null;
      programsMade.push({
        id: program.id,
        siteId: site.id,
        timeZone: site.timeZone,
        groupCapacity: program.groupCapacity,
        trackIds: { morning: trackOf('morning'), evening: trackOf('evening'), weekend: trackOf('weekend') },
      });
    }
  }
  const staffCount = scale * 10;
  const staffRoles = [
    'clinician',
    'clinician',
    'clinician',
    'clinician',
    'intake',
    'supervisor',
    'director',
    'billing',
    'compliance',
    'admin',
  ] as const;
  const staffRows = await db
    .insert(users)
    .values(
      Array.from({ length: staffCount }, (_, i) => ({
        orgId: org.id,
        email: `staff${i}.${tag}@bench.stepwise.test`,
        displayName: `Synthetic Staff ${i}`,
        kind: 'staff',
        roles: [staffRoles[i % staffRoles.length] ?? 'clinician'],
        passwordHash,
      })),
    )
    .returning({ id: users.id, roles: users.roles, email: users.email });
  const supervisorIds = staffRows.filter((row) => row.roles.includes('supervisor')).map((row) => row.id);

  let contacts = 0;
  const participantIds: string[] = [];
  const batch = 250;
  for (let start = 0; start < total; start += batch) {
    const people = Array.from({ length: Math.min(batch, total - start) }, (_, i) =>
      syntheticParticipant(random, start + i, 'adult'),
    );
    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      const inserted = await tx
        .insert(participants)
        .values(
          people.map((person, i) => ({
            orgId: org.id,
            recordNumber: `SW-${String(start + i + 1).padStart(6, '0')}`,
            ...person,
          })),
        )
        .returning({ id: participants.id });
      participantIds.push(...inserted.map((row) => row.id));
      const contactRows = inserted.flatMap((row, i) => {
        const person = people[i];
        return person
          ? syntheticContacts(random, person).map((contact) => ({
              orgId: org.id,
              participantId: row.id,
              ...contact,
            }))
          : [];
      });
      await tx.insert(participantContacts).values(contactRows);
      contacts += contactRows.length;
    });
    onProgress(Math.min(start + batch, total), total, 'participants');
  }

  const [other] = await db
    .insert(organisations)
    .values({ name: `Other Clinic (synthetic, scale ${scale})` })
    .returning();
  if (other) {
    const people = Array.from({ length: 50 }, (_, i) => syntheticParticipant(random, total + i, 'adult'));
    await db.insert(participants).values(
      people.map((person, i) => ({
        orgId: other.id,
        recordNumber: `SW-${String(i + 1).padStart(6, '0')}`,
        ...person,
      })),
    );
  }

  const { schedule, counsellors, scheduled, scheduleStart, until } = await generateSchedule(db, {
    orgId: org.id,
    tag,
    passwordHash,
    programs: programsMade,
    participantIds,
    supervisorIds,
    random: seededRandom(2000 + scale),
    now,
    onProgress,
  });

  const clinicianId = staffRows[0]?.id;
  if (!clinicianId) throw new Error('no staff generated');
  const clinical = await generateClinicalHistory(database, {
    orgId: org.id,
    programs: scheduled,
    clinicianId,
    scheduleStart,
    until,
    poolSize: options.signingPool ?? 0,
    random: seededRandom(3000 + scale),
    now,
    onProgress,
  });
  // Portal accounts for the first admitted participants: the check-in benchmark signs in as them.
  const admitted = resultRows<{ participant_id: string }>(
    await db.execute(sql`
      select distinct participant_id from episodes where org_id = ${org.id}::uuid and status = 'open'
      order by participant_id limit ${portalAccounts}`),
  );
  const portalRows =
    admitted.length === 0
      ? []
      : await db
          .insert(users)
          .values(
            admitted.map((row, i) => ({
              orgId: org.id,
              email: `participant${i}.${tag}@bench.stepwise.test`,
              displayName: `Synthetic Participant ${i}`,
              kind: 'participant',
              roles: ['participant'],
              participantId: row.participant_id,
              passwordHash,
            })),
          )
          .returning({ email: users.email });
  const emailOf = new Map([...staffRows, ...counsellors].map((row) => [row.id, row.email] as const));
  const email = (id: string) => emailOf.get(id) ?? id;

  // After a bulk load, give the planner statistics (and the visibility map) the way a running server
  // has them: autovacuum on a PostgreSQL server, the maintenance job on the embedded one.
  await database.raw.exec(
    'VACUUM (ANALYZE) participants, participant_contacts, users, sessions, rooms, level_of_care_assessments, ' +
      'episodes, session_series, session_occurrences, series_enrolments, treatment_plans, attendance, notes, ' +
      'note_parts, note_versions, tasks, alerts',
  );

  return {
    organisationId: org.id,
    participants: total,
    contacts,
    staff: staffCount + counsellors.length,
    schedule,
    clinical: clinical.summary,
    logins: {
      clinician: `staff0.${tag}@bench.stepwise.test`,
      admin: `staff9.${tag}@bench.stepwise.test`,
      dayClinicians: clinical.dayClinicianIds.map(email),
      signingPool: clinical.pool.map((author) => ({
        email: email(author.authorId),
        noteIds: author.noteIds,
      })),
      participants: portalRows.map((row) => row.email),
    },
  };
}

interface GeneratedProgram {
  id: string;
  siteId: string;
  timeZone: string;
  groupCapacity: number;
  trackIds: Record<'morning' | 'evening' | 'weekend', string | null>;
}

/** One weekly group of a cohort. */
interface GroupSlot {
  /** The RRULE weekday. */
  day: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA';
  /** Days after the schedule's first Monday. */
  offsetDays: number;
  startTime: string;
  durationMinutes: number;
  modality: SessionModality;
  topic: string;
  track: 'morning' | 'evening' | 'weekend';
  /** Joined by every other member of the cohort only, so people have three or four groups a week. */
  optional?: true;
}

/**
 * A cohort's week on each track, after the demo's (the Matrix Model's 3 h × 3 days [G3]): mornings
 * Monday, Wednesday and Thursday; evenings Tuesday and Thursday plus Saturday morning; each with a
 * shorter optional group. A morning and an evening cohort never meet at the same time, so one room and
 * one counsellor can serve one of each.
 */
const cohortWeeks: Record<'morning' | 'evening', GroupSlot[]> = {
  morning: [
    {
      day: 'MO',
      offsetDays: 0,
      startTime: '09:00',
      durationMinutes: 180,
      modality: 'cbt_group',
      topic: 'Thoughts, cravings and choices',
      track: 'morning',
    },
    {
      day: 'WE',
      offsetDays: 2,
      startTime: '09:00',
      durationMinutes: 180,
      modality: 'relapse_prevention',
      topic: 'High-risk situations',
      track: 'morning',
    },
    {
      day: 'TH',
      offsetDays: 3,
      startTime: '09:00',
      durationMinutes: 180,
      modality: 'psychoeducation',
      topic: 'How recovery works',
      track: 'morning',
    },
    {
      day: 'FR',
      offsetDays: 4,
      startTime: '09:00',
      durationMinutes: 90,
      modality: 'life_skills',
      topic: 'Planning the weekend',
      track: 'morning',
      optional: true,
    },
  ],
  evening: [
    {
      day: 'TU',
      offsetDays: 1,
      startTime: '18:00',
      durationMinutes: 180,
      modality: 'group_therapy',
      topic: 'Evening process group',
      track: 'evening',
    },
    {
      day: 'TH',
      offsetDays: 3,
      startTime: '18:00',
      durationMinutes: 180,
      modality: 'relapse_prevention',
      topic: 'Coping with lapses',
      track: 'evening',
    },
    {
      day: 'SA',
      offsetDays: 5,
      startTime: '09:00',
      durationMinutes: 180,
      modality: 'dbt_skills_group',
      topic: 'Distress tolerance',
      track: 'weekend',
    },
    {
      day: 'WE',
      offsetDays: 2,
      startTime: '18:00',
      durationMinutes: 90,
      modality: 'family_group',
      topic: 'Family and recovery',
      track: 'evening',
      optional: true,
    },
  ],
};

/** Cohorts per program on each of the morning and evening tracks. */
const cohortsPerTrack = 4;

/** Admitted but waiting for a seat, per program and track: the first cohort is full and has a waitlist. */
const waitingPerTrack = 2;

/** Level-of-care ratings that the default rules place in intensive outpatient care. */
const admissionRatings: DimensionRatings[] = [
  { d1: 0, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1 },
  { d1: 0, d2: 1, d3: 2, d4: 2, d5: 2, d6: 0 },
  { d1: 1, d2: 1, d3: 2, d4: 2, d5: 2, d6: 1 },
];

/** Rows per INSERT statement, well under PostgreSQL's 65,535 bind parameters. */
const insertChunk = 1000;

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < rows.length; start += insertChunk) {
    await insert(rows.slice(start, start + insertChunk));
  }
}

/**
 * Each program's scheduling data, bulk-inserted in the shape the scheduling and episodes services
 * produce (their per-call checks and audit events would take minutes at scale 10):
 *
 * - four group counsellors and four group rooms per program; counsellor and room k serve the program's
 *   morning cohort k and evening cohort k, whose times never overlap, so nobody and nothing is booked
 *   twice;
 * - per cohort, the four weekly series of `cohortWeeks` from the Monday four weeks ago, materialised to
 *   26 weeks from today, as the maintenance job keeps them (so a server started on the data has
 *   nothing to catch up);
 * - participants admitted in turn to the programs: an IOP assessment, decided, and an open episode
 *   started in the last seven weeks; each enrolled from that date in one cohort's three core groups
 *   and, every other person, its optional one, 9 to 12 per cohort and never above the group capacity;
 *   the first cohort of each track is full and two more people wait for it. The rest of the
 *   participants have no episode.
 */
async function generateSchedule(
  db: Database['db'],
  options: {
    orgId: string;
    tag: string;
    passwordHash: string;
    programs: GeneratedProgram[];
    /** In record-number order; dealt to the programs in turn. */
    participantIds: string[];
    supervisorIds: string[];
    random: () => number;
    now: Date;
    onProgress: Progress;
  },
): Promise<{
  schedule: ScheduleSummary;
  counsellors: { id: string; email: string }[];
  scheduled: ScheduledProgram[];
  scheduleStart: string;
  until: string;
}> {
  const { orgId, random } = options;
  const summary: ScheduleSummary = { rooms: 0, series: 0, occurrences: 0, admitted: 0, enrolments: 0 };
  const today = options.now.toISOString().slice(0, 10);
  const monday = isoWeekDates(isoWeekOf(addDays(today, -28)))?.[0];
  if (!monday) throw new Error('no ISO week for the schedule start');
  const until = addDays(today, horizonDays);
  const recommendations = admissionRatings.map((dimensions) => {
    const recommendation = recommendLevelOfCare({
      population: 'adult',
      dimensions,
      context: { stableHome: true },
    });
    if (recommendation.level !== 'iop') throw new Error('generated ratings no longer recommend IOP');
    return { dimensions, recommendation };
  });
  // Every program's cohort meets at the same local times; the occurrences differ only by zone.
  const occurrenceCache = new Map<string, Occurrence[]>();
  const occurrencesOf = (slot: GroupSlot, zone: string) => {
    const key = `${zone} ${slot.day} ${slot.startTime} ${slot.durationMinutes}`;
    let found = occurrenceCache.get(key);
    if (!found) {
      const startDate = addDays(monday, slot.offsetDays);
      found = occurrencesBetween(
        {
          startDate,
          startTime: slot.startTime,
          durationMinutes: slot.durationMinutes,
          rrule: `FREQ=WEEKLY;BYDAY=${slot.day}`,
          exceptions: [],
          timeZone: zone,
        },
        zonedToInstant(startDate, '00:00', zone),
        zonedToInstant(until, '00:00', zone),
      );
      occurrenceCache.set(key, found);
    }
    return found;
  };

  const counsellorRows = await db
    .insert(users)
    .values(
      Array.from({ length: options.programs.length * cohortsPerTrack }, (_, i) => ({
        orgId,
        email: `counsellor${i}.${options.tag}@bench.stepwise.test`,
        displayName: `Synthetic Counsellor ${i}`,
        kind: 'staff',
        roles: ['clinician'],
        passwordHash: options.passwordHash,
      })),
    )
    .returning({ id: users.id, email: users.email });
  const scheduled: ScheduledProgram[] = [];
  const programCount = options.programs.length;
  for (const [programIndex, program] of options.programs.entries()) {
    // Participant i goes to program i mod programs, so every program draws from the whole list.
    const queue = options.participantIds.filter((_, i) => i % programCount === programIndex).values();
    const counsellorIds = counsellorRows
      .slice(programIndex * cohortsPerTrack, (programIndex + 1) * cohortsPerTrack)
      .map((row) => row.id);
    const supervisorId = options.supervisorIds[programIndex % options.supervisorIds.length] ?? null;
    const roomRows = counsellorIds.map((_, k) => ({
      id: randomUUID(),
      orgId,
      siteId: program.siteId,
      name: `Group Room ${programIndex * cohortsPerTrack + k + 1}`,
      capacity: 14,
    }));
    const seriesRows: (typeof sessionSeries.$inferInsert)[] = [];
    const occurrenceRows: (typeof sessionOccurrences.$inferInsert)[] = [];
    const assessmentRows: (typeof levelOfCareAssessments.$inferInsert)[] = [];
    const episodeRows: (typeof episodes.$inferInsert)[] = [];
    const enrolmentRows: (typeof seriesEnrolments.$inferInsert)[] = [];
    const made: ScheduledProgram = {
      id: program.id,
      timeZone: program.timeZone,
      counsellorIds,
      roomIds: roomRows.map((room) => room.id),
      supervisorId,
      trackIds: program.trackIds,
      cohorts: [],
      groups: [],
    };
    const eveningCohorts: ScheduledProgram['cohorts'] = [];

    /** An IOP assessment, decided, and an open episode on the cohort's track, started in the last seven weeks. */
    function admit(participantId: string, track: 'morning' | 'evening', clinicianId: string) {
      const startDate = addDays(today, -Math.floor(random() * 49));
      const rated = recommendations[Math.floor(random() * recommendations.length)];
      if (!rated) throw new Error('no admission ratings');
      const { dimensions, recommendation } = rated;
      const assessedAt = new Date(`${addDays(startDate, -3)}T15:00:00Z`);
      const assessmentId = randomUUID();
      assessmentRows.push({
        id: assessmentId,
        orgId,
        participantId,
        programId: program.id,
        population: 'adult',
        dimensions,
        context: { stableHome: true },
        recommendation,
        recommendedLevel: recommendation.level,
        assessedBy: clinicianId,
        assessedAt,
        decision: 'confirmed',
        decidedLevel: recommendation.level,
        decidedBy: clinicianId,
        decidedAt: new Date(assessedAt.getTime() + 3_600_000),
      });
      const episodeId = randomUUID();
      episodeRows.push({
        id: episodeId,
        orgId,
        participantId,
        programId: program.id,
        trackId: program.trackIds[track],
        levelOfCareAssessmentId: assessmentId,
        phase: 'Early recovery',
        startDate,
        expectedLengthDays: 56 + 7 * Math.floor(random() * 5),
        primaryClinicianId: clinicianId,
        supervisorId,
        payer: 'Synthetic Health Plan',
        diagnoses: [{ code: 'F10.20', description: 'Alcohol use disorder, moderate' }],
      });
      return { episodeId, startDate };
    }
    const now = options.now;

    for (const [k, counsellorId] of counsellorIds.entries()) {
      const roomId = roomRows[k]?.id ?? null;
      for (const track of ['morning', 'evening'] as const) {
        const cohort = cohortWeeks[track].map((slot) => {
          const id = randomUUID();
          const facilitatorIds = [counsellorId];
          seriesRows.push({
            id,
            orgId,
            programId: program.id,
            trackId: program.trackIds[slot.track],
            kind: 'group',
            modality: slot.modality,
            topic: slot.topic,
            roomId,
            facilitatorIds,
            capacity: program.groupCapacity,
            startDate: addDays(monday, slot.offsetDays),
            startTime: slot.startTime,
            durationMinutes: slot.durationMinutes,
            rrule: `FREQ=WEEKLY;BYDAY=${slot.day}`,
            timeZone: program.timeZone,
            materialisedUntil: until,
            createdBy: counsellorId,
          });
          const history: GroupHistory = {
            seriesId: id,
            modality: slot.modality,
            topic: slot.topic,
            durationMinutes: slot.durationMinutes,
            facilitatorIds,
            members: [],
            past: [],
          };
          for (const occurrence of occurrencesOf(slot, program.timeZone)) {
            // Sessions already over get ids here: their attendance and notes refer to them.
            const past = occurrence.end <= now;
            const occurrenceId = past ? randomUUID() : undefined;
            if (occurrenceId) {
              history.past.push({
                id: occurrenceId,
                localDate: occurrence.localDate,
                startsAt: occurrence.start,
                endsAt: occurrence.end,
              });
            }
            occurrenceRows.push({
              id: occurrenceId,
              orgId,
              seriesId: id,
              localDate: occurrence.localDate,
              startsAt: occurrence.start,
              endsAt: occurrence.end,
              roomId,
              facilitatorIds,
            });
          }
          made.groups.push(history);
          return { id, optional: slot.optional === true, history };
        });
        const members: CohortMember[] = [];

        const full = k === 0;
        const seated = full
          ? program.groupCapacity
          : Math.min(program.groupCapacity, 9 + Math.floor(random() * 4));
        const waiting = full ? waitingPerTrack : 0;
        for (let seat = 0; seat < seated + waiting; seat += 1) {
          const { value: participantId, done } = queue.next();
          if (done) break;
          const admission = admit(participantId, track, counsellorId);
          const waitlisted = seat >= seated;
          const member: CohortMember = {
            participantId,
            episodeId: admission.episodeId,
            startDate: admission.startDate,
            counsellorId,
            seated: !waitlisted,
          };
          members.push(member);
          for (const series of cohort) {
            if (series.optional && (waitlisted || seat % 2 === 1)) continue;
            if (!waitlisted) series.history.members.push(member);
            enrolmentRows.push({
              orgId,
              seriesId: series.id,
              episodeId: admission.episodeId,
              participantId,
              status: waitlisted ? 'waitlisted' : 'enrolled',
              fromDate: admission.startDate,
              waitlistedAt: waitlisted ? new Date(`${admission.startDate}T16:00:00Z`) : null,
              createdBy: counsellorId,
            });
          }
        }
        (track === 'morning' ? made.cohorts : eveningCohorts).push({ track, members });
      }
    }
    made.cohorts.push(...eveningCohorts);
    scheduled.push(made);

    await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.insert(rooms).values(roomRows);
      await insertChunked(seriesRows, (chunk) => tx.insert(sessionSeries).values(chunk));
      await insertChunked(occurrenceRows, (chunk) => tx.insert(sessionOccurrences).values(chunk));
      await insertChunked(assessmentRows, (chunk) => tx.insert(levelOfCareAssessments).values(chunk));
      await insertChunked(episodeRows, (chunk) => tx.insert(episodes).values(chunk));
      await insertChunked(enrolmentRows, (chunk) => tx.insert(seriesEnrolments).values(chunk));
    });
    summary.rooms += roomRows.length;
    summary.series += seriesRows.length;
    summary.occurrences += occurrenceRows.length;
    summary.admitted += episodeRows.length;
    summary.enrolments += enrolmentRows.length;
    options.onProgress(programIndex + 1, programCount, 'schedules');
  }
  return { schedule: summary, counsellors: counsellorRows, scheduled, scheduleStart: monday, until };
}
