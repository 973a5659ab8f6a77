#!/usr/bin/env node
/**
 * The schedule optimizer's benchmark: generated programs of 60, 300 and 1,000 participants, solved by
 * the compiled server's optimizer in this process. Part of `npm run bench` (after the HTTP scenarios);
 * alone: `node bench/optimizer.mjs [--quick]`. See bench/README.md.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BenchError } from './lib/errors.mjs';
import { machineInfo, writeReport } from './lib/report.mjs';
import { buildServer, repoRoot } from './lib/server.mjs';

const resultsFile = path.join(repoRoot, 'bench/results/optimizer.json');
const optimizerDir = path.join(repoRoot, 'apps/server/dist/modules/scheduling/optimizer');

/**
 * Program sizes: participants and groups (each group meets one to three times a week). The last, in
 * full runs only, has fewer seats than the participants' minimums need: not everyone can meet theirs,
 * which is where the solver has to work for its bound.
 */
const sizes = [
  { participants: 60, groups: 20, tight: false },
  { participants: 300, groups: 80, tight: false },
  { participants: 1000, groups: 250, tight: false },
  { participants: 1000, groups: 200, tight: true },
];
/** One fixed seed per run of the benchmark: the same programs every time. */
const seed = 2026;
const timeLimitSeconds = 10;
/** The target, for the largest program. */
const target = { participants: 1000, maxSeconds: 10, maxGapPercent: 1 };

/**
 * @typedef {object} SizeResult
 * @property {number} participants
 * @property {number} groups
 * @property {boolean} tight           fewer seats than the minimums need (not part of the target)
 * @property {number} sessionsPerWeek
 * @property {number} seatsToNeed      seat-minutes a week over the participants' required minutes
 * @property {number[]} seconds        each run's wall-clock time of proposeAssignment
 * @property {number} medianSeconds
 * @property {string} status           of the median run
 * @property {number} greedyMeeting    meeting their minimum under first-come, first-served (for comparison)
 * @property {number} meetingMinimum   of the median run
 * @property {number} meetingMinimumBound
 * @property {number} violations       hard-constraint violations over all runs (must be 0)
 * @property {number} objective
 * @property {number} bound
 * @property {number} gapPercent
 * @property {object[]} stages         of the median run
 */

/**
 * Runs every size and prints a table; returns the results (also written to bench/results/optimizer.json).
 * Expects the server to be built (buildServer).
 * @param {{ quick: boolean }} options  quick: the 60 and 300 sizes, one run each
 */
export async function benchOptimizer(options) {
  const runs = options.quick ? 1 : 3;
  const chosen = options.quick ? sizes.slice(0, 2) : sizes;
  const optimizer = await import(pathToFileURL(path.join(optimizerDir, 'optimizer.js')).href);
  const { generateProgram } = await import(pathToFileURL(path.join(optimizerDir, 'generate.js')).href);
  const loadBefore = os.loadavg()[0] ?? 0;
  console.log(
    `\nSchedule optimizer: ${chosen.map((size) => `${size.participants}/${size.groups}`).join(', ')} ` +
      `participants/groups, ${runs} run${runs === 1 ? '' : 's'} each, ${timeLimitSeconds} s limit, ` +
      `${os.cpus().length} CPUs, Node ${process.version}`,
  );
  // Compiling HiGHS's WebAssembly happens once per process; a small solve first keeps it out of the timings.
  await optimizer.proposeAssignment(generateProgram({ seed, participants: 10, groups: 4 }));

  /** @type {SizeResult[]} */
  const results = [];
  for (const size of chosen) {
    const input = generateProgram({ seed, participants: size.participants, groups: size.groups });
    /** @type {{ seconds: number, result: any, violations: number }[]} */
    const measured = [];
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const result = await optimizer.proposeAssignment({ ...input, timeLimitSeconds });
      const seconds = (performance.now() - started) / 1000;
      const violations = optimizer.checkHardConstraints(input, result).length;
      measured.push({ seconds, result, violations });
      process.stdout.write(run === 0 ? `  ${size.participants}/${size.groups}: ` : '');
      process.stdout.write(`${seconds.toFixed(2)} s${run < runs - 1 ? ', ' : '\n'}`);
    }
    const median = [...measured].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs / 2)] ?? measured[0];
    if (!median) throw new BenchError('no optimizer run');
    const { result } = median;
    results.push({
      ...size,
      sessionsPerWeek: input.groups.reduce((sum, group) => sum + group.slots.length, 0),
      seatsToNeed: seatMinutes(input) / requiredMinutes(input),
      greedyMeeting: firstComeFirstServed(input, optimizer),
      seconds: measured.map((run) => run.seconds),
      medianSeconds: median.seconds,
      status: result.status,
      meetingMinimum: result.meetingMinimum,
      meetingMinimumBound: result.meetingMinimumBound,
      violations: measured.reduce((sum, run) => sum + run.violations, 0),
      objective: result.objective,
      bound: result.bound,
      gapPercent: result.gap * 100,
      stages: result.stages,
    });
  }
  const loadAfter = os.loadavg()[0] ?? 0;

  printResults(results);
  const largest = results.find((result) => result.participants === target.participants && !result.tight);
  const targetMet = largest
    ? largest.medianSeconds < target.maxSeconds &&
      largest.gapPercent < target.maxGapPercent &&
      largest.violations === 0
    : null;
  if (largest) {
    console.log(
      `Target: ${target.participants} participants in under ${target.maxSeconds} s with every hard constraint ` +
        `met and a proven gap under ${target.maxGapPercent}%: ${targetMet ? 'PASS' : 'FAIL'}`,
    );
  }
  console.log(
    `Load average (1 min): ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after, on ${os.cpus().length} CPUs` +
      ' (the solver keeps one busy).',
  );
  writeReport(resultsFile, {
    date: new Date().toISOString(),
    machine: { ...machineInfo(), loadAverage1m: { before: loadBefore, after: loadAfter } },
    options: { quick: options.quick, runs, seed, timeLimitSeconds },
    target: { ...target, met: targetMet },
    sizes: results,
  });
  console.log(`Wrote ${path.relative(process.cwd(), resultsFile)}`);
  return results;
}

