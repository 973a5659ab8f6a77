import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { admitToProgram, type Clinic, type Session, TestServer, unknownId } from '../../test/harness.js';

/*
 * Assessment schedules over HTTP against the real database: a clinic admits three people on different
 * days under the default schedule (PHQ-9 and GAD-7 at admission and every 14 days, the BAM monthly, the
 * C-SSRS screener at admission and after PHQ-9 item 9); Quill, admitted today, answers what is due in
 * the participant area; the care team sees who owes what, the program who is overdue, and the
 * clinician's day what her caseload owes.
 */
let server: TestServer;
let clinic: Clinic;
let director: Session;
let clinician: Session;
let participant: Session;
let programId: string;
let today: string;
/** Admitted 15 days ago, answered everything on admission day. */
let fortnight: string;
/** Admitted 40 days ago, never answered anything. */
let lapsed: string;

const phq9 = (item9: number) => [1, 1, 1, 1, 0, 0, 0, 0, item9];
const gad7 = [1, 1, 0, 0, 0, 0, 1];
const cssrsNo = [false, false, false, false, false, false, false];

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = resultRows<{ n: number }>(await server.database.db.execute(query));
  return Number(row?.n ?? 0);
}

/** Moves a participant's responses to a day of the past (test set-up, as the database owner). */
async function backdateResponses(participantId: string, date: string) {
  await server.database.db.execute(
    sql`update instrument_responses set authored_at = ${`${date}T12:00:00-06:00`}::timestamptz
        where participant_id = ${participantId}::uuid`,
  );
}

const dueOf = async (session: Session, url: string) =>
  (await session.get(url)).body.items.map((item: { instrument: string; reason: string }) =>
    [item.instrument, item.reason].join(':'),
  );

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Schedule Clinic');
  [director, clinician, participant] = await Promise.all([
    server.signIn(clinic.staff.director.email),
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.participantAccount.email),
  ]);
  today = instantToZoned(new Date(), 'America/Chicago').date;
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Schedule IOP',
      kind: 'mental_health',
      population: 'adult',
    })
  ).body.id;
  const admit = (givenName: string, startDate: string, participantId?: string) =>
    admitToProgram(clinician, {
      programId,
      givenName,
      familyName: 'Schedulewell',
      startDate,
      primaryClinicianId: clinic.staff.clinician.id,
      ...(participantId ? { participantId } : {}),
    });
  await admit('Quill', today, clinic.participantId);
  fortnight = (await admit('Fenna', addDays(today, -15))).participantId;
  lapsed = (await admit('Lorcan', addDays(today, -40))).participantId;
  for (const [instrument, answers] of [
    ['phq9', phq9(0)],
    ['gad7', gad7],
    ['cssrs-screener', cssrsNo],
    ['bam', null],
  ] as const) {
    if (!answers) continue;
    const given = await clinician.post(`/api/v1/participants/${fortnight}/instrument-responses`, {
      instrument,
      answers,
    });
    expect(given.status).toBe(201);
  }
  await backdateResponses(fortnight, addDays(today, -15));
});

afterAll(() => server.close());

describe('the program’s schedule', () => {
  it('is Stepwise’s default until the program sets its own', async () => {
    const schedule = await clinician.get(`/api/v1/programs/${programId}/assessment-schedule`);
    expect(schedule.status).toBe(200);
    expect(schedule.body).toMatchObject({ version: 0, isDefault: true, changedBy: null });
    expect(schedule.body.rules).toContainEqual({ instrument: 'bam', kind: 'interval', everyDays: 30 });
    expect(schedule.body.rules).toContainEqual({
      instrument: 'cssrs-screener',
      kind: 'triggered',
      trigger: 'phq9_item9',
    });
  });
});

