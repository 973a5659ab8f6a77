import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitToProgram, type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * Treatment plans over HTTP against the real database: a draft written and revised, put into effect,
 * revised again as a new version (the old one never changes), reviewed on the program's interval with
 * the review in the primary clinician's task inbox, listed for the program by how due it is, and signed
 * by the participant in the participant area.
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let intake: Session;
let billing: Session;
let programId: string;
let admitted: { participantId: string; episodeId: string };
const today = instantToZoned(new Date(), 'America/Chicago').date;

const plan = (overrides: Record<string, unknown> = {}) => ({
  episodeId: admitted.episodeId,
  problems: [
    {
      title: 'Alcohol use after work',
      dimension: 'd5',
      goals: [
        {
          statement: 'I want to get through a work week without drinking',
          objectives: [{ text: 'Five alcohol-free workdays in a row', targetDate: addDays(today, 28) }],
        },
      ],
      interventions: [
        {
          kind: 'relapse_prevention',
          frequency: 'Three 3-hour groups a week',
          responsibleStaffId: clinic.staff.clinician.id,
        },
      ],
    },
  ],
  ...overrides,
});

const tasksOf = async (session: Session, status = 'open') =>
  (
    (await session.get(`/api/v1/tasks?status=${status}`)).body.items as {
      kind: string;
      dueDate: string;
      sourceId: string;
      participantId: string;
    }[]
  ).filter((task) => task.kind === 'plan_review');

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Plan Clinic');
  [director, clinician, intake, billing] = await Promise.all([
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.intake.email),
    server.signIn(clinic.staff.billing.email),
  ]);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Plan IOP',
      kind: 'substance_use',
      population: 'adult',
    })
  ).body.id;
  admitted = await admitToProgram(intake, {
    programId,
    givenName: 'ignored',
    familyName: 'ignored',
    startDate: today,
    primaryClinicianId: clinic.staff.clinician.id,
    participantId: clinic.participantId,
  });
});
afterAll(() => server.close());

