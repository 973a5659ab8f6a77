import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { addDays, instantToZoned } from '@stepwise/core';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { JobQueue } from '../../jobs/queue.js';
import { jobHandlers } from '../../server.js';
import {
  admitToProgram,
  type Clinic,
  type Session,
  TestServer,
  testConfig,
  unknownId,
} from '../../test/harness.js';
import { evaluateParticipant, sweepForSilence } from './alert-engine.js';

/*
 * The alert engine against the real database and job queue: signals between sessions become alerts in
 * queued jobs, exactly once per evidence, surviving a restart; critical alerts nobody acknowledges in
 * 30 minutes escalate (the queue's clock is injected); the care team is notified in the app and by
 * email through a local SMTP server, with no clinical detail; the inbox assigns and resolves.
 */
let server: TestServer;
let clinic: Clinic;
let clinician: Session;
let supervisor: Session;
let participant: Session;
let programId: string;
let today: string;
/** A worker for this file's organisation only: other test files share the jobs table. */
let queue: JobQueue;

const phq9 = (item9: number) => ({ instrument: 'phq9', answers: [2, 2, 1, 1, 1, 1, 1, 1, item9] });

async function admit(givenName: string, startDate = today) {
  return admitToProgram(clinician, {
    programId,
    givenName,
    familyName: 'Alertson',
    startDate,
    primaryClinicianId: clinic.staff.clinician.id,
    supervisorId: clinic.staff.supervisor.id,
  });
}

async function alertsOf(participantId: string) {
  const response = await clinician.get(`/api/v1/alerts?participantId=${participantId}`);
  expect(response.status).toBe(200);
  return response.body.items as {
    id: string;
    rule: string;
    severity: string;
    evidence: Record<string, unknown>;
    status: string;
    escalatedAt: string | null;
  }[];
}

async function jobsOf(kind: string, participantId?: string) {
  return resultRows<{ n: number }>(
    await server.database.db.execute(sql`
      select count(*)::int as n from jobs where kind = ${kind} and payload->>'orgId' = ${clinic.orgId}
        and status = 'queued' ${participantId ? sql`and payload->>'participantId' = ${participantId}` : sql``}`),
  )[0]?.n;
}

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Alert Engine Clinic');
  const director = await server.signIn(clinic.staff.director.email);
  [clinician, supervisor, participant] = await Promise.all([
    server.signIn(clinic.staff.clinician.email),
    server.signIn(clinic.staff.supervisor.email),
    server.signIn(clinic.participantAccount.email),
  ]);
  programId = (
    await director.post('/api/v1/programs', {
      siteId: clinic.siteId,
      name: 'Alert IOP',
      kind: 'substance_use',
      population: 'adult',
    })
  ).body.id;
  const site = await clinician.get(`/api/v1/sites/${clinic.siteId}`);
  today = instantToZoned(new Date(), site.body.timeZone).date;
  // The participant with the portal account checks in; admitted so the care team is known.
  await admitToProgram(clinician, {
    programId,
    givenName: 'ignored',
    familyName: 'ignored',
    participantId: clinic.participantId,
    startDate: addDays(today, -3),
    primaryClinicianId: clinic.staff.clinician.id,
    supervisorId: clinic.staff.supervisor.id,
  });
  queue = new JobQueue(server.database, server.config, jobHandlers(), { orgId: clinic.orgId });
});

afterAll(() => server.close());

