import { addDays, instantToZoned, isoWeekOf, weekdayOf } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admitToProgram,
  type Clinic,
  type Session,
  sessionOn,
  TestServer,
  unknownId,
} from '../../test/harness.js';
import { computeProposal } from '../scheduling/proposals.service.js';

/*
 * Curriculum coverage under rolling admission, over HTTP against the real database. A DBT skills
 * group works through four distress-tolerance modules, one a week; one participant joined at the
 * start of a rotation, another mid-way with a short stay. Dates are relative to today in the site's
 * zone and keep every session at least a day from now, so nothing depends on the time of day.
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let programId: string;
let roomId: string;
const zone = 'America/Chicago';
const today = instantToZoned(new Date(), zone).date;
const byDay = (date: string) => ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'][weekdayOf(date) - 1];

/** The weekly DBT group: sessions 27, 20, 13 and 6 days ago, then tomorrow, in 8 days, … */
const dbtStart = addDays(today, -27);
/** A second DBT group two days later in the week, and a process group on the same day as it. */
const secondStart = addDays(today, -25);
const modules: Record<'dt1' | 'dt2' | 'dt3' | 'dt4', string> = { dt1: '', dt2: '', dt3: '', dt4: '' };
let dbt: string;
let secondDbt: string;
let processGroup: string;
let early: { participantId: string; episodeId: string };
let late: { participantId: string; episodeId: string };

const series = (input: Record<string, unknown>) =>
  director.post(`/api/v1/programs/${programId}/session-series`, {
    kind: 'group',
    modality: 'dbt_skills_group',
    roomId,
    facilitatorIds: [clinic.staff.clinician.id],
    durationMinutes: 90,
    ...input,
  });
const moduleOf = async (seriesId: string, date: string) => {
  const id = await sessionOn(clinician, { programId, seriesId }, date);
  return (await clinician.get(`/api/v1/sessions/${id}`)).body.moduleId as string | null;
};
const attend = async (seriesId: string, date: string, records: Record<string, unknown>[]) => {
  const id = await sessionOn(clinician, { programId, seriesId }, date);
  const response = await clinician.put(`/api/v1/sessions/${id}/attendance`, { records });
  expect(response.status).toBe(200);
};
const coverage = async (participantId: string) => {
  const response = await clinician.get(`/api/v1/participants/${participantId}/curriculum`);
  expect(response.status).toBe(200);
  return response.body as {
    plannedDischarge: string;
    summary: { required: number; covered: number; scheduled: number; atRisk: number };
    items: { module: { id: string; name: string }; status: string; next: { date: string } | null }[];
  };
};
const statuses = async (participantId: string) =>
  Object.fromEntries((await coverage(participantId)).items.map((item) => [item.module.name, item.status]));

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Rotation Clinic');
  [director, clinician] = await Promise.all([
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.clinician.email),
  ]);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Skills IOP',
      kind: 'mental_health',
      population: 'adult',
    })
  ).body.id;
  roomId = (await director.post('/api/v1/rooms', { siteId: clinic.siteId, name: 'Skills room' })).body.id;
  for (const [key, name] of [
    ['dt1', 'Distress tolerance 1: STOP'],
    ['dt2', 'Distress tolerance 2: TIPP'],
    ['dt3', 'Distress tolerance 3: radical acceptance'],
    ['dt4', 'Distress tolerance 4: self-soothe'],
  ] as const) {
    const added = await director.post(`/api/v1/programs/${programId}/curriculum/modules`, {
      name,
      modality: 'dbt_skills_group',
    });
    expect(added.status).toBe(201);
    modules[key] = added.body.id;
  }
  dbt = (
    await series({ startDate: dbtStart, startTime: '09:00', rrule: `FREQ=WEEKLY;BYDAY=${byDay(dbtStart)}` })
  ).body.id;
  secondDbt = (
    await series({
      startDate: secondStart,
      startTime: '09:00',
      rrule: `FREQ=WEEKLY;BYDAY=${byDay(secondStart)}`,
    })
  ).body.id;
  processGroup = (
    await series({
      modality: 'group_therapy',
      startDate: secondStart,
      startTime: '13:00',
      rrule: `FREQ=WEEKLY;BYDAY=${byDay(secondStart)}`,
    })
  ).body.id;

  early = await admitToProgram(clinician, {
    programId,
    givenName: 'Early',
    familyName: 'Rotation',
    startDate: addDays(today, -30),
    primaryClinicianId: clinic.staff.clinician.id,
  });
  // Joined mid-rotation for a three-week stay: planned discharge in 11 days.
  late = await admitToProgram(clinician, {
    programId,
    givenName: 'Late',
    familyName: 'Rotation',
    startDate: addDays(today, -10),
    expectedLengthDays: 21,
    primaryClinicianId: clinic.staff.clinician.id,
  });
  for (const [person, seriesIds] of [
    [early, [dbt]],
    [late, [dbt, processGroup]],
  ] as const) {
    for (const seriesId of seriesIds) {
      const enrolled = await clinician.post(`/api/v1/session-series/${seriesId}/enrolments`, {
        episodeId: person.episodeId,
        fromDate: person === early ? addDays(today, -30) : addDays(today, -10),
      });
      expect(enrolled.status).toBe(201);
    }
  }
  await attend(dbt, addDays(today, -27), [{ participantId: early.participantId, status: 'present' }]);
  await attend(dbt, addDays(today, -20), [
    { participantId: early.participantId, status: 'late', minutes: 60 },
  ]);
  await attend(dbt, addDays(today, -13), [{ participantId: early.participantId, status: 'absent_excused' }]);
  await attend(dbt, addDays(today, -6), [
    { participantId: early.participantId, status: 'present' },
    { participantId: late.participantId, status: 'present' },
  ]);
});

