#!/usr/bin/env node
/**
 * `npm run bench`: load-tests the built server on the embedded database (PGlite) and, when a server is
 * reachable, on PostgreSQL, then times the schedule optimizer (bench/optimizer.mjs). See bench/README.md
 * for what is measured and how to read it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchCheckIns } from './lib/check-ins.mjs';
import { cleanUpAll, deferCleanup } from './lib/cleanup.mjs';
import { BenchError, OptionsError } from './lib/errors.mjs';
import { measureScenario } from './lib/load.mjs';
import { parseOptions, usage } from './lib/options.mjs';
import { createTemporaryDatabase, redact } from './lib/postgres.mjs';
import {
  checkCheckIns,
  checkDayGrowth,
  checkTargets,
  machineInfo,
  printBackend,
  withRatios,
  writeReport,
} from './lib/report.mjs';
import { clinicianDayScenario, prepareScenarios } from './lib/scenarios.mjs';
import {
  buildServer,
  generateData,
  repoRoot,
  residentMiB,
  sampleResidentMemory,
  serverEnv,
  startServer,
} from './lib/server.mjs';
import { benchOptimizer } from './optimizer.mjs';

const resultsFile = path.join(repoRoot, 'bench/results/latest.json');

/**
 * Group notes signed per second that the signing pool is sized for, per backend: about twice what each
 * reached on a 2-CPU machine, so the pool outlasts the warm-up and every run (and the scenario stops the
 * benchmark if it ever runs out). Not more: every note adds rows to generate and, on PGlite, to load at
 * start-up.
 */
const signRatePerSecond = { pglite: 300, postgres: 600 };

/**
 * @typedef {import('./lib/options.mjs').Options} Options
 * @typedef {import('./lib/report.mjs').BackendResult} BackendResult
 */

async function main() {
  const options = parseOptions(process.argv.slice(2));
  if (!options) {
    console.log(usage);
    return 0;
  }
  const started = performance.now();
  // Other work on the machine skews every figure; the load average is recorded to show it.
  const loadBefore = os.loadavg()[0] ?? 0;
  console.log(describeRun(options));
  buildServer();

  /** @type {BackendResult[]} */
  const results = [];
  for (const backend of options.backends) {
    const result = backend === 'pglite' ? await benchPglite(options) : await benchPostgres(options);
    if (result) {
      results.push(result);
      printBackend(result, options);
    }
  }
  if (results.length === 0) throw new BenchError('no backend could be benchmarked');

  const loadAfter = os.loadavg()[0] ?? 0;
  writeReport(resultsFile, {
    date: new Date().toISOString(),
    machine: { ...machineInfo(), loadAverage1m: { before: loadBefore, after: loadAfter } },
    options: { ...options, postgresUrl: redact(options.postgresUrl) },
    backends: Object.fromEntries(results.map((result) => [result.backend, result])),
  });
  console.log(
    `\nLoad average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.cpus().length} CPUs` +
      ' (the benchmark itself keeps about two busy; more means other work skewed the figures).',
  );
  console.log(`Wrote ${path.relative(process.cwd(), resultsFile)}`);

  // The schedule optimizer, in this process, once the servers have stopped.
  const optimizer = await benchOptimizer({ quick: options.quick });
  const violations = optimizer.reduce((sum, size) => sum + size.violations, 0);
  if (violations > 0) throw new BenchError(`the schedule optimizer broke ${violations} hard constraint(s)`);
  console.log(`\nBenchmark done in ${formatSeconds(performance.now() - started)}.`);
  return 0;
}

/** @param {Options} options */
function describeRun(options) {
  const mode = options.quick ? 'quick run' : 'full run';
  return (
    `Stepwise benchmark (${mode}): scale ${options.scale} (${options.scale * 500} participants), ` +
    `${options.connections} connections, ${options.runs} × ${options.durationSec} s per scenario ` +
    `after ${options.warmupSec} s warm-up; ${os.cpus().length} CPUs, Node ${process.version}`
  );
}