describe('the alert engine', () => {
  it('turns check-ins into alerts in queued jobs, once per evidence, and survives a restart', async () => {
    const day = { mood: 4, sleepHours: 6, used: false };
    for (const [back, craving] of [
      [2, 8],
      [1, 7],
    ] as const) {
      const response = await participant.post('/api/v1/me/check-ins', {
        ...day,
        craving,
        date: addDays(today, -back),
      });
      expect(response.status).toBe(201);
    }
    // Two high cravings are not three: the evaluation runs and raises nothing.
    await queue.drain();
    expect(await alertsOf(clinic.participantId)).toEqual([]);

    const third = await participant.post('/api/v1/me/check-ins', {
      ...day,
      craving: 9,
      used: true,
      use: [{ substance: 'alcohol' }],
    });
    expect(third.status).toBe(201);
    // The check-in answered at once; its evaluation waits in the queue, not in the request.
    expect(await jobsOf('alerts.evaluate', clinic.participantId)).toBeGreaterThan(0);
    expect(await alertsOf(clinic.participantId)).toEqual([]);

    // The server "restarts": the worker that was running stops before taking the job, a new one
    // (another process, nothing in memory) finds it in the database and runs it.
    const restarted = new JobQueue(server.database, server.config, jobHandlers(), { orgId: clinic.orgId });
    expect(await restarted.drain()).toBeGreaterThan(0);
    const raised = await alertsOf(clinic.participantId);
    expect(raised.map((alert) => alert.rule).sort()).toEqual([
      'checkin.craving_high',
      'checkin.use_reported',
    ]);
    const craving = raised.find((alert) => alert.rule === 'checkin.craving_high');
    expect(craving).toMatchObject({ severity: 'high', status: 'open' });
    expect(craving?.evidence).toMatchObject({
      summary: expect.stringContaining(today),
      checkIns: [
        { date: addDays(today, -2), craving: 8 },
        { date: addDays(today, -1), craving: 7 },
        { date: today, craving: 9 },
      ],
    });
    expect(raised.find((alert) => alert.rule === 'checkin.use_reported')?.evidence).toMatchObject({
      date: today,
      substances: ['alcohol'],
    });

    // The same evidence, evaluated again — by a resubmitted check-in, and by two workers at once — raises nothing more.
    await participant.post('/api/v1/me/check-ins', {
      ...day,
      craving: 9,
      used: true,
      use: [{ substance: 'alcohol' }],
    });
    await Promise.all([
      queue.drain(),
      evaluateParticipant(server.database, clinic.orgId, clinic.participantId),
      evaluateParticipant(server.database, clinic.orgId, clinic.participantId),
    ]);
    expect(await alertsOf(clinic.participantId)).toHaveLength(2);
    // A fourth high day while the craving alert is still being handled adds no second craving alert.
    await participant.post('/api/v1/me/check-ins', { ...day, craving: 8, date: addDays(today, -3) });
    await queue.drain();
    expect(
      (await alertsOf(clinic.participantId)).filter((a) => a.rule === 'checkin.craving_high'),
    ).toHaveLength(1);
  });

  it('raises a critical alert with the check-in itself when suicidal thoughts are reported', async () => {
    const response = await participant.post('/api/v1/me/check-ins', {
      mood: 2,
      craving: 9,
      used: true,
      use: [{ substance: 'alcohol' }],
      suicidalThoughts: true,
    });
    expect(response.status).toBe(201);
    // No job has run: the alert exists already, and its escalation is queued.
    const critical = (await alertsOf(clinic.participantId)).filter((alert) => alert.severity === 'critical');
    expect(critical).toMatchObject([{ rule: 'checkin.suicidal_thoughts', evidence: { date: today } }]);
    expect(await jobsOf('alerts.escalate')).toBeGreaterThan(0);
  });

  it('runs again a job whose worker died while running it', async () => {
    const { participantId } = await admit('Dara');
    await clinician.post(`/api/v1/participants/${participantId}/instrument-responses`, {
      instrument: 'phq9',
      answers: [1, 1, 1, 1, 1, 1, 1, 1, 0],
    });
    await queue.drain();
    await clinician.post(`/api/v1/participants/${participantId}/instrument-responses`, {
      instrument: 'phq9',
      answers: [2, 2, 2, 2, 2, 2, 2, 2, 0],
    });
    // A worker claimed the evaluation and its process died: the job is "running" with an old lock.
    await server.database.db.execute(sql`
      update jobs set status = 'running', attempts = 1, locked_by = 'gone:1', locked_at = now() - interval '10 minutes'
      where kind = 'alerts.evaluate' and payload->>'participantId' = ${participantId} and status = 'queued'`);
    expect(await queue.drain()).toBeGreaterThan(0);
    const [alert] = await alertsOf(participantId);
    // PHQ-9 8 → 16 is worse by more than the 5-point reliable change [I3].
    expect(alert).toMatchObject({ rule: 'score.reliable_worsening', severity: 'high' });
    expect(alert?.evidence).toMatchObject({
      instrument: 'phq9',
      baseline: { score: 8 },
      latest: { score: 16 },
    });
  });

  it('raises an alert for a positive screen, and none for a negative one', async () => {
    const { participantId } = await admit('Sol');
    const screen = (result: 'positive' | 'negative') => ({
      collectedOn: today,
      method: 'urine',
      results: [
        { substance: 'opioids', result },
        { substance: 'alcohol (EtG)', result: 'negative' },
      ],
      observed: true,
    });
    expect(
      (await clinician.post(`/api/v1/participants/${participantId}/drug-screens`, screen('negative'))).status,
    ).toBe(201);
    await queue.drain();
    expect(await alertsOf(participantId)).toEqual([]);
    const positive = await clinician.post(
      `/api/v1/participants/${participantId}/drug-screens`,
      screen('positive'),
    );
    expect(positive.status).toBe(201);
    expect(await jobsOf('alerts.evaluate', participantId)).toBe(1);
    await queue.drain();
    const [alert] = await alertsOf(participantId);
    expect(alert).toMatchObject({ rule: 'screen.positive', severity: 'high' });
    expect(alert?.evidence).toMatchObject({ date: today, substances: ['opioids'], method: 'urine' });
  });

  it('raises a silence alert after five days without a check-in or an attended session', async () => {
    const quiet = await admit('Quinn', addDays(today, -5));
    const recent = await admit('Rory', addDays(today, -4));
    expect(await sweepForSilence(server.database, new Date(), clinic.orgId)).toBeGreaterThanOrEqual(1);
    expect((await alertsOf(quiet.participantId)).map((alert) => alert.rule)).toEqual(['contact.silent']);
    expect(await alertsOf(recent.participantId)).toEqual([]);
    // Sweeping again within the same silence raises nothing new.
    await sweepForSilence(server.database, new Date(), clinic.orgId);
    expect(await alertsOf(quiet.participantId)).toHaveLength(1);
  });
});

