import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/database.js';
import { chainAllPending, orgsWithPendingEvents } from './modules/audit/audit.repository.js';
import { acquireDataDirLock } from './ops/data-dir-lock.js';
import { createServerDatabase, dropServerDatabase, testBackend } from './test/backend.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const cli = path.join(repoRoot, 'apps/server/dist/cli.js');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-cli-'));
const serverDatabases: string[] = [];

beforeAll(async () => {
  // The CLI runs from the compiled output; build it if the sources are newer (cheap when up to date).
  await run('npx', ['tsc', '-b', 'apps/server'], { cwd: repoRoot });
}, 120_000);
afterAll(async () => {
  fs.rmSync(workDir, { recursive: true, force: true });
  for (const url of serverDatabases) await dropServerDatabase(url);
});

/** Environment for a CLI run against a new database of the backend under test. */
async function newTarget(
  name: string,
): Promise<{ env: NodeJS.ProcessEnv; dataDir: string; url: string | null }> {
  const dataDir = path.join(workDir, name, 'data');
  const base = { PATH: process.env.PATH, LOG_LEVEL: 'silent', STEPWISE_DATA_DIR: dataDir };
  if (testBackend() === 'postgres') {
    const url = await createServerDatabase('cli');
    serverDatabases.push(url);
    return { env: { ...base, DATABASE_URL: url }, dataDir, url };
  }
  return { env: base, dataDir, url: null };
}

async function stepwise(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env,
      cwd: workDir,
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}

