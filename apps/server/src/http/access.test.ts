import { allRoles, type Role, rolesAllow } from '@stepwise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteInfo } from '../app.js';
import { type Clinic, type Session, TestServer, unknownId } from '../test/harness.js';

let server: TestServer;
let clinic: Clinic;
let apiRoutes: RouteInfo[];
const sessions = new Map<Role, Session>();

/** The only routes anyone may call without signing in. */
const publicRoutes = [
  // A private calendar link is its own credential (calendar applications send no cookie).
  'GET /api/v1/calendar-feeds/:file',
  'GET /api/v1/health',
  'GET /api/v1/instance',
  'GET /api/v1/openapi.json',
  'POST /api/v1/auth/login',
];

beforeAll(async () => {
  server = await TestServer.start();
  clinic = await server.createClinic('Access Clinic');
  apiRoutes = server.app.routeCatalog.filter(
    (route) => route.url.startsWith('/api/') && !route.url.startsWith('/api/docs'),
  );
  for (const role of allRoles) {
    const email =
      role === 'participant'
        ? clinic.participantAccount.email
        : role === 'family'
          ? clinic.familyAccount.email
          : clinic.staff[role].email;
    sessions.set(role, await server.signIn(email));
  }
});
afterAll(() => server.close());

const label = (route: RouteInfo) => `${route.method} ${route.url}`;
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, unknownId);

async function call(session: Session | undefined, route: RouteInfo) {
  const url = concrete(route.url);
  const body = route.body ? {} : undefined;
  if (!session) return server.request(route.method as 'GET', url, body);
  switch (route.method) {
    case 'GET':
      return session.get(url);
    case 'POST':
      return session.post(url, body);
    case 'PATCH':
      return session.patch(url, body);
    case 'PUT':
      return session.put(url, body);
    case 'DELETE':
      return session.delete(url);
    default:
      throw new Error(`untested method ${route.method}`);
  }
}

describe('every API route declares who may call it', () => {
  it('has an access rule on each route, and only the expected routes are public', () => {
    expect(apiRoutes.length).toBeGreaterThan(30);
    const withoutRule = apiRoutes.filter((route) => !route.access).map(label);
    expect(withoutRule).toEqual([]);
    const open = apiRoutes.filter((route) => route.access?.kind === 'public').map(label);
    expect(open.sort()).toEqual([...publicRoutes].sort());
  });

  it('answers 401 to every non-public route without credentials', async () => {
    for (const route of apiRoutes.filter((r) => r.access?.kind !== 'public')) {
      const response = await call(undefined, route);
      expect({ route: label(route), status: response.status }).toEqual({ route: label(route), status: 401 });
    }
  });

  it('gives each role exactly what its row in the product brief needs', async () => {
    // Sign-out would end the shared sessions; it is covered by the authentication tests.
    const walked = apiRoutes.filter(
      (route) => route.access?.kind !== 'public' && route.url !== '/api/v1/auth/logout',
    );
    for (const route of walked) {
      for (const role of allRoles) {
        const response = await call(sessions.get(role), route);
        const rule = route.access;
        const allowed = rule?.kind !== 'permission' || rolesAllow([role], rule.permission);
        const refused = response.status === 403 && response.body?.error?.code === 'forbidden';
        expect({ route: label(route), role, refused }).toEqual({
          route: label(route),
          role,
          refused: !allowed,
        });
        expect(response.status, `${label(route)} as ${role}`).toBeLessThan(500);
      }
    }
  });

  it('keeps participants out of the participant list and clinicians out of the audit trail', async () => {
    expect((await sessions.get('participant')?.get('/api/v1/participants'))?.status).toBe(403);
    expect((await sessions.get('family')?.get(`/api/v1/participants/${clinic.participantId}`))?.status).toBe(
      403,
    );
    expect((await sessions.get('clinician')?.get('/api/v1/audit/events'))?.status).toBe(403);
    expect((await sessions.get('admin')?.get('/api/v1/participants'))?.status).toBe(403);
    expect((await sessions.get('compliance')?.get('/api/v1/audit/events'))?.status).toBe(200);
    expect((await sessions.get('participant')?.get('/api/v1/me/record'))?.status).toBe(200);
  });
});
