import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './database.js';

const migrationsDir = path.resolve(import.meta.dirname, '../../migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

/** The ordered migrations shipped with this version (`NNNN_name.sql`). */
export function listMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export class MigrationError extends Error {}

/**
 * Applies pending migrations in order, each in its own transaction together with its row in
 * `schema_migrations`, so a failing migration leaves the database exactly as it was before it.
 * An advisory lock keeps two servers starting at once from migrating together.
 */
export async function migrate(database: Database, migrations = listMigrations()): Promise<Migration[]> {
  await database.raw.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: Migration[] = [];
  for (const migration of migrations) {
    const done = await database.rawTransaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(827301)');
      const rows = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      const existing = rows[0];
      if (existing) {
        if (existing.checksum !== migration.checksum) {
          throw new MigrationError(
            `migration ${migration.version} (${migration.name}) was changed after it was applied`,
          );
        }
        return false;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new MigrationError(`migration ${migration.version} (${migration.name}) failed: ${reason}`);
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return true;
    });
    if (done) applied.push(migration);
  }
  return applied;
}

/** Versions recorded as applied, in order. */
export async function appliedVersions(database: Database): Promise<number[]> {
  const rows = await database.raw.query<{ version: number }>(
    `SELECT version FROM schema_migrations ORDER BY version`,
  );
  return rows.map((row) => Number(row.version));
}
