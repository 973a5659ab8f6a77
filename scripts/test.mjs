// `npm test`: lint and format check, type-check of every package, then the test suites:
//   core     pure domain rules
//   server   integration tests on the embedded database, and again on a PostgreSQL server when
//            TEST_DATABASE_URL is set
//   browser  journeys in Chromium, when /usr/bin/chromium (or CHROMIUM_PATH) exists
// STEPWISE_REQUIRE_POSTGRES=1 and STEPWISE_REQUIRE_BROWSER=1 (set by .ci/run) turn a missing
// PostgreSQL server or Chromium into a failure instead of a skipped suite.
import fs from 'node:fs';
import { build, must, run } from './lib.mjs';

const requirePostgres = process.env.STEPWISE_REQUIRE_POSTGRES === '1';
const requireBrowser = process.env.STEPWISE_REQUIRE_BROWSER === '1';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const results = [];

async function suite(name, args, env = {}) {
  const started = Date.now();
  const code = await run('npx', ['vitest', 'run', ...args], { env });
  results.push({ name, code, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('▶ lint and format (biome)');
await must('npx', ['biome', 'check', '.']);
console.log('▶ type-check');
await must('npx', ['tsc', '-b', 'apps/server']);
await must('npx', ['tsc', '-p', 'apps/web', '--noEmit']);
await must('npx', ['tsc', '-p', 'tsconfig.tests.json']);

await suite('core', ['--project', 'core']);
await suite('server on embedded PGlite', ['--project', 'server'], { STEPWISE_TEST_BACKEND: 'pglite' });

if (process.env.TEST_DATABASE_URL) {
  await suite('server on PostgreSQL', ['--project', 'server'], { STEPWISE_TEST_BACKEND: 'postgres' });
} else if (requirePostgres) {
  console.error('✗ TEST_DATABASE_URL is not set but STEPWISE_REQUIRE_POSTGRES=1');
  results.push({ name: 'server on PostgreSQL', code: 1, seconds: 0 });
} else {
  console.log(
    '• PostgreSQL server suite skipped: set TEST_DATABASE_URL=postgres://… to run the integration tests on a server too.',
  );
}

if (fs.existsSync(chromium)) {
  await build();
  await suite('browser (Chromium)', ['--project', 'browser'], { CHROMIUM_PATH: chromium });
} else if (requireBrowser) {
  console.error(`✗ Chromium not found at ${chromium} but STEPWISE_REQUIRE_BROWSER=1`);
  results.push({ name: 'browser (Chromium)', code: 1, seconds: 0 });
} else {
  console.log(
    `• Browser suite skipped: no Chromium at ${chromium} (apt-get install chromium, or set CHROMIUM_PATH).`,
  );
}

console.log('\nSummary');
for (const result of results)
  console.log(`  ${result.code === 0 ? '✓' : '✗'} ${result.name} (${result.seconds}s)`);
const failed = results.filter((result) => result.code !== 0).length;
console.log(`suites: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
