import {
  addDays,
  isoWeekDates,
  isoWeekOf,
  occurrencesBetween,
  type SessionKind,
  type SessionModality,
  zonedToInstant,
} from '@stepwise/core';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import {
  curriculumModules,
  makeupBookings,
  participantAvailability,
  rooms,
  seriesEnrolments,
  sessionOccurrences,
  sessionSeries,
  tracks,
} from '../db/schema.js';
import { rotateSeries } from '../modules/curriculum/rotation.js';
import type { DemoAdmission } from './demo-intake.js';

interface DemoSeries {
  key: string;
  kind: SessionKind;
  modality: SessionModality;
  topic: string;
  room: 'a' | 'b' | 'office';
  facilitator: 'clinician' | 'supervisor';
  startTime: string;
  durationMinutes: number;
  rrule: string;
  /** Days after the schedule's first Monday. */
  offsetDays: number;
  /** The program track the group belongs to (the Saturday group is part of the evening track). */
  track?: 'morning' | 'evening';
}

/**
 * The demo IOP's week (the Matrix Model's 3 h × 3 days [G3], and the tracks): a morning track
 * on Monday, Wednesday and Thursday with a rotating curriculum, an evening track on Tuesday and
 * Thursday plus a Saturday DBT skills group, weekly individual sessions and fortnightly family sessions.
 */
const week: DemoSeries[] = [
  {
    key: 'mon-am',
    track: 'morning',
    kind: 'group',
    modality: 'cbt_group',
    topic: 'Thoughts, cravings and choices',
    room: 'a',
    facilitator: 'clinician',
    startTime: '09:00',
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    offsetDays: 0,
  },
  {
    key: 'wed-am',
    track: 'morning',
    kind: 'group',
    modality: 'relapse_prevention',
    topic: 'High-risk situations',
    room: 'a',
    facilitator: 'clinician',
    startTime: '09:00',
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=WE',
    offsetDays: 2,
  },
  {
    key: 'thu-am',
    track: 'morning',
    kind: 'group',
    modality: 'psychoeducation',
    topic: 'How recovery works',
    room: 'a',
    facilitator: 'supervisor',
    startTime: '09:00',
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=TH',
    offsetDays: 3,
  },
  {
    key: 'tue-pm',
    track: 'evening',
    kind: 'group',
    modality: 'group_therapy',
    topic: 'Evening process group',
    room: 'b',
    facilitator: 'clinician',
    startTime: '18:00',
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=TU',
    offsetDays: 1,
  },
  {
    key: 'thu-pm',
    track: 'evening',
    kind: 'group',
    modality: 'relapse_prevention',
    topic: 'Coping with lapses',
    room: 'b',
    facilitator: 'clinician',
    startTime: '18:00',
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=TH',
    offsetDays: 3,
  },
  {
    key: 'sat-am',
    track: 'evening',
    kind: 'group',
    modality: 'dbt_skills_group',
    topic: 'Distress tolerance',
    room: 'b',
    facilitator: 'supervisor',
    startTime: '09:00',
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=SA',
    offsetDays: 5,
  },
];

/**
 * The program's curriculum, by the modality of the groups that teach it in rotation (issue "The
 * clinical day"): the morning CBT group's thought work, relapse-prevention topics taught by both
 * relapse-prevention groups, psychoeducation with life skills, and the Saturday DBT skills group's
 * distress tolerance in six sessions (domain-rules §6 [G9]). The stress-management topic is optional.
 */