describe('a critical alert', () => {
  it('escalates to the supervisor when nobody acknowledges it in 30 minutes, and only then', async () => {
    const { participantId } = await admit('Esme');
    const response = await clinician.post(
      `/api/v1/participants/${participantId}/instrument-responses`,
      phq9(2),
    );
    expect(response.status).toBe(201);
    const [alert] = await alertsOf(participantId);
    expect(alert).toMatchObject({ rule: 'phq9.item9', severity: 'critical', escalatedAt: null });
    const raisedAt = new Date(
      resultRows<{ at: string }>(
        await server.database.db.execute(
          sql`select created_at as at from alerts where id = ${alert?.id}::uuid`,
        ),
      )[0]?.at ?? '',
    );
    const minutesAfter = (minutes: number) => new Date(raisedAt.getTime() + minutes * 60_000);

    await queue.drain(minutesAfter(29));
    expect((await alertsOf(participantId))[0]?.escalatedAt).toBeNull();
    await queue.drain(minutesAfter(30.5));
    const escalated = (await alertsOf(participantId))[0];
    expect(escalated?.escalatedAt).toBe(minutesAfter(30.5).toISOString());
    expect(escalated?.status).toBe('open');
    const inbox = await supervisor.get('/api/v1/me/notifications');
    expect(inbox.body.items).toContainEqual(
      expect.objectContaining({ kind: 'alert.escalated', alertId: alert?.id }),
    );
  });

  it('does not escalate once acknowledged', async () => {
    const { participantId } = await admit('Fenn');
    await clinician.post(`/api/v1/participants/${participantId}/instrument-responses`, phq9(1));
    const [alert] = await alertsOf(participantId);
    expect((await clinician.post(`/api/v1/alerts/${alert?.id}/acknowledge`)).status).toBe(200);
    await queue.drain(new Date(Date.now() + 45 * 60_000));
    expect((await alertsOf(participantId))[0]).toMatchObject({ status: 'acknowledged', escalatedAt: null });
    const inbox = await supervisor.get('/api/v1/me/notifications');
    expect(inbox.body.items.filter((n: { alertId: string }) => n.alertId === alert?.id)).toEqual([]);
  });

  it('notifies the primary clinician in the app, with no clinical detail', async () => {
    const { participantId } = await admit('Gale');
    await clinician.post(`/api/v1/participants/${participantId}/instrument-responses`, phq9(3));
    const [alert] = await alertsOf(participantId);
    await queue.drain();
    const inbox = await clinician.get('/api/v1/me/notifications');
    const note = inbox.body.items.find((n: { alertId: string }) => n.alertId === alert?.id);
    expect(note).toMatchObject({
      kind: 'alert.raised',
      title: 'You have a new urgent alert in Stepwise',
      readAt: null,
    });
    expect(inbox.body.unread).toBeGreaterThan(0);
    const read = await clinician.post(`/api/v1/me/notifications/${note.id}/read`);
    expect(read.body.readAt).not.toBeNull();
    // Someone else's notification, or none at all, is not found.
    expect((await supervisor.post(`/api/v1/me/notifications/${note.id}/read`)).status).toBe(404);
    expect((await clinician.post(`/api/v1/me/notifications/${unknownId}/read`)).status).toBe(404);
    expect((await clinician.post('/api/v1/me/notifications/read-all')).body).toEqual({ unread: 0 });
  });
});

