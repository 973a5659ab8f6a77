import { addDays, instantToZoned, isoWeekOf } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitToProgram, type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * Changes to a running week, over HTTP against the real database: enrolling someone in a whole track
 * at once, cancelling a session, a holiday declared after the sessions were booked, make-ups for a
 * missed session, and leaving a group without erasing the weeks already scheduled. Dates are relative
 * to today in the site's zone (America/Chicago), since make-ups are booked into sessions still to come.
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let billing: Session;
let programId: string;
let morningTrack: string;
let eveningTrack: string;
const rooms: string[] = [];
const zone = 'America/Chicago';
const today = instantToZoned(new Date(), zone).date;
/** The Monday at least a week away, so every session of that week is still to come. */
const monday = (() => {
  let date = addDays(today, 7);
  while (isoWeekOf(date) === isoWeekOf(addDays(date, -1))) date = addDays(date, -1);
  return date;
})();
const week = isoWeekOf(monday);
const nextWeek = isoWeekOf(addDays(monday, 7));

const admit = (givenName: string, startDate = addDays(today, -30)) =>
  admitToProgram(clinician, {
    programId,
    givenName,
    familyName: 'Makewell',
    startDate,
    primaryClinicianId: clinic.staff.clinician.id,
  });

const group = (
  overrides: Record<string, unknown> & { trackId: string; roomId: string | undefined; facilitator: string },
) => {
  const { facilitator, ...rest } = overrides;
  return director.post(`/api/v1/programs/${programId}/session-series`, {
    modality: 'cbt_group',
    facilitatorIds: [facilitator],
    capacity: 3,
    startDate: monday,
    startTime: '09:00',
    durationMinutes: 180,
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    ...rest,
  });
};

const hours = (participantId: string, of = week) =>
  clinician.get(`/api/v1/participants/${participantId}/hours?week=${of}`);
const calendar = (of = week) => clinician.get(`/api/v1/programs/${programId}/calendar?week=${of}`);
const sessionOn = async (seriesId: string, date: string) => {
  const items = (await calendar(isoWeekOf(date))).body.items as {
    id: string;
    seriesId: string;
    localDate: string;
    status: string;
    enrolled: number;
    cancelReason: string | null;
  }[];
  const found = items.find((item) => item.seriesId === seriesId && item.localDate === date);
  if (!found) throw new Error(`no session of ${seriesId} on ${date}`);
  return found;
};

let mon: string;
let wed: string;
let thu: string;
let tueEvening: string;
let satDbt: string;

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Make-up Clinic');
  [director, clinician, billing] = await Promise.all([
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.billing.email),
  ]);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Flexible IOP',
      kind: 'substance_use',
      population: 'adult',
    })
  ).body.id;
  morningTrack = (await director.post('/api/v1/tracks', { programId, name: 'Mornings', kind: 'morning' }))
    .body.id;
  eveningTrack = (await director.post('/api/v1/tracks', { programId, name: 'Evenings', kind: 'evening' }))
    .body.id;
  for (const name of ['Room 1', 'Room 2', 'Room 3']) {
    rooms.push((await director.post('/api/v1/rooms', { siteId: clinic.siteId, name })).body.id);
  }
  const staff = clinic.staff;
  mon = (
    await group({ trackId: morningTrack, roomId: rooms[0], facilitator: staff.clinician.id, capacity: 6 })
  ).body.id;
  wed = (
    await group({
      trackId: morningTrack,
      roomId: rooms[0],
      facilitator: staff.clinician.id,
      modality: 'relapse_prevention',
      startDate: addDays(monday, 2),
      rrule: 'FREQ=WEEKLY;BYDAY=WE',
      capacity: 6,
    })
  ).body.id;
  thu = (
    await group({
      trackId: morningTrack,
      roomId: rooms[0],
      facilitator: staff.clinician.id,
      modality: 'dbt_skills_group',
      startDate: addDays(monday, 3),
      rrule: 'FREQ=WEEKLY;BYDAY=TH',
      capacity: 1,
    })
  ).body.id;
  tueEvening = (
    await group({
      trackId: eveningTrack,
      roomId: rooms[1],
      facilitator: staff.supervisor.id,
      startDate: addDays(monday, 1),
      startTime: '18:00',
      rrule: 'FREQ=WEEKLY;BYDAY=TU',
      capacity: 2,
    })
  ).body.id;
  satDbt = (
    await group({
      trackId: eveningTrack,
      roomId: rooms[2],
      facilitator: staff.director.id,
      modality: 'dbt_skills_group',
      startDate: addDays(monday, 5),
      rrule: 'FREQ=WEEKLY;BYDAY=SA',
    })
  ).body.id;
  for (const id of [mon, wed, thu, tueEvening, satDbt]) expect(id).toEqual(expect.any(String));
});
afterAll(() => server.close());

