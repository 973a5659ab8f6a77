import { BenchError } from './errors.mjs';
import { generatedPassword } from './server.mjs';

/**
 * The measured scenarios. Each is a list of request templates for autocannon; scenarios that vary
 * their path hand out the next one on every request, so all connections together cycle through the
 * list instead of repeating one cached row.
 */

/** Two-letter prefixes of the synthetic family names (seed/synthetic.ts), so every search finds people. */
export const searchPrefixes = ['te', 'sa', 'mo', 'pl', 'fa', 'de', 'fi', 'sy', 'du', 'ex', 'pr', 'tr'];

/** How many participant ids the read scenario rotates through. */
const readIdCount = 300;

/** How many admitted participants the hours scenario rotates through. */
const hoursIdCount = 300;

/** How many ISO weeks, from the current one on, the calendar and hours scenarios rotate through. */
const weekCount = 4;

/** How many clinicians with sessions today the day-view scenario signs in as and rotates through. */
const dayClinicianCount = 8;

/**
 * An autocannon request template.
 * @typedef {object} RequestTemplate
 * @property {string} method
 * @property {string} [path]
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {(request: RequestTemplate) => RequestTemplate} [setupRequest]
 */

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {RequestTemplate[]} requests
 * @property {() => string | null} [problem]  after a run: why its figures cannot be trusted, if they cannot
 */

/**
 * @typedef {object} Login
 * @property {string} email
 * @property {string} password
 */

/**
 * Signs in, gathers participant ids, checks one request of each scenario answers 200, and returns
 * the scenarios in the order they are run. Signing comes last: it is the one that changes data.
 * @param {string} baseUrl
 * @param {Login & { signIns: import('./server.mjs').GeneratedSignIns }} login
 * @returns {Promise<Scenario[]>}
 */
export async function prepareScenarios(baseUrl, login) {
  const { cookie } = await signIn(baseUrl, login);
  const ids = await collectParticipantIds(baseUrl, cookie, readIdCount);
  const weeks = isoWeeksFrom(new Date(), weekCount);
  const programs = await collectPrograms(baseUrl, cookie, weeks[0] ?? '');
  const admitted = await collectAdmittedIds(baseUrl, cookie, programs, hoursIdCount);
  const withSession = { cookie };
  const scenarios = [
    { name: 'baseline', requests: [{ method: 'GET', path: '/api/v1/health' }] },
    {
      name: 'login',
      requests: [
        {
          method: 'POST',
          path: '/api/v1/auth/login',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: login.email, password: login.password }),
        },
      ],
    },
    {
      name: 'participant search',
      requests: rotating(
        searchPrefixes.map((q) => `/api/v1/participants?q=${q}&limit=25`),
        withSession,
      ),
    },
    {
      name: 'participant read',
      requests: rotating(
        ids.map((id) => `/api/v1/participants/${id}`),
        withSession,
      ),
    },
    {
      name: 'program calendar',
      requests: rotating(calendarPaths(programs, weeks), withSession),
    },
    {
      name: 'participant hours',
      requests: rotating(
        admitted.map((id, i) => `/api/v1/participants/${id}/hours?week=${weeks[i % weeks.length]}`),
        withSession,
      ),
    },
    await clinicianDayScenario(baseUrl, login.signIns),
    await signGroupNoteScenario(baseUrl, login.signIns),
  ];
  for (const scenario of scenarios) await checkOnce(baseUrl, scenario);
  return scenarios;
}

/**
 * `GET /api/v1/me/day` as each of the first clinicians with sessions today in turn (one request each,
 * shared by all connections).
 * @param {string} baseUrl
 * @param {import('./server.mjs').GeneratedSignIns} signIns
 * @returns {Promise<Scenario>}
 */
export async function clinicianDayScenario(baseUrl, signIns) {
  const emails = signIns.dayClinicians.slice(0, dayClinicianCount);
  if (emails.length === 0) throw new BenchError('generate made no clinician with sessions today');
  const cookies = [];
  for (const email of emails) {
    cookies.push((await signIn(baseUrl, { email, password: generatedPassword })).cookie);
  }
  let next = 0;
  return {
    name: 'clinician day',
    requests: [
      {
        method: 'GET',
        path: '/api/v1/me/day',
        /** @param {RequestTemplate} request */
        setupRequest(request) {
          const cookie = cookies[next] ?? '';
          next = (next + 1) % cookies.length;
          return { ...request, headers: { cookie } };
        },
      },
    ],
  };
}

