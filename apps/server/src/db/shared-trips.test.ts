import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditInsertSql } from '../modules/audit/audit-log.js';
import { type Clinic, TestServer } from '../test/harness.js';
import { resultRows } from './database.js';
import { SharedTrips } from './shared-trips.js';

let server: TestServer;
let north: Clinic;
let south: Clinic;

beforeAll(async () => {
  server = await TestServer.start();
  north = await server.createClinic('Shared Trips North Clinic');
  south = await server.createClinic('Shared Trips South Clinic');
});
afterAll(() => server.close());

function reader(clinic: Clinic) {
  return {
    actor: { userId: clinic.staff.clinician.id, orgId: clinic.orgId, accountKind: 'staff' as const },
    meta: { ip: '127.0.0.1', userAgent: 'shared-trips-test' },
  };
}

/** A read's audit event as the hot reads write it, naming `subjectId`. */
function readEvent(clinic: Clinic, subjectId: string) {
  return auditInsertSql(reader(clinic), {
    action: 'participant.read',
    subjectType: 'participant',
    subjectId,
  });
}

/** Events naming `subjectId`, seen by the database owner (every organisation). */
async function eventsNaming(subjectId: string) {
  return resultRows<{ org_id: string }>(
    await server.database.db.execute(sql`select org_id from audit_events where subject_id = ${subjectId}`),
  );
}

describe('statements of concurrent requests sent together', () => {
  it('share transactions, and each request gets its own rows once they are committed', async () => {
    const trips = new SharedTrips(server.database);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        trips.run(north.orgId, [
          sql`select ${i}::int as request, pg_current_xact_id()::text as tx`,
          readEvent(north, `shared-${i}`),
        ]),
      ),
    );
    expect(answers.map(([rows]) => rows?.[0]?.request)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    // Twenty requests, far fewer transactions.
    expect(new Set(answers.map(([rows]) => rows?.[0]?.tx)).size).toBeLessThan(5);
    // Committed by the time each request got its answer.
    for (let i = 0; i < 20; i += 1) expect(await eventsNaming(`shared-${i}`)).toHaveLength(1);
  });

  it('run each request in its own organisation, whatever else shares its transaction', async () => {
    const trips = new SharedTrips(server.database);
    const ask = (clinic: Clinic) =>
      trips.run(clinic.orgId, [
        sql`select current_user as role, current_setting('stepwise.org_id') as org`,
        // No organisation filter: row-level security must keep the other clinic's sites out.
        sql`select distinct org_id from sites`,
      ]);
    const [fromNorth, fromSouth, againNorth] = await Promise.all([ask(north), ask(south), ask(north)]);
    expect(fromNorth?.[0]).toEqual([{ role: 'stepwise_app', org: north.orgId }]);
    expect(fromNorth?.[1]).toEqual([{ org_id: north.orgId }]);
    expect(fromSouth?.[0]).toEqual([{ role: 'stepwise_app', org: south.orgId }]);
    expect(fromSouth?.[1]).toEqual([{ org_id: south.orgId }]);
    expect(againNorth?.[1]).toEqual([{ org_id: north.orgId }]);
    // Nor can a request write into another organisation.
    await expect(trips.run(north.orgId, [readEvent(south, 'trespass')])).rejects.toMatchObject({
      code: '42501',
    });
    expect(await eventsNaming('trespass')).toEqual([]);
  });

  it('fail only the request whose statement fails; the others are stored exactly once', async () => {
    const trips = new SharedTrips(server.database);
    const outcomes = await Promise.allSettled([
      trips.run(north.orgId, [readEvent(north, 'survivor-1')]),
      trips.run(south.orgId, [readEvent(south, 'doomed'), sql`select 1 / 0`]),
      trips.run(north.orgId, [readEvent(north, 'survivor-2')]),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(outcomes[1]).toMatchObject({ reason: { code: '22012' } });
    expect(await eventsNaming('survivor-1')).toEqual([{ org_id: north.orgId }]);
    expect(await eventsNaming('survivor-2')).toEqual([{ org_id: north.orgId }]);
    expect(await eventsNaming('doomed')).toEqual([]);
  });
});
