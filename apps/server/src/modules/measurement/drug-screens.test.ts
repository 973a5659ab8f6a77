import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { admitToProgram, type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * Drug and alcohol screens over HTTP against the real database: a clinician records them, the chart
 * lists them newest first, a wrong entry is marked entered in error (kept, out of the trend), bad input
 * changes nothing, and another organisation sees none of it.
 */
let server: TestServer;
let clinic: Clinic;
let clinician: Session;
let today: string;
let admittedOn: string;

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Screen Clinic');
  clinician = await server.signIn(clinic.staff.clinician.email);
  const director = await server.signIn(clinic.staff.director.email);
  const site = await clinician.get(`/api/v1/sites/${clinic.siteId}`);
  today = instantToZoned(new Date(), site.body.timeZone).date;
  admittedOn = addDays(today, -30);
  const program = await director.post('/api/v1/programs', {
    siteId: clinic.siteId,
    name: 'Screen IOP',
    kind: 'substance_use',
    population: 'adult',
  });
  await admitToProgram(clinician, {
    programId: program.body.id,
    givenName: 'ignored',
    familyName: 'ignored',
    startDate: admittedOn,
    primaryClinicianId: clinic.staff.clinician.id,
    participantId: clinic.participantId,
  });
});
afterAll(() => server.close());

const screensUrl = () => `/api/v1/participants/${clinic.participantId}/drug-screens`;
const urineScreen = (collectedOn: string, cannabis: 'negative' | 'positive' = 'negative') => ({
  collectedOn,
  method: 'urine',
  results: [
    { substance: 'Cannabis', result: cannabis },
    { substance: 'Opioids', result: 'negative' },
  ],
  observed: true,
  labReference: 'LAB-TEST-0001',
});

