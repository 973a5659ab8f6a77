import { BenchError } from './errors.mjs';

/**
 * The measured scenarios. Each is a list of request templates for autocannon; scenarios that vary
 * their path hand out the next one on every request, so all connections together cycle through the
 * list instead of repeating one cached row.
 */

/** Two-letter prefixes of the synthetic family names (seed/synthetic.ts), so every search finds people. */
export const searchPrefixes = ['te', 'sa', 'mo', 'pl', 'fa', 'de', 'fi', 'sy', 'du', 'ex', 'pr', 'tr'];

/** How many participant ids the read scenario rotates through. */
const readIdCount = 300;

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
 */

/**
 * @typedef {object} Login
 * @property {string} email
 * @property {string} password
 */

/**
 * Signs in, gathers participant ids, checks one request of each scenario answers 200, and returns
 * the scenarios in the order they are run.
 * @param {string} baseUrl
 * @param {Login} login
 * @returns {Promise<Scenario[]>}
 */
export async function prepareScenarios(baseUrl, login) {
  const cookie = await signIn(baseUrl, login);
  const ids = await collectParticipantIds(baseUrl, cookie, readIdCount);
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
  ];
  for (const scenario of scenarios) await checkOnce(baseUrl, scenario);
  return scenarios;
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
 * Signs in and returns the session cookie ("stepwise_session=…") to send with later requests.
 * @param {string} baseUrl
 * @param {Login} login
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
  return cookie;
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
