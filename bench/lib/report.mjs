import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * @typedef {import('./load.mjs').ScenarioResult & { ratioToBaseline: number }} ReportedScenario
 */

/**
 * @typedef {object} Target
 * @property {string} scenario
 * @property {string} target
 * @property {number} value
 * @property {string} unit
 * @property {boolean} pass
 */

/**
 * @typedef {object} BackendResult
 * @property {'pglite' | 'postgres'} backend
 * @property {{ scale: number, summary: string, generateMs: number }} data
 * @property {number} coldStartMs
 * @property {number | null} rssIdleMiB
 * @property {number | null} rssPeakMiB
 * @property {ReportedScenario[]} scenarios
 * @property {Target[]} targets
 * @property {DayGrowth} [dayGrowth]
 * @property {import('./check-ins.mjs').CheckInResult} [checkIns]
 */

/**
 * The day view at each scale of `--day-scales`, and its p99 at the largest over the smallest.
 * @typedef {object} DayGrowth
 * @property {{ scale: number, rps: number, p50: number, p99: number, non2xx: number, errors: number, generateMs: number }[]} scales
 * @property {number} ratio
 */

/** The scenarios with targets, and the targets (defined for 10 connections at scale 10). */
const throughputScenarios = ['participant search', 'participant read'];
/** Scenarios with a latency target only (p99 in ms): they do more work per request than a single-row read. */
const latencyTargets = new Map([
  ['program calendar', 50],
  ['participant hours', 50],
  ['clinician day', 50],
  // Signs twelve parts and files the note in twelve charts, each audited.
  ['sign group note', 100],
]);
const minRatioToBaseline = 0.5;
const maxP99Ms = 50;
/** The day view's p99 at the largest `--day-scales` over the smallest: bounded, not growing with history. */
const maxDayGrowth = 1.5;

/**
 * Adds each scenario's throughput relative to the baseline of the same backend.
 * @param {import('./load.mjs').ScenarioResult[]} scenarios
 * @returns {ReportedScenario[]}
 */
export function withRatios(scenarios) {
  const baseline = scenarios.find((scenario) => scenario.name === 'baseline');
  return scenarios.map((scenario) => ({
    ...scenario,
    ratioToBaseline: baseline && baseline.rps > 0 ? scenario.rps / baseline.rps : Number.NaN,
  }));
}

/**
 * Checks the targets. A scenario that had failed responses fails its targets: its figures do not
 * describe successful requests.
 * @param {ReportedScenario[]} scenarios
 * @returns {Target[]}
 */
export function checkTargets(scenarios) {
  return scenarios.flatMap((scenario) => {
    const clean = scenario.non2xx === 0 && scenario.errors === 0;
    /** @type {Target[]} */
    const targets = [];
    if (throughputScenarios.includes(scenario.name)) {
      targets.push({
        scenario: scenario.name,
        target: `throughput ≥ ${minRatioToBaseline}× baseline`,
        value: scenario.ratioToBaseline,
        unit: '×',
        pass: clean && scenario.ratioToBaseline >= minRatioToBaseline,
      });
    }
    const limit = throughputScenarios.includes(scenario.name) ? maxP99Ms : latencyTargets.get(scenario.name);
    if (limit !== undefined) {
      targets.push({
        scenario: scenario.name,
        target: `p99 < ${limit} ms`,
        value: scenario.p99,
        unit: 'ms',
        pass: clean && scenario.p99 < limit,
      });
    }
    return targets;
  });
}

/** The check-in burst's targets: submissions answered fast under 200 at once, alerts close behind. */
const checkInP99Ms = 500;
const alertLagP99Ms = 5000;

/**
 * @param {import('./check-ins.mjs').CheckInResult} result
 * @returns {Target[]}
 */
export function checkCheckIns(result) {
  return [
    {
      scenario: 'check-in burst',
      target: `p99 < ${checkInP99Ms} ms`,
      value: result.p99,
      unit: 'ms',
      pass: result.p99 < checkInP99Ms,
    },
    {
      scenario: 'check-in → alert',
      target: `lag p99 < ${alertLagP99Ms} ms`,
      value: result.lag.p99,
      unit: 'ms',
      pass: result.lag.p99 < alertLagP99Ms,
    },
  ];
}

/**
 * The day view's growth from the smallest scale measured to the largest.
 * @param {{ scale: number, scenario: import('./load.mjs').ScenarioResult, generateMs: number }[]} byScale
 * @returns {{ report: DayGrowth, targets: Target[] }}
 */
