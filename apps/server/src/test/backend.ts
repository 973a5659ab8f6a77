import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Which database the integration tests run on: `STEPWISE_TEST_BACKEND=postgres` needs TEST_DATABASE_URL. */
export function testBackend(): 'pglite' | 'postgres' {
  const backend = process.env.STEPWISE_TEST_BACKEND ?? 'pglite';
  if (backend !== 'pglite' && backend !== 'postgres')
    throw new Error(`STEPWISE_TEST_BACKEND must be pglite or postgres`);
  if (backend === 'postgres' && !process.env.TEST_DATABASE_URL) {
    throw new Error('STEPWISE_TEST_BACKEND=postgres needs TEST_DATABASE_URL');
  }
  return backend;
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  return url;
}

/** Creates a new empty database on the test server and returns its URL. */
export async function createServerDatabase(purpose: string): Promise<string> {
  const name = `stepwise_test_${purpose}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops a database made by createServerDatabase. */
export async function dropServerDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  if (!name.startsWith('stepwise_test_'))
    throw new Error('refusing to drop a database the tests did not create');
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
