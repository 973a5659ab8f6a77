import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { dumpPglite, openDatabase } from '../db/database.js';
import { migrate } from '../db/migrate.js';
import { createServerDatabase, dropServerDatabase, testBackend } from './backend.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of a migrated PGlite data directory dump that each test file loads (PGlite backend). */
    pgliteTemplate: string;
    /** Path of an empty (unmigrated) PGlite data directory dump, for tests that migrate themselves. */
    pgliteEmptyTemplate: string;
    /** URL of this run's migrated database on the PostgreSQL server (postgres backend). */
    serverDatabaseUrl: string;
  }
}

const tmpRoot = path.resolve(import.meta.dirname, '../../../../.test-tmp');

/**
 * Prepares one migrated database per run: on PGlite a data-directory dump that every test file loads
 * (initialising PGlite costs seconds, loading a dump a fraction of that); on a PostgreSQL server a
 * fresh database, dropped at the end. Test files then isolate themselves by creating their own
 * organisations, never by truncating.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  fs.mkdirSync(tmpRoot, { recursive: true });
  if (testBackend() === 'postgres') {
    const url = await createServerDatabase('run');
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    await migrate(database);
    await database.close();
    project.provide('serverDatabaseUrl', url);
    project.provide('pgliteTemplate', '');
    project.provide('pgliteEmptyTemplate', '');
    return () => dropServerDatabase(url);
  }
  const database = await openDatabase({});
  const emptyFile = path.join(tmpRoot, `pglite-empty-${process.pid}.tar`);
  fs.writeFileSync(emptyFile, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  await migrate(database);
  const file = path.join(tmpRoot, `pglite-template-${process.pid}.tar`);
  fs.writeFileSync(file, Buffer.from(await (await dumpPglite(database)).arrayBuffer()));
  await database.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgliteEmptyTemplate', emptyFile);
  project.provide('serverDatabaseUrl', '');
  return async () => {
    fs.rmSync(file, { force: true });
    fs.rmSync(emptyFile, { force: true });
  };
}
