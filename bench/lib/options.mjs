import { parseArgs } from 'node:util';
import { OptionsError } from './errors.mjs';

export const usage = `Usage: npm run bench -- [options]

  --quick              short runs (3 s, 1 s warm-up, 1 repetition) for a check in about a minute
  --scale N            synthetic clinic size: N × 500 participants (default 10)
  --connections N      concurrent HTTP connections (default 10)
  --duration S         seconds per measured run (default 10, or 3 with --quick)
  --runs N             measured runs per scenario; the median is reported (default 3, or 1 with --quick)
  --backend B          pglite, postgres or both (default both)
  --day-scales A,B     also measure the clinician day view on clinics of these scales (each generated
                       in a fresh database) and check its p99 grows at most 1.5× from the smallest to
                       the largest (default none; 10,100 is the check, about 10 minutes more)
  --help               show this text

The postgres backend uses BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres)
to reach a server, creates a fresh database there and drops it afterwards.`;

/**
 * @typedef {object} Options
 * @property {boolean} quick
 * @property {number} scale
 * @property {number} connections
 * @property {number} durationSec   seconds per measured run
 * @property {number} warmupSec     seconds of unmeasured load before each scenario
 * @property {number} runs          measured runs per scenario
 * @property {('pglite' | 'postgres')[]} backends
 * @property {string} postgresUrl   server to create the temporary database on
 * @property {number[]} dayScales   scales of the day-view growth check (empty: none)
 */

/**
 * Reads the command line; --quick only changes the defaults, so explicit flags still win.
 * @param {string[]} argv
 * @returns {Options | null} null when --help was asked for
 */
export function parseOptions(argv) {
  const { values } = parseArgsOrExplain({
    args: argv,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      scale: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      runs: { type: 'string' },
      backend: { type: 'string', default: 'both' },
      'day-scales': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return null;
  const quick = values.quick ?? false;
  const backend = values.backend;
  if (backend !== 'pglite' && backend !== 'postgres' && backend !== 'both') {
    throw new OptionsError('--backend must be pglite, postgres or both');
  }
  return {
    quick,
    scale: integer('--scale', values.scale, 10, 1, 1000),
    connections: integer('--connections', values.connections, 10, 1, 1000),
    durationSec: integer('--duration', values.duration, quick ? 3 : 10, 1, 3600),
    warmupSec: quick ? 1 : 2,
    runs: integer('--runs', values.runs, quick ? 1 : 3, 1, 20),
    backends: backend === 'both' ? ['pglite', 'postgres'] : [backend],
    postgresUrl: process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    dayScales: dayScalesOf(values['day-scales']),
  };
}

/**
 * util.parseArgs, with its errors (unknown flag, missing value) turned into OptionsError.
 * @template {import('node:util').ParseArgsConfig} T
 * @param {T} config
 */
function parseArgsOrExplain(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * @param {string} flag
 * @param {string | undefined} text
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function integer(flag, text, fallback, min, max) {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new OptionsError(`${flag} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/**
 * `--day-scales 10,100`: two or more scales, or `none`.
 * @param {string | undefined} text
 * @returns {number[]}
 */
function dayScalesOf(text) {
  if (text === undefined) return [];
  if (text === 'none') return [];
  const scales = text.split(',').map((part) => integer('--day-scales', part.trim(), 0, 1, 1000));
  if (scales.length < 2 || new Set(scales).size !== scales.length) {
    throw new OptionsError('--day-scales needs two or more different scales, such as 10,100 (or none)');
  }
  return scales;
}
