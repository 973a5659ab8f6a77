import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { admitToProgram, type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * The daily check-in over HTTP against the real database: the participant's own, one a day, their
 * streak, crisis resources at once when suicidal thoughts are reported, and the care team's view.
 */
let server: TestServer;
let clinic: Clinic;
let participant: Session;
let clinician: Session;
let today: string;

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Check-in Clinic');
  [participant, clinician] = await Promise.all([
    server.signIn(clinic.participantAccount.email),
    server.signIn(clinic.staff.clinician.email),
  ]);
  const site = await clinician.get(`/api/v1/sites/${clinic.siteId}`);
  today = instantToZoned(new Date(), site.body.timeZone).date;
});

afterAll(() => server.close());

const day = { mood: 6, craving: 3, sleepHours: 7.5, used: false };

describe('the daily check-in', () => {
  it('is one a day: a second the same day replaces the first, and the streak counts the days', async () => {
    const yesterday = await participant.post('/api/v1/me/check-ins', { ...day, date: addDays(today, -1) });
    expect(yesterday.status).toBe(201);
    expect(yesterday.body).toMatchObject({ streak: 1, crisisResources: null });
    const first = await participant.post('/api/v1/me/check-ins', { ...day, skillsUsed: [] });
    expect(first.body.streak).toBe(2);
    const again = await participant.post('/api/v1/me/check-ins', {
      ...day,
      craving: 8,
      used: true,
      use: [{ substance: 'alcohol', amount: 'two glasses' }],
      note: 'A hard evening (test)',
    });
    expect(again.status).toBe(201);
    expect(again.body.checkIn.id).toBe(first.body.checkIn.id);
    const mine = await participant.get('/api/v1/me/check-ins');
    expect(mine.body.streak).toBe(2);
    expect(mine.body.items.map((item: { date: string }) => item.date)).toEqual([today, addDays(today, -1)]);
    expect(mine.body.items[0]).toMatchObject({ craving: 8, used: true, sleepHours: 7.5 });
  });

  it('answers suicidal thoughts with crisis resources in the same response', async () => {
    const response = await participant.post('/api/v1/me/check-ins', {
      ...day,
      mood: 1,
      suicidalThoughts: true,
    });
    expect(response.body.crisisResources).toEqual([
      { name: '988 Suicide & Crisis Lifeline', phone: '988', text: true },
    ]);
  });

  it('refuses bad input with a message and changes nothing', async () => {
    const before = (await participant.get('/api/v1/me/check-ins')).body;
    const future = await participant.post('/api/v1/me/check-ins', { ...day, date: addDays(today, 1) });
    expect(future.status).toBe(400);
    expect(future.body.error.message).toBe('date: cannot be in the future');
    const old = await participant.post('/api/v1/me/check-ins', { ...day, date: addDays(today, -3) });
    expect(old.status).toBe(400);
    expect((await participant.post('/api/v1/me/check-ins', { ...day, mood: 11 })).status).toBe(400);
    expect(
      (await participant.post('/api/v1/me/check-ins', { ...day, use: [{ substance: 'cannabis' }] })).status,
    ).toBe(400);
    expect((await participant.get('/api/v1/me/check-ins')).body).toEqual(before);
  });

  it('is the participant’s own: not a family member’s, and read by the care team with an audit event', async () => {
    const family = await server.signIn(clinic.familyAccount.email);
    expect((await family.post('/api/v1/me/check-ins', day)).status).toBe(409);
    expect((await clinician.post('/api/v1/me/check-ins', day)).status).toBe(403);
    const chart = await clinician.get(`/api/v1/participants/${clinic.participantId}/check-ins`);
    expect(chart.status).toBe(200);
    expect(chart.body.items[0]).toMatchObject({ date: today, suicidalThoughts: true });
    const billing = await server.signIn(clinic.staff.billing.email);
    expect((await billing.get(`/api/v1/participants/${clinic.participantId}/check-ins`)).status).toBe(403);
    const [audited] = resultRows<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from audit_events where action = 'check_in.read' and participant_id = ${clinic.participantId}`,
      ),
    );
    expect(audited?.n).toBeGreaterThanOrEqual(1);
  });

  it('offers the skills of the recovery plan in effect, accepts only those, and names the program’s crisis line', async () => {
    const director = await server.signIn(clinic.staff.director.email);
    const program = await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Check-in IOP',
      kind: 'substance_use',
      population: 'adult',
      crisisPhone: '+1 312 555 0142',
    });
    expect(program.status).toBe(201);
    await admitToProgram(clinician, {
      programId: program.body.id,
      givenName: 'ignored',
      familyName: 'ignored',
      participantId: clinic.participantId,
      startDate: addDays(today, -3),
      primaryClinicianId: clinic.staff.clinician.id,
    });
    const programLine = { name: 'Check-in IOP crisis line', phone: '+1 312 555 0142', text: false };
    const before = await participant.get('/api/v1/me/check-ins');
    expect(before.body.skills).toEqual([]);
    expect(before.body.crisisResources).toEqual([
      { name: '988 Suicide & Crisis Lifeline', phone: '988', text: true },
      programLine,
    ]);
    const stranger = await participant.post('/api/v1/me/check-ins', { ...day, skillsUsed: [unknownId] });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toBe(
      'skillsUsed.0: is not a skill of your relapse-prevention plan in effect',
    );

    // A relapse-prevention plan, signed by both, puts its skills on the check-in.
    const draft = await clinician.post(
      `/api/v1/participants/${clinic.participantId}/relapse-prevention-plan/drafts`,
      {},
    );
    const written = await clinician.put(`/api/v1/relapse-prevention-plans/${draft.body.id}`, {
      triggers: ['Payday Fridays'],
      warningSigns: [],
      cravingStrategies: [{ text: 'Urge surfing for 15 minutes' }],
      copingSkills: [{ text: 'Call my sponsor' }],
      people: [],
      reasons: [],
      afterLapse: [],
    });
    expect(written.status).toBe(200);
    await participant.post('/api/v1/me/relapse-prevention-plan/sign', {
      planId: draft.body.id,
      revision: written.body.revision,
      typedName: 'Quill Testwell',
    });
    const signed = await clinician.post(`/api/v1/relapse-prevention-plans/${draft.body.id}/sign`, {
      revision: written.body.revision,
    });
    expect(signed.body.status).toBe('active');
    const mine = await participant.get('/api/v1/me/check-ins');
    expect(mine.body.skills.map((skill: { text: string }) => skill.text)).toEqual([
      'Urge surfing for 15 minutes',
      'Call my sponsor',
    ]);
    const used = mine.body.skills[1].id;
    const checkedIn = await participant.post('/api/v1/me/check-ins', {
      ...day,
      skillsUsed: [used],
      suicidalThoughts: true,
    });
    expect(checkedIn.status).toBe(201);
    expect(checkedIn.body.checkIn.skillsUsed).toEqual([used]);
    expect(checkedIn.body.crisisResources).toContainEqual(programLine);
  });

  it('is invisible to another organisation', async () => {
    const other = await server.createClinic('Other Check-in Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    expect((await outsider.get(`/api/v1/participants/${clinic.participantId}/check-ins`)).status).toBe(404);
  });
});
