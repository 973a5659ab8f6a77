import { addDays, instantToZoned, isoWeekOf } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admitToProgram,
  type Clinic,
  type Session,
  sessionOn as sessionOnDate,
  TestServer,
  unknownId,
} from '../../test/harness.js';

/*
 * Taking attendance, over HTTP against the real database: a weekly evening group that began three
 * weeks ago, its past sessions recorded at once for the whole group, minutes that count towards the
 * weekly minimum, and the follow-ups an unexcused absence sets off (a task for the primary clinician,
 * and on the second in a row an alert and a review task for the supervisor).
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let supervisor: Session;
let intake: Session;
let billing: Session;
let programId: string;
let roomId: string;
let seriesId: string;
const people: { participantId: string; episodeId: string }[] = [];
const zone = 'America/Chicago';
const today = instantToZoned(new Date(), zone).date;
/** The group meets every day at 06:00 from 21 days ago: the sessions of the last three weeks are over. */
const firstDay = addDays(today, -21);
const day = (n: number) => addDays(firstDay, n);

const attendance = (date: string) =>
  sessionOn(date).then((id) => clinician.get(`/api/v1/sessions/${id}/attendance`));
const record = (date: string, records: unknown[], as: Session = clinician) =>
  sessionOn(date).then((id) => as.put(`/api/v1/sessions/${id}/attendance`, { records }));

const sessionOn = (date: string) => sessionOnDate(clinician, { programId, seriesId }, date);

const tasksOf = async (session: Session, status = 'open') =>
  (await session.get(`/api/v1/tasks?status=${status}`)).body.items as {
    id: string;
    kind: string;
    title: string;
    dueDate: string;
    participantId: string;
    participantName: string;
    status: string;
  }[];

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Attendance Clinic');
  [director, clinician, supervisor, intake, billing] = await Promise.all([
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.supervisor.email),
    server.signIn(clinic.staff.intake.email),
    server.signIn(clinic.staff.billing.email),
  ]);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Daily IOP',
      kind: 'substance_use',
      population: 'adult',
    })
  ).body.id;
  roomId = (await director.post('/api/v1/rooms', { siteId: clinic.siteId, name: 'Group Room' })).body.id;
  const series = await director.post(`/api/v1/programs/${programId}/session-series`, {
    modality: 'relapse_prevention',
    roomId,
    facilitatorIds: [clinic.staff.clinician.id],
    startDate: firstDay,
    startTime: '06:00',
    durationMinutes: 180,
    rrule: 'FREQ=DAILY',
  });
  expect(series.status).toBe(201);
  seriesId = series.body.id;
  for (const name of ['Ari', 'Bea', 'Cal']) {
    const person = await admitToProgram(intake, {
      programId,
      givenName: name,
      familyName: 'Attendwell',
      startDate: firstDay,
      primaryClinicianId: clinic.staff.clinician.id,
      supervisorId: clinic.staff.supervisor.id,
    });
    people.push(person);
    await clinician.post(`/api/v1/session-series/${seriesId}/enrolments`, {
      episodeId: person.episodeId,
      fromDate: firstDay,
    });
  }
});
afterAll(() => server.close());