describe('email notifications', () => {
  it('are delivered to a local SMTP server, saying nothing clinical', async () => {
    const received: { to: string[]; data: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => {
          data += chunk.toString();
        });
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), data });
          callback();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    try {
      const port = (smtp.server.address() as AddressInfo).port;
      const mailing = new JobQueue(
        server.database,
        testConfig({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://stepwise.clinic.test/' }),
        jobHandlers(),
        { orgId: clinic.orgId },
      );
      await queue.drain();
      const { participantId } = await admit('Hollis');
      await clinician.post(`/api/v1/participants/${participantId}/instrument-responses`, phq9(1));
      await mailing.drain();
      const failures = resultRows(
        await server.database.db.execute(
          sql`select kind, status, last_error from jobs where payload->>'orgId' = ${clinic.orgId} and last_error is not null`,
        ),
      );
      expect(failures).toEqual([]);
      const mail = received.find((message) => message.to.includes(clinic.staff.clinician.email));
      expect(mail?.data).toContain('Subject: You have a new urgent alert in Stepwise');
      expect(mail?.data).toContain('https://stepwise.clinic.test/alerts');
      for (const secret of ['Hollis', 'Alertson', 'phq9', 'PHQ', 'suicid'])
        expect(mail?.data).not.toContain(secret);
      // Sent once: draining again sends nothing more.
      const count = received.length;
      await mailing.drain();
      expect(received).toHaveLength(count);
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});

describe('the alert inbox', () => {
  it('assigns, and resolves with a note that is required and audited', async () => {
    const { participantId } = await admit('Ivo');
    await clinician.post(`/api/v1/participants/${participantId}/instrument-responses`, phq9(1));
    const [alert] = await alertsOf(participantId);
    const id = alert?.id;

    // Only staff who may act on alerts can be assigned one.
    const billing = await clinician.post(`/api/v1/alerts/${id}/assign`, { userId: clinic.staff.billing.id });
    expect(billing.status).toBe(400);
    expect((await clinician.post(`/api/v1/alerts/${id}/assign`, { userId: 'nobody' })).status).toBe(400);
    const assigned = await clinician.post(`/api/v1/alerts/${id}/assign`, {
      userId: clinic.staff.supervisor.id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignedTo).toEqual({ id: clinic.staff.supervisor.id, name: expect.any(String) });
    const mine = await supervisor.get('/api/v1/alerts?status=unresolved&assignedTo=me');
    expect(mine.body.items.map((item: { id: string }) => item.id)).toContain(id);
    const told = await supervisor.get('/api/v1/me/notifications');
    expect(told.body.items).toContainEqual(expect.objectContaining({ kind: 'alert.assigned', alertId: id }));

    // A resolution needs a note; the refused one changes nothing.
    const empty = await supervisor.post(`/api/v1/alerts/${id}/resolve`, { note: '   ' });
    expect(empty.status).toBe(400);
    expect((await supervisor.get(`/api/v1/alerts/${id}`)).body.status).toBe('open');
    const resolved = await supervisor.post(`/api/v1/alerts/${id}/resolve`, {
      note: 'Called the same day; safety plan reviewed; seen in person tomorrow.',
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({
      status: 'resolved',
      resolvedBy: { id: clinic.staff.supervisor.id },
      resolutionNote: 'Called the same day; safety plan reviewed; seen in person tomorrow.',
    });
    expect((await supervisor.post(`/api/v1/alerts/${id}/resolve`, { note: 'again' })).status).toBe(409);
    expect(
      (await clinician.post(`/api/v1/alerts/${id}/assign`, { userId: clinic.staff.clinician.id })).status,
    ).toBe(409);
    const unresolved = await clinician.get(`/api/v1/alerts?status=unresolved&participantId=${participantId}`);
    expect(unresolved.body.items).toEqual([]);

    // The resolution is in the audit log, without the note's words.
    const audit = resultRows<{ action: string; details: Record<string, unknown> }>(
      await server.database.db.execute(sql`
        select action, details from audit_events where subject_id = ${id} and action like 'alert.%' order by occurred_at`),
    );
    expect(audit.map((event) => event.action).filter((action) => action !== 'alert.read')).toEqual([
      'alert.created',
      'alert.assigned',
      'alert.resolved',
    ]);
    expect(JSON.stringify(audit)).not.toContain('safety plan');
  });

  it('is invisible to another organisation', async () => {
    const [alert] = await alertsOf(clinic.participantId);
    const other = await server.createClinic('Other Alert Clinic');
    const outsider = await server.signIn(other.staff.clinician.email);
    expect((await outsider.get(`/api/v1/alerts/${alert?.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/alerts/${alert?.id}/resolve`, { note: 'not mine' })).status).toBe(
      404,
    );
    expect((await outsider.get('/api/v1/alerts')).body.items).toEqual([]);
  });
});
