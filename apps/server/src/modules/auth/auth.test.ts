import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clinic, sessionCookieOf, TestServer, testPassword } from '../../test/harness.js';
import { currentTotp } from './totp.js';

let server: TestServer;
let clinic: Clinic;

beforeAll(async () => {
  server = await TestServer.start({
    LOGIN_MAX_FAILURES_PER_ACCOUNT: '5',
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000',
  });
  clinic = await server.createClinic('Auth Clinic');
});
afterAll(() => server.close());

describe('signing in and out', () => {
  it('gives a clinician an HttpOnly, SameSite session and shows who they are', async () => {
    // First, the clinician signs in with their email and password.
    const login = await server.request('POST', '/api/v1/auth/login', {
      email: clinic.staff.clinician.email,
      password: testPassword,
    });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(clinic.staff.clinician.email);
    expect(login.body.user.roles).toEqual(['clinician']);
    expect(login.body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/stepwise_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);

    // Then /me answers with the same person while the cookie is presented.
    const me = await server.request('GET', '/api/v1/me', undefined, { cookie: sessionCookieOf(login) });
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(clinic.staff.clinician.id);
    expect(me.body.user.permissions).toContain('participants:read');
  });

  it('marks the cookie Secure when served over HTTPS behind a proxy', async () => {
    const proxied = await TestServer.start({ TRUST_PROXY: 'true' });
    try {
      const own = await proxied.createClinic('Proxy Clinic');
      const overHttps = await proxied.request(
        'POST',
        '/api/v1/auth/login',
        { email: own.staff.clinician.email, password: testPassword },
        { 'x-forwarded-proto': 'https' },
      );
      expect(String(overHttps.headers['set-cookie'])).toMatch(/; Secure/i);
      const overHttp = await proxied.request('POST', '/api/v1/auth/login', {
        email: own.staff.clinician.email,
        password: testPassword,
      });
      expect(String(overHttp.headers['set-cookie'])).not.toMatch(/; Secure/i);
    } finally {
      await proxied.close();
    }
  });

  it('refuses a wrong password and an unknown email with the same answer', async () => {
    const wrongPassword = await server.request('POST', '/api/v1/auth/login', {
      email: clinic.staff.supervisor.email,
      password: 'not the password at all',
    });
    const unknownEmail = await server.request('POST', '/api/v1/auth/login', {
      email: 'nobody@clinic.test',
      password: 'not the password at all',
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual(unknownEmail.body);
    expect(wrongPassword.body.error.code).toBe('invalid_credentials');
  });

  it('ends the session at sign-out', async () => {
    const session = await server.signIn(clinic.staff.intake.email);
    expect((await session.post('/api/v1/auth/logout')).status).toBe(204);
    expect((await session.get('/api/v1/me')).status).toBe(401);
  });

  it('requires the x-csrf-token header on cookie-authenticated changes', async () => {
    const session = await server.signIn(clinic.staff.director.email);
    const withoutHeader = await server.request(
      'POST',
      '/api/v1/sites',
      { name: 'Annex', timeZone: 'America/Chicago' },
      { cookie: session.cookie },
    );
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body.error.code).toBe('csrf_failed');
    const wrongHeader = await server.request(
      'POST',
      '/api/v1/sites',
      { name: 'Annex', timeZone: 'America/Chicago' },
      { cookie: session.cookie, 'x-csrf-token': 'guessed' },
    );
    expect(wrongHeader.status).toBe(403);
    expect((await session.post('/api/v1/sites', { name: 'Annex', timeZone: 'America/Chicago' })).status).toBe(
      201,
    );
  });

  it('signs a user out after the idle timeout and at the absolute lifetime', async () => {
    const idle = await server.signIn(clinic.staff.billing.email);
    expect((await idle.get('/api/v1/me')).status).toBe(200);
    // The billing specialist leaves the screen for 16 minutes (the default idle limit is 15).
    await server.database.db.execute(
      sql`update sessions set last_seen_at = now() - interval '16 minutes' where user_id = ${clinic.staff.billing.id}`,
    );
    const afterIdle = await idle.get('/api/v1/me');
    expect(afterIdle.status).toBe(401);
    expect(afterIdle.body.error.code).toBe('unauthenticated');

    const longLived = await server.signIn(clinic.staff.billing.email);
    await server.database.db.execute(
      sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${clinic.staff.billing.id}`,
    );
    expect((await longLived.get('/api/v1/me')).status).toBe(401);
  });
});

describe('the session cache', () => {
  it('still ends sessions at once on sign-out, deactivation and idle timeout', async () => {
    const cached = await TestServer.start({ SESSION_CACHE_MS: '60000', SESSION_IDLE_MINUTES: '0.05' });
    try {
      const own = await cached.createClinic('Cache Clinic');
      const clinician = await cached.signIn(own.staff.clinician.email);
      expect((await clinician.get('/api/v1/me')).status).toBe(200);
      expect((await clinician.post('/api/v1/auth/logout')).status).toBe(204);
      expect((await clinician.get('/api/v1/me')).status).toBe(401);

      const billing = await cached.signIn(own.staff.billing.email);
      expect((await billing.get('/api/v1/participants')).status).toBe(200);
      const admin = await cached.signIn(own.staff.admin.email);
      expect((await admin.patch(`/api/v1/staff/${own.staff.billing.id}`, { active: false })).status).toBe(
        200,
      );
      expect((await billing.get('/api/v1/participants')).status).toBe(401);

      // An MFA requirement and the enrolment that satisfies it take effect at once too.
      await admin.patch('/api/v1/organisation', { mfaRequiredRoles: ['supervisor'] });
      const supervisor = await cached.signIn(own.staff.supervisor.email);
      expect((await supervisor.get('/api/v1/participants')).status).toBe(403);
      const setup = await supervisor.post('/api/v1/me/mfa/setup');
      expect(
        (await supervisor.post('/api/v1/me/mfa/enable', { code: currentTotp(setup.body.secret) })).status,
      ).toBe(204);
      expect((await supervisor.get('/api/v1/participants')).status).toBe(200);

      // The idle limit here is three seconds; the cached entry must not outlive it.
      const idle = await cached.signIn(own.staff.intake.email);
      expect((await idle.get('/api/v1/me')).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 3200));
      expect((await idle.get('/api/v1/me')).status).toBe(401);
    } finally {
      await cached.close();
    }
  });
});

describe('throttling failed sign-ins', () => {
  it('answers 429 after five failures for one account, even with the right password', async () => {
    const email = clinic.staff.compliance.email;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(
        (await server.request('POST', '/api/v1/auth/login', { email, password: 'wrong password here' }))
          .status,
      ).toBe(401);
    }
    const throttled = await server.request('POST', '/api/v1/auth/login', { email, password: testPassword });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('rate_limited');
    expect(throttled.headers['retry-after']).toBeDefined();
  });

  it('answers 429 per client address across accounts', async () => {
    const strict = await TestServer.start({ LOGIN_MAX_FAILURES_PER_ADDRESS: '3' });
    try {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await strict.request('POST', '/api/v1/auth/login', {
          email: `someone${attempt}@clinic.test`,
          password: 'wrong password here',
        });
      }
      const throttled = await strict.request('POST', '/api/v1/auth/login', {
        email: clinic.staff.admin.email,
        password: testPassword,
      });
      expect(throttled.status).toBe(429);
    } finally {
      await strict.close();
    }
  });
});

describe('multi-factor authentication', () => {
  it('enrols a supervisor in TOTP, then requires and checks the code at sign-in, refusing a replay', async () => {
    const session = await server.signIn(clinic.staff.supervisor.email);
    // First, the supervisor starts enrolment and scans the secret into an authenticator app.
    const setup = await session.post('/api/v1/me/mfa/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    const secret: string = setup.body.secret;
    // A wrong code does not enable it.
    expect((await session.post('/api/v1/me/mfa/enable', { code: '000000' })).body.error?.code).toBe(
      'validation_failed',
    );
    const enrolmentCode = currentTotp(secret);
    expect((await session.post('/api/v1/me/mfa/enable', { code: enrolmentCode })).status).toBe(204);

    // Then, signing in without a code is answered with mfa_required.
    const withoutCode = await server.request('POST', '/api/v1/auth/login', {
      email: clinic.staff.supervisor.email,
      password: testPassword,
    });
    expect(withoutCode.status).toBe(401);
    expect(withoutCode.body.error.code).toBe('mfa_required');
    // A code from the next time step is accepted once…
    const nextCode = currentTotp(secret, Date.now() + 30_000);
    const withCode = await server.request('POST', '/api/v1/auth/login', {
      email: clinic.staff.supervisor.email,
      password: testPassword,
      totp: nextCode,
    });
    expect(withCode.status).toBe(200);
    expect(withCode.body.user.mfaEnabled).toBe(true);
    // …and refused when replayed.
    const replay = await server.request('POST', '/api/v1/auth/login', {
      email: clinic.staff.supervisor.email,
      password: testPassword,
      totp: nextCode,
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('invalid_credentials');
  });

  it('lets an admin require MFA for a role: its users must enrol before anything else', async () => {
    const admin = await server.signIn(clinic.staff.admin.email);
    const policy = await admin.patch('/api/v1/organisation', { mfaRequiredRoles: ['clinician'] });
    expect(policy.status).toBe(200);
    expect(policy.body.mfaRequiredRoles).toEqual(['clinician']);

    const clinician = await server.signIn(clinic.staff.clinician.email);
    expect(clinician.user.mfaEnrolmentRequired).toBe(true);
    const blocked = await clinician.get('/api/v1/participants');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('mfa_enrolment_required');
    // Enrolment itself stays possible.
    const setup = await clinician.post('/api/v1/me/mfa/setup');
    expect(
      (await clinician.post('/api/v1/me/mfa/enable', { code: currentTotp(setup.body.secret) })).status,
    ).toBe(204);
    expect((await clinician.get('/api/v1/participants')).status).toBe(200);

    await admin.patch('/api/v1/organisation', { mfaRequiredRoles: [] });
  });
});

describe('personal API tokens', () => {
  it('acts with one role through a bearer header without CSRF, and stops at revocation', async () => {
    const director = await server.signIn(clinic.staff.director.email);
    const created = await director.post('/api/v1/me/tokens', {
      name: 'Reporting export',
      role: 'director',
      expiresInDays: 30,
    });
    expect(created.status).toBe(201);
    const bearer = { authorization: `Bearer ${created.body.token}` };
    expect((await server.request('GET', '/api/v1/participants', undefined, bearer)).status).toBe(200);
    expect(
      (await server.request('POST', '/api/v1/sites', { name: 'Token site', timeZone: 'UTC' }, bearer)).status,
    ).toBe(201);
    // The secret is never listed again.
    const listed = await director.get('/api/v1/me/tokens');
    expect(listed.body.items[0]).not.toHaveProperty('token');
    // A token cannot act with a role its user does not have, nor mint further tokens.
    expect((await director.post('/api/v1/me/tokens', { name: 'Escalate', role: 'admin' })).status).toBe(403);
    expect(
      (await server.request('POST', '/api/v1/me/tokens', { name: 'Chain', role: 'director' }, bearer)).status,
    ).toBe(403);

    expect((await director.delete(`/api/v1/me/tokens/${created.body.id}`)).status).toBe(204);
    const revoked = await server.request('GET', '/api/v1/participants', undefined, bearer);
    expect(revoked.status).toBe(401);
  });

  it('limits a token to its role even when the user has more', async () => {
    const director = await server.signIn(clinic.staff.director.email);
    await server.database.db.execute(
      sql`update users set roles = array['director','billing'] where id = ${clinic.staff.director.id}`,
    );
    const billingOnly = await director.post('/api/v1/me/tokens', { name: 'Billing feed', role: 'billing' });
    const bearer = { authorization: `Bearer ${billingOnly.body.token}` };
    expect((await server.request('GET', '/api/v1/participants', undefined, bearer)).status).toBe(200);
    expect(
      (
        await server.request(
          'POST',
          '/api/v1/participants',
          { givenName: 'A', familyName: 'B', dateOfBirth: '1990-01-01' },
          bearer,
        )
      ).status,
    ).toBe(403);
    await server.database.db.execute(
      sql`update users set roles = array['director'] where id = ${clinic.staff.director.id}`,
    );
  });
});

describe('changing a password', () => {
  it('needs the current password and at least 12 characters', async () => {
    const session = await server.signIn(clinic.staff.intake.email);
    expect(
      (
        await session.post('/api/v1/me/password', {
          currentPassword: 'wrong one',
          newPassword: 'a much longer passphrase',
        })
      ).status,
    ).toBe(400);
    const short = await session.post('/api/v1/me/password', {
      currentPassword: testPassword,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/12 characters/);
    expect(
      (
        await session.post('/api/v1/me/password', {
          currentPassword: testPassword,
          newPassword: 'a much longer passphrase',
        })
      ).status,
    ).toBe(204);
    await server.signIn(clinic.staff.intake.email, 'a much longer passphrase');
  });
});