afterAll(() => server.close());

describe('the rotation', () => {
  it('gives each session of a group the next module of its modality, from its first session', async () => {
    const taught = await Promise.all(
      [-27, -20, -13, -6, 1, 8].map((offset) => moduleOf(dbt, addDays(today, offset))),
    );
    expect(taught).toEqual([modules.dt1, modules.dt2, modules.dt3, modules.dt4, modules.dt1, modules.dt2]);
    // A group of another modality teaches none of them.
    expect(await moduleOf(processGroup, addDays(today, 3))).toBeNull();
    const curriculum = await clinician.get(`/api/v1/programs/${programId}/curriculum`);
    expect(curriculum.body.items.map((item: { position: number }) => item.position)).toEqual([1, 2, 3, 4]);
  });
});

describe('coverage', () => {
  it('marks what attendance covered and what their own sessions will teach before planned discharge', async () => {
    const mine = await coverage(early.participantId);
    expect(mine.plannedDischarge).toBe(addDays(today, 26));
    expect(await statuses(early.participantId)).toEqual({
      'Distress tolerance 1: STOP': 'covered',
      // Late for 60 of 90 minutes still covers it.
      'Distress tolerance 2: TIPP': 'covered',
      // Missed 13 days ago; the rotation brings it round in 15 days, before discharge in 26.
      'Distress tolerance 3: radical acceptance': 'scheduled',
      'Distress tolerance 4: self-soothe': 'covered',
    });
    expect(mine.items[2]?.next?.date).toBe(addDays(today, 15));
    expect(mine.summary).toEqual({ required: 4, covered: 3, scheduled: 1, atRisk: 0 });
  });

  it('flags what someone admitted mid-rotation will miss before planned discharge', async () => {
    expect(await statuses(late.participantId)).toEqual({
      'Distress tolerance 1: STOP': 'scheduled',
      'Distress tolerance 2: TIPP': 'scheduled',
      // The group teaches it again in 15 days; they are discharged in 11.
      'Distress tolerance 3: radical acceptance': 'at_risk',
      'Distress tolerance 4: self-soothe': 'covered',
    });
  });

  it('counts a corrected attendance record, and not one who left before half the session', async () => {
    await attend(dbt, addDays(today, -13), [
      { participantId: early.participantId, status: 'left_early', minutes: 40 },
    ]);
    expect((await statuses(early.participantId))['Distress tolerance 3: radical acceptance']).toBe(
      'scheduled',
    );
    await attend(dbt, addDays(today, -13), [{ participantId: early.participantId, status: 'present' }]);
    expect((await statuses(early.participantId))['Distress tolerance 3: radical acceptance']).toBe('covered');
  });
});