/**
 * How many would meet their minimum if each participant in turn took open groups that fit their week
 * until they had it: the baseline the optimizer should beat.
 * @param {any} input
 * @param {{ eligibilityOf: Function, overlaps: Function }} optimizer
 */
function firstComeFirstServed(input, optimizer) {
  const seats = new Map(input.groups.map((/** @type {any} */ group) => [group.id, group.capacity]));
  const minutesOf = (/** @type {any} */ group) =>
    group.slots.reduce(
      (/** @type {number} */ sum, /** @type {any} */ slot) => sum + slot.end - slot.start,
      0,
    );
  let meeting = 0;
  for (const participant of input.participants) {
    /** @type {any[]} */
    const chosen = [];
    let minutes = 0;
    for (const group of optimizer.eligibilityOf(participant, input.groups).eligible) {
      if (minutes >= participant.requiredMinutes || seats.get(group.id) <= 0) continue;
      if (minutes + minutesOf(group) > (participant.maxMinutes ?? 19 * 60)) continue;
      const clash = chosen.some((other) =>
        other.slots.some((/** @type {any} */ a) =>
          group.slots.some((/** @type {any} */ b) => optimizer.overlaps(a, b)),
        ),
      );
      if (clash) continue;
      chosen.push(group);
      minutes += minutesOf(group);
      seats.set(group.id, seats.get(group.id) - 1);
    }
    if (minutes >= participant.requiredMinutes) meeting += 1;
  }
  return meeting;
}

/** @param {{ groups: { capacity: number, slots: { start: number, end: number }[] }[] }} input */
function seatMinutes(input) {
  return input.groups.reduce(
    (sum, group) =>
      sum + group.capacity * group.slots.reduce((total, slot) => total + slot.end - slot.start, 0),
    0,
  );
}

/** @param {{ participants: { requiredMinutes: number }[] }} input */
function requiredMinutes(input) {
  return Math.max(
    1,
    input.participants.reduce((sum, participant) => sum + participant.requiredMinutes, 0),
  );
}

/** @param {SizeResult[]} results */
function printResults(results) {
  const header = [
    'participants',
    'groups',
    'sessions/wk',
    'seats/need',
    'time s (median)',
    'first come',
    'meeting min.',
    'provably ≤',
    'violations',
    'objective',
    'bound',
    'gap',
    'status',
  ];
  const rows = results.map((result) => [
    `${result.participants}${result.tight ? ' (tight)' : ''}`,
    String(result.groups),
    String(result.sessionsPerWeek),
    result.seatsToNeed.toFixed(2),
    result.medianSeconds.toFixed(2),
    String(result.greedyMeeting),
    String(result.meetingMinimum),
    String(result.meetingMinimumBound),
    String(result.violations),
    result.objective.toFixed(3),
    result.bound.toFixed(3),
    `${result.gapPercent.toFixed(3)}%`,
    result.status,
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, column) =>
        column === 0 || column === cells.length - 1
          ? cell.padEnd(widths[column] ?? 0)
          : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log('');
  for (const result of results) {
    const stages = result.stages
      .map(
        (
          /** @type {{ name: string, seconds: number, columns: number, integers: number, rows: number }} */ stage,
        ) =>
          `${stage.name} ${stage.seconds.toFixed(2)} s (${stage.columns} columns, ${stage.integers} integer, ` +
          `${stage.rows} rows)`,
      )
      .join(', ');
    console.log(`  ${result.participants}/${result.groups}${result.tight ? ' (tight)' : ''}: ${stages}`);
  }
}

/** Whether this file was run directly rather than imported by bench/run.mjs. */
const direct = process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url;
if (direct) {
  const quick = process.argv.includes('--quick');
  try {
    buildServer();
    const results = await benchOptimizer({ quick });
    const violations = results.reduce((sum, result) => sum + result.violations, 0);
    if (violations > 0) {
      console.error(`\nbench failed: ${violations} hard-constraint violation(s)`);
      process.exitCode = 1;
    }
  } catch (error) {
    console.error(
      `\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exitCode = 1;
  }
}
