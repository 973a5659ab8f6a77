import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * The front door of an IOP, over HTTP against the real database: a referral arrives, the person is
 * screened, the level of care is decided, and they are admitted or referred out; consents decide who
 * may hear about their care.
 */
let server: TestServer;
let clinic: Clinic;
let intake: Session;
let clinician: Session;
let director: Session;
let supervisor: Session;
let billing: Session;
let programId: string;
let otherProgramId: string;
let trackId: string;

const calm = { d1: 0, d2: 0, d3: 0, d4: 0, d5: 0, d6: 0 };
const newPerson = {
  givenName: 'Juniper',
  familyName: 'Examplar',
  dateOfBirth: '1988-02-29',
  preferredLanguage: 'en',
  phone: '+1 312 555 0177',
};

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Front Door Clinic');
  [intake, clinician, director, supervisor, billing] = await Promise.all([
    server.signIn(clinic.staff.intake.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.supervisor.email),
    server.signIn(clinic.staff.billing.email),
  ]);
  const program = async (name: string) =>
    (
      await director.post('/api/v1/programs', {
        siteId: clinic.siteId,
        name,
        kind: 'substance_use',
        population: 'adult',
      })
    ).body.id as string;
  programId = await program('Adult SUD IOP');
  otherProgramId = await program('Adult MH IOP');
  trackId = (await director.post('/api/v1/tracks', { programId, name: 'Evenings', kind: 'evening' })).body.id;
});
afterAll(() => server.close());

