import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admitToProgram,
  type Clinic,
  type Session,
  sessionOn as sessionOnDate,
  TestServer,
} from '../../test/harness.js';

/*
 * The clinician's day in one request: today's groups she runs with each attendee and what matters in
 * the room about them, the notes she still owes from the past week with their due time, and her tasks
 * due or overdue. Someone else's sessions are not hers.
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let intake: Session;
let programId: string;
let groupSeries: string;
let individualSeries: string;
const people: { participantId: string; episodeId: string }[] = [];
const today = instantToZoned(new Date(), 'America/Chicago').date;
const firstDay = addDays(today, -3);

const sessionOf = (seriesId: string, date: string) => sessionOnDate(clinician, { programId, seriesId }, date);

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Day Clinic');
  [director, clinician, intake] = await Promise.all([
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.intake.email),
  ]);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Day IOP',
      kind: 'substance_use',
      population: 'adult',
    })
  ).body.id;
  const roomId = (await director.post('/api/v1/rooms', { siteId: clinic.siteId, name: 'Room D' })).body.id;
  const series = (body: Record<string, unknown>) =>
    director.post(`/api/v1/programs/${programId}/session-series`, {
      roomId,
      startDate: firstDay,
      rrule: 'FREQ=DAILY',
      ...body,
    });
  groupSeries = (
    await series({
      modality: 'cbt_group',
      facilitatorIds: [clinic.staff.clinician.id],
      startTime: '06:00',
      durationMinutes: 180,
    })
  ).body.id;
  individualSeries = (
    await series({
      kind: 'individual',
      modality: 'individual_therapy',
      facilitatorIds: [clinic.staff.clinician.id],
      startTime: '10:00',
      durationMinutes: 50,
      rrule: null,
    })
  ).body.id;
  // The director's own group, the same days: not the clinician's.
  await series({
    modality: 'life_skills',
    facilitatorIds: [clinic.staff.director.id],
    startTime: '13:00',
    durationMinutes: 60,
  });
  for (const name of ['Ari', 'Bea', 'Cal']) {
    const admitted = await admitToProgram(intake, {
      programId,
      givenName: name,
      familyName: 'Daywell',
      startDate: firstDay,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    await clinician.post(`/api/v1/session-series/${groupSeries}/enrolments`, {
      episodeId: admitted.episodeId,
      fromDate: firstDay,
    });
    people.push(admitted);
  }
  const [ari, bea, cal] = people;
  await clinician.post(`/api/v1/session-series/${individualSeries}/enrolments`, {
    episodeId: ari?.episodeId,
    fromDate: firstDay,
  });
  // Two sessions ago and yesterday: Bea missed both without a word; Ari and Cal came.
  for (const date of [addDays(today, -2), addDays(today, -1)]) {
    await clinician.put(`/api/v1/sessions/${await sessionOf(groupSeries, date)}/attendance`, {
      records: [
        { participantId: ari?.participantId, status: 'present' },
        { participantId: bea?.participantId, status: 'absent_unexcused' },
        { participantId: cal?.participantId, status: 'present' },
      ],
    });
  }
  await clinician.put(`/api/v1/sessions/${await sessionOf(individualSeries, firstDay)}/attendance`, {
    records: [{ participantId: ari?.participantId, status: 'present' }],
  });
  // Cal's plan review fell due a week ago.
  const plan = await clinician.post(`/api/v1/participants/${cal?.participantId}/treatment-plans`, {
    episodeId: cal?.episodeId,
    problems: [
      {
        title: 'Isolation',
        goals: [
          {
            statement: 'See a friend each week',
            objectives: [{ text: 'One visit a week', targetDate: today }],
          },
        ],
        interventions: [{ kind: 'cbt', frequency: 'Weekly', responsibleStaffId: clinic.staff.clinician.id }],
      },
    ],
  });
  await clinician.post(`/api/v1/treatment-plans/${plan.body.id}/activate`);
  await server.database.db.execute(
    sql`update treatment_plans set next_review_date = ${addDays(today, -7)}::date where id = ${plan.body.id}::uuid`,
  );
});
afterAll(() => server.close());

describe('the clinician’s day', () => {
  it('shows today’s groups she runs with each attendee’s flags, the notes she owes and her tasks', async () => {
    const day = await clinician.get('/api/v1/me/day');
    expect(day.status).toBe(200);
    expect(day.body.today).toBe(today);
    expect(day.body.sessions.map((item: { session: { seriesId: string } }) => item.session.seriesId)).toEqual(
      [groupSeries],
    );
    const [group] = day.body.sessions;
    expect(group.groupNote).toBeNull();
    expect(
      group.attendees.map(
        (attendee: {
          participantId: string;
          unexcusedInARow: number;
          openAlerts: number;
          planReviewOverdue: boolean;
        }) => [
          people.findIndex((person) => person.participantId === attendee.participantId),
          attendee.unexcusedInARow,
          attendee.openAlerts,
          attendee.planReviewOverdue,
        ],
      ),
    ).toEqual([
      [0, 0, 0, false],
      [1, 2, 1, false],
      [2, 0, 0, true],
    ]);
    expect(group.attendees.every((attendee: { attendance: unknown }) => attendee.attendance === null)).toBe(
      true,
    );

    // Two group sessions and one individual session attended and not yet documented.
    const owed = day.body.notesOwed.map(
      (note: { kind: string; localDate: string; participantName: string | null }) => [
        note.kind,
        note.localDate,
        note.participantName,
      ],
    );
    expect(owed).toEqual(
      expect.arrayContaining([
        ['individual', firstDay, 'Ari Daywell'],
        ['group', addDays(today, -2), null],
        ['group', addDays(today, -1), null],
      ]),
    );
    expect(owed).toHaveLength(3);
    const individual = day.body.notesOwed.find((note: { kind: string }) => note.kind === 'individual');
    const session = await clinician.get(`/api/v1/sessions/${individual.sessionId}`);
    // Due a day after the session ended.
    expect(new Date(individual.dueBy).getTime() - new Date(session.body.endsAt).getTime()).toBe(
      24 * 3_600_000,
    );
    expect(day.body.tasks).toEqual({ dueToday: 0, overdue: 2 });
  });

  it('drops a note from what she owes once it is signed', async () => {
    const ari = people[0];
    const sessionId = await sessionOf(individualSeries, firstDay);
    const note = await clinician.post(`/api/v1/participants/${ari?.participantId}/notes`, {
      kind: 'individual',
      sessionId,
      content: {
        format: 'dap',
        data: 'Talked about work stress',
        assessment: 'Coping',
        plan: 'Continue',
        fields: { approach: 'cbt', riskReview: 'no_concerns' },
      },
    });
    const draftDay = await clinician.get('/api/v1/me/day');
    expect(draftDay.body.notesOwed.find((item: { kind: string }) => item.kind === 'individual').noteId).toBe(
      note.body.id,
    );
    await clinician.post(`/api/v1/notes/${note.body.id}/sign`);
    const after = await clinician.get('/api/v1/me/day');
    expect(after.body.notesOwed.map((item: { kind: string }) => item.kind)).toEqual(['group', 'group']);
    const directorDay = await director.get('/api/v1/me/day');
    expect(directorDay.body.sessions).toHaveLength(1);
    expect(directorDay.body.notesOwed).toEqual([]);
    const billing = await server.signIn(clinic.staff.billing.email);
    expect((await billing.get('/api/v1/me/day')).status).toBe(403);
  });

  it('follows a session to whoever takes it over', async () => {
    // No screen hands a session over yet; the database keeps the facilitators' index in step whatever
    // changes them (migration 0020), which is what the day view reads.
    const sessionId = await sessionOf(groupSeries, today);
    const handOver = (to: string) =>
      server.database.db.execute(
        sql`update session_occurrences set facilitator_ids = array[${to}::uuid] where id = ${sessionId}::uuid`,
      );
    const directorBefore = (await director.get('/api/v1/me/day')).body.sessions.length;
    await handOver(clinic.staff.director.id);
    expect((await clinician.get('/api/v1/me/day')).body.sessions).toEqual([]);
    expect((await director.get('/api/v1/me/day')).body.sessions).toHaveLength(directorBefore + 1);
    await handOver(clinic.staff.clinician.id);
    const back = await clinician.get('/api/v1/me/day');
    expect(back.body.sessions.map((item: { session: { id: string } }) => item.session.id)).toEqual([
      sessionId,
    ]);
  });
});
