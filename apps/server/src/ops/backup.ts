import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Database, RawSql } from '../db/database.js';
import { appliedVersions, migrate } from '../db/migrate.js';

/**
 * Tables in the order a restore inserts them (parents before children). The audit heads come before
 * the events so the restored chain keeps its stored hashes unchanged.
 */
export const backupTables = [
  'organisations',
  'sites',
  'programs',
  'tracks',
  'participants',
  'participant_contacts',
  'users',
  'sessions',
  'api_tokens',
  'login_failures',
  'instrument_responses',
  'alerts',
  'level_of_care_rule_sets',
  'level_of_care_assessments',
  'referrals',
  'referral_status_changes',
  'episodes',
  'consents',
  'rooms',
  'closures',
  'curriculum_modules',
  'session_series',
  'session_occurrences',
  'series_enrolments',
  'makeup_bookings',
  'participant_availability',
  'staff_working_hours',
  'staff_leave',
  'calendar_feeds',
  'schedule_proposals',
  'attendance',
  'tasks',
  'treatment_plans',
  'plan_reviews',
  'notes',
  'note_parts',
  'note_versions',
  'note_addenda',
  'check_ins',
  'notifications',
  'drug_screens',
  'assessment_schedules',
  'recovery_plans',
  'audit_heads',
  'audit_events',
  'jobs',
] as const;

const primaryKeyOf: Partial<Record<(typeof backupTables)[number], string>> = { audit_heads: 'org_id' };

interface BackupHeader {
  format: 'stepwise-backup';
  formatVersion: 1;
  migrations: number[];
  createdAt: string;
}

type Line = { header: BackupHeader } | { table: string; row: Record<string, unknown> };

/** Columns a restore must write: everything but generated columns. */
async function writableColumns(sqlRunner: RawSql, table: string): Promise<string[]> {
  const rows = await sqlRunner.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name);
}

/**
 * Writes every row of every table as gzipped JSON lines, in primary-key order, inside one
 * repeatable-read snapshot so the backup is consistent while the server keeps running.
 */
export async function backup(database: Database, file: string): Promise<{ rows: number }> {
  let rows = 0;
  async function* lines(): AsyncGenerator<string> {
    const collected: string[] = [];
    await database.rawTransaction(async (tx) => {
      await tx.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY; SET LOCAL TimeZone = 'UTC'");
      const header: BackupHeader = {
        format: 'stepwise-backup',
        formatVersion: 1,
        migrations: (
          await tx.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
        ).map((row) => Number(row.version)),
        createdAt: new Date().toISOString(),
      };
      collected.push(JSON.stringify({ header } satisfies Line));
      for (const table of backupTables) {
        const columns = await writableColumns(tx, table);
        const list = columns.map((column) => `'${column}', t.${column}`).join(', ');
        const order = primaryKeyOf[table] ?? 'id';
        const result = await tx.query<{ row: Record<string, unknown> }>(
          `SELECT jsonb_build_object(${list}) AS row FROM ${table} t ORDER BY t.${order}`,
        );
        for (const { row } of result) {
          collected.push(JSON.stringify({ table, row } satisfies Line));
          rows += 1;
        }
      }
    });
    for (const line of collected) yield `${line}\n`;
  }
  await pipeline(Readable.from(lines()), createGzip(), fs.createWriteStream(file, { mode: 0o600 }));
  return { rows };
}

export class RestoreError extends Error {}

/**
 * Loads a backup into an empty database (migrated first), in one transaction: on any error nothing is
 * left behind. Identity sequences are moved past the restored ids.
 */
export async function restore(database: Database, file: string): Promise<{ rows: number }> {
  if (!fs.existsSync(file)) throw new RestoreError(`no such file: ${file}`);
  await migrate(database);
  const current = await appliedVersions(database);
  const [existing] = await database.raw.query<{ n: number }>('SELECT count(*)::int AS n FROM organisations');
  if (Number(existing?.n ?? 0) > 0)
    throw new RestoreError('the database is not empty; restore into a new data folder or database');

  const input = readline.createInterface({
    input: fs.createReadStream(file).pipe(createGunzip()),
    crlfDelay: Infinity,
  });
  let header: BackupHeader | undefined;
  const byTable = new Map<string, Record<string, unknown>[]>();
  try {
    for await (const text of input) {
      if (!text) continue;
      const line = JSON.parse(text) as Line;
      if ('header' in line) header = line.header;
      else byTable.set(line.table, [...(byTable.get(line.table) ?? []), line.row]);
    }
  } catch {
    throw new RestoreError('the file is not a readable Stepwise backup');
  }
  if (header?.format !== 'stepwise-backup') throw new RestoreError('the file is not a Stepwise backup');
  const unknownVersion = header.migrations.find((version) => !current.includes(version));
  if (unknownVersion !== undefined) {
    throw new RestoreError(
      `the backup was made by a newer Stepwise (migration ${unknownVersion}); upgrade first`,
    );
  }

  let rows = 0;
  await database.rawTransaction(async (tx) => {
    await tx.query(`SELECT set_config('stepwise.restoring', 'on', true)`);
    for (const table of backupTables) {
      const tableRows = byTable.get(table) ?? [];
      if (tableRows.length === 0) continue;
      const columns = (await writableColumns(tx, table)).join(', ');
      for (let start = 0; start < tableRows.length; start += 1000) {
        const batch = tableRows.slice(start, start + 1000);
        await tx.query(
          `INSERT INTO ${table} (${columns}) OVERRIDING SYSTEM VALUE
           SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
          [JSON.stringify(batch)],
        );
        rows += batch.length;
      }
    }
    for (const table of ['login_failures', 'jobs']) {
      await tx.query(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`,
      );
    }
  });
  return { rows };
}
