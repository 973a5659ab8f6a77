#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { emailSchema, newPasswordSchema, shortText } from '@stepwise/core';
import { eq } from 'drizzle-orm';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DatabaseUnavailable } from './db/database.js';
import { MigrationError, migrate } from './db/migrate.js';
import { organisations, users } from './db/schema.js';
import { chainAllPending, verifyChain } from './modules/audit/audit.repository.js';
import { hashPassword, randomSecret } from './modules/auth/secrets.js';
import { backup, RestoreError, restore } from './ops/backup.js';
import { DataDirInUse } from './ops/data-dir-lock.js';
import { generate, generatedPassword } from './ops/generate.js';
import { demoLogins, demoPassword, seedDemo } from './seed/seed-demo.js';
import { openConfiguredDatabase, startServer } from './server.js';

const usage = `Usage: stepwise <command>

  serve                 start the API and web app (default)
  migrate               apply pending database migrations
  create-admin          create an administrator: --email E --name N --organisation O [--password P]
                        (or STEPWISE_ADMIN_PASSWORD; a random password is printed when neither is given)
  seed-demo             add the synthetic demo organisations
  backup FILE           write a consistent backup of the whole database to FILE
  restore FILE          load a backup into an empty database
  generate --scale N    add a synthetic clinic of N × 500 participants (for benchmarks);
                        --signing-pool M also writes M draft group notes ready to sign, and
                        --sign-ins FILE writes the benchmark's sign-ins and those notes' ids as JSON
  audit verify          check every organisation's audit hash chain

Configuration comes from environment variables; see README.md.`;

/** An error meant for the operator: printed as one line, exit status 1. */
class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(usage);
    return 0;
  }
  const config = loadConfig();
  switch (command) {
    case 'serve':
      return serve(config);
    case 'migrate':
      return withDatabase(config, async (database) => {
        const applied = await migrate(database);
        console.log(
          applied.length
            ? `Applied ${applied.map((m) => `${m.version} ${m.name}`).join(', ')}`
            : 'Database is up to date.',
        );
      });
    case 'create-admin':
      return createAdmin(config, rest);
    case 'seed-demo':
      return withDatabase(config, async (database) => {
        await migrate(database);
        const [existing] = await database.db
          .select({ id: users.id })
          .from(users)
          .where(eq(users.email, 'admin@demo.stepwise.test'));
        if (existing) throw new UsageError('the demo organisations are already there');
        await seedDemo(database);
        console.log(`Seeded the demo. Sign in with password "${demoPassword}" as:`);
        for (const login of demoLogins) console.log(`  ${login.role.padEnd(28)} ${login.email}`);
      });
    case 'backup': {
      const file = singleArgument(rest, 'backup FILE');
      return withDatabase(config, async (database) => {
        await migrate(database);
        const result = await backup(database, file);
        console.log(`Wrote ${result.rows} rows to ${file}`);
      });
    }
    case 'restore': {
      const file = singleArgument(rest, 'restore FILE');
      return withDatabase(config, async (database) => {
        const result = await restore(database, file);
        console.log(`Restored ${result.rows} rows from ${file}`);
      });
    }
    case 'generate': {
      const { values } = parseArgs({
        args: rest,
        options: {
          scale: { type: 'string' },
          'signing-pool': { type: 'string', default: '0' },
          'sign-ins': { type: 'string' },
        },
        strict: true,
      });
      const scale = Number(values.scale);
      if (!Number.isInteger(scale) || scale < 1 || scale > 1000)
        throw new UsageError('generate needs --scale N with N from 1 to 1000');
      const signingPool = Number(values['signing-pool']);
      if (!Number.isInteger(signingPool) || signingPool < 0)
        throw new UsageError('--signing-pool needs a whole number of notes');
      return withDatabase(config, async (database) => {
        await migrate(database);
        const result = await generate(database, scale, progressBar, new Date(), { signingPool });
        process.stderr.write('\n');
        const { clinical } = result;
        console.log(
          `Clinical history: ${clinical.plans} treatment plans, ${clinical.attendance} attendance records, ` +
            `${clinical.signedNotes} signed group notes, ${clinical.openTasks} open follow-ups, ` +
            `${clinical.openAlerts} open alerts; ${clinical.draftNotes} group notes ready to sign.`,
        );
        const signIns = values['sign-ins'];
        if (signIns) {
          writeFileSync(
            signIns,
            `${JSON.stringify({ organisationId: result.organisationId, ...result.logins })}\n`,
          );
        }
        console.log(
          `Generated ${result.participants} participants, ${result.contacts} contacts and ${result.staff} staff ` +
            `(organisation ${result.organisationId}). Clinician sign-in: ${result.logins.clinician} / ${generatedPassword}`,
        );
      });
    }
    case 'audit': {
      if (rest[0] !== 'verify' || rest.length !== 1) throw new UsageError('usage: stepwise audit verify');
      return withDatabase(config, async (database) => {
        await migrate(database);
        // Runs as the database owner on purpose: it checks every organisation's chain.
        const orgs = await database.db
          .select({ id: organisations.id, name: organisations.name })
          .from(organisations);
        let failed = 0;
        for (const org of orgs) {
          await chainAllPending(database, org.id);
          const result = await verifyChain(database.db, org.id);
          if (result.ok) {
            console.log(`ok      ${org.name}: ${result.eventsChecked} events`);
          } else {
            failed += 1;
            console.log(`BROKEN  ${org.name}: ${result.problems.length} problem(s)`);
            for (const problem of result.problems)
              console.log(`        event ${problem.seq ?? '-'}: ${problem.problem}`);
          }
        }
        if (failed > 0) throw new UsageError(`audit trail verification failed for ${failed} organisation(s)`);
      });
    }
    default:
      throw new UsageError(`unknown command "${command}"; run "stepwise help"`);
  }
}

