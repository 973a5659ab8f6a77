import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { admitToProgram, type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * Measurement trends over HTTP against the real database, with published-example numbers (domain-rules
 * §4): a PHQ-9 from 20 to 9 is a response and a reliable improvement; 12 to 4 a remission; 10 to 12 no
 * reliable change. Then the program's share improved, unchanged and worse.
 */
let server: TestServer;
let clinic: Clinic;
let clinician: Session;
let programId: string;
let today: string;
const people: Record<string, string> = {};

/** PHQ-9 answers adding up to `total`, item 9 left at 0 (no critical alert). */
function phq9(total: number): number[] {
  let left = total;
  return Array.from({ length: 9 }, (_, index) => {
    if (index === 8) return 0;
    const answer = Math.min(3, left);
    left -= answer;
    return answer;
  });
}

/** Records a response through the API, then dates it `daysAgo` days back at noon UTC. */
async function answered(participantId: string, instrument: string, answers: number[], daysAgo: number) {
  const response = await clinician.post(`/api/v1/participants/${participantId}/instrument-responses`, {
    instrument,
    answers,
  });
  if (response.status !== 201) throw new Error(JSON.stringify(response.body));
  const at = `${addDays(today, -daysAgo)}T18:00:00Z`;
  await server.database.db.execute(
    sql`update instrument_responses set authored_at = ${at}::timestamptz where id = ${response.body.id}::uuid`,
  );
}

async function admitted(name: string, startDaysAgo: number): Promise<string> {
  const { participantId } = await admitToProgram(clinician, {
    programId,
    givenName: name,
    familyName: 'Testmeasure',
    startDate: addDays(today, -startDaysAgo),
    primaryClinicianId: clinic.staff.clinician.id,
  });
  people[name] = participantId;
  return participantId;
}

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Measure Clinic');
  clinician = await server.signIn(clinic.staff.clinician.email);
  const director = await server.signIn(clinic.staff.director.email);
  const site = await clinician.get(`/api/v1/sites/${clinic.siteId}`);
  today = instantToZoned(new Date(), site.body.timeZone).date;
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Measure IOP',
      kind: 'mental_health',
      population: 'adult',
    })
  ).body.id;
  // First, Aster: PHQ-9 20 at admission, 14 two weeks later, 9 today; WHO-5 from 40 % to 60 %.
  const aster = await admitted('Aster', 30);
  await answered(aster, 'phq9', phq9(20), 28);
  await answered(aster, 'who5', [2, 2, 2, 2, 2], 28);
  await answered(aster, 'phq9', phq9(14), 14);
  await answered(aster, 'phq9', phq9(9), 1);
  await answered(aster, 'who5', [3, 3, 3, 3, 3], 1);
  // Birch: 12 to 4, a remission. An older PHQ-9 of 22, from before this admission, is not the baseline.
  const birch = await admitted('Birch', 20);
  await answered(birch, 'phq9', phq9(22), 60);
  await answered(birch, 'phq9', phq9(12), 19);
  await answered(birch, 'phq9', phq9(4), 2);
  // Cedar: 10 to 12, no reliable change.
  const cedar = await admitted('Cedar', 20);
  await answered(cedar, 'phq9', phq9(10), 18);
  await answered(cedar, 'phq9', phq9(12), 3);
  // Dune: measured once only.
  const dune = await admitted('Dune', 5);
  await answered(dune, 'phq9', phq9(15), 4);
  // Elm: discharged ten days ago, worse: 10 to 16.
  const elm = await admitted('Elm', 60);
  await answered(elm, 'phq9', phq9(10), 55);
  await answered(elm, 'phq9', phq9(16), 12);
  await server.database.db.execute(
    sql`update episodes set status = 'closed', closed_on = ${addDays(today, -10)}::date where participant_id = ${elm}::uuid`,
  );
});
afterAll(() => server.close());

const measurementOf = (name: string) => clinician.get(`/api/v1/participants/${people[name]}/measurement`);

