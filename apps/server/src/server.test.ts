import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { type RunningServer, startServer } from './server.js';
import { createServerDatabase, dropServerDatabase, testBackend } from './test/backend.js';
import { TestServer } from './test/harness.js';

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-serve-'));
afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

describe('serving', { timeout: 120_000 }, () => {
  it('starts on a fresh embedded database with the demo, serves securely, and finishes in-flight requests on shutdown', async () => {
    const lines: string[] = [];
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      STEPWISE_DATA_DIR: path.join(workDir, 'data'),
      LOG_LEVEL: 'silent',
    });
    const server: RunningServer = await startServer(config, (line) => lines.push(line));
    try {
      // The operator sees where it runs and how to sign in to the demo.
      expect(lines.join('\n')).toMatch(/Stepwise is running at http:\/\/127\.0\.0\.1:\d+/);
      expect(lines.join('\n')).toMatch(/participant +participant@demo\.stepwise\.test/);

      const health = await fetch(`${server.url}/api/v1/health`);
      expect(await health.json()).toEqual({ status: 'ok', database: 'pglite', version: expect.any(String) });
      expect(health.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
      expect(health.headers.get('x-content-type-options')).toBe('nosniff');
      expect(health.headers.get('x-frame-options')).toBe('DENY');
      expect(health.headers.get('referrer-policy')).toBe('no-referrer');
      // Every response: the web app, an unknown route, a refused request.
      for (const route of ['/', '/api/v1/no-such-route', '/api/v1/participants']) {
        const response = await fetch(`${server.url}${route}`);
        await response.arrayBuffer();
        expect(response.headers.get('content-security-policy'), route).toMatch(/frame-ancestors 'none'/);
        expect(response.headers.get('x-content-type-options'), route).toBe('nosniff');
        expect(response.headers.get('x-frame-options'), route).toBe('DENY');
      }

      expect(await (await fetch(`${server.url}/api/v1/instance`)).json()).toEqual({ demo: true });

      const openapi = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as {
        openapi: string;
        paths: Record<string, unknown>;
      };
      expect(openapi.openapi).toBe('3.1.0');
      expect(Object.keys(openapi.paths)).toContain('/api/v1/participants/{id}');
      expect((await fetch(`${server.url}/api/docs/`)).status).toBe(200);

      // The demo clinician signs in; the second organisation's admin sees none of the demo's people.
      const login = await post(`${server.url}/api/v1/auth/login`, {
        email: 'intake@demo.stepwise.test',
        password: 'stepwise-demo',
      });
      expect(login.status).toBe(200);
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const listed = (await (
        await fetch(`${server.url}/api/v1/participants?limit=100`, { headers: { cookie } })
      ).json()) as { items: unknown[] };
      expect(listed.items.length).toBe(40);

      // A request is in flight when shutdown begins: it still completes.
      const received = new Promise((resolve) => server.app.server.once('request', resolve));
      const inFlight = post(
        `${server.url}/api/v1/participants`,
        { givenName: 'Late', familyName: 'Arrival', dateOfBirth: '1991-03-03' },
        { cookie, 'x-csrf-token': csrfToken },
      );
      await received;
      const closing = server.close();
      expect((await inFlight).status).toBe(201);
      await closing;
      await expect(fetch(`${server.url}/api/v1/health`)).rejects.toThrow();
    } finally {
      await server.close();
    }
    // The data survived the restart, and the demo is not seeded twice.
    const again = await startServer(config, () => {});
    try {
      const rows = await again.database.raw.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM organisations`,
      );
      expect(rows[0]?.n).toBe(2);
    } finally {
      await again.close();
    }
  });

  it('never seeds the demo on a PostgreSQL server, nor on an embedded one told not to', async () => {
    if (testBackend() !== 'postgres') {
      // On the embedded backend the rule is the opposite (previous test); check the switch that turns it off.
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        STEPWISE_DATA_DIR: path.join(workDir, 'nodemo'),
        LOG_LEVEL: 'silent',
        STEPWISE_DEMO: 'never',
      });
      const server = await startServer(config, () => {});
      try {
        expect(await server.database.raw.query(`SELECT id FROM organisations`)).toEqual([]);
      } finally {
        await server.close();
      }
      return;
    }
    const url = await createServerDatabase('serve');
    try {
      const server = await startServer(
        loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, LOG_LEVEL: 'silent' }),
        () => {},
      );
      try {
        expect(await server.database.raw.query(`SELECT id FROM organisations`)).toEqual([]);
        const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as { database: string };
        expect(health.database).toBe('postgres');
      } finally {
        await server.close();
      }
    } finally {
      await dropServerDatabase(url);
    }
  });
});

describe('logs', () => {
  it('carry request ids and route patterns but no health data or search terms', async () => {
    const harness = await TestServer.start();
    const stream = new PassThrough();
    const output: string[] = [];
    stream.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    const app = await buildApp(
      { database: harness.database, config: { ...harness.config, logLevel: 'info' } },
      { logger: true, logStream: stream },
    );
    try {
      const clinic = await harness.createClinic('Logging Clinic');
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: clinic.staff.intake.email, password: 'correct horse battery staple' },
      });
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      const csrf = (login.json() as { csrfToken: string }).csrfToken;
      await app.inject({ method: 'GET', url: '/api/v1/participants?q=Zephyrine', headers: { cookie } });
      await app.inject({
        method: 'POST',
        url: '/api/v1/participants',
        headers: { cookie, 'x-csrf-token': csrf },
        payload: {
          givenName: 'Zephyrine',
          familyName: 'Loggerton',
          dateOfBirth: '1985-07-07',
          phone: 'not a phone',
        },
      });
      const logs = output.join('');
      expect(logs).toMatch(/"route":"\/api\/v1\/participants"/);
      expect(logs).toMatch(/"reqId":"[0-9a-f-]{36}"/);
      expect(logs).not.toMatch(/Zephyrine|Loggerton|1985-07-07|correct horse|q=/);
    } finally {
      await app.close();
      await harness.close();
    }
  });
});
