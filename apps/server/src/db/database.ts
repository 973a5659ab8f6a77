import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import {
  type PgliteProtocol,
  type PipelinedStatement,
  pipelineOnPg,
  pipelineOnPglite,
  type Rows,
} from './pipeline.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The query layer shared by both drivers; transactions are instances of it too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = 'pglite' | 'postgres';

/** Raw SQL access for migrations, backup and the job queue: one interface over both drivers. */
export interface RawSql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  /** Runs several statements separated by semicolons (no parameters). */
  exec(text: string): Promise<void>;
}

export interface Database {
  kind: DatabaseKind;
  db: Db;
  raw: RawSql;
  /**
   * Sends the statements as one pipelined message that PostgreSQL answers in one round trip and runs
   * as one implicit transaction (db/pipeline.ts), and returns each statement's rows.
   */
  pipeline(statements: PipelinedStatement[]): Promise<Rows[]>;
  /** Runs fn with a dedicated connection inside one transaction (raw SQL). */
  rawTransaction<T>(fn: (tx: RawSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// pg returns DATE as a local-midnight Date and int8 as a string; PGlite returns strings and numbers.
// Give pg the same parsers so both backends hand repositories the same types.
pg.types.setTypeParser(1082, (value: string) => value);
pg.types.setTypeParser(20, (value: string) => Number(value));

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  /** Load a PGlite data directory dump (tests start from a migrated template this way). */
  loadDataDir?: Blob | File;
}

/** Opens PostgreSQL: a server when a URL is given, otherwise PGlite in dataDir (in memory when absent). */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir, options.loadDataDir);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client's error (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const client = await pool.connect().catch((error: unknown) => {
    throw new DatabaseUnavailable(`cannot connect to the PostgreSQL server: ${describe(error)}`);
  });
  client.release();
  const db = drizzleNodePg({ client: pool, schema }) as unknown as Db;
  const rawFor = (runner: pg.Pool | pg.PoolClient): RawSql => ({
    async query<R>(text: string, params?: unknown[]) {
      const result = await runner.query(text, params as unknown[]);
      return result.rows as R[];
    },
    async exec(text: string) {
      await runner.query(text);
    },
  });
  return {
    kind: 'postgres',
    db,
    raw: rawFor(pool),
    async pipeline(statements) {
      const conn = await pool.connect();
      try {
        return await pipelineOnPg(conn, statements);
      } finally {
        conn.release();
      }
    },
    async rawTransaction(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn(rawFor(conn));
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

async function openPglite(
  dataDir: string | undefined,
  loadDataDir: Blob | File | undefined,
): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: drizzlePgliteParsers,
  });
  const db = drizzlePglite({ client: stripPerQueryParsers(client), schema }) as unknown as Db;
  // dumpPglite reaches the real client through $client.
  (db as unknown as { $client: PGlite }).$client = client;
  type Queryable = Pick<PGlite, 'query' | 'exec'>;
  const rawFor = (runner: Queryable): RawSql => ({
    async query<R>(text: string, params?: unknown[]) {
      const result = await runner.query<R>(text, params);
      return result.rows;
    },
    async exec(text: string) {
      await runner.exec(text);
    },
  });
  return {
    kind: 'pglite',
    db,
    raw: rawFor(client),
    pipeline: (statements) => pipelineOnPglite(client as unknown as PgliteProtocol, statements),
    rawTransaction: (fn) => client.transaction((tx) => fn(rawFor(tx))),
    close: () => client.close(),
  };
}

// Drizzle asks PGlite to hand these types over as the raw text it maps itself. Passing them with every
// query makes PGlite copy its whole parser table per result (about a third of a millisecond), so they
// are set once on the client instead and stripped from each query.
const rawText = (value: string) => value;
const drizzlePgliteParsers = Object.fromEntries(
  // timestamp, timestamptz, interval, date, their arrays, and numeric[].
  [1114, 1184, 1186, 1082, 1115, 1185, 1187, 1182, 1231].map((oid) => [oid, rawText]),
);

type PgliteQueryable = Pick<PGlite, 'query' | 'exec'>;

function stripPerQueryParsers<T extends PgliteQueryable>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === 'query') {
        return (text: string, params?: unknown[], options?: Record<string, unknown>) =>
          object.query(text, params, options ? { ...options, parsers: undefined } : undefined);
      }
      if (property === 'transaction') {
        return (fn: (tx: PgliteQueryable) => Promise<unknown>) =>
          (object as unknown as PGlite).transaction((tx) => fn(stripPerQueryParsers(tx)));
      }
      const value = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** Raised when the database cannot be reached at all. */
export class DatabaseUnavailable extends Error {}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Dumps a PGlite database's data directory (tests copy a migrated template this way). */
export async function dumpPglite(database: Database): Promise<Blob> {
  if (database.kind !== 'pglite') throw new Error('only an embedded database can be dumped this way');
  const client = (database.db as unknown as { $client: PGlite }).$client;
  return client.dumpDataDir('none');
}

/** A trivial query, used by the health check and the benchmark baseline. */
export async function ping(database: Database): Promise<void> {
  await database.db.execute(sql`select 1`);
}

/** Rows of an `execute` result from either driver. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
