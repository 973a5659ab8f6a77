import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { auditChainJob } from '../../jobs/audit-chain.js';
import { JobQueue } from '../../jobs/queue.js';
import { jobHandlers } from '../../server.js';
import { type Clinic, type Session, TestServer } from '../../test/harness.js';
import { chainAllPending, chainPendingEvents, verifyChain } from './audit.repository.js';

let server: TestServer;
let clinic: Clinic;
let compliance: Session;

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Audit Clinic');
  compliance = await server.signIn(clinic.staff.compliance.email);
});
afterAll(() => server.close());

/** Runs SQL as the database owner in one transaction with the append-only triggers switched off: an attacker with database access. */
async function tamper(statement: string) {
  await server.database.rawTransaction(async (tx) => {
    await tx.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await tx.exec(statement);
    await tx.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
  });
}

async function chainHead(orgId = clinic.orgId): Promise<number> {
  const [head] = resultRows<{ seq: number }>(
    await server.database.db.execute(sql`select seq from audit_heads where org_id = ${orgId}`),
  );
  return Number(head?.seq);
}

describe('the audit trail', () => {
  it('records reads and writes of participant data with actor, subject, participant, address and browser', async () => {
    // A clinician opens a record and changes it.
    const clinician = await server.signIn(clinic.staff.clinician.email);
    await clinician.get(`/api/v1/participants/${clinic.participantId}`);
    await clinician.patch(`/api/v1/participants/${clinic.participantId}`, { pronouns: 'he/him' });
    await clinician.get(`/api/v1/participants?q=quill`);

    const trail = await compliance.get(`/api/v1/audit/events?participantId=${clinic.participantId}`);
    expect(trail.status).toBe(200);
    const [updated, read] = trail.body.items;
    expect(updated).toMatchObject({
      action: 'participant.updated',
      actorUserId: clinic.staff.clinician.id,
      actorKind: 'staff',
      subjectType: 'participant',
      subjectId: clinic.participantId,
      participantId: clinic.participantId,
      ip: '127.0.0.1',
      userAgent: 'stepwise-tests',
      details: { fields: ['pronouns'] },
    });
    expect(updated.actorName).toMatch(/clinician/);
    expect(read.action).toBe('participant.read');
    expect(read.seq).toBeLessThan(updated.seq);
    // The search is recorded with the participants it showed, but not the search term.
    const all = await compliance.get('/api/v1/audit/events?limit=200');
    const search = all.body.items.find((event: { action: string }) => event.action === 'participant.listed');
    expect(search.details).toEqual({ searched: true, shown: [clinic.participantId] });
    expect(JSON.stringify(all.body)).not.toMatch(/quill/i);
  });

  it('pages newest first', async () => {
    const first = await compliance.get('/api/v1/audit/events?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await compliance.get(`/api/v1/audit/events?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].seq).toBeLessThan(first.body.items[1].seq);
  });

  it('refuses to change or remove an event, even for the database owner', async () => {
    await expect(
      server.database.raw.exec(`UPDATE audit_events SET action = 'participant.read'`),
    ).rejects.toThrow(/append-only/);
    await expect(server.database.raw.exec(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(server.database.raw.exec(`TRUNCATE audit_events`)).rejects.toThrow();
  });

  it('verifies an intact chain, then detects an altered, a removed and a truncated-tail event', async () => {
    const intact = await compliance.get('/api/v1/audit/verify');
    expect(intact.body).toMatchObject({ ok: true, problems: [] });
    expect(intact.body.eventsChecked).toBeGreaterThan(3);

    const seqs = resultRows<{ seq: number }>(
      await server.database.db.execute(
        sql`select seq from audit_events where org_id = ${clinic.orgId} order by seq`,
      ),
    ).map((row) => Number(row.seq));
    const [, second, third] = seqs;

    // Someone with database access rewrites who did something…
    await tamper(
      `UPDATE audit_events SET actor_user_id = NULL WHERE org_id = '${clinic.orgId}' AND seq = ${second}`,
    );
    const altered = await compliance.get('/api/v1/audit/verify');
    expect(altered.body.ok).toBe(false);
    expect(altered.body.problems).toContainEqual({
      seq: second,
      problem: 'the event was altered after it was recorded',
    });

    // …removes an event in the middle…
    await tamper(`DELETE FROM audit_events WHERE org_id = '${clinic.orgId}' AND seq = ${third}`);
    const removed = await compliance.get('/api/v1/audit/verify');
    expect(removed.body.problems.map((p: { problem: string }) => p.problem)).toContain(
      `events ${third}–${third} are missing`,
    );

    // …and removes the newest events: the events recorded since are chained onto the head, which
    // still counts the removed ones, so the removal shows as a gap before them.
    const headBefore = await chainHead();
    await tamper(`DELETE FROM audit_events WHERE org_id = '${clinic.orgId}' AND seq > ${third}`);
    const tail = await compliance.get('/api/v1/audit/verify');
    expect(tail.body.problems).toContainEqual({
      seq: headBefore + 1,
      problem: `events ${third}–${headBefore} are missing`,
    });
  });

  it('detects newest events removed when nothing was recorded after them', async () => {
    const other = await server.createClinic('Audit Tail Clinic');
    const clinician = await server.signIn(other.staff.clinician.email);
    for (let i = 0; i < 3; i += 1) await clinician.get(`/api/v1/participants/${other.participantId}`);
    await server.database.db.transaction((tx) => chainPendingEvents(tx, other.orgId));
    const last = await chainHead(other.orgId);
    await tamper(`DELETE FROM audit_events WHERE org_id = '${other.orgId}' AND seq = ${last}`);
    const result = await verifyChain(server.database.db, other.orgId);
    expect(result.problems).toContainEqual({
      seq: last,
      problem: `the trail ends at event ${last - 1} but ${last} were recorded`,
    });
  });

  it('records events as pending and links them in order when the chaining job runs', async () => {
    const other = await server.createClinic('Audit Chaining Clinic');
    const clinician = await server.signIn(other.staff.clinician.email);
    await clinician.get(`/api/v1/participants/${other.participantId}`);
    await clinician.patch(`/api/v1/participants/${other.participantId}`, { pronouns: 'they/them' });
    const pending = async () =>
      resultRows<{ n: number }>(
        await server.database.db.execute(
          sql`select count(*)::int as n from audit_events where org_id = ${other.orgId} and seq is null`,
        ),
      );
    expect(Number((await pending())[0]?.n)).toBeGreaterThanOrEqual(2);

    const queue = new JobQueue(server.database, server.config, jobHandlers());
    // A run of its own: the scheduled run of this time slot may already have been taken by a server
    // another test file started on the same database, before these events existed. Such a server may
    // also be the one to claim this run, so wait for the outcome rather than for this queue.
    await queue.enqueue(auditChainJob);
    await queue.drain();
    await expect.poll(async () => Number((await pending())[0]?.n), { timeout: 10_000 }).toBe(0);
    const actions = resultRows<{ action: string }>(
      await server.database.db.execute(
        sql`select action from audit_events where org_id = ${other.orgId} order by seq`,
      ),
    ).map((row) => row.action);
    expect(actions.indexOf('participant.read')).toBeLessThan(actions.indexOf('participant.updated'));
    expect((await verifyChain(server.database.db, other.orgId)).ok).toBe(true);
    // The run queued the next one a few seconds on.
    const next = resultRows<{ n: number }>(
      await server.database.db.execute(
        sql`select count(*)::int as n from jobs where kind = 'audit.chain' and status = 'queued' and run_at > now()`,
      ),
    );
    expect(Number(next[0]?.n)).toBeGreaterThanOrEqual(1);
  });

  it('links a backlog larger than one batch completely and in the order it was recorded', async () => {
    const other = await server.createClinic('Audit Backlog Clinic');
    await server.database.raw.query(
      `INSERT INTO audit_events (org_id, actor_kind, action, subject_type, subject_id)
       SELECT $1, 'staff', 'participant.read', 'participant', n::text FROM generate_series(1, 120) n`,
      [other.orgId],
    );
    const chained = await chainAllPending(server.database, other.orgId, 50);
    expect(chained).toBe(120);
    // In the order they were recorded: by time, then id for events recorded in the same microsecond.
    const inChain = resultRows<{ subject_id: string; rank: number }>(
      await server.database.db.execute(
        sql`select subject_id, rank() over (order by occurred_at, id)::int as rank
            from audit_events where org_id = ${other.orgId} order by seq`,
      ),
    );
    expect(inChain.map((row) => Number(row.rank))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(new Set(inChain.map((row) => row.subject_id)).size).toBe(120);
    expect(await verifyChain(server.database.db, other.orgId)).toMatchObject({
      ok: true,
      eventsChecked: 120,
    });
  });

  it('leaves chain links, sequence numbers and times to the database', async () => {
    await expect(
      withOrg(server.database, clinic.orgId, (tx) =>
        tx.execute(
          sql`update audit_events set hash = 'forged' where org_id = ${clinic.orgId} and seq is null`,
        ),
      ),
    ).rejects.toMatchObject({ cause: { code: '42501' } });
    // Nor can it record an event with a link, a sequence number or a time of its own choosing.
    for (const column of ['hash', 'seq', 'occurred_at']) {
      const value =
        column === 'seq' ? sql`1` : column === 'hash' ? sql`'forged'` : sql`now() - interval '1 year'`;
      await expect(
        withOrg(server.database, clinic.orgId, (tx) =>
          tx.execute(sql`insert into audit_events (org_id, actor_kind, action, subject_type, ${sql.raw(column)})
            values (${clinic.orgId}::uuid, 'staff', 'participant.read', 'participant', ${value})`),
        ),
      ).rejects.toMatchObject({ cause: { code: '42501' } });
    }
    // Outside a restore, even the owner's inserted links are blanked: the event starts pending.
    await server.database.raw.query(
      `INSERT INTO audit_events (org_id, actor_kind, action, subject_type, subject_id, seq, hash)
       VALUES ($1, 'staff', 'participant.read', 'participant', 'owner-forged', 999999, 'forged')`,
      [clinic.orgId],
    );
    const [forged] = resultRows<{ seq: number | null; hash: string }>(
      await server.database.db.execute(
        sql`select seq, hash from audit_events where subject_id = 'owner-forged'`,
      ),
    );
    expect(forged).toEqual({ seq: null, hash: '' });
  });

  it('is readable by compliance and admin only', async () => {
    for (const role of ['clinician', 'director', 'supervisor', 'billing', 'intake'] as const) {
      const session = await server.signIn(clinic.staff[role].email);
      expect((await session.get('/api/v1/audit/events')).status).toBe(403);
    }
    const admin = await server.signIn(clinic.staff.admin.email);
    expect((await admin.get('/api/v1/audit/events')).status).toBe(200);
  });
});