describe('assessments due', () => {
  it('are due on admission day for someone admitted today, and not yet overdue', async () => {
    const due = await participant.get('/api/v1/me/assessments/due');
    expect(due.status).toBe(200);
    expect(due.body.today).toBe(today);
    expect(due.body.items).toEqual([
      {
        instrument: 'cssrs-screener',
        title: 'C-SSRS Screener',
        reason: 'admission',
        dueDate: today,
        overdue: false,
      },
      { instrument: 'gad7', title: 'GAD-7', reason: 'admission', dueDate: today, overdue: false },
      { instrument: 'phq9', title: 'PHQ-9', reason: 'admission', dueDate: today, overdue: false },
    ]);
    const chart = await clinician.get(`/api/v1/participants/${clinic.participantId}/assessments/due`);
    expect(chart.body).toEqual(due.body);
    expect(
      await count(
        sql`select count(*)::int as n from audit_events where action = 'assessment.due_read'
            and participant_id = ${clinic.participantId}`,
      ),
    ).toBe(2);
  });

  it('fall due again 14 days after admission, once answered then', async () => {
    expect(await dueOf(clinician, `/api/v1/participants/${fortnight}/assessments/due`)).toEqual([
      'gad7:interval',
      'phq9:interval',
    ]);
    const due = await clinician.get(`/api/v1/participants/${fortnight}/assessments/due`);
    expect(due.body.items[0]).toMatchObject({ dueDate: addDays(today, -1), overdue: false });
  });

  it('are listed for the program when overdue, the most overdue first', async () => {
    const overdue = await clinician.get(`/api/v1/programs/${programId}/assessments/overdue`);
    expect(overdue.status).toBe(200);
    expect(
      overdue.body.items.map((item: { participantId: string; instrument: string; daysLate: number }) => [
        item.participantId === lapsed ? 'Lorcan' : item.participantId,
        item.instrument,
        item.daysLate,
      ]),
    ).toEqual([
      ['Lorcan', 'cssrs-screener', 40],
      ['Lorcan', 'gad7', 40],
      ['Lorcan', 'phq9', 40],
      ['Lorcan', 'bam', 10],
    ]);
    expect(overdue.body.items[0]).toMatchObject({ participantName: 'Lorcan Schedulewell', overdue: true });
  });

  it('show on the primary clinician’s day, for her caseload, the most overdue first', async () => {
    const day = await clinician.get('/api/v1/me/day');
    expect(day.status).toBe(200);
    expect(
      day.body.assessmentsDue.map((entry: { participantName: string; items: unknown[] }) => [
        entry.participantName.split(' ')[0],
        entry.items.length,
      ]),
    ).toEqual([
      ['Lorcan', 4],
      ['Fenna', 2],
      ['Quill', 3],
    ]);
    const directorsDay = await director.get('/api/v1/me/day');
    expect(directorsDay.body.assessmentsDue).toEqual([]);
  });
});

