import { buildApp, type Router } from './app.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { auditChainJob, runAuditChaining, scheduleAuditChaining } from './jobs/audit-chain.js';
import { maintenanceJob, runMaintenance, scheduleMaintenance } from './jobs/maintenance.js';
import { JobQueue } from './jobs/queue.js';
import {
  alertEvaluateJob,
  alertSweepJob,
  runAlertEvaluation,
  runAlertSweep,
  scheduleAlertSweep,
} from './modules/alerts/alert-engine.js';
import { alertEscalateJob, alertFanOutJob } from './modules/alerts/alerts.service.js';
import {
  emailJob,
  runAlertEscalation,
  runAlertFanOut,
  runEmail,
} from './modules/notifications/notifications.service.js';
import { proposalJob, runProposalJob } from './modules/scheduling/proposals.service.js';
import { acquireDataDirLock } from './ops/data-dir-lock.js';
import { demoLogins, demoPassword, isEmpty, seedDemo } from './seed/seed-demo.js';

export interface RunningServer {
  app: Router;
  database: Database;
  queue: JobQueue;
  url: string;
  /** Stops accepting requests, lets in-flight ones finish, stops the job worker, closes the database. */
  close(): Promise<void>;
}

/** Opens the configured database (with a lock on an embedded data folder). */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl)
    return openDatabase({ databaseUrl: config.databaseUrl, poolSize: config.databasePoolSize });
  const release = acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({ dataDir: config.dataDir });
    const close = database.close.bind(database);
    database.close = async () => {
      await close();
      release();
    };
    return database;
  } catch (error) {
    release();
    throw error;
  }
}

/** The job handlers every server runs. */
export function jobHandlers() {
  return {
    [maintenanceJob]: runMaintenance,
    [auditChainJob]: runAuditChaining,
    [proposalJob]: runProposalJob,
    [alertEvaluateJob]: runAlertEvaluation,
    [alertSweepJob]: runAlertSweep,
    [alertFanOutJob]: runAlertFanOut,
    [alertEscalateJob]: runAlertEscalation,
    [emailJob]: runEmail,
  };
}

/**
 * Starts Stepwise: migrates, seeds the demo on a fresh embedded database, serves HTTP, and runs the
 * job worker. `say` receives the start-up lines meant for the operator.
 */
export async function startServer(
  config: Config,
  say: (line: string) => void = console.log,
): Promise<RunningServer> {
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database);
    if (database.kind === 'pglite' && config.demo === 'auto' && (await isEmpty(database))) {
      await seedDemo(database);
      say(
        'Seeded the demo organisations "Demo Recovery Center" and "Second Demo Clinic" (synthetic people only).',
      );
    }
    const app = await buildApp({ database, config }, { logger: config.logLevel !== 'silent' });
    const queue = new JobQueue(database, config, jobHandlers());
    await scheduleMaintenance(queue);
    await scheduleAuditChaining(queue);
    await scheduleAlertSweep(database.db);
    const address = await app.listen({ port: config.port, host: config.host });
    queue.start();
    const url = address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost');
    say(
      `Stepwise is running at ${url} (database: ${database.kind === 'pglite' ? `embedded, ${config.dataDir}` : 'PostgreSQL server'})`,
    );
    if (await hasDemo(database)) {
      say(`Demo sign-ins (password "${demoPassword}"):`);
      for (const login of demoLogins) say(`  ${login.role.padEnd(28)} ${login.email}`);
    }
    let closing: Promise<void> | undefined;
    return {
      app,
      database,
      queue,
      url,
      close() {
        closing ??= (async () => {
          await app.close();
          await queue.stop();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}

async function hasDemo(database: Database): Promise<boolean> {
  const rows = await database.raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users WHERE email = 'admin@demo.stepwise.test'`,
  );
  return Number(rows[0]?.n ?? 0) > 0;
}
