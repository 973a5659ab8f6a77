import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { isoWeekOf, type StaffRole, staffRoles } from '@stepwise/core';
import { inject } from 'vitest';
import { buildApp, type Router } from '../app.js';
import { type Config, loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/database.js';
import { organisations, participantContacts, participants, sites, users } from '../db/schema.js';
import { hashPassword } from '../modules/auth/secrets.js';
import { createServerDatabase, dropServerDatabase, testBackend } from './backend.js';

/** Every test account's password. */
export const testPassword = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(testPassword));

export interface Account {
  id: string;
  email: string;
}

/** An organisation made for one test file: a site, a user in every role, and one participant with a family contact and portal accounts. */
export interface Clinic {
  orgId: string;
  name: string;
  siteId: string;
  staff: Record<StaffRole, Account>;
  participantId: string;
  familyContactId: string;
  participantAccount: Account;
  familyAccount: Account;
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

/** Opens this run's test database: a private PGlite loaded from the migrated template, or the run's server database. */
export async function openTestDatabase(): Promise<Database> {
  if (testBackend() === 'postgres')
    return openDatabase({ databaseUrl: inject('serverDatabaseUrl'), poolSize: 5 });
  const template = fs.readFileSync(inject('pgliteTemplate'));
  return openDatabase({ loadDataDir: new Blob([template]) });
}

/** Configuration for tests: defaults plus overrides, never the developer's environment. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  // Tests change sessions in the database directly (to make one idle, say), so the session cache is
  // off unless a test turns it on.
  return loadConfig({
    LOG_LEVEL: 'silent',
    STEPWISE_DATA_DIR: '/nonexistent',
    SESSION_CACHE_MS: '0',
    ...overrides,
  });
}

/**
 * The API over Fastify's injected HTTP (the full request pipeline, no socket) against a real database.
 * Each test file starts one and creates its own organisations, so files run in parallel safely.
 */
export class TestServer {
  private constructor(
    readonly database: Database,
    readonly app: Router,
    readonly config: Config,
  ) {}

  static async start(overrides: Record<string, string> = {}): Promise<TestServer> {
    const config = testConfig(overrides);
    const database = await openTestDatabase();
    const app = await buildApp({ database, config });
    await app.ready();
    return new TestServer(database, app, config);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }

  /** A request without credentials (or with the headers given). */
  async request<T = any>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Response<T>> {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        'user-agent': 'stepwise-tests',
        ...headers,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = response.body;
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return {
      status: response.statusCode,
      body: parsed as T,
      headers: response.headers as Response['headers'],
    };
  }

  /** Signs in and returns a client that carries the session cookie and CSRF token. */
  async signIn(email: string, password = testPassword, totp?: string): Promise<Session> {
    const response = await this.request('POST', '/api/v1/auth/login', {
      email,
      password,
      ...(totp ? { totp } : {}),
    });
    if (response.status !== 200)
      throw new Error(`sign-in failed with ${response.status}: ${JSON.stringify(response.body)}`);
    const cookie = sessionCookieOf(response);
    return new Session(this, cookie, response.body.csrfToken, response.body.user);
  }

  /** Creates an organisation with a site, one user per staff role, and a participant with portal accounts. */
  async createClinic(name = 'Test Clinic'): Promise<Clinic> {
    const hash = await testPasswordHash();
    const tag = randomBytes(4).toString('hex');
    const db = this.database.db;
    // Test set-up writes as the database owner, like a bulk import; the API under test is not involved.
    const [org] = await db
      .insert(organisations)
      .values({ name: `${name} ${tag}` })
      .returning();
    if (!org) throw new Error('organisation not created');
    const [site] = await db
      .insert(sites)
      .values({ orgId: org.id, name: 'Main site', timeZone: 'America/Chicago' })
      .returning();
    if (!site) throw new Error('site not created');
    const staffRows = await db
      .insert(users)
      .values(
        staffRoles.map((role) => ({
          orgId: org.id,
          email: `${role}.${tag}@clinic.test`,
          displayName: `Test ${role} ${tag}`,
          kind: 'staff',
          roles: [role],
          passwordHash: hash,
        })),
      )
      .returning({ id: users.id, email: users.email, roles: users.roles });
    const staff = Object.fromEntries(
      staffRows.map((row) => [row.roles[0], { id: row.id, email: row.email }]),
    ) as Record<StaffRole, Account>;
    const [participant] = await db
      .insert(participants)
      .values({
        orgId: org.id,
        recordNumber: `T-${tag}`,
        givenName: 'Quill',
        familyName: `Testwell${tag}`,
        dateOfBirth: '1990-05-17',
      })
      .returning();
    if (!participant) throw new Error('participant not created');
    const [contact] = await db
      .insert(participantContacts)
      .values({
        orgId: org.id,
        participantId: participant.id,
        name: 'Fern Testwell',
        kind: 'family',
        relation: 'sister',
        phone: '+1 312 555 0142',
        isEmergencyContact: true,
      })
      .returning();
    if (!contact) throw new Error('contact not created');
    const [participantAccount, familyAccount] = await db
      .insert(users)
      .values([
        {
          orgId: org.id,
          email: `participant.${tag}@clinic.test`,
          displayName: 'Quill',
          kind: 'participant',
          roles: ['participant'],
          participantId: participant.id,
          passwordHash: hash,
        },
        {
          orgId: org.id,
          email: `family.${tag}@clinic.test`,
          displayName: 'Fern',
          kind: 'family',
          roles: ['family'],
          participantId: participant.id,
          contactId: contact.id,
          passwordHash: hash,
        },
      ])
      .returning({ id: users.id, email: users.email });
    if (!participantAccount || !familyAccount) throw new Error('portal accounts not created');
    return {
      orgId: org.id,
      name: org.name,
      siteId: site.id,
      staff,
      participantId: participant.id,
      familyContactId: contact.id,
      participantAccount,
      familyAccount,
    };
  }
}

/** A signed-in client. */
export class Session {
  constructor(
    private readonly server: TestServer,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly user: { id: string; roles: string[]; [key: string]: unknown },
  ) {}