/**
 * The embedded database in a fresh temporary folder, and one more per other scale of the day view.
 * @param {Options} options
 */
async function benchPglite(options) {
  /** @param {(env: NodeJS.ProcessEnv) => Promise<any>} body */
  const inFreshFolder = async (body) => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
    const removeFolder = deferCleanup(`remove ${folder}`, () =>
      fs.rmSync(folder, { recursive: true, force: true }),
    );
    try {
      return await body(serverEnv({ dataDir: path.join(folder, 'data') }));
    } finally {
      await removeFolder();
    }
  };
  const result = await inFreshFolder((env) => benchBackend('pglite', env, options));
  return withDayGrowth('pglite', result, options, inFreshFolder);
}

/**
 * A fresh database on a PostgreSQL server, and one more per other scale of the day view; skipped
 * (one line) when no server answers.
 * @param {Options} options
 */
async function benchPostgres(options) {
  /** @param {(env: NodeJS.ProcessEnv) => Promise<any>} body */
  const inFreshDatabase = async (body) => {
    const created = await createTemporaryDatabase(options.postgresUrl);
    if ('unreachable' in created) return { unreachable: created.unreachable };
    const { database } = created;
    const dropDatabase = deferCleanup(`drop database ${database.name}`, database.drop);
    try {
      return await body(serverEnv({ databaseUrl: database.url }));
    } finally {
      await dropDatabase();
    }
  };
  const result = await inFreshDatabase((env) => benchBackend('postgres', env, options));
  if ('unreachable' in result) {
    console.log(`\npostgres: skipped, no server reachable (${result.unreachable})`);
    return null;
  }
  return withDayGrowth('postgres', result, options, inFreshDatabase);
}

/**
 * With `--day-scales`, the day view measured again on a clinic of each other scale (generated in a
 * fresh database, nothing else run), and the growth of its p99 from the smallest scale to the largest.
 * @param {'pglite' | 'postgres'} backend
 * @param {BackendResult} result
 * @param {Options} options
 * @param {(body: (env: NodeJS.ProcessEnv) => Promise<any>) => Promise<any>} fresh
 * @returns {Promise<BackendResult>}
 */
async function withDayGrowth(backend, result, options, fresh) {
  if (options.dayScales.length < 2) return result;
  const main = result.scenarios.find((scenario) => scenario.name === 'clinician day');
  /** @type {{ scale: number, scenario: import('./lib/load.mjs').ScenarioResult, generateMs: number }[]} */
  const byScale = [];
  for (const scale of options.dayScales) {
    if (scale === options.scale && main) {
      byScale.push({ scale, scenario: main, generateMs: result.data.generateMs });
      continue;
    }
    byScale.push(await fresh((env) => benchDayView(backend, env, scale, options)));
  }
  const growth = checkDayGrowth(byScale);
  return { ...result, dayGrowth: growth.report, targets: [...result.targets, ...growth.targets] };
}

/**
 * Generates a clinic of `scale`, starts the server and measures the day view alone.
 * @param {'pglite' | 'postgres'} backend
 * @param {NodeJS.ProcessEnv} env
 * @param {number} scale
 * @param {Options} options
 */
async function benchDayView(backend, env, scale, options) {
  console.log(`\n[${backend}] day view at scale ${scale}: generating…`);
  const data = await generateData(env, scale);
  console.log(
    `[${backend}] ${data.summary.replace(/ Clinician sign-in:.*/, '')} (${formatSeconds(data.ms)})`,
  );
  const server = await startServer(env);
  const stopServer = deferCleanup(`stop the ${backend} server`, server.stop);
  try {
    const scenario = await clinicianDayScenario(server.url, data.signIns);
    process.stdout.write(`[${backend}] clinician day at scale ${scale}… `);
    const measured = await measureScenario(server.url, scenario, options);
    console.log(`${measured.rps.toFixed(1)} req/s, p99 ${measured.p99.toFixed(2)} ms`);
    return { scale, scenario: measured, generateMs: data.ms };
  } finally {
    await stopServer();
  }
}