export function checkDayGrowth(byScale) {
  const sorted = [...byScale].sort((a, b) => a.scale - b.scale);
  const smallest = sorted[0];
  const largest = sorted[sorted.length - 1];
  if (!smallest || !largest) throw new Error('no scales to compare');
  const ratio = largest.scenario.p99 / smallest.scenario.p99;
  const clean = sorted.every(({ scenario }) => scenario.non2xx === 0 && scenario.errors === 0);
  return {
    report: {
      scales: sorted.map(({ scale, scenario, generateMs }) => ({
        scale,
        rps: scenario.rps,
        p50: scenario.p50,
        p99: scenario.p99,
        non2xx: scenario.non2xx,
        errors: scenario.errors,
        generateMs,
      })),
      ratio,
    },
    targets: [
      {
        scenario: 'clinician day',
        target: `p99 ×${largest.scale / smallest.scale} scale ≤ ${maxDayGrowth}×`,
        value: ratio,
        unit: '×',
        pass: clean && ratio <= maxDayGrowth,
      },
    ],
  };
}

/** The machine the figures come from. */
export function machineInfo() {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: round(os.totalmem() / 2 ** 30, 1),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

/**
 * Prints one backend's figures as a table, followed by its targets.
 * @param {BackendResult} result
 * @param {{ connections: number, scale: number }} options
 */
export function printBackend(result, options) {
  console.log('');
  console.log(
    `${result.backend}: cold start ${fixed(result.coldStartMs, 0)} ms · ` +
      `RSS idle ${fixed(result.rssIdleMiB, 0)} MiB, peak ${fixed(result.rssPeakMiB, 0)} MiB · ` +
      `data generated in ${fixed(result.data.generateMs / 1000, 1)} s`,
  );
  const rows = result.scenarios.map((scenario) => [
    scenario.name,
    fixed(scenario.rps, 1),
    fixed(scenario.p50, 2),
    fixed(scenario.p95, 2),
    fixed(scenario.p99, 2),
    String(scenario.non2xx),
    String(scenario.errors),
    fixed(scenario.ratioToBaseline, 2),
    scenario.non2xx + scenario.errors > 0 ? 'FAILED RESPONSES' : '',
  ]);
  printTable(
    ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'errors', '× baseline', ''],
    rows,
  );
  if (result.dayGrowth) {
    console.log('Day view by scale:');
    printTable(
      ['scale', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'generated in'],
      result.dayGrowth.scales.map((row) => [
        String(row.scale),
        fixed(row.rps, 1),
        fixed(row.p50, 2),
        fixed(row.p99, 2),
        String(row.non2xx),
        String(row.errors),
        `${fixed(row.generateMs / 1000, 1)} s`,
      ]),
    );
  }
  if (result.checkIns) {
    const burst = result.checkIns;
    console.log(
      `Check-in burst: ${burst.participants} participants at once, 3 days × 2 submissions each ` +
        `(${burst.stored} check-ins stored, each exactly once):`,
    );
    printTable(
      ['round', 'requests', 'check-ins/s', 'p50 ms', 'p99 ms'],
      burst.rounds.map((round, i) => [
        ['today', 'yesterday (late)', 'two days ago (late)'][i] ?? String(i),
        String(round.requests),
        fixed(round.rps, 1),
        fixed(round.p50, 2),
        fixed(round.p99, 2),
      ]),
    );
    console.log(
      `Check-in → alert: ${burst.lag.alerts} alerts; lag p50 ${fixed(burst.lag.p50, 0)} ms, ` +
        `p99 ${fixed(burst.lag.p99, 0)} ms, max ${fixed(burst.lag.max, 0)} ms`,
    );
  }
  const standard = options.connections === 10 && options.scale === 10;
  console.log(standard ? 'Targets:' : 'Targets (defined for 10 connections at scale 10; this run differs):');
  for (const target of result.targets) {
    const value = target.unit === '×' ? `${fixed(target.value, 2)}×` : `${fixed(target.value, 2)} ms`;
    console.log(
      `  ${target.pass ? 'PASS' : 'FAIL'}  ${target.scenario.padEnd(20)} ${target.target.padEnd(28)} ${value}`,
    );
  }
}

/**
 * Left-aligns the first column and right-aligns the others.
 * @param {string[]} header
 * @param {string[][]} rows
 */
function printTable(header, rows) {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, column) => {
        const width = widths[column] ?? 0;
        return column === 0 || column === cells.length - 1 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

/**
 * Writes the whole result to bench/results/latest.json (git-ignored).
 * @param {string} file
 * @param {object} report
 */
export function writeReport(file, report) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, roundNumbers, 2)}\n`);
}

/** JSON replacer: three decimals are plenty for milliseconds and requests per second. */
function roundNumbers(/** @type {string} */ _key, /** @type {unknown} */ value) {
  return typeof value === 'number' && !Number.isInteger(value) ? round(value, 3) : value;
}

/**
 * @param {number} value
 * @param {number} digits
 */
function round(value, digits) {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * @param {number | null} value
 * @param {number} digits
 */
function fixed(value, digits) {
  return value === null || Number.isNaN(value) ? '–' : value.toFixed(digits);
}
