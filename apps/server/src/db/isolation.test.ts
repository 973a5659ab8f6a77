import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clinic, TestServer } from '../test/harness.js';
import { resultRows } from './database.js';
import { withOrg } from './org-scope.js';

let server: TestServer;
let north: Clinic;
let south: Clinic;

beforeAll(async () => {
  server = await TestServer.start();
  north = await server.createClinic('North Clinic');
  south = await server.createClinic('South Clinic');
});
afterAll(() => server.close());

describe('one organisation never sees another', () => {
  it('hides the other clinic’s participants, contacts, sites and staff from its users', async () => {
    // The south clinic's director looks for the north clinic's participant every way the API allows.
    const southDirector = await server.signIn(south.staff.director.email);
    expect((await southDirector.get(`/api/v1/participants/${north.participantId}`)).status).toBe(404);
    expect((await southDirector.get(`/api/v1/participants/${north.participantId}/contacts`)).status).toBe(
      404,
    );
    expect(
      (await southDirector.patch(`/api/v1/participants/${north.participantId}`, { pronouns: 'x' })).status,
    ).toBe(404);
    expect((await southDirector.get(`/api/v1/sites/${north.siteId}`)).status).toBe(404);
    expect((await southDirector.get(`/api/v1/staff/${north.staff.clinician.id}`)).status).toBe(404);
    const listed = await southDirector.get('/api/v1/participants?limit=100');
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([south.participantId]);
    const programForeignSite = await southDirector.post('/api/v1/programs', {
      siteId: north.siteId,
      name: 'Borrowed site',
      kind: 'mental_health',
      population: 'adult',
    });
    expect(programForeignSite.status).toBe(400);
  });

  it('hides other organisations’ rows at the database level even when a query forgets its filter', async () => {
    // Queries without any organisation filter, as a buggy repository might write them.
    const tables = [
      'organisations',
      'sites',
      'participants',
      'participant_contacts',
      'users',
      'sessions',
      'audit_events',
    ];
    await server.signIn(north.staff.clinician.email);
    await server.signIn(south.staff.clinician.email);
    for (const table of tables) {
      const visible = await withOrg(server.database, south.orgId, async (tx) =>
        resultRows<{ org: string }>(
          await tx.execute(
            sql.raw(`select ${table === 'organisations' ? 'id' : 'org_id'}::text as org from ${table}`),
          ),
        ),
      );
      expect({ table, foreign: visible.filter((row) => row.org !== south.orgId).length }).toEqual({
        table,
        foreign: 0,
      });
    }
    // Nor can a forgotten filter write into another organisation.
    await expect(
      withOrg(server.database, south.orgId, (tx) =>
        tx.execute(
          sql`insert into sites (org_id, name, time_zone) values (${north.orgId}, 'Smuggled', 'UTC')`,
        ),
      ),
    ).rejects.toThrow();
    const updated = await withOrg(server.database, south.orgId, async (tx) =>
      resultRows(
        await tx.execute(
          sql`update participants set pronouns = 'changed' where id = ${north.participantId} returning id`,
        ),
      ),
    );
    expect(updated).toEqual([]);
  });

  it('protects every table that holds organisation data with row-level security', async () => {
    const rows = resultRows<{ table_name: string; rls: boolean; policies: number }>(
      await server.database.db.execute(sql`
        select c.relname as table_name, c.relrowsecurity as rls,
               (select count(*)::int from pg_policies p where p.tablename = c.relname) as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'
          and (exists (select 1 from information_schema.columns col
                       where col.table_schema = 'public' and col.table_name = c.relname and col.column_name = 'org_id')
               or c.relname = 'organisations')`),
    );
    expect(rows.length).toBeGreaterThanOrEqual(11);
    for (const row of rows)
      expect({ table: row.table_name, rls: row.rls, hasPolicy: row.policies > 0 }).toEqual({
        table: row.table_name,
        rls: true,
        hasPolicy: true,
      });
  });
});
