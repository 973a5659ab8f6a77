import autocannon from 'autocannon';

/**
 * @typedef {import('./scenarios.mjs').Scenario} Scenario
 */

/**
 * One measured run.
 * @typedef {object} RunResult
 * @property {number} rps     mean requests per second (autocannon's per-second samples)
 * @property {number} p50     latency percentiles in ms, over every response of the run
 * @property {number} p95
 * @property {number} p99
 * @property {number} non2xx  responses with a status outside 200–299
 * @property {number} errors  connection errors and timeouts
 */

/**
 * Median of the runs' figures plus the total of their failures.
 * @typedef {object} ScenarioResult
 * @property {string} name
 * @property {number} rps
 * @property {number} p50
 * @property {number} p95
 * @property {number} p99
 * @property {number} non2xx
 * @property {number} errors
 * @property {RunResult[]} runs
 */

/**
 * Loads the server with one scenario: an unmeasured warm-up (JIT, connection pool, caches), then
 * `runs` measured runs.
 * @param {string} baseUrl
 * @param {Scenario} scenario
 * @param {{ connections: number, durationSec: number, warmupSec: number, runs: number }} options
 * @returns {Promise<ScenarioResult>}
 */
export async function measureScenario(baseUrl, scenario, options) {
  await runOnce(baseUrl, scenario, options.connections, options.warmupSec);
  /** @type {RunResult[]} */
  const runs = [];
  for (let i = 0; i < options.runs; i += 1) {
    runs.push(await runOnce(baseUrl, scenario, options.connections, options.durationSec));
  }
  return {
    name: scenario.name,
    rps: median(runs.map((run) => run.rps)),
    p50: median(runs.map((run) => run.p50)),
    p95: median(runs.map((run) => run.p95)),
    p99: median(runs.map((run) => run.p99)),
    non2xx: sum(runs.map((run) => run.non2xx)),
    errors: sum(runs.map((run) => run.errors)),
    runs,
  };
}

/**
 * @param {string} baseUrl
 * @param {Scenario} scenario
 * @param {number} connections
 * @param {number} durationSec
 * @returns {Promise<RunResult>}
 */
async function runOnce(baseUrl, scenario, connections, durationSec) {
  // autocannon's own histogram has whole-millisecond buckets and no p95; keeping every response time
  // (a few hundred thousand numbers at most) gives exact sub-millisecond percentiles.
  /** @type {number[]} */
  const latencies = [];
  const instance = autocannon({
    url: baseUrl,
    connections,
    duration: durationSec,
    // Copies: autocannon stores the built request on the template objects it is given.
    requests: scenario.requests.map((request) => ({ ...request })),
  });
  instance.on(
    'response',
    /** @type {(client: unknown, status: number, bytes: number, responseTimeMs: number) => void} */
    (_client, _status, _bytes, responseTimeMs) => {
      latencies.push(responseTimeMs);
    },
  );
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    rps: result.requests.average,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Nearest-rank percentile of an ascending array (NaN when empty).
 * @param {number[]} sorted
 * @param {number} p
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** @param {number[]} values */
function sum(values) {
  return values.reduce((total, value) => total + value, 0);
}