const curriculum: { modality: SessionModality; name: string; required?: false }[] = [
  { modality: 'cbt_group', name: 'CBT 1: Thoughts, feelings and actions' },
  { modality: 'cbt_group', name: 'CBT 2: Challenging thoughts that lead to use' },
  { modality: 'cbt_group', name: 'CBT 3: Problem solving' },
  { modality: 'relapse_prevention', name: 'Relapse prevention 1: Triggers and high-risk situations' },
  { modality: 'relapse_prevention', name: 'Relapse prevention 2: Cravings and urge surfing' },
  { modality: 'relapse_prevention', name: 'Relapse prevention 3: A lapse is not a relapse' },
  { modality: 'relapse_prevention', name: 'Relapse prevention 4: Building a recovery network' },
  { modality: 'psychoeducation', name: 'Psychoeducation: Addiction and the brain' },
  { modality: 'psychoeducation', name: 'Psychoeducation: Depression, anxiety and substance use' },
  { modality: 'psychoeducation', name: 'Life skills: Stress and boundaries', required: false },
  { modality: 'psychoeducation', name: 'Life skills: Healthy relationships' },
  { modality: 'psychoeducation', name: 'Life skills: Vocational readiness' },
  { modality: 'dbt_skills_group', name: 'Distress tolerance 1: STOP and TIPP' },
  { modality: 'dbt_skills_group', name: 'Distress tolerance 2: Distracting with ACCEPTS' },
  { modality: 'dbt_skills_group', name: 'Distress tolerance 3: Self-soothing and IMPROVE' },
  { modality: 'dbt_skills_group', name: 'Distress tolerance 4: Pros and cons' },
  { modality: 'dbt_skills_group', name: 'Distress tolerance 5: Radical acceptance' },
  { modality: 'dbt_skills_group', name: 'Distress tolerance 6: Willingness and turning the mind' },
];

/**
 * Seeds the demo schedule for the adult substance-use program: rooms, the week above from four weeks
 * ago for 26 weeks, the admitted demo participants enrolled (the evening track with the Saturday
 * group; the third without Saturday, which childcare rules out; the fourth on the morning track with a
 * Saturday work shift, so two people show short of 9 hours), an individual session each week and a
 * family session every two weeks for each, and next week's Wednesday morning group cancelled, with the
 * morning participant's make-up on Thursday.
 */