describe('the group note', () => {
  it('starts with the module the session taught', async () => {
    const id = await sessionOn(clinician, { programId, seriesId: dbt }, addDays(today, -6));
    const note = await clinician.post(`/api/v1/sessions/${id}/group-note`);
    expect(note.status).toBe(201);
    expect(note.body.content.module).toBe('Distress tolerance 4: self-soothe');
  });
});

describe('gaps and make-ups', () => {
  it('lists who will miss a module, and a make-up in place of a session that teaches them nothing needed', async () => {
    const none = await clinician.get(`/api/v1/programs/${programId}/curriculum/gaps`);
    expect(none.status).toBe(200);
    // The second group teaches radical acceptance only after the late participant leaves: no option yet.
    const [before] = none.body.items;
    expect(before.participantName).toBe('Late Rotation');
    expect(before.modules.map((entry: { module: { id: string } }) => entry.module.id)).toEqual([modules.dt3]);
    expect(before.modules[0].options).toEqual([]);

    // Staff set the second group's session in three days to teach it.
    const target = await sessionOn(clinician, { programId, seriesId: secondDbt }, addDays(today, 3));
    const pinned = await director.put(`/api/v1/sessions/${target}/module`, { moduleId: modules.dt3 });
    expect(pinned.status).toBe(200);
    expect(pinned.body.moduleId).toBe(modules.dt3);
    // The pinned session takes no turn: the group's next session teaches what it would have.
    expect(await moduleOf(secondDbt, addDays(today, 10))).toBe(modules.dt1);

    const gaps = await clinician.get(`/api/v1/programs/${programId}/curriculum/gaps`);
    const [option] = gaps.body.items[0].modules[0].options;
    expect(option.session.id).toBe(target);
    expect(option.seatsLeft).toBeGreaterThan(0);
    // In place of the process group that afternoon, which teaches no module.
    expect(option.insteadOf.seriesId).toBe(processGroup);

    const booked = await clinician.post(`/api/v1/participants/${late.participantId}/makeups`, {
      missedSessionId: option.insteadOf.id,
      sessionId: option.session.id,
    });
    expect(booked.status).toBe(201);
    expect((await statuses(late.participantId))['Distress tolerance 3: radical acceptance']).toBe(
      'scheduled',
    );
    const after = await clinician.get(`/api/v1/programs/${programId}/curriculum/gaps`);
    expect(after.body.items).toEqual([]);
  });

  it('tells the schedule optimizer which modules each person still needs', async () => {
    const requested = await clinician.post(`/api/v1/programs/${programId}/schedule/proposals`, {
      week: isoWeekOf(addDays(today, 3)),
      timeLimitSeconds: 5,
    });
    expect(requested.status).toBe(202);
    await computeProposal(server.database, clinic.orgId, requested.body.id);
    const ready = await clinician.get(
      `/api/v1/programs/${programId}/schedule/proposals/${requested.body.id}`,
    );
    const lateOne = ready.body.result.assignments.find(
      (assignment: { participantId: string }) => assignment.participantId === late.participantId,
    );
    // That week the second group teaches radical acceptance, which they have not covered yet.
    expect(lateOne.seriesIds).toContain(secondDbt);
    expect(lateOne.explanation).toMatch(/teaches \d curriculum modules? they still need/);
  });

  it('moves a cancelled session’s module to the group’s next session', async () => {
    const tomorrow = await sessionOn(clinician, { programId, seriesId: dbt }, addDays(today, 1));
    const cancelled = await director.post(`/api/v1/sessions/${tomorrow}/cancel`, {
      reason: 'Facilitator ill',
    });
    expect(cancelled.status).toBe(200);
    expect(await moduleOf(dbt, addDays(today, 1))).toBeNull();
    const next = await Promise.all([8, 15, 22].map((offset) => moduleOf(dbt, addDays(today, offset))));
    expect(next).toEqual([modules.dt1, modules.dt2, modules.dt3]);
  });
});

