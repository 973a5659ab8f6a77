import { instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { admitToProgram, type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * The safety plan and the relapse-prevention plan over HTTP against the real database: drafts the care
 * team writes with the participant, signatures by a clinician and by the participant in either order,
 * the version in effect superseding the one before, signed words that never change (in the API and in
 * the database), bad input refused without a change, and nothing visible to family or another
 * organisation.
 */
let server: TestServer;
let clinic: Clinic;
let clinician: Session;
let participant: Session;
let programId: string;
let moduleId: string;

const lifeline = { text: '988 Suicide & Crisis Lifeline (call or text)', phone: '988' };
const programLine = { text: 'Harbor IOP crisis line', phone: '+1 312 555 0199' };

/** A safety plan with something in every section, as written in session with the participant. */
const filledSafetyPlan = (extra = '') => ({
  warning_signs: [{ text: `Lying awake after midnight${extra}` }],
  internal_coping: [{ text: 'Cold water on my face, then a walk' }],
  distraction: [{ text: 'The climbing gym on Fifth Street' }],
  help: [{ text: 'Fern (sister)', phone: '+1 312 555 0142' }],
  professionals: [lifeline, programLine, { text: 'Casey, my counselor', phone: '+1 312 555 0150' }],
  safe_environment: [{ text: 'My brother keeps the pills at his place' }],
});

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Recovery Plans Clinic');
  const director = await server.signIn(clinic.staff.director.email);
  [clinician, participant] = await Promise.all([
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.participantAccount.email),
  ]);
  const program = await director.post('/api/v1/programs', {
    siteId: clinic.siteId,
    name: 'Harbor IOP',
    kind: 'substance_use',
    population: 'adult',
    crisisPhone: programLine.phone,
  });
  expect(program.body.crisisPhone).toBe(programLine.phone);
  programId = program.body.id;
  const module = await director.post(`/api/v1/programs/${programId}/curriculum/modules`, {
    name: 'Distress tolerance: TIPP',
    modality: 'dbt_skills_group',
  });
  expect(module.status).toBe(201);
  moduleId = module.body.id;
  await admitToProgram(clinician, {
    programId,
    participantId: clinic.participantId,
    givenName: 'Quill',
    familyName: 'Testwell',
    startDate: instantToZoned(new Date(), 'America/Chicago').date,
    primaryClinicianId: clinic.staff.clinician.id,
  });
});

afterAll(() => server.close());

const safetyVersions = async () =>
  (await clinician.get(`/api/v1/participants/${clinic.participantId}/safety-plan/versions`)).body.items;

