import { defaultLevelOfCareRules } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

let server: TestServer;
let clinic: Clinic;
let intake: Session;
let clinician: Session;
let director: Session;
let supervisor: Session;
let billing: Session;
let compliance: Session;
let adultProgramId: string;
let teenProgramId: string;

const calm = { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 };

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Level of Care Clinic');
  [intake, clinician, director, supervisor, billing, compliance] = await Promise.all([
    server.signIn(clinic.staff.intake.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.supervisor.email),
    server.signIn(clinic.staff.billing.email),
    server.signIn(clinic.staff.compliance.email),
  ]);
  const program = (name: string, population: string) =>
    director.post('/api/v1/programs', { siteId: clinic.siteId, name, kind: 'co_occurring', population });
  adultProgramId = (await program('Adult IOP', 'adult')).body.id;
  teenProgramId = (await program('Teen IOP', 'adolescent')).body.id;
});
afterAll(() => server.close());

describe('the recommendation calculator', () => {
  it('recommends IOP with the weekly minimum for the population, with reasons naming rule and dimension', async () => {
    const adult = await intake.post('/api/v1/level-of-care/recommend', {
      population: 'adult',
      dimensions: { ...calm, d3: 2, d5: 2 },
    });
    expect(adult.status).toBe(200);
    expect(adult.body).toMatchObject({ level: 'iop', weeklyHoursMinimum: 9, flags: [] });
    expect(adult.body.reasons).toEqual([
      { dimension: 'd3', text: expect.stringMatching(/^Rule 6: .*\(D3\) is rated 2 of 4/) },
      { dimension: 'd5', text: expect.stringMatching(/^Rule 6: .*\(D5\) is rated 2 of 4/) },
    ]);
    const teen = await intake.post('/api/v1/level-of-care/recommend', {
      population: 'adolescent',
      dimensions: { ...calm, d5: 2 },
    });
    expect(teen.body.weeklyHoursMinimum).toBe(6);
  });

  it('routes withdrawal risk first and flags a barrier to 24-hour care', async () => {
    const response = await intake.post('/api/v1/level-of-care/recommend', {
      population: 'adult',
      dimensions: { ...calm, d1: 3, d6: 3 },
      context: { canAttendInpatient: false, steppingDownFrom: 'residential' },
    });
    expect(response.body.level).toBe('withdrawal_management');
    expect(response.body.flags).toEqual([
      'unstable_home_environment',
      'step_down',
      'barrier_to_recommended_level',
    ]);
    expect(response.body.weeklyHoursMinimum).toBeUndefined();
  });

  it.each([
    ['a rating above 4', { population: 'adult', dimensions: { ...calm, d2: 5 } }],
    ['a missing dimension', { population: 'adult', dimensions: { d1: 0 } }],
    ['no population', { dimensions: calm }],
    ['an unknown context field', { population: 'adult', dimensions: calm, context: { homeless: true } }],
    ['a wrong type', { population: 'adult', dimensions: { ...calm, d4: 'high' } }],
  ])('refuses %s with 400', async (_, body) => {
    const response = await intake.post('/api/v1/level-of-care/recommend', body);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('validation_failed');
  });

  it('is for clinical staff', async () => {
    const body = { population: 'adult', dimensions: calm };
    expect((await billing.post('/api/v1/level-of-care/recommend', body)).status).toBe(403);
    expect((await supervisor.post('/api/v1/level-of-care/recommend', body)).status).toBe(200);
  });
});