/**
 * `POST /api/v1/notes/{id}/sign` as the note's author, a different draft group note of twelve every
 * request (a signed note cannot be signed again). When the generated pool runs out, the remaining
 * requests are sent again for the last note (and fail); `problem()` then says so, and the benchmark
 * stops rather than report figures of refused requests.
 * @param {string} baseUrl
 * @param {import('./server.mjs').GeneratedSignIns} signIns
 * @returns {Promise<Scenario>}
 */
export async function signGroupNoteScenario(baseUrl, signIns) {
  /** @type {{ headers: Record<string, string>, noteIds: string[] }[]} */
  const authors = [];
  for (const author of signIns.signingPool) {
    const session = await signIn(baseUrl, { email: author.email, password: generatedPassword });
    authors.push({
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken },
      noteIds: author.noteIds,
    });
  }
  // Authors in turn, so concurrent requests sign different clinicians' notes, as on a busy day.
  /** @type {{ headers: Record<string, string>, path: string }[]} */
  const pool = [];
  const deepest = Math.max(0, ...authors.map((author) => author.noteIds.length));
  for (let i = 0; i < deepest; i += 1) {
    for (const author of authors) {
      const noteId = author.noteIds[i];
      if (noteId) pool.push({ headers: author.headers, path: `/api/v1/notes/${noteId}/sign` });
    }
  }
  if (pool.length === 0) throw new BenchError('generate made no group notes to sign');
  let next = 0;
  let overrun = 0;
  return {
    name: 'sign group note',
    requests: [
      {
        method: 'POST',
        /** @param {RequestTemplate} request */
        setupRequest(request) {
          const item = pool[next] ?? pool[pool.length - 1];
          if (next < pool.length) next += 1;
          else overrun += 1;
          return { ...request, ...item };
        },
      },
    ],
    problem: () =>
      overrun > 0
        ? `scenario "sign group note" ran out of notes to sign: ${pool.length} were generated and ` +
          `${overrun} more requests were wanted; its figures are not valid (raise signRatePerSecond in bench/run.mjs)`
        : null,
  };
}

/**
 * One GET template whose path advances through `paths` on every request, shared by all connections.
 * @param {string[]} paths
 * @param {Record<string, string>} headers
 * @returns {RequestTemplate[]}
 */
function rotating(paths, headers) {
  let next = 0;
  return [
    {
      method: 'GET',
      headers,
      /** @param {RequestTemplate} request */
      setupRequest(request) {
        const path = paths[next] ?? paths[0];
        next = (next + 1) % paths.length;
        return { ...request, path };
      },
    },
  ];
}

/**
 * Signs in and returns the session cookie ("stepwise_session=…") to send with later requests and the
 * CSRF token that requests which change data send too.
 * @param {string} baseUrl
 * @param {Login} login
 * @returns {Promise<{ cookie: string, csrfToken: string }>}
 */
export async function signIn(baseUrl, login) {
  const response = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  const body = await response.text();
  if (response.status !== 200)
    throw new BenchError(`sign-in as ${login.email} answered ${response.status}: ${body}`);
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => pair.startsWith('stepwise_session='));
  if (!cookie) throw new BenchError('sign-in answered 200 but set no stepwise_session cookie');
  const { csrfToken } = /** @type {{ csrfToken: string }} */ (JSON.parse(body));
  return { cookie, csrfToken };
}

/**
 * Pages through the participant list (100 at a time, following nextCursor) until `wanted` ids are in.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {number} wanted
 * @returns {Promise<string[]>}
 */
async function collectParticipantIds(baseUrl, cookie, wanted) {
  /** @type {string[]} */
  const ids = [];
  /** @type {string | null} */
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const response = await fetch(`${baseUrl}/api/v1/participants?${query}`, { headers: { cookie } });
    if (response.status !== 200) {
      throw new BenchError(`listing participants answered ${response.status}: ${await response.text()}`);
    }
    const page = /** @type {{ items: { id: string }[], nextCursor: string | null }} */ (
      await response.json()
    );
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor && ids.length < wanted);
  if (ids.length === 0) throw new BenchError('the participant list is empty; did generate run?');
  return ids.slice(0, wanted);
}

/**
 * A program with the series and tracks its calendar showed in the first week.
 * @typedef {object} ProgramWeek
 * @property {string} id
 * @property {string[]} seriesIds
 * @property {string[]} trackIds
 */

/**
 * Every program of the organisation (pages of 100), each with the series and tracks of its calendar in
 * `week`. Fails when no program has sessions, since the calendar scenario would then measure nothing.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {string} week
 * @returns {Promise<ProgramWeek[]>}
 */