/**
 * Generates data, starts the server, runs every scenario and stops the server again.
 * @param {'pglite' | 'postgres'} backend
 * @param {NodeJS.ProcessEnv} env
 * @param {Options} options
 * @returns {Promise<BackendResult>}
 */
async function benchBackend(backend, env, options) {
  const signingPool = Math.ceil(
    signRatePerSecond[backend] * (options.warmupSec + options.runs * options.durationSec + 1),
  );
  console.log(`\n[${backend}] generating scale ${options.scale} with ${signingPool} notes to sign…`);
  const data = await generateData(env, options.scale, signingPool);
  console.log(
    `[${backend}] ${data.summary.replace(/ Clinician sign-in:.*/, '')} (${formatSeconds(data.ms)})`,
  );
  console.log(`[${backend}] ${data.clinical}`);

  const server = await startServer(env);
  const stopServer = deferCleanup(`stop the ${backend} server`, server.stop);
  try {
    console.log(
      `[${backend}] server answered after ${server.coldStartMs.toFixed(0)} ms; preparing scenarios…`,
    );
    const scenarios = await prepareScenarios(server.url, { ...data, signIns: data.signIns });
    // Let start-up work and the preparation's garbage settle before calling the memory "idle".
    await sleep(1000);
    const rssIdleMiB = residentMiB(server.pid);

    const memory = sampleResidentMemory(server.pid);
    // A failing scenario must not leave the sampling timer holding the process open.
    const stopSampling = deferCleanup('stop sampling memory', async () => {
      memory.stop();
    });
    const measured = [];
    for (const scenario of scenarios) {
      process.stdout.write(`[${backend}] ${scenario.name}… `);
      const result = await measureScenario(server.url, scenario, options);
      const problem = scenario.problem?.();
      if (problem) throw new BenchError(problem);
      console.log(
        `${result.rps.toFixed(1)} req/s${result.non2xx + result.errors > 0 ? ' (with failed responses)' : ''}`,
      );
      measured.push(result);
    }
    // The check-in burst changes data (and raises alerts), so it comes after every read scenario.
    process.stdout.write(`[${backend}] check-in burst (${data.signIns.participants.length} participants)… `);
    const checkIns = await benchCheckIns(server.url, data.signIns, data.password);
    console.log(
      `${checkIns.rps.toFixed(1)} check-ins/s, alerts ${checkIns.lag.p99.toFixed(0)} ms behind at p99`,
    );
    const rssPeakMiB = memory.stop();
    await stopSampling();

    const reported = withRatios(measured);
    return {
      backend,
      data: { scale: options.scale, summary: data.summary, generateMs: data.ms },
      coldStartMs: server.coldStartMs,
      rssIdleMiB,
      rssPeakMiB,
      scenarios: reported,
      checkIns,
      targets: [...checkTargets(reported), ...checkCheckIns(checkIns)],
    };
  } finally {
    await stopServer();
  }
}

/**
 * Expected failures are explained in their message; anything else is a bug, so its stack helps.
 * @param {unknown} error
 */
function describeFailure(error) {
  if (error instanceof OptionsError) return `${error.message}\n\n${usage}`;
  if (error instanceof BenchError) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** @param {number} ms */
function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

// Ctrl-C: stop the server and remove temporary data before leaving.
process.once('SIGINT', () => {
  console.error('\nbench: interrupted; cleaning up…');
  cleanUpAll().finally(() => process.exit(130));
});

main().then(
  (code) => {
    process.exitCode = code;
  },
  async (error) => {
    console.error(`\nbench failed: ${describeFailure(error)}`);
    await cleanUpAll();
    process.exitCode = 1;
  },
);