describe('the safety plan', () => {
  it('starts with 988 and the program’s crisis line, is written as a draft, and takes effect once both sign', async () => {
    // first, nothing in effect yet
    expect((await clinician.get(`/api/v1/participants/${clinic.participantId}/safety-plan`)).status).toBe(
      404,
    );
    expect((await participant.get('/api/v1/me/safety-plan')).body).toEqual({ active: null, draft: null });

    // the clinician starts a draft: the crisis lines are there already
    const started = await clinician.post(
      `/api/v1/participants/${clinic.participantId}/safety-plan/drafts`,
      {},
    );
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      version: 1,
      status: 'draft',
      revision: 1,
      clinicianSignature: null,
    });
    expect(started.body.content.professionals).toEqual([
      lifeline,
      { text: programLine.text, phone: programLine.phone },
    ]);
    const draftId = started.body.id;

    // an incomplete plan is not signed
    const early = await clinician.post(`/api/v1/safety-plans/${draftId}/sign`, { revision: 1 });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/^fill in 1\. Warning signs; 2\. Things I can do on my own/);

    // they write it together, then the clinician signs what they wrote
    const written = await clinician.put(`/api/v1/safety-plans/${draftId}`, filledSafetyPlan());
    expect(written.status).toBe(200);
    expect(written.body.revision).toBe(2);
    expect(written.body.content.help).toEqual([{ text: 'Fern (sister)', phone: '+1 312 555 0142' }]);
    const stale = await clinician.post(`/api/v1/safety-plans/${draftId}/sign`, { revision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe(
      'the draft has changed since it was opened; read it again before signing',
    );
    const signed = await clinician.post(`/api/v1/safety-plans/${draftId}/sign`, { revision: 2 });
    expect(signed.status).toBe(200);
    expect(signed.body.status).toBe('draft');
    expect(signed.body.clinicianSignature.by).toEqual({
      id: clinic.staff.clinician.id,
      name: expect.stringContaining('clinician'),
    });
    expect((await clinician.post(`/api/v1/safety-plans/${draftId}/sign`, { revision: 2 })).status).toBe(409);

    // the participant reads the draft on their phone and signs it: it is in effect
    const mine = await participant.get('/api/v1/me/safety-plan');
    expect(mine.body.active).toBeNull();
    expect(mine.body.draft).toMatchObject({ id: draftId, revision: 2 });
    const theirs = await participant.post('/api/v1/me/safety-plan/sign', {
      planId: draftId,
      revision: 2,
      typedName: 'Quill Testwell',
    });
    expect(theirs.status).toBe(200);
    expect(theirs.body).toMatchObject({
      status: 'active',
      participantSignature: { name: 'Quill Testwell' },
    });
    expect(theirs.body.activatedAt).not.toBeNull();
    const now = await participant.get('/api/v1/me/safety-plan');
    expect(now.body).toMatchObject({ active: { id: draftId, version: 1 }, draft: null });
    const inEffect = await clinician.get(`/api/v1/participants/${clinic.participantId}/safety-plan`);
    expect(inEffect.body.content).toEqual({
      ...filledSafetyPlan(),
      warning_signs: [{ text: 'Lying awake after midnight', phone: null }],
      internal_coping: [{ text: 'Cold water on my face, then a walk', phone: null }],
      distraction: [{ text: 'The climbing gym on Fifth Street', phone: null }],
      safe_environment: [{ text: 'My brother keeps the pills at his place', phone: null }],
    });
  });

  it('never changes once signed: the API answers 409 and the database refuses too', async () => {
    const [active] = await safetyVersions();
    const changed = await clinician.put(`/api/v1/safety-plans/${active.id}`, filledSafetyPlan(' (edited)'));
    expect(changed.status).toBe(409);
    expect((await clinician.post(`/api/v1/safety-plans/${active.id}/discard`)).status).toBe(409);
    await expect(
      server.database.db.execute(
        sql`update recovery_plans set content = '{}'::jsonb where id = ${active.id}::uuid`,
      ),
    ).rejects.toThrow();
    await expect(
      server.database.db.execute(
        sql`update recovery_plans set participant_signed_at = null, participant_signed_by = null,
            participant_signed_name = null where id = ${active.id}::uuid`,
      ),
    ).rejects.toThrow();
    await expect(
      server.database.db.execute(
        sql`update recovery_plans set status = 'draft' where id = ${active.id}::uuid`,
      ),
    ).rejects.toThrow();
    expect((await safetyVersions())[0]).toEqual(active);
  });

  it('starts the next version from the one in effect; signed by the participant first, it supersedes it', async () => {
    const [first] = await safetyVersions();
    const next = await clinician.post(`/api/v1/participants/${clinic.participantId}/safety-plan/drafts`, {});
    expect(next.body).toMatchObject({ version: 2, status: 'draft', content: first.content });
    expect(
      (await clinician.post(`/api/v1/participants/${clinic.participantId}/safety-plan/drafts`, {})).status,
    ).toBe(409);
    const revised = await clinician.put(
      `/api/v1/safety-plans/${next.body.id}`,
      filledSafetyPlan(', racing thoughts'),
    );
    expect(revised.body.revision).toBe(2);

    // the participant signs first; the words are then fixed for the clinician too
    const theirs = await participant.post('/api/v1/me/safety-plan/sign', {
      planId: next.body.id,
      revision: 2,
      typedName: 'Quill Testwell',
    });
    expect(theirs.body).toMatchObject({ status: 'draft', clinicianSignature: null });
    const late = await clinician.put(`/api/v1/safety-plans/${next.body.id}`, filledSafetyPlan(' again'));
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/has been signed and never changes/);
    const ours = await clinician.post(`/api/v1/safety-plans/${next.body.id}/sign`, { revision: 2 });
    expect(ours.body.status).toBe('active');

    const versions = await safetyVersions();
    expect(
      versions.map((version: { version: number; status: string }) => [version.version, version.status]),
    ).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    expect(versions[1].supersededAt).not.toBeNull();
    expect(versions[1].content).toEqual(first.content);
    expect(versions[0].content.warning_signs[0].text).toBe('Lying awake after midnight, racing thoughts');
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const draft = await clinician.post(`/api/v1/participants/${clinic.participantId}/safety-plan/drafts`, {
      startFrom: 'blank',
    });
    expect(draft.body.content.warning_signs).toEqual([]);
    const before = await safetyVersions();
    const noLifeline = await clinician.put(`/api/v1/safety-plans/${draft.body.id}`, {
      ...filledSafetyPlan(),
      professionals: [programLine],
    });
    expect(noLifeline.status).toBe(400);
    expect(noLifeline.body.error.message).toBe(
      'body.professionals: keep the 988 Suicide & Crisis Lifeline among the crisis lines',
    );
    const badPhone = await clinician.put(`/api/v1/safety-plans/${draft.body.id}`, {
      ...filledSafetyPlan(),
      help: [{ text: 'Fern', phone: 'ask mum' }],
    });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.message).toBe(
      'body.help.0.phone: must be a phone number such as 988 or +1 555 0100',
    );
    expect(
      (await clinician.put(`/api/v1/safety-plans/${draft.body.id}`, { ...filledSafetyPlan(), extra: [] }))
        .status,
    ).toBe(400);
    expect(
      (
        await participant.post('/api/v1/me/safety-plan/sign', {
          planId: draft.body.id,
          revision: 1,
          typedName: '',
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await participant.post('/api/v1/me/safety-plan/sign', {
          planId: unknownId,
          revision: 1,
          typedName: 'Q',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await clinician.post(`/api/v1/participants/${clinic.participantId}/relapse-prevention-plan/drafts`, {
          startFrom: 'active',
        })
      ).body.error.message,
    ).toBe('startFrom: there is no relapse-prevention plan in effect to start from');
    expect(await safetyVersions()).toEqual(before);

    // a draft set aside (even one signed already) is kept, and a new draft can start
    await clinician.put(`/api/v1/safety-plans/${draft.body.id}`, filledSafetyPlan());
    await clinician.post(`/api/v1/safety-plans/${draft.body.id}/sign`, { revision: 2 });
    const discarded = await clinician.post(`/api/v1/safety-plans/${draft.body.id}/discard`);
    expect(discarded.body).toMatchObject({ status: 'discarded', version: 3 });
    expect((await participant.get('/api/v1/me/safety-plan')).body.draft).toBeNull();
    expect((await safetyVersions()).map((version: { status: string }) => version.status)).toEqual([
      'discarded',
      'active',
      'superseded',
    ]);
  });
});

describe('a program’s crisis line', () => {
  it('is a number or nothing, set by those who manage programs', async () => {
    const director = await server.signIn(clinic.staff.director.email);
    const bad = await director.patch(`/api/v1/programs/${programId}`, { crisisPhone: 'call the desk' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'body.crisisPhone: must be a phone number such as 988 or +1 555 0100',
    );
    expect((await director.get(`/api/v1/programs/${programId}`)).body.crisisPhone).toBe(programLine.phone);
    const other = await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Harbor IOP evening',
      kind: 'mental_health',
      population: 'adult',
    });
    expect(other.body.crisisPhone).toBeNull();
    expect(
      (await director.patch(`/api/v1/programs/${other.body.id}`, { crisisPhone: '988' })).body.crisisPhone,
    ).toBe('988');
  });
});

