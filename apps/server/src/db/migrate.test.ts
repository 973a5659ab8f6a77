import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDatabase as emptyDatabase } from '../test/harness.js';
import { appliedVersions, listMigrations, MigrationError, migrate } from './migrate.js';

function migrationsWith(extra: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-migrations-'));
  for (const migration of listMigrations()) {
    fs.writeFileSync(
      path.join(dir, `${String(migration.version).padStart(4, '0')}_${migration.name}.sql`),
      migration.sql,
    );
  }
  for (const [file, sql] of Object.entries(extra)) fs.writeFileSync(path.join(dir, file), sql);
  return dir;
}

describe('migrations', () => {
  it('applies every migration once, records it, and does nothing the second time', async () => {
    const { database, dispose } = await emptyDatabase();
    try {
      const applied = await migrate(database);
      expect(applied.map((m) => m.version)).toEqual(listMigrations().map((m) => m.version));
      expect(await appliedVersions(database)).toEqual(applied.map((m) => m.version));
      expect(await migrate(database)).toEqual([]);
    } finally {
      await dispose();
    }
  });

  it('leaves the database exactly as it was when a migration fails', async () => {
    const { database, dispose } = await emptyDatabase();
    try {
      await migrate(database);
      const dir = migrationsWith({
        '0999_broken.sql': 'CREATE TABLE half_done (id int); INSERT INTO half_done VALUES (1); SELECT 1 / 0;',
      });
      await expect(migrate(database, listMigrations(dir))).rejects.toThrow(MigrationError);
      await expect(migrate(database, listMigrations(dir))).rejects.toThrow(/0999|999 \(broken\) failed/);
      expect(await appliedVersions(database)).not.toContain(999);
      const tables = await database.raw.query(
        `SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`,
      );
      expect(tables).toEqual([]);
    } finally {
      await dispose();
    }
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const { database, dispose } = await emptyDatabase();
    try {
      await migrate(database);
      const edited = listMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
      await expect(migrate(database, edited)).rejects.toThrow(/changed after it was applied/);
    } finally {
      await dispose();
    }
  });
});
