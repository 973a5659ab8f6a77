// `npm run build`: compiles the server and core, and builds the web app.
import { build } from './lib.mjs';

await build({ force: process.argv.includes('--force') });
