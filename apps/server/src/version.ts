import fs from 'node:fs';
import path from 'node:path';

/** The server's version, from apps/server/package.json. */
export const serverVersion: string = (
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as {
    version: string;
  }
).version;