async function collectPrograms(baseUrl, cookie, week) {
  /** @type {ProgramWeek[]} */
  const programs = [];
  /** @type {string | null} */
  let cursor = null;
  do {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const page = /** @type {{ items: { id: string }[], nextCursor: string | null }} */ (
      await getJson(baseUrl, `/api/v1/programs?${query}`, cookie)
    );
    for (const { id } of page.items) {
      const calendar = /** @type {{ items: { seriesId: string, trackId: string | null }[] }} */ (
        await getJson(baseUrl, `/api/v1/programs/${id}/calendar?week=${week}`, cookie)
      );
      programs.push({
        id,
        seriesIds: [...new Set(calendar.items.map((item) => item.seriesId))],
        trackIds: [...new Set(calendar.items.map((item) => item.trackId).filter((track) => track !== null))],
      });
    }
    cursor = page.nextCursor;
  } while (cursor);
  if (!programs.some((program) => program.seriesIds.length > 0)) {
    throw new BenchError(`no program has sessions in ${week}; did generate make a schedule?`);
  }
  return programs;
}

/**
 * Calendar paths: every program in every week, every other one narrowed to one of its tracks.
 * @param {ProgramWeek[]} programs
 * @param {string[]} weeks
 */
function calendarPaths(programs, weeks) {
  return programs.flatMap((program, p) =>
    weeks.map((week, w) => {
      const track = (p + w) % 2 === 1 ? program.trackIds[w % program.trackIds.length] : undefined;
      return `/api/v1/programs/${program.id}/calendar?week=${week}${track ? `&trackId=${track}` : ''}`;
    }),
  );
}

/**
 * Participants enrolled in groups (so their weekly hours have sessions to sum), read from the rosters
 * of the programs' series, one series of each program in turn, until `wanted` are in.
 * @param {string} baseUrl
 * @param {string} cookie
 * @param {ProgramWeek[]} programs
 * @param {number} wanted
 * @returns {Promise<string[]>}
 */
async function collectAdmittedIds(baseUrl, cookie, programs, wanted) {
  /** @type {Set<string>} */
  const ids = new Set();
  const deepest = Math.max(0, ...programs.map((program) => program.seriesIds.length));
  for (let round = 0; round < deepest && ids.size < wanted; round += 1) {
    for (const [p, program] of programs.entries()) {
      // Each program starts at a different point of its week, so mornings and evenings both come in.
      const seriesId = program.seriesIds[(round + p) % program.seriesIds.length];
      if (!seriesId || ids.size >= wanted) continue;
      const roster = /** @type {{ items: { participantId: string, status: string }[] }} */ (
        await getJson(baseUrl, `/api/v1/session-series/${seriesId}/enrolments`, cookie)
      );
      for (const item of roster.items) if (item.status === 'enrolled') ids.add(item.participantId);
    }
  }
  if (ids.size === 0)
    throw new BenchError('no participant is enrolled in a group; did generate make a schedule?');
  return [...ids].slice(0, wanted);
}

/**
 * The ISO weeks (`2026-W10`) of `from`'s UTC date and the `count - 1` after it. Generated schedules
 * run from four weeks before the generation date to 26 weeks after, so these all have sessions.
 * @param {Date} from
 * @param {number} count
 */
export function isoWeeksFrom(from, count) {
  return Array.from({ length: count }, (_, i) => isoWeekOf(new Date(from.getTime() + i * 7 * 86_400_000)));
}

/** @param {Date} date */
function isoWeekOf(date) {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  // The Thursday of the same week decides the year; week 1 holds the year's first Thursday.
  day.setUTCDate(day.getUTCDate() + 3 - ((day.getUTCDay() + 6) % 7));
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.floor((day.getTime() - yearStart) / (7 * 86_400_000)) + 1;
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * @param {string} baseUrl
 * @param {string} path
 * @param {string} cookie
 * @returns {Promise<unknown>}
 */
async function getJson(baseUrl, path, cookie) {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  if (response.status !== 200) {
    throw new BenchError(`GET ${path} answered ${response.status}: ${await response.text()}`);
  }
  return response.json();
}

/**
 * Sends a scenario's first request once, so a broken scenario fails before any load is measured.
 * @param {string} baseUrl
 * @param {Scenario} scenario
 */
async function checkOnce(baseUrl, scenario) {
  const [template] = scenario.requests;
  if (!template) throw new BenchError(`scenario "${scenario.name}" has no requests`);
  const request = template.setupRequest ? template.setupRequest({ ...template }) : template;
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers: request.headers,
    body: request.body,
  });
  await response.arrayBuffer();
  if (response.status < 200 || response.status > 299) {
    throw new BenchError(
      `scenario "${scenario.name}": ${request.method} ${request.path} answered ${response.status}`,
    );
  }
}