describe('a referral from residential step-down, through to admission', () => {
  let referralId: string;
  let participantId: string;
  let assessmentId: string;

  it('arrives as a new referral and registers the person', async () => {
    const created = await intake.post('/api/v1/referrals', {
      newParticipant: newPerson,
      source: 'residential_step_down',
      referrerName: 'Sampleview Residential (synthetic)',
      reason: 'Completing 28 days residential; needs structured step-down.',
      programId,
      ownerId: clinic.staff.intake.id,
      receivedOn: '2026-01-05',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'new',
      source: 'residential_step_down',
      participantName: 'Juniper Examplar',
      owner: { id: clinic.staff.intake.id },
      receivedOn: '2026-01-05',
      daysToAdmission: null,
    });
    expect(created.body.history).toEqual([
      expect.objectContaining({ status: 'new', by: expect.objectContaining({ id: clinic.staff.intake.id }) }),
    ]);
    referralId = created.body.id;
    participantId = created.body.participantId;
    const person = await intake.get(`/api/v1/participants/${participantId}`);
    expect(person.body).toMatchObject({ givenName: 'Juniper', recordNumber: expect.stringMatching(/^SW-/) });

    const board = await intake.get('/api/v1/referrals?open=true');
    expect(board.body.items.map((item: { id: string }) => item.id)).toContain(referralId);
  });

  it('is screened: moved to screening, PHQ-9 and AUDIT-C administered', async () => {
    const screening = await intake.post(`/api/v1/referrals/${referralId}/status`, { status: 'screening' });
    expect(screening.body.status).toBe('screening');
    const phq9 = await intake.post(`/api/v1/participants/${participantId}/instrument-responses`, {
      instrument: 'phq9',
      answers: [1, 2, 1, 1, 1, 1, 0, 0, 0],
    });
    expect(phq9.body.score).toMatchObject({ total: 7, band: 'mild', flags: [] });
    const auditc = await intake.post(`/api/v1/participants/${participantId}/instrument-responses`, {
      instrument: 'auditc',
      answers: [3, 2, 2],
      sex: 'female',
    });
    expect(auditc.body.score.band).toBe('positive');
  });

  it('cannot be admitted before the level of care is decided', async () => {
    // Screening cannot jump to admission, whatever the body says.
    const assessed = await intake.post(`/api/v1/participants/${participantId}/level-of-care-assessments`, {
      programId,
      dimensions: { ...calm, d3: 2, d5: 2 },
      context: { steppingDownFrom: 'residential', stableHome: true },
    });
    assessmentId = assessed.body.id;
    const premature = await intake.post(`/api/v1/participants/${participantId}/episodes`, {
      programId,
      referralId,
      levelOfCareAssessmentId: assessmentId,
      startDate: '2026-01-12',
      expectedLengthDays: 56,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    expect(premature.status).toBe(409);
    expect(premature.body.error.message).toMatch(/not been confirmed or overridden/);
  });

  it('is assessed for IOP with reasons and a step-down flag, and the clinician confirms', async () => {
    const moved = await intake.post(`/api/v1/referrals/${referralId}/status`, { status: 'assessment' });
    expect(moved.body.status).toBe('assessment');
    const assessments = await clinician.get(
      `/api/v1/participants/${participantId}/level-of-care-assessments`,
    );
    const [latest] = assessments.body.items;
    expect(latest.recommendation).toMatchObject({
      level: 'iop',
      weeklyHoursMinimum: 9,
      flags: ['step_down'],
    });
    expect(latest.recommendation.reasons.map((reason: { dimension?: string }) => reason.dimension)).toEqual([
      'd3',
      'd5',
      undefined,
    ]);
    const confirmed = await clinician.post(`/api/v1/level-of-care-assessments/${assessmentId}/decision`, {
      decision: 'confirm',
    });
    expect(confirmed.body.decision.level).toBe('iop');
  });

  it('refuses an admission with bad details, changing nothing', async () => {
    const base = {
      programId,
      referralId,
      levelOfCareAssessmentId: assessmentId,
      startDate: '2026-01-12',
      expectedLengthDays: 56,
      primaryClinicianId: clinic.staff.clinician.id,
    };
    const attempts: [string, unknown, number][] = [
      ['an ICD-10 code that is not one', { ...base, diagnoses: [{ code: 'alcoholism' }] }, 400],
      ['an unknown clinician', { ...base, primaryClinicianId: unknownId }, 400],
      [
        'a participant account as clinician',
        { ...base, primaryClinicianId: clinic.participantAccount.id },
        400,
      ],
      ['a track of another program', { ...base, programId: otherProgramId, trackId }, 400],
      ['an unknown program', { ...base, programId: unknownId }, 400],
      ['an expected length of zero', { ...base, expectedLengthDays: 0 }, 400],
      ['a start before the referral', { ...base, startDate: '2026-01-01' }, 400],
      ['someone else’s referral', { ...base, referralId: unknownId }, 400],
      ['an unknown field', { ...base, bedNumber: 4 }, 400],
    ];
    for (const [what, body, status] of attempts) {
      const response = await intake.post(`/api/v1/participants/${participantId}/episodes`, body);
      expect({ what, status: response.status }).toEqual({ what, status });
    }
    const episodes = await intake.get(`/api/v1/participants/${participantId}/episodes`);
    expect(episodes.body.items).toEqual([]);
    expect((await intake.get(`/api/v1/referrals/${referralId}`)).body.status).toBe('assessment');
  });

  it('is admitted: an episode opens with its care team and the referral closes as admitted', async () => {
    const admitted = await intake.post(`/api/v1/participants/${participantId}/episodes`, {
      programId,
      trackId,
      referralId,
      levelOfCareAssessmentId: assessmentId,
      phase: 'Early recovery',
      startDate: '2026-01-12',
      expectedLengthDays: 56,
      primaryClinicianId: clinic.staff.clinician.id,
      supervisorId: clinic.staff.supervisor.id,
      payer: 'Synthetic Health Plan',
      authorizationNumber: 'AUTH-0001',
      diagnoses: [{ code: 'f10.20', description: 'Alcohol use disorder, moderate' }, { code: 'F32.A' }],
    });
    expect(admitted.status).toBe(201);
    expect(admitted.body).toMatchObject({
      participantId,
      programId,
      programName: 'Adult SUD IOP',
      trackId,
      referralId,
      status: 'open',
      phase: 'Early recovery',
      startDate: '2026-01-12',
      expectedEndDate: '2026-03-09',
      careTeam: {
        primaryClinician: { id: clinic.staff.clinician.id },
        supervisor: { id: clinic.staff.supervisor.id },
        prescriber: null,
      },
      diagnoses: [
        { code: 'F10.20', description: 'Alcohol use disorder, moderate' },
        { code: 'F32.A', description: null },
      ],
    });
    const referral = await intake.get(`/api/v1/referrals/${referralId}`);
    expect(referral.body).toMatchObject({
      status: 'admitted',
      admittedOn: '2026-01-12',
      daysToAdmission: 7,
      episodeId: admitted.body.id,
    });
    expect(referral.body.history.map((step: { status: string }) => step.status)).toEqual([
      'new',
      'screening',
      'assessment',
      'admitted',
    ]);
    const closed = await intake.get('/api/v1/referrals?open=false');
    expect(closed.body.items.map((item: { id: string }) => item.id)).toContain(referralId);
    expect((await supervisor.get(`/api/v1/participants/${participantId}/episodes`)).body.items).toHaveLength(
      1,
    );
  });

  it('allows one open episode per program, and no more moves of an admitted referral', async () => {
    const second = await intake.post(`/api/v1/participants/${participantId}/episodes`, {
      programId,
      levelOfCareAssessmentId: assessmentId,
      startDate: '2026-01-19',
      expectedLengthDays: 30,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/already has an open episode/);
    const moved = await intake.post(`/api/v1/referrals/${referralId}/status`, { status: 'screening' });
    expect(moved.status).toBe(409);
    expect(moved.body.error.message).toMatch(/Admitted cannot move to Screening/);
    expect((await intake.patch(`/api/v1/referrals/${referralId}`, { reason: 'changed' })).status).toBe(409);
  });
});

describe('a referral that needs another level of care', () => {
  it('is referred out to withdrawal management, with where to and why', async () => {
    const created = await intake.post('/api/v1/referrals', {
      participantId: clinic.participantId,
      source: 'hospital',
      referrerName: 'General Hospital ED (synthetic)',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    await intake.post(`/api/v1/referrals/${id}/status`, { status: 'screening' });
    const assessed = await intake.post(
      `/api/v1/participants/${clinic.participantId}/level-of-care-assessments`,
      {
        population: 'adult',
        dimensions: { ...calm, d1: 3 },
        context: { needsMedicalDetox: true },
      },
    );
    expect(assessed.body.recommendation.level).toBe('withdrawal_management');
    const decided = await clinician.post(`/api/v1/level-of-care-assessments/${assessed.body.id}/decision`, {
      decision: 'confirm',
    });
    expect(decided.body.decision.level).toBe('withdrawal_management');
    const admit = await intake.post(`/api/v1/participants/${clinic.participantId}/episodes`, {
      programId,
      referralId: id,
      levelOfCareAssessmentId: assessed.body.id,
      startDate: new Date().toISOString().slice(0, 10),
      expectedLengthDays: 30,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    expect(admit.status).toBe(409);
    expect(admit.body.error.message).toMatch(/withdrawal management, not intensive outpatient/);

    const incomplete = await intake.post(`/api/v1/referrals/${id}/status`, { status: 'referred_out' });
    expect(incomplete.status).toBe(400);
    const out = await intake.post(`/api/v1/referrals/${id}/status`, {
      status: 'referred_out',
      referredOutTo: 'Harbor Withdrawal Center (synthetic)',
      reason: 'Needs medically managed withdrawal before IOP; re-refer afterwards.',
    });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({
      status: 'referred_out',
      referredOutTo: 'Harbor Withdrawal Center (synthetic)',
      closingReason: expect.stringMatching(/medically managed withdrawal/),
    });
    expect(
      (await intake.post(`/api/v1/referrals/${id}/status`, { status: 'declined', reason: 'x' })).status,
    ).toBe(409);
  });

  it('waitlists and declines with reasons, and refuses bad referrals', async () => {
    const created = await intake.post('/api/v1/referrals', {
      participantId: clinic.participantId,
      source: 'self',
    });
    const waitlisted = await intake.post(`/api/v1/referrals/${created.body.id}/status`, {
      status: 'waitlisted',
      note: 'Evening track full until March.',
    });
    expect(waitlisted.body.history.at(-1)).toMatchObject({
      status: 'waitlisted',
      note: 'Evening track full until March.',
    });
    expect(
      (await intake.post(`/api/v1/referrals/${created.body.id}/status`, { status: 'declined' })).status,
    ).toBe(400);

    const bad: unknown[] = [
      { source: 'self' },
      { participantId: clinic.participantId, newParticipant: newPerson, source: 'self' },
      { participantId: clinic.participantId, source: 'the internet' },
      { participantId: clinic.participantId, source: 'self', receivedOn: '2999-01-01' },
      { participantId: clinic.participantId, source: 'self', ownerId: unknownId },
      { participantId: clinic.participantId, source: 'self', programId: unknownId },
      { newParticipant: { givenName: 'Only' }, source: 'self' },
    ];
    const before = (await intake.get(`/api/v1/referrals?participantId=${clinic.participantId}`)).body.items
      .length;
    for (const body of bad) expect((await intake.post('/api/v1/referrals', body)).status).toBe(400);
    expect(
      (await intake.post('/api/v1/referrals', { participantId: unknownId, source: 'self' })).status,
    ).toBe(404);
    const after = (await intake.get(`/api/v1/referrals?participantId=${clinic.participantId}`)).body.items
      .length;
    expect(after).toBe(before);
  });

  it('keeps referrals to the front-door roles and inside their organisation', async () => {
    expect((await billing.get('/api/v1/referrals')).status).toBe(403);
    expect((await supervisor.get('/api/v1/referrals')).status).toBe(403);
    const other = await server.createClinic('Other Front Door Clinic');
    const outsider = await server.signIn(other.staff.intake.email);
    const mine = await intake.get('/api/v1/referrals');
    expect((await outsider.get('/api/v1/referrals')).body.items).toEqual([]);
    expect((await outsider.get(`/api/v1/referrals/${mine.body.items[0].id}`)).status).toBe(404);
    expect(
      (await outsider.post(`/api/v1/referrals/${mine.body.items[0].id}/status`, { status: 'screening' }))
        .status,
    ).toBe(404);
  });
});

describe('consents', () => {
  const signature = { signerName: 'Quill Testwell', relationship: 'self', agreed: true };
  const url = () => `/api/v1/participants/${clinic.participantId}/consents`;
  const check = (query: string) =>
    clinician.get(`/api/v1/participants/${clinic.participantId}/disclosure-check?${query}`);

  it('records a single TPO consent with its statement, and it covers payers for payment', async () => {
    expect(
      (await check('recipientType=payer&recipientName=Synthetic%20Health%20Plan&purpose=payment')).body,
    ).toEqual({
      allowed: false,
      reason: 'no consent in force covers this recipient and purpose',
    });
    const tpo = await intake.post(url(), {
      kind: 'tpo',
      discloser: 'Front Door Clinic',
      expiry: { kind: 'event', event: 'end of treatment' },
      signature,
    });
    expect(tpo.status).toBe(201);
    expect(tpo.body).toMatchObject({
      kind: 'tpo',
      version: 1,
      status: 'in_force',
      participantName: expect.stringMatching(/^Quill Testwell/),
      purposes: ['treatment', 'payment', 'health_care_operations'],
      signature: { signerName: 'Quill Testwell', relationship: 'self' },
      recordedBy: { id: clinic.staff.intake.id },
    });
    expect(tpo.body.statement).toMatch(/treatment, payment and health care operations/);
    const allowed = await check(
      'recipientType=payer&recipientName=Synthetic%20Health%20Plan&purpose=payment',
    );
    expect(allowed.body).toMatchObject({ allowed: true, consentId: tpo.body.id });
  });

  it('records a Part 2 consent naming the court, and revoking it stops disclosure at once', async () => {
    const part2 = await intake.post(url(), {
      kind: 'part2_disclosure',
      discloser: 'Front Door Clinic',
      information: 'Attendance and drug screen results',
      recipients: [{ type: 'other', name: 'County Drug Court (synthetic)' }],
      purposes: ['legal'],
      purposeDetail: 'Compliance with drug court program',
      expiry: { kind: 'date', date: '2099-12-31' },
      signature,
    });
    expect(part2.status).toBe(201);
    const query = 'recipientType=other&recipientName=County%20Drug%20Court%20(synthetic)&purpose=legal';
    expect((await check(query)).body.allowed).toBe(true);
    expect((await check(query.replace('legal', 'employment'))).body.allowed).toBe(false);

    const revoked = await intake.post(`/api/v1/consents/${part2.body.id}/revoke`, {
      reason: 'Participant revoked in writing at the front desk.',
    });
    expect(revoked.body).toMatchObject({
      status: 'revoked',
      revocationReason: expect.stringMatching(/in writing/),
    });
    expect((await check(query)).body).toEqual({
      allowed: false,
      reason: 'the consent that named this recipient has been revoked or has expired',
    });
    expect((await intake.post(`/api/v1/consents/${part2.body.id}/revoke`, { reason: 'again' })).status).toBe(
      409,
    );
  });

  it('records family involvement for a named contact only, and versions a re-signed consent', async () => {
    const family = await intake.post(url(), {
      kind: 'family_involvement',
      recipients: [{ type: 'family_member', contactId: clinic.familyContactId, name: 'Fern Testwell' }],
      information: 'Attendance and progress in family sessions',
      expiry: { kind: 'none' },
      signature,
    });
    expect(family.status).toBe(201);
    const query = `recipientType=family_member&contactId=${clinic.familyContactId}&purpose=family_involvement`;
    expect((await check(query)).body.allowed).toBe(true);
    expect(
      (await check(`recipientType=family_member&contactId=${unknownId}&purpose=family_involvement`)).body
        .allowed,
    ).toBe(false);
    const again = await intake.post(url(), {
      kind: 'family_involvement',
      recipients: [{ type: 'family_member', contactId: clinic.familyContactId }],
      information: 'Attendance only',
      expiry: { kind: 'none' },
      signature,
    });
    expect(again.body.version).toBe(2);
    const listed = await clinician.get(url());
    const familyVersions = listed.body.items.filter(
      (item: { kind: string }) => item.kind === 'family_involvement',
    );
    expect(familyVersions.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    expect(familyVersions[1].information).toBe('Attendance and progress in family sessions');
  });

  it('refuses incomplete or contradictory consents, storing nothing', async () => {
    const before = (await clinician.get(url())).body.items.length;
    const bad: unknown[] = [
      {
        kind: 'part2_disclosure',
        discloser: 'X clinic',
        information: 'All',
        recipients: [],
        purposes: ['legal'],
        expiry: { kind: 'none' },
        signature,
      },
      {
        kind: 'tpo',
        discloser: 'Front Door Clinic',
        expiry: { kind: 'none' },
        signature: { ...signature, agreed: false },
      },
      { kind: 'privacy_notice', signature: { signerName: 'Q', relationship: 'self', agreed: true } },
      {
        kind: 'family_involvement',
        recipients: [{ type: 'family_member', contactId: unknownId }],
        information: 'All',
        expiry: { kind: 'none' },
        signature,
      },
      { kind: 'telehealth', expiry: { kind: 'date', date: '2001-01-01' }, signature },
      { kind: 'research', signature },
    ];
    for (const body of bad) expect((await intake.post(url(), body)).status).toBe(400);
    expect((await clinician.get(url())).body.items).toHaveLength(before);
    expect((await billing.get(url())).status).toBe(403);
    expect(
      (await clinician.post(`/api/v1/consents/${unknownId}/revoke`, { reason: 'none such' })).status,
    ).toBe(404);
  });
});