describe('an assessment, confirmed or overridden', () => {
  const url = () => `/api/v1/participants/${clinic.participantId}/level-of-care-assessments`;

  it('records the ratings, notes and recommendation, then the clinician confirms it', async () => {
    const assessed = await intake.post(url(), {
      programId: adultProgramId,
      dimensions: { ...calm, d4: 3, d5: 2 },
      notes: { d4: 'Ambivalent about stopping; came at a partner’s urging.', d5: 'Two lapses this month.' },
      context: { stableHome: true },
    });
    expect(assessed.status).toBe(201);
    expect(assessed.body).toMatchObject({
      participantId: clinic.participantId,
      programId: adultProgramId,
      population: 'adult',
      recommendation: { level: 'iop', weeklyHoursMinimum: 9, flags: ['low_readiness'] },
      rulesVersion: 0,
      assessedBy: { id: clinic.staff.intake.id },
      decision: null,
    });
    expect(assessed.body.notes.d4).toMatch(/Ambivalent/);

    const confirmed = await clinician.post(`/api/v1/level-of-care-assessments/${assessed.body.id}/decision`, {
      decision: 'confirm',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.decision).toMatchObject({
      kind: 'confirmed',
      level: 'iop',
      reason: null,
      decidedBy: { id: clinic.staff.clinician.id },
    });
    // A decision is final.
    const again = await clinician.post(`/api/v1/level-of-care-assessments/${assessed.body.id}/decision`, {
      decision: 'override',
      level: 'php',
      reason: 'Changed my mind after the family meeting.',
    });
    expect(again.status).toBe(409);
  });

  it('requires a reason to override, and a level other than the one recommended', async () => {
    const assessed = await intake.post(url(), { population: 'adult', dimensions: { ...calm, d2: 4 } });
    expect(assessed.body.recommendation.level).toBe('inpatient');
    const decide = (body: unknown) =>
      clinician.post(`/api/v1/level-of-care-assessments/${assessed.body.id}/decision`, body);
    expect((await decide({ decision: 'override', level: 'residential' })).status).toBe(400);
    expect((await decide({ decision: 'override', level: 'residential', reason: 'no' })).status).toBe(400);
    expect(
      (await decide({ decision: 'override', level: 'inpatient', reason: 'Same level, just to be sure.' }))
        .status,
    ).toBe(400);
    expect((await decide({ decision: 'maybe' })).status).toBe(400);
    const overridden = await decide({
      decision: 'override',
      level: 'residential',
      reason: 'Cardiology cleared the condition as stable this morning; 24-hour nursing is not needed.',
    });
    expect(overridden.status).toBe(200);
    expect(overridden.body.decision).toMatchObject({ kind: 'overridden', level: 'residential' });
    expect(overridden.body.decision.reason).toMatch(/Cardiology/);
    expect(overridden.body.recommendation.level).toBe('inpatient');
  });

  it('takes the population from the program and refuses one that contradicts it', async () => {
    const teen = await intake.post(url(), { programId: teenProgramId, dimensions: { ...calm, d5: 2 } });
    expect(teen.body).toMatchObject({ population: 'adolescent', recommendation: { weeklyHoursMinimum: 6 } });
    const mismatch = await intake.post(url(), {
      programId: teenProgramId,
      population: 'adult',
      dimensions: calm,
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.message).toMatch(/adolescent/);
    const neither = await intake.post(url(), { dimensions: calm });
    expect(neither.status).toBe(400);
    expect(neither.body.error.message).toMatch(/population/);
    const foreignProgram = await intake.post(url(), { programId: unknownId, dimensions: calm });
    expect(foreignProgram.status).toBe(400);
  });

  it('lists a participant’s assessments, newest first, and audits every step', async () => {
    const listed = await supervisor.get(url());
    expect(listed.status).toBe(200);
    expect(listed.body.items.length).toBeGreaterThanOrEqual(3);
    expect((await billing.get(url())).status).toBe(403);
    expect((await supervisor.post(url(), { population: 'adult', dimensions: calm })).status).toBe(403);
    const trail = await compliance.get(
      `/api/v1/audit/events?participantId=${clinic.participantId}&limit=100`,
    );
    const actions = trail.body.items.map((event: { action: string }) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['level_of_care.assessed', 'level_of_care.decided', 'level_of_care.listed']),
    );
    const decided = trail.body.items.find(
      (event: { action: string; details: { decision: string } }) =>
        event.action === 'level_of_care.decided' && event.details.decision === 'overridden',
    );
    expect(decided.details).toEqual({
      decision: 'overridden',
      recommended: 'inpatient',
      decided: 'residential',
    });
  });

  it('refuses unknown participants and assessments, and keeps assessments inside their organisation', async () => {
    const unknown = await intake.post(`/api/v1/participants/${unknownId}/level-of-care-assessments`, {
      population: 'adult',
      dimensions: calm,
    });
    expect(unknown.status).toBe(404);
    const decision = await clinician.post(`/api/v1/level-of-care-assessments/${unknownId}/decision`, {
      decision: 'confirm',
    });
    expect(decision.status).toBe(404);
    const other = await server.createClinic('Other LOC Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    expect((await outsider.get(url())).status).toBe(404);
    const mine = await clinician.get(url());
    const undecided = await intake.post(url(), { population: 'adult', dimensions: calm });
    expect(
      (
        await outsider.post(`/api/v1/level-of-care-assessments/${undecided.body.id}/decision`, {
          decision: 'confirm',
        })
      ).status,
    ).toBe(404);
    expect(mine.body.items.length).toBeGreaterThan(0);
  });
});

describe('a program’s own rules', () => {
  const rulesUrl = () => `/api/v1/programs/${adultProgramId}/level-of-care-rules`;

  it('starts with Stepwise’s defaults', async () => {
    const rules = await clinician.get(rulesUrl());
    expect(rules.status).toBe(200);
    expect(rules.body).toMatchObject({ version: 0, isDefault: true, changedBy: null });
    expect(rules.body.rules).toEqual(defaultLevelOfCareRules);
  });

  it('lets the director tune them; later assessments use the new version, and the change is audited', async () => {
    const tuned = structuredClone(defaultLevelOfCareRules);
    tuned.weeklyHoursMinimum.adult = 12;
    const saved = await director.put(rulesUrl(), tuned);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      isDefault: false,
      changedBy: { id: clinic.staff.director.id },
    });
    const assessed = await intake.post(
      `/api/v1/participants/${clinic.participantId}/level-of-care-assessments`,
      {
        programId: adultProgramId,
        dimensions: { ...calm, d5: 2 },
      },
    );
    expect(assessed.body).toMatchObject({
      rulesVersion: 1,
      recommendation: { level: 'iop', weeklyHoursMinimum: 12 },
    });
    const trail = await compliance.get('/api/v1/audit/events?limit=100');
    const change = trail.body.items.find(
      (event: { action: string }) => event.action === 'level_of_care.rules_changed',
    );
    expect(change).toMatchObject({ subjectId: adultProgramId, details: { version: 1, previousVersion: 0 } });
  });

  it('refuses a rule set without a catch-all last rule, and anyone but the director', async () => {
    const broken = structuredClone(defaultLevelOfCareRules);
    broken.rules.pop();
    const refused = await director.put(rulesUrl(), broken);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/last rule must apply to everyone/);
    expect((await director.put(rulesUrl(), { rules: 'all of them' })).status).toBe(400);
    expect((await clinician.put(rulesUrl(), defaultLevelOfCareRules)).status).toBe(403);
    const unchanged = await clinician.get(rulesUrl());
    expect(unchanged.body.version).toBe(1);
    expect((await director.get(`/api/v1/programs/${unknownId}/level-of-care-rules`)).status).toBe(404);
  });
});
