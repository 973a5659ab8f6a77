import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

let server: TestServer;
let clinic: Clinic;
let intake: Session;
let clinician: Session;
let supervisor: Session;
let billing: Session;
let compliance: Session;

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Instrument Clinic');
  [intake, clinician, supervisor, billing, compliance] = await Promise.all([
    server.signIn(clinic.staff.intake.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.supervisor.email),
    server.signIn(clinic.staff.billing.email),
    server.signIn(clinic.staff.compliance.email),
  ]);
});
afterAll(() => server.close());

const phq9 = (item9: number) => [2, 2, 1, 1, 1, 1, 1, 1, item9];

describe('the instrument catalogue', () => {
  it('lists all nine instruments with their items, sources and licence notes', async () => {
    const listed = await intake.get('/api/v1/instruments');
    expect(listed.status).toBe(200);
    const codes = listed.body.items.map((instrument: { code: string }) => instrument.code);
    expect(codes).toEqual([
      'phq9',
      'gad7',
      'audit',
      'auditc',
      'dast10',
      'bam',
      'cssrs-screener',
      'pcl5',
      'who5',
    ]);
    const first = listed.body.items[0];
    expect(first.items).toHaveLength(9);
    expect(first.items[8]).toMatchObject({ linkId: 'phq9-9', kind: 'scale' });
    expect(first.items[8].options.map((option: { value: number }) => option.value)).toEqual([0, 1, 2, 3]);
    for (const instrument of listed.body.items) {
      expect(instrument.source.length).toBeGreaterThan(10);
      expect(instrument.licence.length).toBeGreaterThan(5);
    }
    const dast = await intake.get('/api/v1/instruments/dast10');
    expect(dast.body.items.every((item: { kind: string }) => item.kind === 'yes_no')).toBe(true);
    expect((await intake.get('/api/v1/instruments/phq-10')).status).toBe(404);
  });

  it('needs a signed-in user', async () => {
    expect((await server.request('GET', '/api/v1/instruments')).status).toBe(401);
  });
});

describe('scoring without storing', () => {
  it('scores a PHQ-9 with its band and the item 9 flag', async () => {
    const scored = await intake.post('/api/v1/instruments/phq9/score', { answers: phq9(1) });
    expect(scored.status).toBe(200);
    expect(scored.body).toMatchObject({
      code: 'phq9',
      total: 11,
      band: 'moderate',
      flags: ['suicidal_ideation'],
    });
    expect(scored.body.interpretation).toMatch(/suicide risk/);
  });

  it('scores AUDIT-C against the cut-off for the sex given, and asks for it when missing', async () => {
    const female = await intake.post('/api/v1/instruments/auditc/score', {
      answers: [1, 1, 1],
      sex: 'female',
    });
    const male = await intake.post('/api/v1/instruments/auditc/score', { answers: [1, 1, 1], sex: 'male' });
    expect([female.body.band, male.body.band]).toEqual(['positive', 'negative']);
    const missing = await intake.post('/api/v1/instruments/auditc/score', { answers: [1, 1, 1] });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/sex/);
  });

  it('gives WHO-5 a percentage and BAM its subscales', async () => {
    const who5 = await intake.post('/api/v1/instruments/who5/score', { answers: [3, 3, 3, 3, 3] });
    expect(who5.body).toMatchObject({ total: 15, percent: 60, band: 'adequate', flags: [] });
    const bam = await intake.post('/api/v1/instruments/bam/score', {
      answers: [2, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2, 3, 2, 2, 1, 2, true, 1, 3, 2],
    });
    expect(bam.status).toBe(200);
    // Risk = items 1, 2, 3, 8, 11, 15 = 2 + 1 + 1 + 2 + 2 + 1; protective counts item 14 (yes) as 4.
    expect(bam.body.subscales).toEqual({ use: 1, risk: 9, protective: 15 });
    expect(bam.body.total).toBeNull();
  });

  it.each([
    ['too few answers', 'phq9', { answers: [0, 0, 0] }, /9 items/],
    ['an answer out of range', 'phq9', { answers: [0, 0, 0, 0, 4, 0, 0, 0, 0] }, /item 5/],
    ['an AUDIT item 9 answer of 1', 'audit', { answers: [1, 1, 1, 0, 0, 0, 0, 0, 1, 0] }, /item 9/],
    ['a fractional answer', 'gad7', { answers: [1, 1, 1, 1.5, 1, 1, 1] }, /item 4/],
    ['a number for a yes/no item', 'dast10', { answers: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] }, /item 1/],
    ['a boolean for a scale item', 'gad7', { answers: [true, 1, 1, 1, 1, 1, 1] }, /item 1/],
    ['strings', 'gad7', { answers: ['1', '1', '1', '1', '1', '1', '1'] }, /answers/],
    ['an unknown field', 'gad7', { answers: [0, 0, 0, 0, 0, 0, 0], extra: 1 }, /extra|unrecognized/i],
    ['an unknown sex', 'auditc', { answers: [0, 0, 0], sex: 'other' }, /sex/],
  ])('refuses %s with 400', async (_, code, body, message) => {
    const response = await intake.post(`/api/v1/instruments/${code}/score`, body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(message);
  });

  it('refuses a C-SSRS answer that says question 6 was recent when question 6 was no', async () => {
    const response = await intake.post('/api/v1/instruments/cssrs-screener/score', {
      answers: [true, true, false, false, false, false, true],
    });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/question 6/i);
  });

  it('answers 404 for an unknown instrument', async () => {
    const response = await intake.post('/api/v1/instruments/beck/score', { answers: [1] });
    expect(response.status).toBe(404);
  });
});

