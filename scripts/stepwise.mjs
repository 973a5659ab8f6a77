// `npm run stepwise -- <command>`: the stepwise command-line tool, built first if needed.
import { must, run } from './lib.mjs';

await must('npx', ['tsc', '-b', 'apps/server']);
process.exitCode = await run(process.execPath, ['apps/server/dist/cli.js', ...process.argv.slice(2)]);