describe('the relapse-prevention plan', () => {
  it('links coping skills to the curriculum, keeps skill ids across versions, and takes effect once both sign', async () => {
    const draft = await clinician.post(
      `/api/v1/participants/${clinic.participantId}/relapse-prevention-plan/drafts`,
      {},
    );
    expect(draft.status).toBe(201);
    const content = {
      triggers: ['Payday Fridays', 'Arguments at home'],
      warningSigns: ['Skipping group', 'Calling old friends who still use'],
      cravingStrategies: [{ text: 'Urge surfing for 15 minutes' }],
      copingSkills: [{ text: 'TIPP when I am overwhelmed', moduleId }],
      people: [{ name: 'Jordan Sample', relationship: 'sponsor', phone: '+1 312 555 0177' }],
      reasons: ['Being there for my daughter'],
      afterLapse: ['Call Jordan the same day', 'Tell my counselor at the next group'],
    };
    const unknownModule = await clinician.put(`/api/v1/relapse-prevention-plans/${draft.body.id}`, {
      ...content,
      copingSkills: [{ text: 'TIPP', moduleId: unknownId }],
    });
    expect(unknownModule.status).toBe(400);
    expect(unknownModule.body.error.message).toBe(
      'copingSkills.0.moduleId: is not a curriculum module of this organisation',
    );
    const written = await clinician.put(`/api/v1/relapse-prevention-plans/${draft.body.id}`, content);
    expect(written.status).toBe(200);
    const skill = written.body.content.copingSkills[0];
    expect(skill).toMatchObject({
      text: 'TIPP when I am overwhelmed',
      module: { id: moduleId, name: 'Distress tolerance: TIPP' },
    });

    // the participant signs first this time, from their own account
    const mine = await participant.get('/api/v1/me/relapse-prevention-plan');
    expect(mine.body.draft.content.people).toEqual(content.people);
    await participant.post('/api/v1/me/relapse-prevention-plan/sign', {
      planId: draft.body.id,
      revision: written.body.revision,
      typedName: 'Quill Testwell',
    });
    const signed = await clinician.post(`/api/v1/relapse-prevention-plans/${draft.body.id}/sign`, {
      revision: written.body.revision,
    });
    expect(signed.body.status).toBe('active');

    // the next version keeps the skill's id, so check-ins that named it still mean it
    const next = await clinician.post(
      `/api/v1/participants/${clinic.participantId}/relapse-prevention-plan/drafts`,
      {},
    );
    expect(next.body.content.copingSkills[0].id).toBe(skill.id);
    const duplicate = await clinician.put(`/api/v1/relapse-prevention-plans/${next.body.id}`, {
      ...content,
      cravingStrategies: [{ id: skill.id, text: 'Urge surfing' }],
      copingSkills: [{ id: skill.id, text: 'TIPP' }],
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.message).toBe('copingSkills.0.id: is used twice in the plan');
  });
});

describe('who reaches the plans', () => {
  it('is the participant themselves and the care team: not family, not billing, and every read is audited', async () => {
    const family = await server.signIn(clinic.familyAccount.email);
    expect((await family.get('/api/v1/me/safety-plan')).status).toBe(404);
    expect((await family.get('/api/v1/me/relapse-prevention-plan')).status).toBe(404);
    const [active] = await safetyVersions();
    expect(
      (
        await family.post('/api/v1/me/safety-plan/sign', {
          planId: active.id,
          revision: 1,
          typedName: 'Fern',
        })
      ).status,
    ).toBe(404);
    expect((await clinician.get('/api/v1/me/safety-plan')).status).toBe(403);
    const billing = await server.signIn(clinic.staff.billing.email);
    expect(
      (await billing.get(`/api/v1/participants/${clinic.participantId}/safety-plan/versions`)).status,
    ).toBe(403);
    const supervisor = await server.signIn(clinic.staff.supervisor.email);
    expect((await supervisor.get(`/api/v1/safety-plans/${active.id}`)).status).toBe(200);

    const audited = resultRows<{ action: string; n: number }>(
      await server.database.db.execute(
        sql`select action, count(*)::int as n from audit_events
            where participant_id = ${clinic.participantId}::uuid and action like '%plan.%'
              and action not like 'treatment_plan.%'
            group by action order by action`,
      ),
    );
    expect(Object.fromEntries(audited.map((row) => [row.action, row.n]))).toMatchObject({
      'safety_plan.drafted': 3,
      'safety_plan.signed': 5,
      'safety_plan.activated': 2,
      'safety_plan.discarded': 1,
      'relapse_prevention_plan.activated': 1,
    });
    expect(audited.find((row) => row.action === 'safety_plan.read')?.n).toBeGreaterThan(5);
    expect(audited.find((row) => row.action === 'safety_plan.updated')?.n).toBe(3);
  });

  it('is invisible to another organisation', async () => {
    const other = await server.createClinic('Other Plans Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    const [active] = await safetyVersions();
    expect(
      (await outsider.get(`/api/v1/participants/${clinic.participantId}/safety-plan/versions`)).status,
    ).toBe(404);
    expect((await outsider.get(`/api/v1/safety-plans/${active.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/safety-plans/${active.id}/sign`, { revision: 1 })).status).toBe(404);
    expect(
      (await outsider.post(`/api/v1/participants/${clinic.participantId}/relapse-prevention-plan/drafts`, {}))
        .status,
    ).toBe(404);
    const theirParticipant = await server.signIn(other.participantAccount.email);
    expect(
      (
        await theirParticipant.post('/api/v1/me/safety-plan/sign', {
          planId: active.id,
          revision: 2,
          typedName: 'X',
        })
      ).status,
    ).toBe(404);
  });
});