describe('drug and alcohol screens', () => {
  let first: { id: string };

  it('are recorded by a clinician and listed newest first, with an audit event each', async () => {
    // First, a negative urine screen from ten days ago; then a positive one from three days ago.
    const older = await clinician.post(screensUrl(), urineScreen(addDays(today, -10)));
    expect(older.status).toBe(201);
    first = older.body;
    const newer = await clinician.post(screensUrl(), {
      ...urineScreen(addDays(today, -3), 'positive'),
      observed: false,
      labReference: null,
      note: 'Participant reports one use at a party (test).',
    });
    expect(newer.status).toBe(201);
    expect(newer.body).toMatchObject({
      collectedOn: addDays(today, -3),
      method: 'urine',
      observed: false,
      labReference: null,
      recordedBy: { id: clinic.staff.clinician.id },
      enteredInError: null,
      results: [
        { substance: 'Cannabis', result: 'positive' },
        { substance: 'Opioids', result: 'negative' },
      ],
    });
    const breath = await clinician.post(screensUrl(), {
      collectedOn: today,
      method: 'breath',
      results: [{ substance: 'Alcohol', result: 'negative' }],
      observed: true,
    });
    expect(breath.status).toBe(201);

    const listed = await clinician.get(screensUrl());
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: { collectedOn: string }) => item.collectedOn)).toEqual([
      today,
      addDays(today, -3),
      addDays(today, -10),
    ]);
    const [audited] = resultRows<{ recorded: number; listed: number }>(
      await server.database.db.execute(sql`
        select count(*) filter (where action = 'drug_screen.recorded')::int as recorded,
               count(*) filter (where action = 'drug_screen.listed')::int as listed
        from audit_events where participant_id = ${clinic.participantId}`),
    );
    expect(audited).toEqual({ recorded: 3, listed: 1 });
  });

  it('are never edited: a wrong entry is marked entered in error, kept on the list and left out of the trend', async () => {
    const noReason = await clinician.post(`/api/v1/drug-screens/${first.id}/entered-in-error`, {});
    expect(noReason.status).toBe(400);
    const marked = await clinician.post(`/api/v1/drug-screens/${first.id}/entered-in-error`, {
      reason: 'Recorded on the wrong participant (test)',
    });
    expect(marked.status).toBe(200);
    expect(marked.body.enteredInError).toMatchObject({
      reason: 'Recorded on the wrong participant (test)',
      by: { id: clinic.staff.clinician.id },
    });
    const again = await clinician.post(`/api/v1/drug-screens/${first.id}/entered-in-error`, {
      reason: 'Twice (test)',
    });
    expect(again.status).toBe(409);

    const listed = await clinician.get(screensUrl());
    expect(listed.body.items).toHaveLength(3);
    expect(listed.body.items[2]).toMatchObject({
      id: first.id,
      enteredInError: { reason: expect.any(String) },
    });

    const measurement = await clinician.get(`/api/v1/participants/${clinic.participantId}/measurement`);
    expect(measurement.status).toBe(200);
    expect(measurement.body.screens).toEqual({
      substances: ['Cannabis', 'Opioids', 'Alcohol'],
      screens: [
        {
          id: expect.any(String),
          collectedOn: addDays(today, -3),
          results: { Cannabis: 'positive', Opioids: 'negative' },
        },
        { id: expect.any(String), collectedOn: today, results: { Alcohol: 'negative' } },
      ],
    });
    const [row] = resultRows<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from audit_events where action = 'drug_screen.entered_in_error' and subject_id = ${first.id}`,
      ),
    );
    expect(row?.n).toBe(1);
  });

  it('refuses bad input with a message and changes nothing', async () => {
    const before = (await clinician.get(screensUrl())).body;
    const future = await clinician.post(screensUrl(), urineScreen(addDays(today, 1)));
    expect(future.status).toBe(400);
    expect(future.body.error.message).toBe('collectedOn: cannot be in the future');
    const beforeKnown = await clinician.post(screensUrl(), urineScreen(addDays(admittedOn, -1)));
    expect(beforeKnown.status).toBe(400);
    expect(beforeKnown.body.error.message).toContain('before the participant was known');
    const duplicate = await clinician.post(screensUrl(), {
      ...urineScreen(today),
      results: [
        { substance: 'Cannabis', result: 'negative' },
        { substance: 'cannabis', result: 'positive' },
      ],
    });
    expect(duplicate.status).toBe(400);
    expect(JSON.stringify(duplicate.body)).toContain('each substance once');
    for (const bad of [
      { ...urineScreen(today), results: [] },
      { ...urineScreen(today), method: 'tea_leaves' },
      { ...urineScreen(today), results: [{ substance: 'Cannabis', result: 'maybe' }] },
      { ...urineScreen(today), collectedOn: 'yesterday' },
      { ...urineScreen(today), observed: undefined },
      { ...urineScreen(today), extra: true },
    ]) {
      const response = await clinician.post(screensUrl(), bad);
      expect(response.status).toBe(400);
    }
    expect(
      (await clinician.post(`/api/v1/participants/${unknownId}/drug-screens`, urineScreen(today))).status,
    ).toBe(404);
    expect((await clinician.get(screensUrl())).body).toEqual(before);
  });

  it('are recorded by those who administer instruments and read by the care team only', async () => {
    const [supervisor, billing, participant] = await Promise.all([
      server.signIn(clinic.staff.supervisor.email),
      server.signIn(clinic.staff.billing.email),
      server.signIn(clinic.participantAccount.email),
    ]);
    expect((await supervisor.get(screensUrl())).status).toBe(200);
    expect((await supervisor.post(screensUrl(), urineScreen(today))).status).toBe(403);
    expect((await billing.get(screensUrl())).status).toBe(403);
    expect((await participant.get(screensUrl())).status).toBe(403);
  });

  it('are invisible to another organisation', async () => {
    const other = await server.createClinic('Other Screen Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    const mine = (await clinician.get(screensUrl())).body.items[0];
    expect((await outsider.get(screensUrl())).status).toBe(404);
    expect((await outsider.post(screensUrl(), urineScreen(today))).status).toBe(404);
    expect(
      (await outsider.post(`/api/v1/drug-screens/${mine.id}/entered-in-error`, { reason: 'Not mine (test)' }))
        .status,
    ).toBe(404);
    expect((await clinician.get(screensUrl())).body.items[0].enteredInError).toBeNull();
  });
});