describe('enrolling an episode in a whole track', () => {
  it('seats the participant in every group of the track in one action, waitlisting where full', async () => {
    const first = await admit('Fay');
    const second = await admit('Gus');
    const enrolled = await clinician.post(`/api/v1/tracks/${morningTrack}/enrolments`, {
      episodeId: first.episodeId,
      fromDate: monday,
    });
    expect(enrolled.status).toBe(201);
    expect(enrolled.body.alreadyIn).toEqual([]);
    expect(
      enrolled.body.items.map((item: { seriesId: string; status: string }) => [item.seriesId, item.status]),
    ).toEqual([
      [mon, 'enrolled'],
      [wed, 'enrolled'],
      [thu, 'enrolled'],
    ]);
    expect((await hours(first.participantId)).body).toMatchObject({
      scheduledMinutes: 540,
      meetsMinimum: true,
    });

    // The Thursday DBT group holds one: the second person waits for it and has seats in the others.
    const next = await clinician.post(`/api/v1/tracks/${morningTrack}/enrolments`, {
      episodeId: second.episodeId,
      fromDate: monday,
    });
    expect(
      next.body.items.map((item: { status: string; waitlistPosition: number | null }) => [
        item.status,
        item.waitlistPosition,
      ]),
    ).toEqual([
      ['enrolled', null],
      ['enrolled', null],
      ['waitlisted', 1],
    ]);

    // Again: nothing new, every group named as already theirs.
    const again = await clinician.post(`/api/v1/tracks/${morningTrack}/enrolments`, {
      episodeId: first.episodeId,
      fromDate: monday,
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ items: [], alreadyIn: [mon, wed, thu] });
  });

  it('enrols in none of the groups when one clashes, and names it', async () => {
    const person = await admit('Hal');
    // A one-off individual session on the Wednesday morning.
    const individual = await director.post(`/api/v1/programs/${programId}/session-series`, {
      kind: 'individual',
      modality: 'individual_therapy',
      roomId: rooms[2],
      facilitatorIds: [clinic.staff.supervisor.id],
      startDate: addDays(monday, 2),
      startTime: '10:00',
      durationMinutes: 60,
    });
    expect(individual.status).toBe(201);
    await clinician.post(`/api/v1/session-series/${individual.body.id}/enrolments`, {
      episodeId: person.episodeId,
      fromDate: monday,
    });
    const before = (await clinician.get(`/api/v1/session-series/${mon}`)).body.enrolled;
    const refused = await clinician.post(`/api/v1/tracks/${morningTrack}/enrolments`, {
      episodeId: person.episodeId,
      fromDate: monday,
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      `Relapse prevention (Wed 09:00): the participant already has a session ${addDays(monday, 2)} 10:00–11:00`,
    );
    expect((await clinician.get(`/api/v1/session-series/${mon}`)).body.enrolled).toBe(before);
    expect((await hours(person.participantId)).body.scheduledMinutes).toBe(60);
  });

  it('refuses unknown tracks, episodes of another program, and roles that cannot schedule', async () => {
    const person = await admit('Ivy');
    expect(
      (await clinician.post(`/api/v1/tracks/${unknownId}/enrolments`, { episodeId: person.episodeId }))
        .status,
    ).toBe(404);
    expect(
      (await clinician.post(`/api/v1/tracks/${morningTrack}/enrolments`, { episodeId: unknownId })).status,
    ).toBe(400);
    expect(
      (await billing.post(`/api/v1/tracks/${morningTrack}/enrolments`, { episodeId: person.episodeId }))
        .status,
    ).toBe(403);
    const otherProgram = (
      await director.post('/api/v1/programs', {
        siteId: clinic.siteId,
        name: 'Other IOP',
        kind: 'mental_health',
        population: 'adult',
      })
    ).body.id;
    const emptyTrack = (
      await director.post('/api/v1/tracks', { programId: otherProgram, name: 'Empty', kind: 'morning' })
    ).body.id;
    const wrong = await clinician.post(`/api/v1/tracks/${emptyTrack}/enrolments`, {
      episodeId: person.episodeId,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toMatch(/another program/);
  });
});

describe('make-ups for a missed session', () => {
  let person: { participantId: string; episodeId: string };
  let missedMonday: string;

  beforeAll(async () => {
    person = await admit('Jo');
    for (const series of [mon, wed]) {
      await clinician.post(`/api/v1/session-series/${series}/enrolments`, {
        episodeId: person.episodeId,
        fromDate: monday,
      });
    }
    missedMonday = (await sessionOn(mon, monday)).id;
  });

  it('offers sessions with seats that do not clash, the same kind of group first', async () => {
    const options = await clinician.get(
      `/api/v1/participants/${person.participantId}/makeup-options?missedSessionId=${missedMonday}`,
    );
    expect(options.status).toBe(200);
    const offered = options.body.items.map(
      (item: { session: { seriesId: string; localDate: string }; sameModality: boolean }) => [
        item.session.seriesId,
        item.session.localDate,
        item.sameModality,
      ],
    );
    // The Tuesday evening CBT group comes first; their own Wednesday group is not offered, nor is
    // the full Thursday group.
    expect(offered[0]).toEqual([tueEvening, addDays(monday, 1), true]);
    expect(offered.some(([series]: [string]) => series === wed || series === thu)).toBe(false);
    expect(offered.some(([series]: [string]) => series === satDbt)).toBe(true);
    expect(options.body.items[0]).toMatchObject({ seatsLeft: 2, availabilityProblem: null });
  });

  it('moves the hours from the missed session to the make-up, in hours, calendars and feeds', async () => {
    const tuesday = await sessionOn(tueEvening, addDays(monday, 1));
    const booked = await clinician.post(`/api/v1/participants/${person.participantId}/makeups`, {
      missedSessionId: missedMonday,
      sessionId: tuesday.id,
      note: 'Dentist on Monday morning',
    });
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({
      status: 'booked',
      missed: { id: missedMonday, localDate: monday },
      session: { id: tuesday.id, enrolled: tuesday.enrolled + 1 },
    });
    const days = (await hours(person.participantId)).body.days.map(
      (day: { scheduledMinutes: number }) => day.scheduledMinutes,
    );
    expect(days).toEqual([0, 180, 180, 0, 0, 0, 0]);
    expect((await sessionOn(tueEvening, addDays(monday, 1))).enrolled).toBe(tuesday.enrolled + 1);
    const link = await clinician.post(`/api/v1/participants/${person.participantId}/calendar-link`);
    const text = String((await server.request('GET', new URL(link.body.url).pathname)).body);
    expect(text).toContain(`UID:${tuesday.id}@stepwise`);
    expect(text).not.toContain(`UID:${missedMonday}@stepwise`);

    const twice = await clinician.post(`/api/v1/participants/${person.participantId}/makeups`, {
      missedSessionId: missedMonday,
      sessionId: (await sessionOn(satDbt, addDays(monday, 5))).id,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already booked for this session/);

    // Their week lists the make-up as such and leaves the missed Monday out.
    const theirWeek = await clinician.get(
      `/api/v1/participants/${person.participantId}/sessions?week=${week}`,
    );
    expect(theirWeek.status).toBe(200);
    expect(
      theirWeek.body.items.map((item: { seriesId: string; makeup: boolean }) => [item.seriesId, item.makeup]),
    ).toEqual([
      [tueEvening, true],
      [wed, false],
    ]);
    expect((await clinician.get(`/api/v1/sessions/${tuesday.id}`)).body).toMatchObject({
      id: tuesday.id,
      enrolled: tuesday.enrolled + 1,
    });
    expect((await clinician.get(`/api/v1/sessions/${unknownId}`)).status).toBe(404);
    expect(
      (await clinician.get(`/api/v1/participants/${person.participantId}/sessions?week=2026-W77`)).status,
    ).toBe(400);

    const listed = await clinician.get(`/api/v1/participants/${person.participantId}/makeups`);
    expect(listed.body.items).toHaveLength(1);
    const cancelled = await clinician.post(`/api/v1/makeups/${booked.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect((await clinician.post(`/api/v1/makeups/${booked.body.id}/cancel`)).status).toBe(409);
    expect((await hours(person.participantId)).body.days[0].scheduledMinutes).toBe(180);
  });

  it('refuses make-ups that clash, are full, are not theirs, or fall in a blackout without a reason', async () => {
    const book = (sessionId: string, extra: Record<string, unknown> = {}, missed = missedMonday) =>
      clinician.post(`/api/v1/participants/${person.participantId}/makeups`, {
        missedSessionId: missed,
        sessionId,
        ...extra,
      });
    // Their own Wednesday group is theirs already.
    const own = await book((await sessionOn(wed, addDays(monday, 2))).id);
    expect(own.status).toBe(409);
    expect(own.body.error.message).toBe('the participant already attends that session');
    // The Thursday DBT group is full.
    const full = await book((await sessionOn(thu, addDays(monday, 3))).id);
    expect(full.status).toBe(409);
    expect(full.body.error.message).toMatch(/is full/);
    // Another person's individual session is not a make-up.
    const individual = await director.post(`/api/v1/programs/${programId}/session-series`, {
      kind: 'individual',
      modality: 'individual_therapy',
      roomId: rooms[2],
      facilitatorIds: [clinic.staff.intake.id],
      startDate: addDays(monday, 4),
      startTime: '15:00',
      durationMinutes: 60,
    });
    const private_ = await book((await sessionOn(individual.body.id, addDays(monday, 4))).id);
    expect(private_.status).toBe(400);
    expect(private_.body.error.message).toMatch(/group or make-up session/);
    // A session that is not theirs cannot be the missed one.
    const notTheirs = await book(
      (await sessionOn(satDbt, addDays(monday, 5))).id,
      {},
      (await sessionOn(thu, addDays(monday, 3))).id,
    );
    expect(notTheirs.status).toBe(400);
    expect(notTheirs.body.error.message).toMatch(/missedSessionId/);
    // Bad input changes nothing.
    expect((await book(unknownId)).status).toBe(400);
    expect((await book(missedMonday)).status).toBe(400);
    expect((await book((await sessionOn(satDbt, addDays(monday, 5))).id, { unexpected: true })).status).toBe(
      400,
    );
    expect(
      (
        await billing.post(`/api/v1/participants/${person.participantId}/makeups`, {
          missedSessionId: missedMonday,
          sessionId: (await sessionOn(satDbt, addDays(monday, 5))).id,
        })
      ).status,
    ).toBe(403);
    // Saturdays are a childcare blackout: refused, then booked with a reason.
    await clinician.put(`/api/v1/participants/${person.participantId}/availability`, {
      windows: [],
      blackouts: [{ weekday: 6, startTime: '08:00', endTime: '13:00', reason: 'childcare' }],
    });
    const saturday = (await sessionOn(satDbt, addDays(monday, 5))).id;
    const blackout = await book(saturday);
    expect(blackout.status).toBe(409);
    expect(blackout.body.error.message).toMatch(/blackout \(childcare\).*availabilityOverride/);
    const overridden = await book(saturday, { availabilityOverride: 'Grandmother can take the children' });
    expect(overridden.status).toBe(201);
    expect(overridden.body.availabilityOverride).toBe('Grandmother can take the children');
    // Joining the Saturday group itself would count that Saturday twice: refused until the make-up goes.
    const join = await clinician.post(`/api/v1/session-series/${satDbt}/enrolments`, {
      episodeId: person.episodeId,
      fromDate: monday,
      availabilityOverride: 'Grandmother can take the children',
    });
    expect(join.status).toBe(409);
    expect(join.body.error.message).toBe(
      `the participant has a make-up booked in this group on ${addDays(monday, 5)}; cancel it to enrol`,
    );
    expect(
      (await clinician.get(`/api/v1/participants/${person.participantId}/makeups`)).body.items,
    ).toHaveLength(2);
  });
});

describe('cancelling sessions', () => {
  it('cancels one session with a reason, taking it out of hours and cancelling make-ups into it', async () => {
    const person = await admit('Kit');
    await clinician.post(`/api/v1/session-series/${wed}/enrolments`, {
      episodeId: person.episodeId,
      fromDate: monday,
    });
    const wednesday = await sessionOn(wed, addDays(monday, 9));
    const missed = await sessionOn(mon, addDays(monday, 7));
    await clinician.post(`/api/v1/session-series/${mon}/enrolments`, {
      episodeId: person.episodeId,
      fromDate: addDays(monday, 7),
    });
    const tuesday = await sessionOn(tueEvening, addDays(monday, 8));
    const makeup = await clinician.post(`/api/v1/participants/${person.participantId}/makeups`, {
      missedSessionId: missed.id,
      sessionId: tuesday.id,
    });
    expect(makeup.status).toBe(201);

    const cancelled = await clinician.post(`/api/v1/sessions/${tuesday.id}/cancel`, {
      reason: 'Facilitator unwell',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({
      session: { id: tuesday.id, status: 'cancelled', cancelReason: 'Facilitator unwell' },
      makeupsCancelled: 1,
    });
    expect((await sessionOn(tueEvening, addDays(monday, 8))).status).toBe('cancelled');
    // The make-up is gone, so the Monday counts again.
    const days = (await hours(person.participantId, nextWeek)).body.days.map(
      (day: { scheduledMinutes: number }) => day.scheduledMinutes,
    );
    expect(days).toEqual([180, 0, 180, 0, 0, 0, 0]);
    expect(wednesday.status).toBe('scheduled');

    const again = await clinician.post(`/api/v1/sessions/${tuesday.id}/cancel`, { reason: 'Twice' });
    expect(again.status).toBe(409);
    expect((await clinician.post(`/api/v1/sessions/${wednesday.id}/cancel`, { reason: '' })).status).toBe(
      400,
    );
    expect(
      (await clinician.post(`/api/v1/sessions/${unknownId}/cancel`, { reason: 'Snow day' })).status,
    ).toBe(404);
    expect(
      (await billing.post(`/api/v1/sessions/${wednesday.id}/cancel`, { reason: 'Snow day' })).status,
    ).toBe(403);
  });

  it('cancels the sessions of a day declared closed after they were booked', async () => {
    const closedDay = addDays(monday, 14);
    const before = await sessionOn(mon, closedDay);
    expect(before.status).toBe('scheduled');
    const closure = await director.post('/api/v1/closures', {
      date: closedDay,
      name: 'Staff training day',
      siteId: clinic.siteId,
    });
    expect(closure.status).toBe(201);
    expect(closure.body.cancelledSessions).toBe(1);
    const listed = await clinician.get('/api/v1/closures');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual({
      id: closure.body.id,
      date: closedDay,
      name: 'Staff training day',
      siteId: clinic.siteId,
    });
    expect((await clinician.get(`/api/v1/closures?from=${addDays(closedDay, 1)}`)).body.items).toEqual([]);
    expect((await clinician.get('/api/v1/closures?from=tomorrow')).status).toBe(400);
    expect(await sessionOn(mon, closedDay)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Closed: Staff training day',
    });
  });
});

describe('leaving a group', () => {
  it('keeps the weeks already scheduled and clears the weeks to come', async () => {
    const started = addDays(monday, -21);
    const person = await admit('Lou', addDays(started, -1));
    const past = await director.post(`/api/v1/programs/${programId}/session-series`, {
      modality: 'life_skills',
      roomId: rooms[2],
      facilitatorIds: [clinic.staff.intake.id],
      startDate: started,
      startTime: '13:00',
      durationMinutes: 120,
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
    });
    expect(past.status).toBe(201);
    const enrolment = await clinician.post(`/api/v1/session-series/${past.body.id}/enrolments`, {
      episodeId: person.episodeId,
      fromDate: started,
    });
    const firstWeek = isoWeekOf(started);
    expect((await hours(person.participantId, firstWeek)).body.scheduledMinutes).toBe(120);
    expect((await hours(person.participantId)).body.scheduledMinutes).toBe(120);
    expect((await clinician.post(`/api/v1/enrolments/${enrolment.body.id}/withdraw`)).status).toBe(200);
    expect((await hours(person.participantId, firstWeek)).body.scheduledMinutes).toBe(120);
    expect((await hours(person.participantId)).body.scheduledMinutes).toBe(0);
  });

  it('gives the freed seat to the first waiting, from today: the weeks they waited stay empty', async () => {
    const started = addDays(monday, -21);
    const [first, waiting] = [await admit('Mo', started), await admit('Ned', started)];
    const single = await director.post(`/api/v1/programs/${programId}/session-series`, {
      modality: 'psychoeducation',
      roomId: rooms[1],
      facilitatorIds: [clinic.staff.intake.id],
      startDate: started,
      startTime: '08:00',
      durationMinutes: 60,
      rrule: 'FREQ=WEEKLY;BYDAY=FR',
      capacity: 1,
    });
    expect(single.status).toBe(201);
    const seat = await clinician.post(`/api/v1/session-series/${single.body.id}/enrolments`, {
      episodeId: first.episodeId,
      fromDate: started,
    });
    const queued = await clinician.post(`/api/v1/session-series/${single.body.id}/enrolments`, {
      episodeId: waiting.episodeId,
      fromDate: started,
    });
    expect(queued.body.status).toBe('waitlisted');
    const left = await clinician.post(`/api/v1/enrolments/${seat.body.id}/withdraw`);
    expect(left.body.promoted).toMatchObject({ participantId: waiting.participantId, status: 'enrolled' });
    expect(left.body.promoted.fromDate).toBe(instantToZoned(new Date(), zone).date);
    const firstWeek = isoWeekOf(started);
    expect((await hours(waiting.participantId, firstWeek)).body.scheduledMinutes).toBe(0);
    expect((await hours(first.participantId, firstWeek)).body.scheduledMinutes).toBe(60);
    expect((await hours(waiting.participantId)).body.scheduledMinutes).toBe(60);
  });
});