export async function seedDemoSchedule(
  tx: Db,
  orgId: string,
  program: { id: string; siteId: string; timeZone: string; groupCapacity: number },
  admissions: DemoAdmission[],
  staff: { clinician: string; supervisor: string; intake: string },
  now = new Date(),
): Promise<void> {
  const createdRooms = await tx
    .insert(rooms)
    .values([
      { orgId, siteId: program.siteId, name: 'Group Room A (demo)', capacity: 14 },
      { orgId, siteId: program.siteId, name: 'Group Room B (demo)', capacity: 12 },
      { orgId, siteId: program.siteId, name: 'Counselling Office 1 (demo)', capacity: 4 },
    ])
    .returning({ id: rooms.id });
  const roomId = {
    a: createdRooms[0]?.id ?? null,
    b: createdRooms[1]?.id ?? null,
    office: createdRooms[2]?.id ?? null,
  };
  const programTracks = await tx
    .select({ id: tracks.id, kind: tracks.kind })
    .from(tracks)
    .where(eq(tracks.programId, program.id));
  const trackId = (kind: DemoSeries['track']) =>
    programTracks.find((track) => track.kind === kind)?.id ?? null;
  const monday = isoWeekDates(isoWeekOf(addDays(now.toISOString().slice(0, 10), -28)))?.[0] ?? '2026-01-05';
  const until = addDays(monday, 182);

  async function addSeries(spec: DemoSeries, capacity: number, startDate: string): Promise<string> {
    const facilitatorIds = [staff[spec.facilitator]];
    const [series] = await tx
      .insert(sessionSeries)
      .values({
        orgId,
        programId: program.id,
        trackId: trackId(spec.track),
        kind: spec.kind,
        modality: spec.modality,
        topic: spec.topic,
        roomId: roomId[spec.room],
        facilitatorIds,
        capacity,
        startDate,
        startTime: spec.startTime,
        durationMinutes: spec.durationMinutes,
        rrule: spec.rrule,
        timeZone: program.timeZone,
        materialisedUntil: until,
        createdBy: staff.intake,
      })
      .returning({ id: sessionSeries.id });
    if (!series) throw new Error('demo session series not created');
    const occurrences = occurrencesBetween(
      {
        startDate,
        startTime: spec.startTime,
        durationMinutes: spec.durationMinutes,
        rrule: spec.rrule,
        exceptions: [],
        timeZone: program.timeZone,
      },
      zonedToInstant(startDate, '00:00', program.timeZone),
      zonedToInstant(until, '00:00', program.timeZone),
    );
    await tx.insert(sessionOccurrences).values(
      occurrences.map((occurrence) => ({
        orgId,
        seriesId: series.id,
        localDate: occurrence.localDate,
        startsAt: occurrence.start,
        endsAt: occurrence.end,
        roomId: roomId[spec.room],
        facilitatorIds,
      })),
    );
    return series.id;
  }

  await tx.insert(curriculumModules).values(
    curriculum.map((module, index) => ({
      orgId,
      programId: program.id,
      name: module.name,
      modality: module.modality,
      position: (index + 1) * 10,
      required: module.required ?? true,
      createdBy: staff.intake,
    })),
  );

  const seriesId = new Map<string, string>();
  for (const spec of week) {
    seriesId.set(spec.key, await addSeries(spec, program.groupCapacity, addDays(monday, spec.offsetDays)));
  }

  const enrol = (series: string | undefined, admission: DemoAdmission) =>
    series
      ? tx.insert(seriesEnrolments).values({
          orgId,
          seriesId: series,
          episodeId: admission.episodeId,
          participantId: admission.participantId,
          status: 'enrolled',
          fromDate: admission.startDate,
          createdBy: staff.intake,
        })
      : Promise.resolve();

  const last = admissions.length - 1;
  for (const [index, admission] of admissions.entries()) {
    const evening = index < last;
    // The third person's Saturday mornings go to childcare, so they come Tuesday and Thursday only.
    const noSaturday = index === 2 && last > 2;
    const track = evening ? ['tue-pm', 'thu-pm', ...(noSaturday ? [] : ['sat-am'])] : ['mon-am', 'wed-am'];
    for (const key of track) await enrol(seriesId.get(key), admission);
    // An individual session each week, Wednesday or Friday afternoon, staggered by the hour.
    const individual = await addSeries(
      {
        key: `individual-${index}`,
        kind: 'individual',
        modality: 'individual_therapy',
        topic: 'Individual session',
        room: 'office',
        facilitator: 'clinician',
        startTime: `${String(13 + (index % 3)).padStart(2, '0')}:00`,
        durationMinutes: 50,
        rrule: `FREQ=WEEKLY;BYDAY=${index % 2 === 0 ? 'WE' : 'FR'}`,
        offsetDays: 0,
      },
      1,
      addDays(monday, index % 2 === 0 ? 2 : 4),
    );
    await enrol(individual, admission);
    const family = await addSeries(
      {
        key: `family-${index}`,
        kind: 'family',
        modality: 'family_therapy',
        topic: 'Family session',
        room: 'office',
        facilitator: 'supervisor',
        startTime: `${String(16 + (index % 4)).padStart(2, '0')}:00`,
        durationMinutes: 60,
        rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO',
        offsetDays: 0,
      },
      6,
      addDays(monday, 7 * (index % 2)),
    );
    await enrol(family, admission);
    if (!evening || noSaturday) {
      await tx.insert(participantAvailability).values({
        orgId,
        participantId: admission.participantId,
        kind: 'blackout',
        weekday: 6,
        startTime: '07:00',
        endTime: '15:00',
        reason: evening ? 'childcare' : 'work',
        note: evening ? 'No childcare on Saturdays (demo)' : 'Saturday shift (demo)',
      });
    }
  }

  // Next week's Wednesday morning group is cancelled; the morning participant makes it up on Thursday.
  const wednesday = addDays(monday, 7 * 5 + 2);
  const [cancelled] = await tx
    .update(sessionOccurrences)
    .set({
      status: 'cancelled',
      cancelReason: 'Facilitator at a training day (demo)',
      cancelledBy: staff.intake,
      cancelledAt: now,
    })
    .where(
      and(
        eq(sessionOccurrences.seriesId, seriesId.get('wed-am') ?? ''),
        eq(sessionOccurrences.localDate, wednesday),
      ),
    )
    .returning({ id: sessionOccurrences.id });
  const [thursday] = await tx
    .select({ id: sessionOccurrences.id })
    .from(sessionOccurrences)
    .where(
      and(
        eq(sessionOccurrences.seriesId, seriesId.get('thu-am') ?? ''),
        eq(sessionOccurrences.localDate, addDays(wednesday, 1)),
      ),
    );
  const morning = admissions[last];
  if (cancelled && thursday && morning) {
    await tx.insert(makeupBookings).values({
      orgId,
      participantId: morning.participantId,
      episodeId: morning.episodeId,
      missedOccurrenceId: cancelled.id,
      occurrenceId: thursday.id,
      note: 'Wednesday group cancelled (demo)',
      createdBy: staff.intake,
    });
  }
  // Each group teaches its modality's modules in turn from its first session; the cancelled one none.
  await rotateSeries(tx, orgId, [...seriesId.values()], new Date(0));
}
