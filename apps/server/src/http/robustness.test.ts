import { allRoles, type Role, rolesAllow } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteInfo } from '../app.js';
import { seededRandom } from '../seed/synthetic.js';
import { type Clinic, type Session, TestServer, unknownId } from '../test/harness.js';

let server: TestServer;
let clinic: Clinic;
let mutating: RouteInfo[];
const sessions = new Map<Role, Session>();

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Robustness Clinic');
  mutating = server.app.routeCatalog.filter(
    (route) =>
      route.url.startsWith('/api/v1/') &&
      ['POST', 'PATCH', 'PUT', 'DELETE'].includes(route.method) &&
      route.url !== '/api/v1/auth/logout',
  );
  for (const role of ['director', 'admin', 'compliance', 'participant'] as const) {
    const email = role === 'participant' ? clinic.participantAccount.email : clinic.staff[role].email;
    sessions.set(role, await server.signIn(email));
  }
});
afterAll(() => server.close());

/** A role allowed to call the route, so the request reaches validation rather than stopping at 403. */
function sessionFor(route: RouteInfo): Session {
  const rule = route.access;
  const role = allRoles.find(
    (candidate) =>
      sessions.has(candidate) && (rule?.kind !== 'permission' || rolesAllow([candidate], rule.permission)),
  );
  const session = role && sessions.get(role);
  if (!session) throw new Error(`no test session may call ${route.method} ${route.url}`);
  return session;
}

const random = seededRandom(42);
function randomJson(depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 5 : 7));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(random() * 2e9) - 1e9;
    case 2:
      return random() < 0.5;
    case 3:
      return ['', 'x', '😀', "'; drop table participants; --", '%_\\', '\u0000', '9999-99-99', 'NaN'][
        Math.floor(random() * 8)
      ];
    case 4:
      return random() * 1e308;
    case 5:
      return Array.from({ length: Math.floor(random() * 4) }, () => randomJson(depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 4) }, (_, i) => [`k${i}`, randomJson(depth + 1)]),
      );
  }
}

/** Field names of a route's body schema (when it is an object), to aim wrong types at real fields. */
function fieldsOf(body: unknown): string[] {
  return body instanceof z.ZodObject ? Object.keys(body.shape) : [];
}

const wrongValues: unknown[] = [
  123,
  true,
  null,
  [],
  {},
  'x'.repeat(100_000),
  -1,
  '2024-13-45',
  { $gt: '' },
  ['a', 1],
];
const badIds = [
  'not-a-uuid',
  '1',
  '%00',
  "1' or '1'='1",
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'é'.repeat(60),
];

async function send(session: Session, route: RouteInfo, url: string, payload: string | undefined) {
  return server.request(route.method as 'POST', url, payload, {
    cookie: session.cookie,
    'x-csrf-token': session.csrfToken,
  });
}

function expectClientError(route: RouteInfo, response: { status: number; body: any }) {
  expect({ route: `${route.method} ${route.url}`, status: response.status < 500 }).toEqual({
    route: `${route.method} ${route.url}`,
    status: true,
  });
  if (response.status >= 400) expect(typeof response.body?.error?.code).toBe('string');
}

describe('malformed requests never cause a server error', () => {
  it('answers invalid JSON with 400 malformed_request on every route that takes a body', async () => {
    for (const route of mutating.filter((r) => r.body)) {
      const response = await send(
        sessionFor(route),
        route,
        route.url.replace(/:[A-Za-z]+/g, clinic.participantId),
        '{"givenName": ',
      );
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('malformed_request');
    }
  });

  // A walk over every mutating route, each with a dozen random bodies and ten wrong values per field:
  // it grows with the API, so it has more time than one request's worth.
  it('answers random JSON, wrong types and huge strings with 4xx on every mutating route', {
    timeout: 180_000,
  }, async () => {
    for (const route of mutating) {
      const session = sessionFor(route);
      const url = route.url.replace(
        /:[A-Za-z]+/g,
        route.url.includes('contact') ? clinic.familyContactId : clinic.participantId,
      );
      for (let round = 0; round < 12; round += 1) {
        expectClientError(route, await send(session, route, url, JSON.stringify(randomJson())));
      }
      for (const field of fieldsOf(route.body)) {
        for (const value of wrongValues) {
          expectClientError(route, await send(session, route, url, JSON.stringify({ [field]: value })));
        }
      }
    }
  });

  it('answers unknown fields with 400 naming the field', async () => {
    const director = sessions.get('director') as Session;
    const response = await director.post('/api/v1/sites', { name: 'Annex', timeZone: 'UTC', colour: 'blue' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/colour|unrecognized/i);
  });

  it('answers bad ids in the path with 400 or 404', async () => {
    for (const route of server.app.routeCatalog.filter(
      (r) => r.url.startsWith('/api/v1/') && r.url.includes(':'),
    )) {
      const session =
        route.method === 'GET' ? sessionFor({ ...route, access: route.access }) : sessionFor(route);
      for (const bad of badIds) {
        const url = route.url.replace(/:[A-Za-z]+/g, encodeURIComponent(bad));
        const response = await send(session, route, url, route.body ? '{}' : undefined);
        expect([400, 404, 403]).toContain(response.status);
      }
    }
  });

  it('answers an oversized body with 413', async () => {
    const director = sessions.get('director') as Session;
    const response = await director.post('/api/v1/participants', {
      givenName: 'x'.repeat(2 * 1024 * 1024),
      familyName: 'Y',
      dateOfBirth: '1990-01-01',
    });
    expect(response.status).toBe(413);
    expect(response.body.error.code).toBe('payload_too_large');
  });

  it('answers hostile list queries with 200 or 400, never more', async () => {
    const director = sessions.get('director') as Session;
    const queries = [
      'q=%25',
      "q='",
      'q=%5C',
      'limit=0',
      'limit=-5',
      'limit=abc',
      'limit=1000',
      'cursor=garbage',
      'cursor=W10',
      'unknown=1',
      `q=${'a'.repeat(500)}`,
    ];
    for (const query of queries) {
      for (const path of [
        '/api/v1/participants',
        '/api/v1/staff',
        '/api/v1/sites',
        '/api/v1/programs',
        '/api/v1/tracks',
      ]) {
        const response = await director.get(`${path}?${query}`);
        expect([200, 400], `${path}?${query}`).toContain(response.status);
      }
    }
    // Nothing was created along the way.
    const all = await director.get('/api/v1/participants?limit=100');
    expect(all.body.items.map((p: { id: string }) => p.id)).toEqual([clinic.participantId]);
  });

  it('still refuses an unknown id with 404 after all that', async () => {
    const director = sessions.get('director') as Session;
    expect((await director.get(`/api/v1/participants/${unknownId}`)).status).toBe(404);
  });
});
