// `npm start`: builds what changed, then serves the API and web app (see README for configuration).
import { build, run } from './lib.mjs';

await build();
process.exitCode = await run(process.execPath, [
  'apps/server/dist/cli.js',
  'serve',
  ...process.argv.slice(2),
]);
