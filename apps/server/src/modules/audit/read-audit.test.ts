import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import type { RequestMeta } from '../../http/context.js';
import { type Clinic, TestServer } from '../../test/harness.js';
import { ReadAuditWriter } from './read-audit.js';

let server: TestServer;
let first: Clinic;
let second: Clinic;

beforeAll(async () => {
  server = await TestServer.start();
  first = await server.createClinic('Read Audit Clinic');
  second = await server.createClinic('Second Read Audit Clinic');
});
afterAll(() => server.close());

const meta: RequestMeta = { ip: '127.0.0.1', userAgent: 'read-audit-test' };

function reader(clinic: Clinic) {
  return {
    actor: { userId: clinic.staff.clinician.id, orgId: clinic.orgId, accountKind: 'staff' as const },
    meta,
  };
}

/** The read events of `subjectId` an organisation's own scope can see, with the transaction that wrote each. */
async function eventsSeenBy(orgId: string, subjectId: string) {
  return withOrg(server.database, orgId, async (tx) =>
    resultRows<{ org_id: string; tx: string; action: string }>(
      await tx.execute(sql`select org_id, xmin::text as tx, action from audit_events
        where subject_id = ${subjectId}`),
    ),
  );
}

describe('audit events of reads', () => {
  it('are committed when record resolves, several reads sharing one transaction', async () => {
    const writer = new ReadAuditWriter(server.database);
    const subjectId = 'batch-of-twenty';
    await Promise.all(
      Array.from({ length: 20 }, () =>
        writer.record(reader(first), { action: 'participant.read', subjectType: 'participant', subjectId }),
      ),
    );
    // Stored and visible the moment record resolved, to a fresh transaction.
    const events = await eventsSeenBy(first.orgId, subjectId);
    expect(events).toHaveLength(20);
    // Handed in together, written together: far fewer transactions than events.
    expect(new Set(events.map((event) => event.tx)).size).toBeLessThan(5);
  });

  it('keeps each organisation’s events to that organisation when one batch carries both', async () => {
    const writer = new ReadAuditWriter(server.database);
    const subjectId = 'two-clinics-one-batch';
    await Promise.all([
      writer.record(reader(first), { action: 'participant.read', subjectType: 'participant', subjectId }),
      writer.record(reader(second), { action: 'participant.listed', subjectType: 'participant', subjectId }),
      writer.record(reader(first), { action: 'participant.read', subjectType: 'participant', subjectId }),
    ]);
    const seenByFirst = await eventsSeenBy(first.orgId, subjectId);
    const seenBySecond = await eventsSeenBy(second.orgId, subjectId);
    expect(seenByFirst.map((event) => event.action)).toEqual(['participant.read', 'participant.read']);
    expect(seenByFirst.every((event) => event.org_id === first.orgId)).toBe(true);
    expect(seenBySecond).toEqual([
      expect.objectContaining({ org_id: second.orgId, action: 'participant.listed' }),
    ]);
  });

  it('fails only the request whose event cannot be stored', async () => {
    const writer = new ReadAuditWriter(server.database);
    const subjectId = 'one-bad-event';
    const outcomes = await Promise.allSettled([
      writer.record(reader(first), { action: 'participant.read', subjectType: 'participant', subjectId }),
      // Not a uuid: the database refuses this one event.
      writer.record(reader(first), {
        action: 'participant.read',
        subjectType: 'participant',
        subjectId,
        participantId: 'not-a-participant-id',
      }),
      writer.record(reader(first), { action: 'participant.read', subjectType: 'participant', subjectId }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await eventsSeenBy(first.orgId, subjectId)).toHaveLength(2);
  });

  it('records a user agent with a NUL character instead of failing the read', async () => {
    const writer = new ReadAuditWriter(server.database);
    const subjectId = 'nul-in-user-agent';
    await writer.record(
      { ...reader(first), meta: { ip: '127.0.0.1', userAgent: 'odd\u0000agent' } },
      { action: 'participant.read', subjectType: 'participant', subjectId },
    );
    const [row] = await withOrg(server.database, first.orgId, async (tx) =>
      resultRows<{ user_agent: string }>(
        await tx.execute(sql`select user_agent from audit_events where subject_id = ${subjectId}`),
      ),
    );
    expect(row?.user_agent).toBe('odd\uFFFDagent');
  });
});
