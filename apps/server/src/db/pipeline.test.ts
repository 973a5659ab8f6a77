import { type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clinic, TestServer } from '../test/harness.js';
import { resultRows } from './database.js';
import { scoped } from './shared-trips.js';

let server: TestServer;
let north: Clinic;
let south: Clinic;

beforeAll(async () => {
  server = await TestServer.start();
  north = await server.createClinic('Pipeline North Clinic');
  south = await server.createClinic('Pipeline South Clinic');
});
afterAll(() => server.close());

/** The statements after the organisation scope, in one pipeline: each statement's rows. */
async function oneTrip(database: TestServer['database'], orgId: string, statements: SQL[]) {
  return (await database.pipeline(scoped(orgId, statements))).slice(1);
}

async function siteNames(orgId: string): Promise<string[]> {
  return resultRows<{ name: string }>(
    await server.database.db.execute(sql`select name from sites where org_id = ${orgId} order by name`),
  ).map((row) => row.name);
}

describe('statements sent in one round trip', () => {
  it('run as the application role within the organisation, even when a statement forgets its filter', async () => {
    const [who, sites] = await oneTrip(server.database, north.orgId, [
      sql`select current_user as role, current_setting('stepwise.org_id') as org`,
      sql`select org_id from sites`,
    ]);
    expect(who).toEqual([{ role: 'stepwise_app', org: north.orgId }]);
    expect(sites?.length).toBeGreaterThan(0);
    expect(new Set(sites?.map((row) => row.org_id))).toEqual(new Set([north.orgId]));
    // The settings were transaction-local: the next statement on the pool is the owner again.
    const after = resultRows<{ role: string }>(
      await server.database.db.execute(sql`select current_user as role`),
    );
    expect(after[0]?.role).not.toBe('stepwise_app');
  });

  it('are one transaction: when a later statement fails, the earlier ones leave nothing behind', async () => {
    const before = await siteNames(north.orgId);
    await expect(
      oneTrip(server.database, north.orgId, [
        sql`insert into sites (org_id, name, time_zone) values (${north.orgId}::uuid, 'Never opened', 'UTC')`,
        sql`select 1 / 0`,
      ]),
    ).rejects.toMatchObject({ code: '22012' });
    expect(await siteNames(north.orgId)).toEqual(before);
    // And a write into another organisation is refused by row-level security, not just filtered.
    await expect(
      oneTrip(server.database, north.orgId, [
        sql`insert into sites (org_id, name, time_zone) values (${south.orgId}::uuid, 'Trespass', 'UTC')`,
      ]),
    ).rejects.toMatchObject({ code: '42501' });
    expect(await siteNames(south.orgId)).not.toContain('Trespass');
  });

  it('reuse prepared statements and recover from errors on the same connections', async () => {
    const statement = (n: number) => sql`select ${n}::int + 1 as next, ${"it's"}::text as quoted`;
    for (let i = 0; i < 12; i += 1) {
      const [rows] = await oneTrip(server.database, north.orgId, [statement(i)]);
      expect(rows).toEqual([{ next: i + 1, quoted: "it's" }]);
    }
    // A statement that fails to prepare, then one that fails while running, then good ones again.
    await expect(oneTrip(server.database, north.orgId, [sql`select no_such_column`])).rejects.toMatchObject({
      code: '42703',
    });
    await expect(
      oneTrip(server.database, north.orgId, [statement(1), sql`select ${'x'}::uuid`]),
    ).rejects.toMatchObject({ code: '22P02' });
    for (let i = 0; i < 12; i += 1) {
      const [rows] = await oneTrip(server.database, north.orgId, [statement(i)]);
      expect(rows?.[0]?.next).toBe(i + 1);
    }
  });

  it('return the same types from both backends', async () => {
    const [rows] = await oneTrip(server.database, north.orgId, [
      sql`select 42::bigint as big, true as yes, date '2026-03-08' as day,
        timestamptz '2026-03-08 10:00:00+00' as at, '{"a":[1,2]}'::jsonb as doc,
        array['x', 'y'] as list, null::text as nothing`,
    ]);
    expect(rows?.[0]).toEqual({
      big: 42,
      yes: true,
      day: '2026-03-08',
      at: new Date('2026-03-08T10:00:00Z'),
      doc: { a: [1, 2] },
      list: ['x', 'y'],
      nothing: null,
    });
  });

  it('wait for a transaction in progress instead of joining it', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const transaction = server.database.db.transaction(async (tx) => {
      await tx.execute(
        sql`insert into sites (org_id, name, time_zone) values (${north.orgId}, 'Uncommitted', 'UTC')`,
      );
      await held;
      tx.rollback();
    });
    // Give the transaction time to start before the pipeline is sent.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const read = oneTrip(server.database, north.orgId, [
      sql`select name from sites where name = 'Uncommitted'`,
    ]);
    setTimeout(release, 50);
    const [rows] = await read;
    expect(rows).toEqual([]);
    await expect(transaction).rejects.toThrow();
  });
});