function singleArgument(rest: string[], form: string): string {
  if (rest.length !== 1 || !rest[0] || rest[0].startsWith('-'))
    throw new UsageError(`usage: stepwise ${form}`);
  return rest[0];
}

async function withDatabase(
  config: Config,
  fn: (database: Awaited<ReturnType<typeof openConfiguredDatabase>>) => Promise<void>,
): Promise<number> {
  const database = await openConfiguredDatabase(config);
  try {
    await fn(database);
    return 0;
  } finally {
    await database.close();
  }
}

async function createAdmin(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      organisation: { type: 'string' },
      password: { type: 'string' },
    },
    strict: true,
  });
  const email = emailSchema.safeParse(values.email ?? '');
  if (!email.success) throw new UsageError('--email must be an email address');
  const name = shortText(120).safeParse(values.name ?? '');
  if (!name.success) throw new UsageError('--name is required');
  const organisation = shortText().safeParse(values.organisation ?? '');
  if (!organisation.success)
    throw new UsageError('--organisation is required (an existing one is joined, a new one created)');
  const given = values.password ?? process.env.STEPWISE_ADMIN_PASSWORD;
  const password = given ?? randomSecret().slice(0, 20);
  if (!newPasswordSchema.safeParse(password).success)
    throw new UsageError('the password must be at least 12 characters');
  const passwordHash = await hashPassword(password);
  return withDatabase(config, async (database) => {
    await migrate(database);
    // Runs as the database owner: an operator's command, before any user exists.
    const [taken] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, email.data));
    if (taken) throw new UsageError('an account with this email already exists');
    let [org] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, organisation.data))
      .limit(1);
    if (!org) [org] = await database.db.insert(organisations).values({ name: organisation.data }).returning();
    if (!org) throw new UsageError('the organisation could not be created');
    await database.db.insert(users).values({
      orgId: org.id,
      email: email.data,
      displayName: name.data,
      kind: 'staff',
      roles: ['admin'],
      passwordHash,
    });
    console.log(`Created administrator ${email.data} in "${org.name}".`);
    if (!given) console.log(`Initial password (shown once; change it after signing in): ${password}`);
  });
}

function progressBar(done: number, total: number, label: string): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  const percent = Math.floor((done / total) * 100);
  process.stderr.write(
    `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${label} ${done}/${total}`,
  );
}

async function serve(config: Config): Promise<number> {
  const server = await startServer(config);
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      console.log(`Received ${signal}; finishing requests in progress and closing the database…`);
      server.close().then(resolve, resolve);
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = [UsageError, ConfigError, MigrationError, RestoreError, DataDirInUse, DatabaseUnavailable];
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    const isArgumentError = typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
    if (known.some((kind) => error instanceof kind) || isArgumentError) {
      console.error(`stepwise: ${message}`);
    } else {
      console.error(`stepwise: unexpected error: ${message}`);
    }
    process.exitCode = 1;
  },
);
