import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  admitToProgram,
  type Clinic,
  type Session,
  sessionOn as sessionOnDate,
  TestServer,
  unknownId,
} from '../../test/harness.js';

/*
 * Notes over HTTP against the real database: a group note written once for the group with a part per
 * attendee who came (pre-filled with their goals), refused while parts are empty, copied across
 * attendees or report on no goal; signed for everyone at once and filed in each chart with that
 * person's part only; never changed after signing (addenda only). Individual notes carry the service
 * code their minutes support; a Part 2 counseling note stays with its author; an intake coordinator's
 * note waits for a supervisor's co-signature. Every note about a session is written on its modality's
 * template: fields the template lacks and choices not among its options are refused by path, and the
 * fields the template needs are written before signing.
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let supervisor: Session;
let intake: Session;
let programId: string;
let roomId: string;
let groupSeries: string;
const people: { name: string; participantId: string; episodeId: string; goalId: string }[] = [];
const today = instantToZoned(new Date(), 'America/Chicago').date;
const firstDay = addDays(today, -7);

const sessionOf = (seriesId: string, date: string) => sessionOnDate(clinician, { programId, seriesId }, date);

const part = (goalId: string, participation: string, progress = 'Named a trigger and a plan for it') => ({
  participation,
  response: 'Took part in the role play',
  goalProgress: [{ goalId, progress }],
});

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Notes Clinic');
  [director, clinician, supervisor, intake] = await Promise.all([
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.supervisor.email),
    server.signIn(clinic.staff.intake.email),
  ]);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Notes IOP',
      kind: 'substance_use',
      population: 'adult',
    })
  ).body.id;
  roomId = (await director.post('/api/v1/rooms', { siteId: clinic.siteId, name: 'Room N' })).body.id;
  groupSeries = (
    await director.post(`/api/v1/programs/${programId}/session-series`, {
      modality: 'relapse_prevention',
      topic: 'High-risk situations',
      roomId,
      facilitatorIds: [clinic.staff.clinician.id],
      startDate: firstDay,
      startTime: '06:00',
      durationMinutes: 180,
      rrule: 'FREQ=DAILY',
    })
  ).body.id;
  for (const name of ['Ari', 'Bea', 'Cal']) {
    const admitted = await admitToProgram(intake, {
      programId,
      givenName: name,
      familyName: 'Notewell',
      startDate: firstDay,
      primaryClinicianId: clinic.staff.clinician.id,
    });
    await clinician.post(`/api/v1/session-series/${groupSeries}/enrolments`, {
      episodeId: admitted.episodeId,
      fromDate: firstDay,
    });
    const plan = await clinician.post(`/api/v1/participants/${admitted.participantId}/treatment-plans`, {
      episodeId: admitted.episodeId,
      problems: [
        {
          title: 'Cravings after work',
          goals: [
            {
              statement: `${name}: I want to handle cravings without using`,
              objectives: [{ text: 'Use a coping skill at each craving', targetDate: addDays(today, 30) }],
            },
          ],
          interventions: [
            {
              kind: 'relapse_prevention',
              frequency: 'Daily group',
              responsibleStaffId: clinic.staff.clinician.id,
            },
          ],
        },
      ],
    });
    await clinician.post(`/api/v1/treatment-plans/${plan.body.id}/activate`);
    people.push({ name, ...admitted, goalId: plan.body.problems[0].goals[0].id });
  }
});
afterAll(() => server.close());

describe('a group note', () => {
  let noteId: string;
  const person = (index: number) => () => people[index] as (typeof people)[number];
  const [ari, bea, cal] = [person(0), person(1), person(2)];

  it('waits for attendance, then has a part for each attendee who came, pre-filled with their goals', async () => {
    const sessionId = await sessionOf(groupSeries, firstDay);
    const early = await clinician.post(`/api/v1/sessions/${sessionId}/group-note`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/attendance first/);
    await clinician.put(`/api/v1/sessions/${sessionId}/attendance`, {
      records: [
        { participantId: ari().participantId, status: 'present' },
        { participantId: bea().participantId, status: 'late', minutes: 160 },
        { participantId: cal().participantId, status: 'absent_unexcused' },
      ],
    });
    const created = await clinician.post(`/api/v1/sessions/${sessionId}/group-note`);
    expect(created.status).toBe(201);
    noteId = created.body.id;
    expect(created.body).toMatchObject({
      kind: 'group',
      status: 'draft',
      participantId: null,
      serviceCode: '90853',
      minutes: 180,
      content: {
        topic: 'High-risk situations',
        interventions: ['Relapse prevention'],
        narrative: '',
        template: 'relapse_prevention',
        fields: { highRiskSituations: '', skillsTaught: '', lapseManagement: '', homework: '' },
      },
      absent: [{ participantName: 'Cal Notewell', status: 'absent_unexcused' }],
    });
    expect(
      created.body.parts.map(
        (item: { participantName: string; content: { goalProgress: { goalId: string }[] } }) => [
          item.participantName,
          item.content.goalProgress.map((progress) => progress.goalId),
        ],
      ),
    ).toEqual([
      ['Ari Notewell', [ari().goalId]],
      ['Bea Notewell', [bea().goalId]],
    ]);
    expect((await clinician.post(`/api/v1/sessions/${sessionId}/group-note`)).status).toBe(409);
    expect((await supervisor.get(`/api/v1/sessions/${sessionId}/group-note`)).body.id).toBe(noteId);
    const other = await sessionOf(groupSeries, addDays(firstDay, 2));
    expect((await supervisor.get(`/api/v1/sessions/${other}/group-note`)).status).toBe(404);
  });

  it('keeps to the relapse-prevention template: other fields and templates are refused, nothing changed', async () => {
    const before = (await clinician.get(`/api/v1/notes/${noteId}`)).body;
    const shared = {
      topic: 'High-risk situations',
      module: 'Relapse prevention 3',
      interventions: ['Relapse prevention'],
      narrative: 'The group mapped high-risk situations at work.',
    };
    const otherTemplatesField = await clinician.put(`/api/v1/notes/${noteId}`, {
      content: { ...shared, fields: { highRiskSituations: 'Payday', dbtModule: 'mindfulness' } },
    });
    expect(otherTemplatesField.status).toBe(400);
    expect(otherTemplatesField.body.error.message).toBe(
      'content.fields.dbtModule: is not a field of the Relapse prevention template',
    );
    expect(otherTemplatesField.body.error.details).toEqual([
      { path: 'content.fields.dbtModule', message: 'is not a field of the Relapse prevention template' },
    ]);
    const otherTemplate = await clinician.put(`/api/v1/notes/${noteId}`, {
      content: { ...shared, template: 'cbt_group', fields: { technique: 'thought_record' } },
    });
    expect(otherTemplate.status).toBe(400);
    expect(otherTemplate.body.error.message).toContain('content.template');
    const after = (await clinician.get(`/api/v1/notes/${noteId}`)).body;
    expect(after.version).toBe(before.version);
    expect(after.content).toEqual(before.content);
  });

  it('refuses to sign until every part is written for its own person, and signs nothing meanwhile', async () => {
    const sign = () => clinician.post(`/api/v1/notes/${noteId}/sign`);
    const unwritten = await sign();
    expect(unwritten.status).toBe(409);
    expect(unwritten.body.error.message).toBe(
      'write narrative, High-risk situations and triggers discussed, Coping skills rehearsed before signing',
    );
    expect(unwritten.body.error.details.missing).toEqual([
      'narrative',
      'fields.highRiskSituations',
      'fields.skillsTaught',
    ]);
    const shared = {
      topic: 'High-risk situations',
      module: 'Relapse prevention 3',
      interventions: ['Relapse prevention', 'Role play'],
      narrative: 'The group mapped high-risk situations at work and rehearsed refusal skills.',
    };
    // The template's fields left out are kept blank.
    const partly = await clinician.put(`/api/v1/notes/${noteId}`, {
      content: { ...shared, fields: { highRiskSituations: 'Payday, the drive home past the bar' } },
    });
    expect(partly.body.content.fields).toEqual({
      highRiskSituations: 'Payday, the drive home past the bar',
      skillsTaught: '',
      lapseManagement: '',
      homework: '',
    });
    const noSkills = await sign();
    expect(noSkills.status).toBe(409);
    expect(noSkills.body.error.message).toBe('write Coping skills rehearsed before signing');
    expect(noSkills.body.error.details.missing).toEqual(['fields.skillsTaught']);
    await clinician.put(`/api/v1/notes/${noteId}`, {
      content: {
        ...shared,
        template: 'relapse_prevention',
        fields: {
          highRiskSituations: 'Payday, the drive home past the bar',
          skillsTaught: 'Refusal skills',
          homework: 'Write down two high-risk situations this week',
        },
      },
    });
    const empty = await sign();
    expect(empty.body.error.message).toBe(
      'individualize these parts before signing: Ari Notewell: participation and response are not written; ' +
        'Bea Notewell: participation and response are not written',
    );
    // Someone else's goal is not this person's to report on.
    const wrongGoal = await clinician.put(
      `/api/v1/notes/${noteId}/parts/${ari().participantId}`,
      part(bea().goalId, 'x'),
    );
    expect(wrongGoal.status).toBe(400);
    expect(wrongGoal.body.error.message).toContain('goalProgress.0.goalId');
    // The same words for both: refused, naming each.
    await clinician.put(
      `/api/v1/notes/${noteId}/parts/${ari().participantId}`,
      part(ari().goalId, 'Engaged throughout.'),
    );
    await clinician.put(
      `/api/v1/notes/${noteId}/parts/${bea().participantId}`,
      part(bea().goalId, 'engaged  throughout. '),
    );
    const copied = await sign();
    expect(copied.status).toBe(409);
    expect(copied.body.error.message).toBe(
      'individualize these parts before signing: Ari Notewell: the same as Bea Notewell; Bea Notewell: the same as Ari Notewell',
    );
    // No progress on a goal.
    await clinician.put(
      `/api/v1/notes/${noteId}/parts/${bea().participantId}`,
      part(bea().goalId, 'Arrived late, quiet, then practised refusals with a peer.', ''),
    );
    const noGoal = await sign();
    expect(noGoal.body.error.message).toBe(
      'individualize these parts before signing: Bea Notewell: reports progress on none of their goals',
    );
    const draft = await clinician.get(`/api/v1/notes/${noteId}`);
    expect(draft.body.status).toBe('draft');
    expect(draft.body.version).toBe(6);
  });

  it('signs the shared part and every attendee’s part at once, each filed in that person’s chart', async () => {
    await clinician.put(
      `/api/v1/notes/${noteId}/parts/${bea().participantId}`,
      part(
        bea().goalId,
        'Arrived late, quiet, then practised refusals with a peer.',
        'Used urge surfing twice this week',
      ),
    );
    expect((await supervisor.post(`/api/v1/notes/${noteId}/sign`)).status).toBe(403);
    const signed = await clinician.post(`/api/v1/notes/${noteId}/sign`);
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ status: 'signed', requiresCosign: false });
    expect(signed.body.signedAt).toEqual(expect.any(String));

    const chartOf = async (person: (typeof people)[number]) =>
      (await supervisor.get(`/api/v1/participants/${person.participantId}/notes`)).body.items;
    const ariChart = await chartOf(ari());
    expect(ariChart).toHaveLength(1);
    expect(ariChart[0].parts.map((item: { participantName: string }) => item.participantName)).toEqual([
      'Ari Notewell',
    ]);
    expect(ariChart[0].absent).toEqual([]);
    expect(await chartOf(cal())).toEqual([]);
  });

  it('never changes once signed: edits are refused (also by the database), addenda are added', async () => {
    const edit = await clinician.put(
      `/api/v1/notes/${noteId}/parts/${ari().participantId}`,
      part(ari().goalId, 'Changed'),
    );
    expect(edit.status).toBe(409);
    expect(edit.body.error.message).toBe('a signed note never changes; add an addendum');
    const signedFields = (await clinician.get(`/api/v1/notes/${noteId}`)).body.content;
    const fieldsEdit = await clinician.put(`/api/v1/notes/${noteId}`, {
      content: { ...signedFields, fields: { ...signedFields.fields, homework: 'Changed' } },
    });
    expect(fieldsEdit.status).toBe(409);
    expect((await clinician.post(`/api/v1/notes/${noteId}/sign`)).status).toBe(409);
    await expect(
      server.database.db.execute(sql`update notes set content = '{}'::jsonb where id = ${noteId}::uuid`),
    ).rejects.toThrow();
    await expect(
      server.database.db.execute(
        sql`update notes set content = jsonb_set(content, '{fields,homework}', '"Changed"') where id = ${noteId}::uuid`,
      ),
    ).rejects.toThrow();
    await expect(
      server.database.db.execute(
        sql`update note_parts set content = '{}'::jsonb where note_id = ${noteId}::uuid`,
      ),
    ).rejects.toThrow();
    const addendum = await supervisor.post(`/api/v1/notes/${noteId}/addenda`, {
      text: 'Bea called afterwards: the late arrival was a bus delay.',
    });
    expect(addendum.status).toBe(201);
    expect(addendum.body.addenda).toEqual([
      expect.objectContaining({ author: expect.objectContaining({ id: clinic.staff.supervisor.id }) }),
    ]);
    const after = await clinician.get(`/api/v1/notes/${noteId}`);
    expect(after.body.parts[0].content.participation).toBe('Engaged throughout.');
    expect(after.body.content).toEqual(signedFields);
    expect(after.body.content.fields.homework).toBe('Write down two high-risk situations this week');
  });

  it('starts the next group note from each attendee’s last part', async () => {
    const next = await sessionOf(groupSeries, addDays(firstDay, 1));
    await clinician.put(`/api/v1/sessions/${next}/attendance`, {
      records: [{ participantId: ari().participantId, status: 'present' }],
    });
    const created = await clinician.post(`/api/v1/sessions/${next}/group-note`);
    // The template starts blank each session: what was taught last time is not this time's.
    expect(created.body.content.fields).toEqual({
      highRiskSituations: '',
      skillsTaught: '',
      lapseManagement: '',
      homework: '',
    });
    expect(created.body.parts).toEqual([
      expect.objectContaining({
        participantName: 'Ari Notewell',
        content: {
          participation: 'Engaged throughout.',
          response: 'Took part in the role play',
          goalProgress: [{ goalId: ari().goalId, progress: 'Named a trigger and a plan for it' }],
        },
      }),
    ]);
  });
});

describe('a group note written before templates', () => {
  it('still reads back, and is signed once written on its session’s template', async () => {
    const ari = people[0] as (typeof people)[number];
    const sessionId = await sessionOf(groupSeries, addDays(firstDay, 3));
    await clinician.put(`/api/v1/sessions/${sessionId}/attendance`, {
      records: [{ participantId: ari.participantId, status: 'present' }],
    });
    const { id } = (await clinician.post(`/api/v1/sessions/${sessionId}/group-note`)).body;
    // Its shared part as group notes were written before: free-text skills and homework.
    const legacy = {
      topic: 'High-risk situations',
      module: '',
      interventions: ['Relapse prevention'],
      narrative: 'Practised leaving a party early.',
      skillsTaught: 'Refusal skills',
      homework: 'Two high-risk situations',
    };
    await server.database.db.execute(
      sql`update notes set content = ${JSON.stringify(legacy)}::jsonb where id = ${id}::uuid`,
    );
    const read = await clinician.get(`/api/v1/notes/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.content).toEqual(legacy);
    const refused = await clinician.post(`/api/v1/notes/${id}/sign`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.missing).toEqual(['fields.highRiskSituations', 'fields.skillsTaught']);
    const { skillsTaught, homework, ...shared } = legacy;
    const saved = await clinician.put(`/api/v1/notes/${id}`, {
      content: { ...shared, fields: { highRiskSituations: 'Parties', skillsTaught, homework } },
    });
    expect(saved.body.content).toMatchObject({ template: 'relapse_prevention', fields: { skillsTaught } });
  });
});

describe('individual, family and contact notes', () => {
  it('carry the service code their minutes support, and a private counseling note stays with its author', async () => {
    const ari = people[0] as (typeof people)[number];
    const individual = await director.post(`/api/v1/programs/${programId}/session-series`, {
      kind: 'individual',
      modality: 'individual_therapy',
      roomId,
      facilitatorIds: [clinic.staff.supervisor.id],
      startDate: firstDay,
      startTime: '13:00',
      durationMinutes: 50,
    });
    await clinician.post(`/api/v1/session-series/${individual.body.id}/enrolments`, {
      episodeId: ari.episodeId,
      fromDate: firstDay,
    });
    const sessionId = await sessionOf(individual.body.id, firstDay);
    const dap = {
      format: 'dap',
      data: 'Reports two cravings',
      assessment: 'Coping improving',
      plan: 'Continue',
    };
    const note = await clinician.post(`/api/v1/participants/${ari.participantId}/notes`, {
      kind: 'individual',
      sessionId,
      content: dap,
    });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({
      minutes: 50,
      serviceCode: '90834',
      private: false,
      status: 'draft',
      content: {
        ...dap,
        template: 'individual_therapy',
        fields: { approach: '', riskReview: '', skillsTaught: '', homework: '' },
      },
    });
    const shorter = await clinician.put(`/api/v1/notes/${note.body.id}`, { minutes: 30, content: dap });
    expect(shorter.body.serviceCode).toBe('90832');
    expect((await clinician.put(`/api/v1/notes/${note.body.id}`, { content: { topic: 'x' } })).status).toBe(
      400,
    );
    // A choice is one of the template's options; the refusal names the field, not what was sent.
    const notAnOption = await clinician.put(`/api/v1/notes/${note.body.id}`, {
      content: { ...dap, fields: { approach: 'past-life regression', riskReview: 'no_concerns' } },
    });
    expect(notAnOption.status).toBe(400);
    expect(notAnOption.body.error.details).toEqual([
      {
        path: 'content.fields.approach',
        message:
          'must be one of cbt, dbt, motivational_interviewing, relapse_prevention, trauma_informed, supportive',
      },
    ]);
    expect(JSON.stringify(notAnOption.body)).not.toContain('regression');
    const unchanged = await clinician.get(`/api/v1/notes/${note.body.id}`);
    expect(unchanged.body.content.fields.riskReview).toBe('');
    const refused = await clinician.post(`/api/v1/notes/${note.body.id}/sign`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('write Main approach, Safety and risk before signing');
    await clinician.put(`/api/v1/notes/${note.body.id}`, {
      content: { ...dap, fields: { approach: 'relapse_prevention', riskReview: 'no_concerns' } },
    });
    expect((await clinician.post(`/api/v1/notes/${note.body.id}/sign`)).body.status).toBe('signed');

    const counseling = await clinician.post(`/api/v1/participants/${ari.participantId}/notes`, {
      kind: 'individual',
      sessionId,
      private: true,
      content: { format: 'birp', behavior: 'b', intervention: 'i', response: 'r', plan: 'p' },
    });
    expect(counseling.body.private).toBe(true);
    expect((await supervisor.get(`/api/v1/notes/${counseling.body.id}`)).status).toBe(404);
    const seenBySupervisor = (await supervisor.get(`/api/v1/participants/${ari.participantId}/notes`)).body
      .items;
    expect(seenBySupervisor.map((item: { id: string }) => item.id)).not.toContain(counseling.body.id);
    const seenByAuthor = (await clinician.get(`/api/v1/participants/${ari.participantId}/notes`)).body.items;
    expect(seenByAuthor.map((item: { id: string }) => item.id)).toContain(counseling.body.id);

    const notOnIt = await clinician.post(`/api/v1/participants/${people[1]?.participantId}/notes`, {
      kind: 'individual',
      sessionId,
      content: dap,
    });
    expect(notOnIt.status).toBe(400);
    expect(
      (
        await clinician.post(`/api/v1/participants/${ari.participantId}/notes`, {
          kind: 'individual',
          sessionId: unknownId,
          content: dap,
        })
      ).status,
    ).toBe(400);
  });

  it('follow the family therapy template in a family session, and say who came', async () => {
    const cal = people[2] as (typeof people)[number];
    const family = await director.post(`/api/v1/programs/${programId}/session-series`, {
      kind: 'family',
      modality: 'family_therapy',
      roomId,
      facilitatorIds: [clinic.staff.clinician.id],
      startDate: firstDay,
      startTime: '15:00',
      durationMinutes: 50,
    });
    await clinician.post(`/api/v1/session-series/${family.body.id}/enrolments`, {
      episodeId: cal.episodeId,
      fromDate: firstDay,
    });
    const sessionId = await sessionOf(family.body.id, firstDay);
    const content = {
      withParticipant: true,
      present: '',
      narrative: 'Mother and partner described evenings since discharge.',
      plan: 'Meet again in two weeks',
      fields: { focus: 'communication' },
    };
    const note = await clinician.post(`/api/v1/participants/${cal.participantId}/notes`, {
      kind: 'family',
      sessionId,
      content: { ...content, template: 'cbt_group' },
    });
    expect(note.status).toBe(400);
    expect(note.body.error.message).toContain('content.template');
    const written = await clinician.post(`/api/v1/participants/${cal.participantId}/notes`, {
      kind: 'family',
      sessionId,
      content,
    });
    expect(written.body).toMatchObject({ serviceCode: '90847', content: { template: 'family_therapy' } });
    const refused = await clinician.post(`/api/v1/notes/${written.body.id}/sign`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details.missing).toEqual(['present', 'fields.familyDynamics']);
    await clinician.put(`/api/v1/notes/${written.body.id}`, {
      content: {
        ...content,
        present: 'Mother and partner',
        fields: { focus: 'communication', familyDynamics: 'Blaming cycle when plans change' },
      },
    });
    const signed = await clinician.post(`/api/v1/notes/${written.body.id}/sign`);
    expect(signed.body).toMatchObject({
      status: 'signed',
      content: { fields: { focus: 'communication', familyDynamics: 'Blaming cycle when plans change' } },
    });
  });

  it('needs a supervisor’s co-signature on an intake coordinator’s note', async () => {
    const bea = people[1] as (typeof people)[number];
    const contact = await intake.post(`/api/v1/participants/${bea.participantId}/notes`, {
      kind: 'contact',
      minutes: 10,
      content: { method: 'phone', summary: 'Called about transport to groups; bus pass arranged.' },
    });
    expect(contact.status).toBe(201);
    expect(contact.body).toMatchObject({ requiresCosign: true, serviceCode: null });
    const therapy = await intake.post(`/api/v1/participants/${bea.participantId}/notes`, {
      kind: 'family',
      sessionId: unknownId,
      content: { withParticipant: true, present: 'Mother', narrative: 'n', plan: 'p' },
    });
    expect(therapy.status).toBe(400);
    expect(therapy.body.error.message).toContain('kind');
    expect((await supervisor.post(`/api/v1/notes/${contact.body.id}/cosign`)).status).toBe(409);
    expect((await intake.post(`/api/v1/notes/${contact.body.id}/sign`)).body.status).toBe('signed');
    expect((await clinician.post(`/api/v1/notes/${contact.body.id}/cosign`)).status).toBe(403);
    const cosigned = await supervisor.post(`/api/v1/notes/${contact.body.id}/cosign`);
    expect(cosigned.body).toMatchObject({
      status: 'cosigned',
      cosignedBy: { id: clinic.staff.supervisor.id },
    });
    expect((await supervisor.post(`/api/v1/notes/${contact.body.id}/cosign`)).status).toBe(409);
  });
});
