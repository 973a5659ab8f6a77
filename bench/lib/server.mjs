import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchError } from './errors.mjs';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
const cliPath = path.join(repoRoot, 'apps/server/dist/cli.js');

/** Password of every account `generate` creates. */
export const generatedPassword = 'stepwise-bench-password';

/** Compiles the server (and the packages it references); cheap when it is up to date. */
export function buildServer() {
  // The same as `npx tsc -b apps/server`, without npx's own start-up.
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-b', 'apps/server'], { cwd: repoRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new BenchError('building the server failed (tsc -b apps/server)');
}

/**
 * The server's environment for one backend. Settings from the caller's shell that would change what is
 * measured (DATABASE_URL, demo seeding, log volume) are always overridden.
 * @param {{ dataDir?: string, databaseUrl?: string }} backend
 * @returns {NodeJS.ProcessEnv}
 */
export function serverEnv(backend) {
  /** @type {NodeJS.ProcessEnv} */
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    STEPWISE_DEMO: 'never',
    // Every scenario comes from one address; the login scenario must not be throttled.
    LOGIN_MAX_FAILURES_PER_ADDRESS: '1000000',
    // Long enough that the benchmark's session never idles out between scenarios.
    SESSION_IDLE_MINUTES: '120',
  };
  delete env.DATABASE_URL;
  delete env.STEPWISE_DATA_DIR;
  if (backend.databaseUrl) env.DATABASE_URL = backend.databaseUrl;
  if (backend.dataDir) env.STEPWISE_DATA_DIR = backend.dataDir;
  return env;
}

/**
 * The sign-ins `generate --sign-ins FILE` writes, all with `generatedPassword`.
 * @typedef {object} GeneratedSignIns
 * @property {string} clinician
 * @property {string[]} dayClinicians   have sessions today, the clinician first
 * @property {{ email: string, noteIds: string[] }[]} signingPool   draft group notes ready to sign
 * @property {string[]} participants   portal accounts of admitted participants (the check-in burst)
 */

/**
 * @typedef {object} GeneratedData
 * @property {string} email      the clinician sign-in
 * @property {string} password
 * @property {string} summary    generate's "Generated …" line
 * @property {string} clinical   generate's "Clinical history: …" line
 * @property {GeneratedSignIns} signIns
 * @property {number} ms
 */

/**
 * Runs `stepwise generate --scale N` to completion (before the server starts: an embedded data folder
 * is used by one process at a time), with `signingPool` draft group notes to sign, and returns the
 * sign-ins it wrote.
 * @param {NodeJS.ProcessEnv} env
 * @param {number} scale
 * @param {number} signingPool
 * @returns {Promise<GeneratedData>}
 */
export async function generateData(env, scale, signingPool = 0) {
  const started = performance.now();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-sign-ins-'));
  const signInsFile = path.join(folder, 'sign-ins.json');
  try {
    const { code, stdout, stderr } = await runToEnd(
      process.execPath,
      [
        cliPath,
        'generate',
        '--scale',
        String(scale),
        '--signing-pool',
        String(signingPool),
        '--sign-ins',
        signInsFile,
      ],
      env,
    );
    if (code !== 0) throw new BenchError(`generate failed (exit ${code}):\n${tail(stderr || stdout)}`);
    const lines = stdout.split('\n');
    const summary = lines.find((line) => line.startsWith('Generated')) ?? '';
    const clinical = lines.find((line) => line.startsWith('Clinical history')) ?? '';
    const signIns = /** @type {GeneratedSignIns} */ (JSON.parse(fs.readFileSync(signInsFile, 'utf8')));
    return {
      email: signIns.clinician,
      password: generatedPassword,
      summary,
      clinical,
      signIns,
      ms: performance.now() - started,
    };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function runToEnd(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * @typedef {object} RunningServer
 * @property {number} pid
 * @property {string} url          base URL, no trailing slash
 * @property {number} coldStartMs  from spawn to the first 200 from /api/v1/health
 * @property {() => Promise<void>} stop
 */

/**
 * Starts `stepwise serve` and waits until /api/v1/health answers 200.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<RunningServer>}
 */
export async function startServer(env) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output = new OutputTail();
  const started = performance.now();
  const child = spawn(process.execPath, [cliPath, 'serve'], {
    cwd: repoRoot,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => output.add(chunk));
  child.stderr.on('data', (chunk) => output.add(chunk));
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  /** @type {{ code: number | null, signal: NodeJS.Signals | null } | null} */
  let exitStatus = null;
  exited.then((status) => {
    exitStatus = status;
  });

  const stop = async () => {
    if (exitStatus) return;
    child.kill('SIGTERM');
    // Unreferenced, so a pending grace timer does not keep the benchmark process alive afterwards.
    const done = await Promise.race([exited, sleep(15_000, 'timeout', { ref: false })]);
    if (done === 'timeout') {
      console.error('bench: the server did not stop within 15 s of SIGTERM; killing it');
      child.kill('SIGKILL');
      await exited;
    }
  };

  const deadline = started + 120_000;
  while (performance.now() < deadline) {
    if (exitStatus) {
      throw new BenchError(
        `the server exited during start-up (${describeExit(exitStatus)}):\n${output.text()}`,
      );
    }
    if (await isHealthy(url)) {
      if (!child.pid) throw new Error('the server has no process id');
      return { pid: child.pid, url, coldStartMs: performance.now() - started, stop };
    }
    await sleep(20);
  }
  await stop();
  throw new BenchError(`the server did not answer /api/v1/health within 120 s:\n${output.text()}`);
}

/** @param {string} url */
async function isHealthy(url) {
  try {
    const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false; // not listening yet
  }
}

/** A port nobody listens on right now (the server binds it a moment later). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** @param {{ code: number | null, signal: NodeJS.Signals | null }} status */
function describeExit(status) {
  return status.signal ? `signal ${status.signal}` : `exit ${status.code}`;
}

/** Keeps the last few kilobytes of a child's output, to show when something goes wrong. */
class OutputTail {
  #text = '';
  /** @param {Buffer | string} chunk */
  add(chunk) {
    this.#text = (this.#text + chunk).slice(-8000);
  }
  text() {
    return tail(this.#text);
  }
}

/** @param {string} text */
function tail(text) {
  return text.trim().split('\n').slice(-30).join('\n');
}

/**
 * Resident memory of a process in MiB, from /proc (Linux only; null elsewhere or once it has exited).
 * @param {number} pid
 * @returns {number | null}
 */
export function residentMiB(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib ? Number(kib) / 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Samples a process's resident memory every 100 ms and remembers the highest value.
 * @param {number} pid
 */
export function sampleResidentMemory(pid) {
  let peak = residentMiB(pid);
  const timer = setInterval(() => {
    const now = residentMiB(pid);
    if (now !== null && (peak === null || now > peak)) peak = now;
  }, 100);
  return {
    /** @returns {number | null} the peak in MiB */
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
