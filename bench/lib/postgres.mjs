import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * @typedef {object} TemporaryDatabase
 * @property {string} name
 * @property {string} url            connection string of the new database
 * @property {() => Promise<void>} drop
 */

/**
 * Creates an empty database `stepwise_bench_<random>` on the server that `serverUrl` reaches (its own
 * database, normally `postgres`, is only used to issue CREATE and DROP). Returns `unreachable` with the
 * reason when no server answers.
 * @param {string} serverUrl
 * @returns {Promise<{ database: TemporaryDatabase } | { unreachable: string }>}
 */
export async function createTemporaryDatabase(serverUrl) {
  const admin = adminUrl(serverUrl);
  const name = `stepwise_bench_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (error) {
    return { unreachable: `${redact(admin)}: ${error instanceof Error ? error.message : error}` };
  }
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { database: { name, url: url.href, drop: () => dropDatabase(admin, name) } };
}

/**
 * @param {string} admin
 * @param {string} name
 */
async function dropDatabase(admin, name) {
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    // FORCE ends connections a crashed server may have left behind (PostgreSQL 13+).
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The URL with `postgres` as its database when it names none. @param {string} serverUrl */
function adminUrl(serverUrl) {
  const url = new URL(serverUrl);
  if (url.pathname === '' || url.pathname === '/') url.pathname = '/postgres';
  return url.href;
}

/** For messages: the URL without its password. @param {string} text */
export function redact(text) {
  const url = new URL(text);
  if (url.password) url.password = '***';
  return url.href;
}