describe('a treatment plan', () => {
  let first: {
    id: string;
    problems: { id: string; goals: { id: string; objectives: { id: string }[] }[] }[];
  };

  it('is drafted with ids for its problems, goals and objectives, and revised while a draft', async () => {
    const drafted = await clinician.post(
      `/api/v1/participants/${admitted.participantId}/treatment-plans`,
      plan(),
    );
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({
      version: 1,
      status: 'draft',
      reviewEveryDays: 30,
      nextReviewDate: null,
      acknowledgement: null,
      problems: [
        {
          dimension: 'd5',
          interventions: [
            { kind: 'relapse_prevention', responsibleStaff: { id: clinic.staff.clinician.id } },
          ],
        },
      ],
    });
    first = drafted.body;
    expect(first.problems[0]?.goals[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    const again = await clinician.post(
      `/api/v1/participants/${admitted.participantId}/treatment-plans`,
      plan(),
    );
    expect(again.status).toBe(409);

    const revised = plan().problems;
    (revised[0] as { id?: string }).id = first.problems[0]?.id;
    const updated = await clinician.put(`/api/v1/treatment-plans/${first.id}`, {
      problems: [{ ...revised[0], title: 'Drinking after work shifts' }],
    });
    expect(updated.status).toBe(200);
    expect(updated.body.problems[0]).toMatchObject({
      id: first.problems[0]?.id,
      title: 'Drinking after work shifts',
    });
    // The goal came without its id, so it is a new goal of the draft.
    expect(updated.body.problems[0].goals[0].id).not.toBe(first.problems[0]?.goals[0]?.id);
    first = updated.body;
  });

  it('refuses plans that are incomplete or name people it cannot, storing nothing', async () => {
    const path = `/api/v1/treatment-plans/${first.id}`;
    const base = plan().problems[0] as Record<string, unknown>;
    const cases: [unknown, string][] = [
      [{ problems: [] }, 'problems'],
      [{ problems: [{ ...base, goals: [] }] }, 'problems.0.goals'],
      [{ problems: [{ ...base, interventions: [] }] }, 'problems.0.interventions'],
      [
        {
          problems: [
            { ...base, interventions: [{ kind: 'cbt', frequency: 'weekly', responsibleStaffId: unknownId }] },
          ],
        },
        'problems.0.interventions.0.responsibleStaffId',
      ],
      [{ problems: [{ ...base, dimension: 'd9' }] }, 'problems.0.dimension'],
      [
        {
          problems: [
            {
              ...base,
              interventions: [
                { kind: 'cbt', frequency: 'weekly', responsibleStaffId: clinic.staff.billing.id },
              ],
            },
          ],
        },
        'problems.0.interventions.0.responsibleStaffId',
      ],
      [
        {
          problems: [
            { ...base, id: first.problems[0]?.id },
            { ...base, id: first.problems[0]?.id },
          ],
        },
        'problems.1.id',
      ],
    ];
    for (const [body, field] of cases) {
      const refused = await clinician.put(path, body);
      expect({ field, status: refused.status }).toEqual({ field, status: 400 });
      expect(refused.body.error.message).toContain(field);
    }
    expect((await clinician.get(path)).body.problems[0].title).toBe('Drinking after work shifts');
    const elsewhere = await clinician.post(`/api/v1/participants/${admitted.participantId}/treatment-plans`, {
      ...plan(),
      episodeId: unknownId,
    });
    expect(elsewhere.status).toBe(400);
    expect((await intake.put(path, { problems: plan().problems })).status).toBe(403);
    expect((await billing.get(path)).status).toBe(403);
  });

  it('takes effect with its review due after the program’s interval, in the clinician’s tasks', async () => {
    const active = await clinician.post(`/api/v1/treatment-plans/${first.id}/activate`);
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({
      status: 'active',
      nextReviewDate: addDays(today, 30),
      reviewState: 'scheduled',
    });
    expect(await tasksOf(clinician)).toEqual([
      expect.objectContaining({ dueDate: addDays(today, 30), sourceId: first.id }),
    ]);
    expect((await clinician.post(`/api/v1/treatment-plans/${first.id}/activate`)).status).toBe(409);
    const frozen = await clinician.put(`/api/v1/treatment-plans/${first.id}`, { problems: plan().problems });
    expect(frozen.status).toBe(409);
    expect(frozen.body.error.message).toMatch(/never changes/);
    // The database itself refuses to change a plan that took effect.
    await expect(
      server.database.db.execute(
        sql`update treatment_plans set problems = '[]'::jsonb where id = ${first.id}::uuid`,
      ),
    ).rejects.toThrow();
  });

  it('is reviewed goal by goal, moving the next review and its task on', async () => {
    const goalId = first.problems[0]?.goals[0]?.id;
    const wrong = await clinician.post(`/api/v1/treatment-plans/${first.id}/reviews`, {
      progress: [{ goalId: unknownId, rating: 'progressing' }],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('progress.0.goalId');
    const reviewed = await clinician.post(`/api/v1/treatment-plans/${first.id}/reviews`, {
      progress: [{ goalId, rating: 'progressing', comment: 'Four alcohol-free workdays last week' }],
      summary: 'Keep the plan; add a Saturday group if shifts allow.',
    });
    expect(reviewed.status).toBe(201);
    expect(reviewed.body).toMatchObject({ reviewedOn: today, nextReviewDate: addDays(today, 30) });
    const open = await tasksOf(clinician);
    expect(open).toEqual([
      expect.objectContaining({ sourceId: reviewed.body.id, dueDate: addDays(today, 30) }),
    ]);
    expect((await tasksOf(clinician, 'done')).map((task) => task.sourceId)).toContain(first.id);
    const reviews = await clinician.get(`/api/v1/treatment-plans/${first.id}/reviews`);
    expect(reviews.body.items).toHaveLength(1);
  });

  it('is revised as a new version; the version before is superseded and keeps its content', async () => {
    const next = await clinician.post(`/api/v1/participants/${admitted.participantId}/treatment-plans`, {
      episodeId: admitted.episodeId,
      problems: [
        {
          ...plan().problems[0],
          id: first.problems[0]?.id,
          goals: [
            {
              id: first.problems[0]?.goals[0]?.id,
              statement: 'I want a month without drinking',
              objectives: [{ text: 'Thirty alcohol-free days', targetDate: addDays(today, 45) }],
            },
          ],
        },
      ],
    });
    expect(next.status).toBe(201);
    expect(next.body.version).toBe(2);
    // A draft can be thrown away and written again; a plan that took effect cannot.
    expect((await clinician.delete(`/api/v1/treatment-plans/${next.body.id}`)).status).toBe(204);
    expect((await clinician.get(`/api/v1/treatment-plans/${next.body.id}`)).status).toBe(404);
    expect((await clinician.delete(`/api/v1/treatment-plans/${first.id}`)).status).toBe(409);
    const redrafted = await clinician.post(`/api/v1/participants/${admitted.participantId}/treatment-plans`, {
      episodeId: admitted.episodeId,
      problems: next.body.problems.map(
        (problem: {
          interventions: { kind: string; frequency: string; responsibleStaff: { id: string } }[];
        }) => ({
          ...problem,
          interventions: problem.interventions.map((intervention) => ({
            kind: intervention.kind,
            frequency: intervention.frequency,
            responsibleStaffId: intervention.responsibleStaff.id,
          })),
        }),
      ),
    });
    expect(redrafted.status).toBe(201);
    Object.assign(next.body, redrafted.body);
    expect(next.body.problems[0].goals[0].id).toBe(first.problems[0]?.goals[0]?.id);
    await clinician.post(`/api/v1/treatment-plans/${next.body.id}/activate`);
    const versions = await clinician.get(`/api/v1/participants/${admitted.participantId}/treatment-plans`);
    expect(
      versions.body.items.map((item: { version: number; status: string }) => [item.version, item.status]),
    ).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
    expect(versions.body.items[1].problems[0].goals[0].statement).toBe(
      'I want to get through a work week without drinking',
    );
    // The old version's pending review went with it; the new one has its own.
    expect((await tasksOf(clinician)).map((task) => task.sourceId)).toEqual([next.body.id]);
    expect(
      (
        await clinician.post(`/api/v1/treatment-plans/${first.id}/reviews`, {
          progress: [{ goalId: first.problems[0]?.goals[0]?.id, rating: 'achieved' }],
        })
      ).status,
    ).toBe(409);
  });
});

describe('reviews due in a program', () => {
  it('lists each plan in effect by review date, overdue first, for the program dashboard', async () => {
    const soon = await admitToProgram(intake, {
      programId,
      givenName: 'Soon',
      familyName: 'Planwell',
      startDate: today,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    const drafted = await clinician.post(`/api/v1/participants/${soon.participantId}/treatment-plans`, {
      ...plan(),
      episodeId: soon.episodeId,
    });
    await clinician.post(`/api/v1/treatment-plans/${drafted.body.id}/activate`);
    // A review that fell due a week ago (as if the plan had taken effect 37 days ago).
    await server.database.db.execute(
      sql`update treatment_plans set next_review_date = ${addDays(today, -7)}::date where id = ${drafted.body.id}::uuid`,
    );
    const listed = await clinician.get(`/api/v1/programs/${programId}/plan-reviews`);
    expect(listed.status).toBe(200);
    expect(
      listed.body.items.map((item: { participantName: string; state: string; nextReviewDate: string }) => [
        item.participantName,
        item.state,
        item.nextReviewDate,
      ]),
    ).toEqual([
      ['Soon Planwell', 'overdue', addDays(today, -7)],
      [expect.any(String), 'scheduled', addDays(today, 30)],
    ]);
    expect((await billing.get(`/api/v1/programs/${programId}/plan-reviews`)).status).toBe(403);
  });

  it('uses the program’s own interval, never beyond every other month', async () => {
    expect((await director.patch(`/api/v1/programs/${programId}`, { planReviewDays: 61 })).status).toBe(400);
    const changed = await director.patch(`/api/v1/programs/${programId}`, { planReviewDays: 14 });
    expect(changed.body.planReviewDays).toBe(14);
    const person = await admitToProgram(intake, {
      programId,
      givenName: 'Fortnight',
      familyName: 'Planwell',
      startDate: today,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    const drafted = await clinician.post(`/api/v1/participants/${person.participantId}/treatment-plans`, {
      ...plan(),
      episodeId: person.episodeId,
    });
    expect(drafted.body.reviewEveryDays).toBe(14);
    const active = await clinician.post(`/api/v1/treatment-plans/${drafted.body.id}/activate`);
    expect(active.body.nextReviewDate).toBe(addDays(today, 14));
  });
});

describe('the participant’s acknowledgement', () => {
  it('shows the participant their plan in effect and takes their typed signature, once', async () => {
    const participant = await server.signIn(clinic.participantAccount.email);
    const mine = await participant.get('/api/v1/me/treatment-plan');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ version: 2, status: 'active', acknowledgement: null });
    const signed = await participant.post('/api/v1/me/treatment-plan/acknowledge', {
      typedName: 'Pat Testwell',
    });
    expect(signed.status).toBe(200);
    expect(signed.body.acknowledgement).toMatchObject({ name: 'Pat Testwell' });
    expect(
      (await participant.post('/api/v1/me/treatment-plan/acknowledge', { typedName: 'Pat' })).status,
    ).toBe(409);
    expect((await participant.post('/api/v1/me/treatment-plan/acknowledge', {})).status).toBe(400);
    const family = await server.signIn(clinic.familyAccount.email);
    expect((await family.get('/api/v1/me/treatment-plan')).status).toBe(404);
    expect((await clinician.get('/api/v1/me/treatment-plan')).status).toBe(403);
  });
});
