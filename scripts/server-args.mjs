/**
 * How `npm start` runs the server — the node flags and the entry — read from package.json's start script, so that
 * the benches and the crash test measure the process an office runs, flags included, with one place to change them.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const start = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.start;
// The last command of the script: `… && NODE_ENV=production node <flags> --import tsx server/src/main.ts`.
const match = /(?:^|&&)\s*(?:[A-Z_]+=\S+\s+)*node\s+([^&]*server\/src\/main\.ts)\s*$/.exec(start);
if (!match) throw new Error(`package.json's start script does not end by running server/src/main.ts with node: ${start}`);

/** The arguments after `node` in `npm start`, e.g. ['--max-semi-space-size=8', …, '--import', 'tsx', 'server/src/main.ts']. */
export const serverArgs = match[1].trim().split(/\s+/);