describe('changing the curriculum', () => {
  it('reorders the rotation for sessions to come and keeps what was taught', async () => {
    const order = [modules.dt2, modules.dt1, modules.dt3, modules.dt4];
    const reordered = await director.put(`/api/v1/programs/${programId}/curriculum/order`, {
      moduleIds: order,
    });
    expect(reordered.status).toBe(200);
    expect(reordered.body.items.map((item: { id: string }) => item.id)).toEqual(order);
    // The group taught dt4 last, now the last in the order: the rotation starts again from dt2.
    expect(await moduleOf(dbt, addDays(today, 8))).toBe(modules.dt2);
    expect(await moduleOf(dbt, addDays(today, -27))).toBe(modules.dt1);
  });

  it('retires a module: sessions to come skip it, and it no longer changes', async () => {
    const retired = await director.patch(`/api/v1/curriculum-modules/${modules.dt4}`, { retired: true });
    expect(retired.status).toBe(200);
    expect(retired.body.position).toBeNull();
    const upcoming = await Promise.all(
      [8, 15, 22, 29].map((offset) => moduleOf(dbt, addDays(today, offset))),
    );
    expect(upcoming).not.toContain(modules.dt4);
    expect(await moduleOf(dbt, addDays(today, -6))).toBe(modules.dt4);
    const again = await director.patch(`/api/v1/curriculum-modules/${modules.dt4}`, { name: 'Renamed' });
    expect(again.status).toBe(409);
    const listed = await clinician.get(`/api/v1/programs/${programId}/curriculum?retired=true`);
    expect(listed.body.items.at(-1).id).toBe(modules.dt4);
  });

  it('refuses bad input with a message and changes nothing', async () => {
    const before = (await clinician.get(`/api/v1/programs/${programId}/curriculum`)).body;
    const duplicate = await director.post(`/api/v1/programs/${programId}/curriculum/modules`, {
      name: 'distress tolerance 1: stop',
      modality: 'dbt_skills_group',
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toContain('already has a module of that name');
    const badModality = await director.post(`/api/v1/programs/${programId}/curriculum/modules`, {
      name: 'Something',
      modality: 'yoga',
    });
    expect(badModality.status).toBe(400);
    const partial = await director.put(`/api/v1/programs/${programId}/curriculum/order`, {
      moduleIds: [modules.dt1],
    });
    expect(partial.status).toBe(400);
    expect(partial.body.error.message).toContain('missing');
    const foreign = await director.put(`/api/v1/programs/${programId}/curriculum/order`, {
      moduleIds: [unknownId, modules.dt1, modules.dt2, modules.dt3],
    });
    expect(foreign.status).toBe(400);
    const session = await sessionOn(clinician, { programId, seriesId: dbt }, addDays(today, 8));
    const unknownModule = await director.put(`/api/v1/sessions/${session}/module`, { moduleId: unknownId });
    expect(unknownModule.status).toBe(400);
    expect((await clinician.get(`/api/v1/programs/${programId}/curriculum`)).body).toEqual(before);
    expect(await moduleOf(dbt, addDays(today, 8))).toBe(modules.dt2);
    expect((await director.get(`/api/v1/programs/${unknownId}/curriculum`)).status).toBe(404);
  });

  it('is invisible to another organisation', async () => {
    const other = await server.createClinic('Elsewhere Clinic');
    const outsider = await server.signIn(other.staff.director.email);
    expect((await outsider.get(`/api/v1/programs/${programId}/curriculum`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/participants/${late.participantId}/curriculum`)).status).toBe(404);
    expect(
      (await outsider.patch(`/api/v1/curriculum-modules/${modules.dt1}`, { required: false })).status,
    ).toBe(404);
  });
});