  get<T = any>(url: string): Promise<Response<T>> {
    return this.server.request<T>('GET', url, undefined, { cookie: this.cookie });
  }
  post<T = any>(url: string, body?: unknown): Promise<Response<T>> {
    return this.server.request<T>('POST', url, body, this.mutationHeaders());
  }
  patch<T = any>(url: string, body?: unknown): Promise<Response<T>> {
    return this.server.request<T>('PATCH', url, body, this.mutationHeaders());
  }
  put<T = any>(url: string, body?: unknown): Promise<Response<T>> {
    return this.server.request<T>('PUT', url, body, this.mutationHeaders());
  }
  delete<T = any>(url: string): Promise<Response<T>> {
    return this.server.request<T>('DELETE', url, undefined, this.mutationHeaders());
  }
  private mutationHeaders(): Record<string, string> {
    return { cookie: this.cookie, 'x-csrf-token': this.csrfToken };
  }
}

/** The `stepwise_session=…` pair from a login response's Set-Cookie header. */
export function sessionCookieOf(response: Response): string {
  const header = response.headers['set-cookie'];
  const cookies = Array.isArray(header) ? header : header ? [header] : [];
  const session = cookies.find((cookie) => cookie.startsWith('stepwise_session='));
  if (!session) throw new Error('no session cookie set');
  return session.split(';')[0] ?? '';
}

/** A syntactically valid id that matches nothing. */
export const unknownId = '00000000-0000-4000-8000-000000000000';

/** A brand-new empty (unmigrated) database on the backend under test, for tests that need the whole database to themselves. */
export async function freshDatabase(): Promise<{
  database: Database;
  url: string | null;
  dispose: () => Promise<void>;
}> {
  if (testBackend() === 'postgres') {
    const url = await createServerDatabase('own');
    const database = await openDatabase({ databaseUrl: url, poolSize: 3 });
    return {
      database,
      url,
      dispose: async () => {
        await database.close();
        await dropServerDatabase(url);
      },
    };
  }
  const database = await openDatabase({
    loadDataDir: new Blob([fs.readFileSync(inject('pgliteEmptyTemplate'))]),
  });
  return { database, url: null, dispose: () => database.close() };
}

/**
 * A new participant (or a registered one) admitted through the API the way a clinic admits one:
 * registered, assessed for IOP, the recommendation confirmed, an episode opened in the program with the
 * given primary clinician.
 */
export async function admitToProgram(
  clinician: Session,
  options: {
    programId: string;
    givenName: string;
    familyName: string;
    startDate: string;
    primaryClinicianId: string;
    supervisorId?: string;
    /** Admit this registered participant instead of registering a new one. */
    participantId?: string;
    /** Planned length of stay; 56 days when absent. */
    expectedLengthDays?: number;
  },
): Promise<{ participantId: string; episodeId: string }> {
  const person = options.participantId
    ? { body: { id: options.participantId } }
    : await clinician.post('/api/v1/participants', {
        givenName: options.givenName,
        familyName: options.familyName,
        dateOfBirth: '1990-01-15',
        preferredLanguage: 'en',
      });
  const assessed = await clinician.post(`/api/v1/participants/${person.body.id}/level-of-care-assessments`, {
    programId: options.programId,
    dimensions: { d1: 0, d2: 0, d3: 2, d4: 1, d5: 2, d6: 1 },
  });
  await clinician.post(`/api/v1/level-of-care-assessments/${assessed.body.id}/decision`, {
    decision: 'confirm',
  });
  const episode = await clinician.post(`/api/v1/participants/${person.body.id}/episodes`, {
    programId: options.programId,
    levelOfCareAssessmentId: assessed.body.id,
    startDate: options.startDate,
    expectedLengthDays: options.expectedLengthDays ?? 56,
    primaryClinicianId: options.primaryClinicianId,
    supervisorId: options.supervisorId,
  });
  if (episode.status !== 201) throw new Error(`admission failed: ${JSON.stringify(episode.body)}`);
  return { participantId: person.body.id, episodeId: episode.body.id };
}

/** The id of a series' session (occurrence) on a local date, found in its program's week calendar. */
export async function sessionOn(
  session: Session,
  where: { programId: string; seriesId: string },
  date: string,
): Promise<string> {
  const week = await session.get(`/api/v1/programs/${where.programId}/calendar?week=${isoWeekOf(date)}`);
  const found = (week.body.items as { id: string; seriesId: string; localDate: string }[]).find(
    (item) => item.seriesId === where.seriesId && item.localDate === date,
  );
  if (!found) throw new Error(`no session of the series on ${date}`);
  return found.id;
}