describe('answering in the participant area', () => {
  it('refuses bad answers, and a questionnaire that is not due, and changes nothing', async () => {
    const before = await count(
      sql`select count(*)::int as n from instrument_responses where participant_id = ${clinic.participantId}`,
    );
    const short = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'phq9',
      answers: [0, 0, 0],
    });
    expect(short.status).toBe(400);
    const outOfRange = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'phq9',
      answers: [0, 0, 0, 0, 0, 0, 0, 0, 4],
    });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.error.message).toMatch(/item 9/);
    const unknown = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'phq-10',
      answers: [],
    });
    expect(unknown.status).toBe(400);
    const notDue = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'who5',
      answers: [3, 3, 3, 3, 3],
    });
    expect(notDue.status).toBe(409);
    expect(notDue.body.error.message).toBe('the WHO-5 Well-Being Index is not due for you now');
    expect(
      await count(
        sql`select count(*)::int as n from instrument_responses where participant_id = ${clinic.participantId}`,
      ),
    ).toBe(before);
    expect(await dueOf(participant, '/api/v1/me/assessments/due')).toHaveLength(3);
  });

  it('thanks them without a score, and the questionnaire is no longer due', async () => {
    const answered = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'cssrs-screener',
      answers: cssrsNo,
    });
    expect(answered.status).toBe(201);
    expect(answered.body).toEqual({
      id: expect.any(String),
      instrument: 'cssrs-screener',
      message: expect.stringMatching(/^Thank you/),
      crisisResources: null,
    });
    expect(await dueOf(participant, '/api/v1/me/assessments/due')).toEqual([
      'gad7:admission',
      'phq9:admission',
    ]);
    // Stored as the participant's own report: administered by their account, authored by them.
    const chart = await clinician.get(
      `/api/v1/participants/${clinic.participantId}/instrument-responses?instrument=cssrs-screener`,
    );
    expect(chart.body.items[0]).toMatchObject({
      id: answered.body.id,
      administeredBy: { id: clinic.participantAccount.id },
      score: { band: 'none' },
      questionnaireResponse: {
        author: { reference: `Patient/${clinic.participantId}` },
        source: { reference: `Patient/${clinic.participantId}` },
      },
    });
    const again = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'cssrs-screener',
      answers: cssrsNo,
    });
    expect(again.status).toBe(409);
  });

  it('raises the critical alert for PHQ-9 item 9, shows crisis resources, and makes the screener due again', async () => {
    const answered = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'phq9',
      answers: phq9(1),
    });
    expect(answered.status).toBe(201);
    expect(answered.body.crisisResources).toEqual([
      { name: '988 Suicide & Crisis Lifeline', phone: '988', text: true },
    ]);
    expect(JSON.stringify(answered.body)).not.toMatch(/band|total|interpretation|moderate|mild/);
    const [alert] = resultRows<{ rule: string; severity: string; source_id: string }>(
      await server.database.db.execute(
        sql`select rule, severity, source_id from alerts where participant_id = ${clinic.participantId}`,
      ),
    );
    expect(alert).toEqual({ rule: 'phq9.item9', severity: 'critical', source_id: answered.body.id });
    const due = await participant.get('/api/v1/me/assessments/due');
    expect(due.body.items).toEqual([
      {
        instrument: 'cssrs-screener',
        title: 'C-SSRS Screener',
        reason: 'triggered',
        dueDate: today,
        overdue: false,
      },
      { instrument: 'gad7', title: 'GAD-7', reason: 'admission', dueDate: today, overdue: false },
    ]);
    // The screener after it, at high risk: its own critical alert, crisis resources, the trigger answered.
    const screened = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'cssrs-screener',
      answers: [true, true, false, true, false, false, false],
    });
    expect(screened.status).toBe(201);
    expect(screened.body.crisisResources).toHaveLength(1);
    const alerts = resultRows<{ rule: string; source_id: string }>(
      await server.database.db.execute(
        sql`select rule, source_id from alerts where participant_id = ${clinic.participantId} order by created_at`,
      ),
    );
    expect(alerts.map((raised) => raised.rule)).toEqual(['phq9.item9', 'cssrs.high_risk']);
    expect(alerts[1]?.source_id).toBe(screened.body.id);
    expect(await dueOf(participant, '/api/v1/me/assessments/due')).toEqual(['gad7:admission']);
  });

  it('takes one response per due questionnaire: a second PHQ-9 the same day is refused', async () => {
    const again = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'phq9',
      answers: phq9(0),
    });
    expect(again.status).toBe(409);
    expect(
      await count(
        sql`select count(*)::int as n from instrument_responses where participant_id = ${clinic.participantId}`,
      ),
    ).toBe(3);
  });

  it('is the participant’s own: a family member gets 409, staff 403', async () => {
    const family = await server.signIn(clinic.familyAccount.email);
    expect((await family.get('/api/v1/me/assessments/due')).status).toBe(409);
    const answered = await family.post('/api/v1/me/instrument-responses', {
      instrument: 'gad7',
      answers: gad7,
    });
    expect(answered.status).toBe(409);
    expect((await clinician.get('/api/v1/me/assessments/due')).status).toBe(403);
    expect(await dueOf(participant, '/api/v1/me/assessments/due')).toEqual(['gad7:admission']);
  });
});

