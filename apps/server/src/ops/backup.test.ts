import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../db/migrate.js';
import { verifyChain } from '../modules/audit/audit.repository.js';
import { type Clinic, freshDatabase, TestServer } from '../test/harness.js';
import { backup, RestoreError, restore } from './backup.js';

let server: TestServer;
let clinic: Clinic;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-backup-'));

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Backup Clinic');
  // Some real activity, so sessions, audit events and generated record numbers are in the backup.
  const intake = await server.signIn(clinic.staff.intake.email);
  const created = await intake.post('/api/v1/participants', {
    givenName: 'Sage',
    familyName: 'Backupton',
    dateOfBirth: '1979-12-31',
    address: 'Flat 2, 1 Example Row',
  });
  await intake.post(`/api/v1/participants/${created.body.id}/contacts`, {
    name: 'Vale Backupton',
    kind: 'emergency',
    phone: '+1 312 555 0160',
  });
  await intake.patch(`/api/v1/participants/${created.body.id}`, { pronouns: 'they/them' });
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function contentOf(file: string): Promise<string[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of fs.createReadStream(file).pipe(createGunzip())) chunks.push(chunk as Buffer);
  // The header carries the time the backup was made; everything else must match.
  return Buffer.concat(chunks).toString('utf8').split('\n').slice(1);
}

describe('backup and restore', () => {
  it('round-trips the database exactly, audit chain included', async () => {
    const first = path.join(dir, 'first.backup');
    const { rows } = await backup(server.database, first);
    expect(rows).toBeGreaterThan(10);

    // Restore into a brand-new database, then back that up again.
    const target = await freshDatabase();
    try {
      const restored = await restore(target.database, first);
      expect(restored.rows).toBe(rows);
      const second = path.join(dir, 'second.backup');
      await backup(target.database, second);
      expect(await contentOf(second)).toEqual(await contentOf(first));
      expect((await verifyChain(target.database.db, clinic.orgId)).ok).toBe(true);

      // New records continue after the restored ones.
      await target.database.raw.query(`INSERT INTO jobs (kind) VALUES ('maintenance.cleanup')`);
      // A second restore into a database that now holds data is refused and changes nothing.
      await expect(restore(target.database, first)).rejects.toThrow(RestoreError);
    } finally {
      await target.dispose();
    }
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = path.join(dir, 'bogus.backup');
    fs.writeFileSync(bogus, 'hello');
    const target = await freshDatabase();
    try {
      await migrate(target.database);
      await expect(restore(target.database, bogus)).rejects.toThrow(
        /not a readable Stepwise backup|not a Stepwise backup/,
      );
      await expect(restore(target.database, path.join(dir, 'missing.backup'))).rejects.toThrow(
        /no such file/,
      );
    } finally {
      await target.dispose();
    }
  });
});