describe('administering an instrument to a participant', () => {
  it('stores a FHIR QuestionnaireResponse with its score, without raising an alert for a calm result', async () => {
    const stored = await intake.post(`/api/v1/participants/${clinic.participantId}/instrument-responses`, {
      instrument: 'gad7',
      answers: [1, 1, 1, 1, 1, 0, 0],
    });
    expect(stored.status).toBe(201);
    expect(stored.body.score).toMatchObject({ code: 'gad7', total: 5, band: 'mild', flags: [] });
    expect(stored.body.alertIds).toEqual([]);
    const fhir = stored.body.questionnaireResponse;
    expect(fhir).toMatchObject({
      resourceType: 'QuestionnaireResponse',
      id: stored.body.id,
      status: 'completed',
      subject: { reference: `Patient/${clinic.participantId}` },
      author: { reference: `Practitioner/${clinic.staff.intake.id}` },
      authored: stored.body.authoredAt,
    });
    expect(fhir.item).toHaveLength(7);
    expect(fhir.item[0]).toMatchObject({ linkId: 'gad7-1', answer: [{ valueInteger: 1 }] });
  });

  it('raises a critical alert for the care team at once when PHQ-9 item 9 is endorsed', async () => {
    const stored = await clinician.post(`/api/v1/participants/${clinic.participantId}/instrument-responses`, {
      instrument: 'phq9',
      answers: phq9(2),
    });
    expect(stored.status).toBe(201);
    expect(stored.body.score.flags).toEqual(['suicidal_ideation']);
    expect(stored.body.alertIds).toHaveLength(1);

    // Then the supervisor sees it in the inbox, first, with the rule, evidence and what to do.
    const inbox = await supervisor.get('/api/v1/alerts?status=open');
    expect(inbox.status).toBe(200);
    const alert = inbox.body.items.find((item: { id: string }) => item.id === stored.body.alertIds[0]);
    expect(alert).toMatchObject({
      participantId: clinic.participantId,
      severity: 'critical',
      rule: 'phq9.item9',
      status: 'open',
      evidence: { instrument: 'phq9', item: 9, value: 2, responseId: stored.body.id, total: 12 },
    });
    expect(alert.suggestedAction).toMatch(/C-SSRS/);
    expect(alert.participantName).toMatch(/^Quill Testwell/);

    // And a clinician acknowledges it, once.
    const acknowledged = await clinician.post(`/api/v1/alerts/${alert.id}/acknowledge`);
    expect(acknowledged.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: { id: clinic.staff.clinician.id },
    });
    expect((await clinician.post(`/api/v1/alerts/${alert.id}/acknowledge`)).status).toBe(409);
    expect((await clinician.post(`/api/v1/alerts/${unknownId}/acknowledge`)).status).toBe(404);
    const open = await supervisor.get('/api/v1/alerts?status=open');
    expect(open.body.items.map((item: { id: string }) => item.id)).not.toContain(alert.id);
  });

  it('raises a critical alert for a high-risk C-SSRS screener and none for a low one', async () => {
    const high = await clinician.post(`/api/v1/participants/${clinic.participantId}/instrument-responses`, {
      instrument: 'cssrs-screener',
      answers: [true, true, true, false, false, true, true],
    });
    expect(high.body.score).toMatchObject({ band: 'high', flags: ['high_suicide_risk'] });
    expect(high.body.alertIds).toHaveLength(1);
    const low = await clinician.post(`/api/v1/participants/${clinic.participantId}/instrument-responses`, {
      instrument: 'cssrs-screener',
      answers: [true, false, false, false, false, false, false],
    });
    expect(low.body.score.band).toBe('low');
    expect(low.body.alertIds).toEqual([]);
    const alerts = await clinician.get(`/api/v1/alerts?participantId=${clinic.participantId}`);
    const cssrs = alerts.body.items.filter((item: { rule: string }) => item.rule === 'cssrs.high_risk');
    expect(cssrs).toHaveLength(1);
    expect(cssrs[0].evidence.endorsed).toEqual([1, 2, 3, 6, 7]);
  });

  it('lists a participant’s responses newest first, for clinical roles only', async () => {
    const listed = await clinician.get(`/api/v1/participants/${clinic.participantId}/instrument-responses`);
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThanOrEqual(4);
    const times = listed.body.items.map((item: { authoredAt: string }) => item.authoredAt);
    expect([...times].sort().reverse()).toEqual(times);
    const phq9Only = await compliance.get(
      `/api/v1/participants/${clinic.participantId}/instrument-responses?instrument=phq9`,
    );
    expect(phq9Only.body.items.every((item: { instrument: string }) => item.instrument === 'phq9')).toBe(
      true,
    );
    expect(
      (await billing.get(`/api/v1/participants/${clinic.participantId}/instrument-responses`)).status,
    ).toBe(403);
    expect((await billing.get('/api/v1/alerts')).status).toBe(403);
    expect(
      (
        await supervisor.post(`/api/v1/participants/${clinic.participantId}/instrument-responses`, {
          instrument: 'gad7',
          answers: [0, 0, 0, 0, 0, 0, 0],
        })
      ).status,
    ).toBe(403);
  });

  it('audits each administration and listing without recording any answer', async () => {
    const trail = await compliance.get(
      `/api/v1/audit/events?participantId=${clinic.participantId}&limit=100`,
    );
    const actions = trail.body.items.map((event: { action: string }) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['instrument_response.created', 'instrument_response.listed', 'alert.created']),
    );
    const created = trail.body.items.find(
      (event: { action: string }) => event.action === 'instrument_response.created',
    );
    expect(Object.keys(created.details)).toEqual(['instrument']);
  });

  it('refuses bad input and unknown participants, storing nothing', async () => {
    const url = `/api/v1/participants/${clinic.participantId}/instrument-responses`;
    const before = await clinician.get(url);
    const bad = [
      { instrument: 'phq9', answers: [0, 0, 0] },
      { instrument: 'phq9', answers: phq9(4) },
      { instrument: 'beck', answers: [0] },
      { instrument: 'auditc', answers: [4, 4, 4] },
      { answers: phq9(0) },
    ];
    for (const body of bad) expect((await clinician.post(url, body)).status).toBe(400);
    const unknown = await clinician.post(`/api/v1/participants/${unknownId}/instrument-responses`, {
      instrument: 'phq9',
      answers: phq9(3),
    });
    expect(unknown.status).toBe(404);
    const after = await clinician.get(url);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('keeps responses and alerts inside their organisation', async () => {
    const other = await server.createClinic('Other Instrument Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    const listed = await outsider.get(`/api/v1/participants/${clinic.participantId}/instrument-responses`);
    expect(listed.status).toBe(404);
    const inbox = await outsider.get('/api/v1/alerts');
    expect(inbox.body.items).toEqual([]);
    const mine = await clinician.get('/api/v1/alerts');
    expect((await outsider.post(`/api/v1/alerts/${mine.body.items[0].id}/acknowledge`)).status).toBe(404);
  });
});