describe('answering twice at once', () => {
  it('takes only the first of two submissions sent together (a double tap)', async () => {
    const send = () =>
      participant.post('/api/v1/me/instrument-responses', { instrument: 'gad7', answers: gad7 });
    const statuses = (await Promise.all([send(), send()])).map((response) => response.status).sort();
    expect(statuses).toEqual([201, 409]);
    expect(
      await count(
        sql`select count(*)::int as n from instrument_responses
            where participant_id = ${clinic.participantId} and instrument = 'gad7'`,
      ),
    ).toBe(1);
  });
});

describe('changing the schedule', () => {
  it('is the director’s; bad rules are refused and change nothing', async () => {
    const url = `/api/v1/programs/${programId}/assessment-schedule`;
    expect((await clinician.put(url, { rules: [] })).status).toBe(403);
    const twice = await director.put(url, {
      rules: [
        { instrument: 'phq9', kind: 'interval', everyDays: 14 },
        { instrument: 'phq9', kind: 'interval', everyDays: 30 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(
      (await director.put(url, { rules: [{ instrument: 'phq9', kind: 'interval', everyDays: 2 }] })).status,
    ).toBe(400);
    expect((await director.put(url, { rules: [{ instrument: 'phq-10', kind: 'admission' }] })).status).toBe(
      400,
    );
    expect((await director.get(url)).body).toMatchObject({ version: 0, isDefault: true });
  });

  it('applies the new version at once to everyone in the program', async () => {
    const url = `/api/v1/programs/${programId}/assessment-schedule`;
    const saved = await director.put(url, {
      rules: [
        { instrument: 'who5', kind: 'admission' },
        { instrument: 'phq9', kind: 'interval', everyDays: 30 },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      version: 1,
      isDefault: false,
      changedBy: { id: clinic.staff.director.id },
    });
    expect(await dueOf(participant, '/api/v1/me/assessments/due')).toEqual(['who5:admission']);
    expect(await dueOf(clinician, `/api/v1/participants/${fortnight}/assessments/due`)).toEqual([
      'who5:admission',
    ]);
    expect(await dueOf(clinician, `/api/v1/participants/${lapsed}/assessments/due`)).toEqual([
      'who5:admission',
      'phq9:interval',
    ]);
    const answered = await participant.post('/api/v1/me/instrument-responses', {
      instrument: 'who5',
      answers: [3, 3, 2, 3, 4],
    });
    expect(answered.status).toBe(201);
    expect(await dueOf(participant, '/api/v1/me/assessments/due')).toEqual([]);
    expect(
      await count(
        sql`select count(*)::int as n from audit_events where action = 'assessment_schedule.changed'
            and subject_id = ${programId}`,
      ),
    ).toBe(1);
  });
});

describe('another organisation', () => {
  it('sees none of it', async () => {
    const other = await server.createClinic('Other Schedule Clinic');
    const [outsider, outsiderDirector] = await Promise.all([
      server.signIn(other.staff.clinician.email),
      server.signIn(other.staff.director.email),
    ]);
    expect((await outsider.get(`/api/v1/participants/${clinic.participantId}/assessments/due`)).status).toBe(
      404,
    );
    expect((await outsider.get(`/api/v1/programs/${programId}/assessments/overdue`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/programs/${programId}/assessment-schedule`)).status).toBe(404);
    const put = await outsiderDirector.put(`/api/v1/programs/${programId}/assessment-schedule`, {
      rules: [],
    });
    expect(put.status).toBe(404);
    expect((await clinician.get(`/api/v1/programs/${unknownId}/assessments/overdue`)).status).toBe(404);
    expect((await outsider.get('/api/v1/me/day')).body.assessmentsDue).toEqual([]);
    // Their own participant, not admitted: nothing due.
    const theirs = await server.signIn(other.participantAccount.email);
    expect((await theirs.get('/api/v1/me/assessments/due')).body.items).toEqual([]);
  });
});
