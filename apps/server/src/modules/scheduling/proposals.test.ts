import { addDays, isoWeekDates, isoWeekOf } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitToProgram, type Clinic, type Session, TestServer } from '../../test/harness.js';
import { computeProposal } from './proposals.service.js';

/*
 * The optimizer's proposal over HTTP against the real database: three groups a week, four people with
 * different weeks, a proposal that seats as many as possible at their 9-hour minimum within capacity,
 * availability and blackouts, and a director who applies it.
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let programId: string;
const people: Record<string, { participantId: string; episodeId: string }> = {};
const groups: Record<string, string> = {};
// Proposals change enrolments from their week on, so the story runs in the weeks ahead of today.
const thisMonday = isoWeekDates(isoWeekOf(new Date().toISOString().slice(0, 10)))?.[0] ?? '';
const nextWeek = isoWeekOf(addDays(thisMonday, 7));
const weekAfter = isoWeekOf(addDays(thisMonday, 14));

async function admit(givenName: string) {
  people[givenName] = await admitToProgram(clinician, {
    programId,
    givenName,
    familyName: 'Optiwell',
    startDate: thisMonday,
    primaryClinicianId: clinic.staff.clinician.id,
  });
}

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Optimizer Clinic');
  director = await server.signIn(clinic.staff.director.email);
  clinician = await server.signIn(clinic.staff.clinician.email);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Flex IOP',
      kind: 'substance_use',
      population: 'adult',
    })
  ).body.id;
  const room = async (name: string) =>
    (await director.post('/api/v1/rooms', { siteId: clinic.siteId, name })).body.id;
  const [roomA, roomB] = [await room('Room A'), await room('Room B')];
  const series = async (key: string, body: Record<string, unknown>) => {
    const created = await clinician.post(`/api/v1/programs/${programId}/session-series`, {
      modality: 'group_therapy',
      facilitatorIds: [clinic.staff.clinician.id],
      startDate: thisMonday,
      durationMinutes: 180,
      ...body,
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    groups[key] = created.body.id;
  };
  await series('evening', {
    roomId: roomA,
    capacity: 2,
    startTime: '18:00',
    rrule: 'FREQ=WEEKLY;BYDAY=TU,TH',
    modality: 'cbt_group',
  });
  await series('saturday', {
    roomId: roomB,
    capacity: 3,
    startTime: '09:00',
    rrule: 'FREQ=WEEKLY;BYDAY=SA',
    modality: 'dbt_skills_group',
    facilitatorIds: [clinic.staff.supervisor.id],
  });
  await series('morning', {
    roomId: roomB,
    capacity: 3,
    startTime: '09:00',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
    modality: 'psychoeducation',
  });
  for (const name of ['Ari', 'Bea', 'Cal', 'Dov']) await admit(name);
  // Bea works Saturdays; Cal can only come on weekday mornings.
  await clinician.put(`/api/v1/participants/${people.Bea?.participantId}/availability`, {
    windows: [],
    blackouts: [{ weekday: 6, startTime: '07:00', endTime: '17:00', reason: 'work', note: 'Saturday shift' }],
  });
  await clinician.put(`/api/v1/participants/${people.Cal?.participantId}/availability`, {
    windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, startTime: '08:00', endTime: '13:00' })),
    blackouts: [],
  });
  // Ari is already in the evening group.
  await clinician.post(`/api/v1/session-series/${groups.evening}/enrolments`, {
    episodeId: people.Ari?.episodeId,
    fromDate: thisMonday,
  });
});
afterAll(() => server.close());

describe('a schedule proposal', () => {
  let proposalId: string;

  it('is requested, computed by the job queue, and read back with an explanation for each person', async () => {
    const requested = await clinician.post(`/api/v1/programs/${programId}/schedule/proposals`, {
      week: nextWeek,
      timeLimitSeconds: 5,
    });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ status: 'pending', week: nextWeek, result: null });
    proposalId = requested.body.id;
    // The worker would run it; here the job's work runs directly, so no other file's jobs are taken.
    await computeProposal(server.database, clinic.orgId, proposalId);

    const ready = await clinician.get(`/api/v1/programs/${programId}/schedule/proposals/${proposalId}`);
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ready');
    const result = ready.body.result;
    // Evening (6 h, 2 seats), Saturday (3 h, 3 seats), mornings (6 h, 3 seats): Ari, Bea and Dov can reach
    // 9 h; Cal, mornings only, cannot.
    expect(result).toMatchObject({ participants: 4, meetingMinimum: 3, meetingMinimumBefore: 0 });
    const byName = Object.fromEntries(
      result.assignments.map((assignment: { participantName: string }) => [
        assignment.participantName.split(' ')[0],
        assignment,
      ]),
    );
    expect(byName.Cal).toMatchObject({ meetsMinimum: false });
    expect(byName.Cal.explanation).toMatch(/short of the 9 h minimum/);
    expect(byName.Cal.explanation.length).toBeGreaterThan(10);
    expect(byName.Bea.seriesIds).not.toContain(groups.saturday);
    for (const name of ['Ari', 'Bea', 'Dov']) expect(byName[name]).toMatchObject({ meetsMinimum: true });
    // Capacity holds in every group.
    const seats = (id: string | undefined) =>
      result.assignments.filter((assignment: { seriesIds: string[] }) =>
        assignment.seriesIds.includes(id ?? ''),
      ).length;
    expect(seats(groups.evening)).toBeLessThanOrEqual(2);
    expect(seats(groups.saturday)).toBeLessThanOrEqual(3);
    expect(seats(groups.morning)).toBeLessThanOrEqual(3);
    // Every explanation names the hours against the minimum.
    for (const name of ['Ari', 'Bea', 'Dov'])
      expect(byName[name].explanation).toMatch(/meets the 9 h minimum/);
  });

  it('is applied only by a director, and changes everyone’s groups at once', async () => {
    const url = `/api/v1/programs/${programId}/schedule/proposals/${proposalId}/apply`;
    expect((await clinician.post(url)).status).toBe(403);
    const applied = await director.post(url);
    expect(applied.status).toBe(200);
    expect(applied.body.status).toBe('applied');
    for (const name of ['Ari', 'Bea', 'Dov']) {
      const hours = await clinician.get(
        `/api/v1/participants/${people[name]?.participantId}/hours?week=${nextWeek}`,
      );
      expect({ name, meets: hours.body.meetsMinimum }).toEqual({ name, meets: true });
    }
    expect((await director.post(url)).status).toBe(409);
  });

  it('refuses to apply a proposal made before the enrolments changed', async () => {
    const requested = await clinician.post(`/api/v1/programs/${programId}/schedule/proposals`, {
      week: weekAfter,
    });
    await computeProposal(server.database, clinic.orgId, requested.body.id);
    const roster = await clinician.get(`/api/v1/session-series/${groups.morning}/enrolments`);
    await clinician.post(`/api/v1/enrolments/${roster.body.items[0].id}/withdraw`);
    const refused = await director.post(
      `/api/v1/programs/${programId}/schedule/proposals/${requested.body.id}/apply`,
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/schedule changed since this proposal/);
    const listed = await clinician.get(`/api/v1/programs/${programId}/schedule/proposals`);
    expect(listed.body.items.map((item: { status: string }) => item.status)).toEqual(['ready', 'applied']);
  });
});