// Each case starts several processes that each open an embedded database: allow for a busy machine.
describe('the stepwise command', { timeout: 180_000 }, () => {
  it('prints one clear line and exits non-zero on a usage error', async () => {
    const { env } = await newTarget('usage');
    for (const args of [
      ['frobnicate'],
      ['generate'],
      ['generate', '--scale', 'lots'],
      ['backup'],
      ['audit'],
      ['create-admin', '--email', 'x'],
    ]) {
      const result = await stepwise(args, env);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr).toMatch(/^stepwise: /);
    }
    expect((await stepwise(['help'], env)).stdout).toMatch(/Usage: stepwise/);
    const badConfig = await stepwise(['migrate'], { ...env, PORT: 'eighty' });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr).toMatch(/PORT/);
  });

  it('migrates, creates an administrator, seeds the demo once, and verifies the audit trail', async () => {
    const target = await newTarget('admin');
    const { env } = target;
    expect((await stepwise(['migrate'], env)).stdout).toMatch(/Applied 1 foundation/);
    expect((await stepwise(['migrate'], env)).stdout).toMatch(/up to date/);

    const admin = await stepwise(
      [
        'create-admin',
        '--email',
        'Owner@Clinic.test',
        '--name',
        'Olive Owner',
        '--organisation',
        'Hillside IOP',
      ],
      {
        ...env,
        STEPWISE_ADMIN_PASSWORD: 'a long admin passphrase',
      },
    );
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/Created administrator owner@clinic.test in "Hillside IOP"/);
    const again = await stepwise(
      ['create-admin', '--email', 'owner@clinic.test', '--name', 'Olive', '--organisation', 'Hillside IOP'],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
    const generated = await stepwise(
      ['create-admin', '--email', 'second@clinic.test', '--name', 'Sam', '--organisation', 'Hillside IOP'],
      env,
    );
    expect(generated.stdout).toMatch(/Initial password \(shown once.*\): \S{20}/);

    expect((await stepwise(['seed-demo'], env)).stdout).toMatch(/admin@demo.stepwise.test/);
    expect((await stepwise(['seed-demo'], env)).stderr).toMatch(/already there/);
    const verified = await stepwise(['audit', 'verify'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/ok +Demo Recovery Center/);

    // The demo front door has a referral in every stage, and its admissions rest on decided assessments.
    const database = await openDatabase(
      target.url ? { databaseUrl: target.url } : { dataDir: target.dataDir },
    );
    const stages = await database.raw.query<{ status: string }>(
      'SELECT DISTINCT status FROM referrals ORDER BY 1',
    );
    const open = await database.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM episodes e JOIN level_of_care_assessments a ON a.id = e.level_of_care_assessment_id
       WHERE e.status = 'open' AND a.decided_level = 'iop'`,
    );
    // Its schedule never double-books a room or a facilitator, and enrols every admitted person.
    const doubleBooked = await database.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM session_occurrences a JOIN session_occurrences b
         ON a.id < b.id AND a.starts_at < b.ends_at AND a.ends_at > b.starts_at
        AND (a.room_id = b.room_id OR a.facilitator_ids && b.facilitator_ids)
       WHERE a.status = 'scheduled' AND b.status = 'scheduled'`,
    );
    const enrolled = await database.raw.query<{ n: string }>(
      `SELECT count(DISTINCT participant_id) AS n FROM series_enrolments WHERE status = 'enrolled'`,
    );
    // A few people are short of 9 hours in an ordinary week (two to three weeks ahead), and next week
    // shows a cancelled group with a make-up.
    const short = await database.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM (
         SELECT e.participant_id, sum(extract(epoch FROM o.ends_at - o.starts_at) / 60) AS minutes
         FROM series_enrolments e JOIN session_occurrences o ON o.series_id = e.series_id
         WHERE e.status = 'enrolled' AND o.status = 'scheduled'
           AND o.starts_at >= now() + interval '14 days' AND o.starts_at < now() + interval '21 days'
         GROUP BY e.participant_id) week
       WHERE minutes < 540`,
    );
    const makeups = await database.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM makeup_bookings m JOIN session_occurrences o ON o.id = m.missed_occurrence_id
       WHERE m.status = 'booked' AND o.status = 'cancelled'`,
    );
    // Every demo group belongs to its track, so a person can be enrolled in a whole track at once.
    const untracked = await database.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM session_series WHERE kind = 'group' AND track_id IS NULL`,
    );
    // Its groups teach the curriculum in rotation: every scheduled session of a modality with modules
    // teaches one, and the cancelled one none.
    const withoutModule = await database.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM session_occurrences o JOIN session_series s ON s.id = o.series_id
       WHERE s.kind = 'group' AND o.status = 'scheduled' AND o.module_id IS NULL
         AND s.modality IN (SELECT modality FROM curriculum_modules)`,
    );
    const cancelledWithModule = await database.raw.query<{ n: string }>(
      `SELECT count(*) AS n FROM session_occurrences WHERE status = 'cancelled' AND module_id IS NOT NULL`,
    );
    await database.close();
    expect(Number(withoutModule[0]?.n)).toBe(0);
    expect(Number(cancelledWithModule[0]?.n)).toBe(0);
    expect(Number(untracked[0]?.n)).toBe(0);
    expect(Number(doubleBooked[0]?.n)).toBe(0);
    expect(Number(enrolled[0]?.n)).toBe(4);
    expect(Number(short[0]?.n)).toBe(2);
    expect(Number(makeups[0]?.n)).toBe(1);
    expect(stages.map((row) => row.status)).toEqual([
      'admitted',
      'assessment',
      'declined',
      'new',
      'referred_out',
      'screening',
      'waitlisted',
    ]);
    expect(Number(open[0]?.n)).toBe(4);
  });

  it('generates the same synthetic clinic for the same scale, with a progress bar', async () => {
    const names: string[][] = [];
    for (const name of ['gen-a', 'gen-b']) {
      const target = await newTarget(name);
      const result = await stepwise(['generate', '--scale', '1'], target.env);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Generated 500 participants/);
      expect(result.stderr).toMatch(/100% participants 500\/500/);
      const database = await openDatabase(
        target.url ? { databaseUrl: target.url } : { dataDir: target.dataDir },
      );
      const rows = await database.raw.query<{ n: string }>(
        `SELECT record_number || ' ' || given_name || ' ' || family_name || ' ' || date_of_birth AS n FROM participants ORDER BY 1`,
      );
      names.push(rows.map((row) => row.n));
      await database.close();
    }
    expect(names[0]).toHaveLength(550);
    expect(names[0]).toEqual(names[1]);
  });

  it('backs up and restores through the command line, and detects a tampered trail', async () => {
    const source = await newTarget('source');
    await stepwise(['seed-demo'], source.env);
    const file = path.join(workDir, 'demo.backup');
    const written = await stepwise(['backup', file], source.env);
    expect(written.stdout).toMatch(/Wrote \d+ rows/);

    const target = await newTarget('target');
    const restored = await stepwise(['restore', file], target.env);
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/Restored \d+ rows/);
    expect((await stepwise(['restore', file], target.env)).stderr).toMatch(/not empty/);

    // Someone edits an audit event directly in the database.
    const database = await openDatabase(
      target.url ? { databaseUrl: target.url } : { dataDir: target.dataDir },
    );
    // A restored demo has no audit events yet: record one the ordinary way, let it be chained, then alter it.
    await database.raw.exec(`INSERT INTO audit_events (org_id, actor_kind, action, subject_type)
                             SELECT id, 'staff', 'participant.read', 'participant' FROM organisations LIMIT 1`);
    for (const orgId of await orgsWithPendingEvents(database.db)) {
      await chainAllPending(database, orgId);
    }
    await database.rawTransaction(async (tx) => {
      await tx.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
      await tx.exec(`UPDATE audit_events SET action = 'auth.logout' WHERE seq = 1`);
      await tx.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    });
    await database.close();
    const verified = await stepwise(['audit', 'verify'], target.env);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/BROKEN/);
    expect(verified.stderr.trim()).toBe('stepwise: audit trail verification failed for 1 organisation(s)');
  });

  it('refuses to open an embedded database another process is using', async () => {
    // Embedded databases only (whatever the backend under test): a server database has its own locking.
    const dataDir = path.join(workDir, 'locked', 'data');
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    const release = acquireDataDirLock(dataDir);
    try {
      const result = await stepwise(['migrate'], { PATH: process.env.PATH, STEPWISE_DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/in use by process \d+/);
    } finally {
      release();
    }
  });
});