describe('a group’s attendance', () => {
  it('lists the session’s roster and records everyone at once, with the minutes that count', async () => {
    const [ari, bea, cal] = people;
    const before = await attendance(day(0));
    expect(before.status).toBe(200);
    expect(
      before.body.attendees.map((attendee: { participantName: string }) => attendee.participantName),
    ).toEqual(['Ari Attendwell', 'Bea Attendwell', 'Cal Attendwell']);
    expect(before.body.attendees.every((attendee: { record: unknown }) => attendee.record === null)).toBe(
      true,
    );

    const saved = await record(day(0), [
      { participantId: ari?.participantId, status: 'present' },
      { participantId: bea?.participantId, status: 'late', minutes: 150, note: 'Bus was late' },
      { participantId: cal?.participantId, status: 'absent_excused' },
    ]);
    expect(saved.status).toBe(200);
    expect(
      saved.body.attendees.map((attendee: { record: { status: string; minutes: number } }) => [
        attendee.record.status,
        attendee.record.minutes,
      ]),
    ).toEqual([
      ['present', 180],
      ['late', 150],
      ['absent_excused', 0],
    ]);
    expect(saved.body.attendees[1].record).toMatchObject({
      note: 'Bus was late',
      recordedBy: { id: clinic.staff.clinician.id },
    });
    const hours = await clinician.get(
      `/api/v1/participants/${bea?.participantId}/hours?week=${isoWeekOf(day(0))}`,
    );
    expect(hours.body.attendedMinutes).toBe(150);
    expect(hours.body.days.find((entry: { date: string }) => entry.date === day(0)).attendedMinutes).toBe(
      150,
    );
  });

  it('refuses attendance that does not fit, and changes nothing', async () => {
    const [ari, bea] = people;
    const stranger = await admitToProgram(intake, {
      programId,
      givenName: 'Dee',
      familyName: 'Elsewhere',
      startDate: firstDay,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    const cases: [unknown[], string][] = [
      [[{ participantId: stranger.participantId, status: 'present' }], 'records.0.participantId'],
      [[{ participantId: ari?.participantId, status: 'present', minutes: 181 }], 'records.0.minutes'],
      [
        [
          { participantId: ari?.participantId, status: 'present' },
          { participantId: bea?.participantId, status: 'absent_unexcused', minutes: 30 },
        ],
        'records.1.minutes',
      ],
    ];
    for (const [records, field] of cases) {
      const refused = await record(day(1), records);
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.body.error.message).toContain(field);
    }
    expect((await record(day(1), [])).status).toBe(400);
    expect(
      (
        await record(day(1), [
          { participantId: ari?.participantId, status: 'present' },
          { participantId: ari?.participantId, status: 'late' },
        ])
      ).status,
    ).toBe(400);
    expect((await record(day(1), [{ participantId: ari?.participantId, status: 'asleep' }])).status).toBe(
      400,
    );
    const untouched = await attendance(day(1));
    expect(untouched.body.attendees.every((attendee: { record: unknown }) => attendee.record === null)).toBe(
      true,
    );

    // A session still to come, or one cancelled, has no attendance to take.
    const tomorrow = await record(addDays(today, 1), [
      { participantId: ari?.participantId, status: 'present' },
    ]);
    expect(tomorrow.status).toBe(409);
    expect(tomorrow.body.error.message).toBe('attendance can be taken once the session has started');
    const later = await sessionOn(addDays(today, 2));
    await clinician.post(`/api/v1/sessions/${later}/cancel`, { reason: 'Snow day' });
    expect(
      (await record(addDays(today, 2), [{ participantId: ari?.participantId, status: 'present' }])).status,
    ).toBe(409);
    expect((await clinician.put(`/api/v1/sessions/${unknownId}/attendance`, { records: [] })).status).toBe(
      400,
    );
    expect(
      (
        await clinician.put(`/api/v1/sessions/${unknownId}/attendance`, {
          records: [{ participantId: ari?.participantId, status: 'present' }],
        })
      ).status,
    ).toBe(404);
  });

  it('is taken by those who run groups and read by the care team only', async () => {
    const [ari] = people;
    const records = [{ participantId: ari?.participantId, status: 'present' }];
    expect((await record(day(1), records, intake)).status).toBe(403);
    expect((await record(day(1), records, billing)).status).toBe(403);
    expect((await record(day(1), records, supervisor)).status).toBe(200);
    const id = await sessionOn(day(1));
    expect((await billing.get(`/api/v1/sessions/${id}/attendance`)).status).toBe(403);
    expect((await billing.get(`/api/v1/participants/${ari?.participantId}/attendance`)).status).toBe(403);
    expect((await billing.get('/api/v1/tasks')).status).toBe(403);
    const other = await server.createClinic('Other Attendance Clinic');
    const outsider = await server.signIn(other.staff.director.email);
    expect((await outsider.get(`/api/v1/sessions/${id}/attendance`)).status).toBe(404);
  });
});

describe('follow-up after unexcused absences', () => {
  it('gives the primary clinician a task due that day, once, and cancels it when corrected', async () => {
    const [, bea, cal] = people;
    await record(day(2), [
      { participantId: bea?.participantId, status: 'absent_unexcused' },
      { participantId: cal?.participantId, status: 'absent_unexcused' },
    ]);
    // Saved again, unchanged, by someone else: no second task, and the record keeps who took it.
    const again = await record(
      day(2),
      [{ participantId: bea?.participantId, status: 'absent_unexcused' }],
      supervisor,
    );
    expect(
      again.body.attendees.find(
        (attendee: { participantId: string }) => attendee.participantId === bea?.participantId,
      ).record.recordedBy.id,
    ).toBe(clinic.staff.clinician.id);
    const open = (await tasksOf(clinician)).filter((task) => task.dueDate === day(2));
    expect(open.map((task) => [task.kind, task.participantName, task.title]).sort()).toEqual([
      [
        'attendance_follow_up',
        'Bea Attendwell',
        `Follow up on an unexcused absence: Relapse prevention, ${day(2)} 06:00`,
      ],
      [
        'attendance_follow_up',
        'Cal Attendwell',
        `Follow up on an unexcused absence: Relapse prevention, ${day(2)} 06:00`,
      ],
    ]);
    // Cal had called in after all: corrected to excused, the follow-up goes away.
    await record(day(2), [{ participantId: cal?.participantId, status: 'absent_excused' }]);
    expect(
      (await tasksOf(clinician))
        .filter((task) => task.dueDate === day(2))
        .map((task) => task.participantName),
    ).toEqual(['Bea Attendwell']);
    expect((await tasksOf(supervisor)).length).toBe(0);
  });

  it('alerts and asks the supervisor to review on the second unexcused absence in a row', async () => {
    const [, bea] = people;
    await record(day(3), [{ participantId: bea?.participantId, status: 'absent_unexcused' }]);
    const review = await tasksOf(supervisor);
    expect(review).toEqual([
      expect.objectContaining({
        kind: 'absence_pattern_review',
        participantId: bea?.participantId,
        dueDate: day(3),
        title: `Review: 2 unexcused absences in a row, the latest Relapse prevention, ${day(3)} 06:00`,
      }),
    ]);
    const alerts = await clinician.get(`/api/v1/alerts?participantId=${bea?.participantId}`);
    expect(
      alerts.body.items.filter(
        (alert: { rule: string }) => alert.rule === 'attendance.consecutive_unexcused',
      ),
    ).toHaveLength(1);
    const summary = await clinician.get(`/api/v1/participants/${bea?.participantId}/attendance`);
    expect(summary.body.summary).toEqual({
      recorded: 3,
      attended: 1,
      rate: 1 / 3,
      consecutiveMisses: 2,
      consecutiveUnexcused: 2,
    });
    expect(
      summary.body.items.map((item: { localDate: string; status: string }) => [item.localDate, item.status]),
    ).toEqual([
      [day(3), 'absent_unexcused'],
      [day(2), 'absent_unexcused'],
      [day(0), 'late'],
    ]);
  });

  it('lets the assignee mark a task done, once; others do not see it', async () => {
    const [task] = await tasksOf(supervisor);
    expect((await clinician.post(`/api/v1/tasks/${task?.id}/complete`, { note: 'Not mine' })).status).toBe(
      404,
    );
    const done = await supervisor.post(`/api/v1/tasks/${task?.id}/complete`, {
      note: 'Called; plan reviewed',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', completionNote: 'Called; plan reviewed' });
    expect((await supervisor.post(`/api/v1/tasks/${task?.id}/complete`)).status).toBe(409);
    expect(await tasksOf(supervisor)).toEqual([]);
    expect((await tasksOf(supervisor, 'done')).map((item) => item.id)).toEqual([task?.id]);
    expect((await supervisor.get('/api/v1/tasks?status=everything')).status).toBe(400);
  });
});

describe('make-ups on the roster', () => {
  it('lists a make-up under the session attended, not the one missed', async () => {
    const [ari] = people;
    const morning = await director.post(`/api/v1/programs/${programId}/session-series`, {
      modality: 'relapse_prevention',
      roomId,
      facilitatorIds: [clinic.staff.director.id],
      startDate: addDays(today, 3),
      startTime: '15:00',
      durationMinutes: 120,
    });
    const makeupSession = await clinician.get(
      `/api/v1/programs/${programId}/calendar?week=${isoWeekOf(addDays(today, 3))}`,
    );
    const target = (makeupSession.body.items as { id: string; seriesId: string }[]).find(
      (item) => item.seriesId === morning.body.id,
    );
    const missed = await sessionOn(addDays(today, 3));
    const booked = await clinician.post(`/api/v1/participants/${ari?.participantId}/makeups`, {
      missedSessionId: missed,
      sessionId: target?.id,
    });
    expect(booked.status).toBe(201);
    const into = await clinician.get(`/api/v1/sessions/${target?.id}/attendance`);
    expect(into.body.attendees).toEqual([
      expect.objectContaining({ participantId: ari?.participantId, makeup: true, record: null }),
    ]);
    const away = await clinician.get(`/api/v1/sessions/${missed}/attendance`);
    expect(
      away.body.attendees.map((attendee: { participantId: string }) => attendee.participantId),
    ).not.toContain(ari?.participantId);
  });
});