describe('a participant’s measurement trends', () => {
  it('chart each instrument with its bands, baseline, latest and the change in clinicians’ terms', async () => {
    const response = await measurementOf('Aster');
    expect(response.status).toBe(200);
    expect(response.body.episodeStart).toBe(addDays(today, -30));
    const [phq, who] = response.body.instruments;
    expect(phq).toMatchObject({
      instrument: 'phq9',
      title: 'PHQ-9',
      max: 27,
      reliableChangePoints: 5,
      baseline: { score: 20, band: 'severe', date: addDays(today, -28) },
      latest: { score: 9, band: 'mild', date: addDays(today, -1) },
      change: { points: -11, direction: 'improved', response: true, remission: false },
    });
    expect(phq.points.map((point: { score: number }) => point.score)).toEqual([20, 14, 9]);
    expect(phq.bands.map((band: { band: string }) => band.band)).toEqual([
      'minimal',
      'mild',
      'moderate',
      'moderately_severe',
      'severe',
    ]);
    // The WHO-5 is charted and judged on its percentage, where higher is better.
    expect(who).toMatchObject({
      instrument: 'who5',
      max: 100,
      baseline: { score: 40, band: 'poor' },
      latest: { score: 60, band: 'adequate' },
      change: { points: 20, direction: 'improved', response: false },
    });
    expect(response.body.screens).toEqual({ substances: [], screens: [] });
  });

  it('take the baseline from the current episode, and label remission and no reliable change', async () => {
    const birch = (await measurementOf('Birch')).body.instruments[0];
    expect(birch.points).toHaveLength(3);
    expect(birch.baseline.score).toBe(12);
    expect(birch.change).toEqual({ points: -8, direction: 'improved', response: true, remission: true });
    const cedar = (await measurementOf('Cedar')).body.instruments[0];
    expect(cedar.change).toEqual({ points: 2, direction: 'unchanged', response: false, remission: false });
    const dune = (await measurementOf('Dune')).body.instruments[0];
    expect(dune).toMatchObject({ baseline: { score: 15 }, latest: { score: 15 }, change: null });
    // Elm has no open episode: the baseline is their first response of all.
    const elm = await measurementOf('Elm');
    expect(elm.body.episodeStart).toBeNull();
    expect(elm.body.instruments[0].change).toMatchObject({ points: 6, direction: 'worse' });
  });

  it('are read by the care team only, audited, and invisible to another organisation', async () => {
    const billing = await server.signIn(clinic.staff.billing.email);
    expect((await billing.get(`/api/v1/participants/${people.Aster}/measurement`)).status).toBe(403);
    expect((await clinician.get(`/api/v1/participants/${unknownId}/measurement`)).status).toBe(404);
    const [audited] = resultRows<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from audit_events where action = 'measurement.read' and participant_id = ${people.Aster}`,
      ),
    );
    expect(audited?.n).toBeGreaterThanOrEqual(1);
    const other = await server.createClinic('Other Measure Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    expect((await outsider.get(`/api/v1/participants/${people.Aster}/measurement`)).status).toBe(404);
  });
});

describe('a program’s outcomes', () => {
  it('share the participants improved, unchanged and worse per instrument, without names', async () => {
    const response = await clinician.get(`/api/v1/programs/${programId}/outcomes`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ programId, programName: 'Measure IOP', episodes: 4 });
    const [phq, who] = response.body.instruments;
    // Aster and Birch improved, Cedar unchanged; Dune, measured once, has no verdict yet.
    expect(phq).toMatchObject({
      instrument: 'phq9',
      participants: 4,
      measured: 3,
      improved: 2,
      unchanged: 1,
      worse: 0,
    });
    expect(phq.shares.improved).toBeCloseTo(2 / 3);
    expect(phq.shares.unchanged).toBeCloseTo(1 / 3);
    expect(who).toMatchObject({ instrument: 'who5', measured: 1, improved: 1 });
    expect(JSON.stringify(response.body)).not.toMatch(/Aster|Birch|Testmeasure/);
  });

  it('take in those discharged within a period when asked', async () => {
    const period = `closedFrom=${addDays(today, -14)}&closedTo=${today}`;
    const response = await clinician.get(`/api/v1/programs/${programId}/outcomes?${period}`);
    expect(response.body.episodes).toBe(5);
    expect(response.body.instruments[0]).toMatchObject({ measured: 4, improved: 2, unchanged: 1, worse: 1 });
    expect(response.body.instruments[0].shares.worse).toBeCloseTo(1 / 4);
    const before = await clinician.get(
      `/api/v1/programs/${programId}/outcomes?closedFrom=${addDays(today, -60)}&closedTo=${addDays(today, -11)}`,
    );
    expect(before.body.episodes).toBe(4);
  });

  it('refuse a bad period, other roles and other organisations', async () => {
    const backwards = await clinician.get(
      `/api/v1/programs/${programId}/outcomes?closedFrom=${today}&closedTo=${addDays(today, -1)}`,
    );
    expect(backwards.status).toBe(400);
    expect((await clinician.get(`/api/v1/programs/${programId}/outcomes?closedFrom=soon`)).status).toBe(400);
    const billing = await server.signIn(clinic.staff.billing.email);
    expect((await billing.get(`/api/v1/programs/${programId}/outcomes`)).status).toBe(403);
    const other = await server.createClinic('Other Outcome Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    expect((await outsider.get(`/api/v1/programs/${programId}/outcomes`)).status).toBe(404);
    const [audited] = resultRows<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from audit_events where action = 'outcomes.read' and subject_id = ${programId}`,
      ),
    );
    expect(audited?.n).toBeGreaterThanOrEqual(3);
  });
});
