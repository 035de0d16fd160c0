/**
 * Makes the demo office the browser suite starts from: a server on an empty data directory seeds the
 * demo office and its (small) demo year, is stopped cleanly, and leaves the directory for each e2e
 * file's server to start on a copy of (E2E_TEMPLATE_DIR, see harness.ts).
 * Run: node --import tsx e2e/prepare-template.ts <dir>
 */
import { rm } from 'node:fs/promises';
import { startServer } from './harness.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: prepare-template.ts <data dir>');
await rm(dataDir, { recursive: true, force: true });
const started = Date.now();
const server = await startServer({ timeoutMs: 300_000, dataDir, keepDataDir: true });
await server.stop();
console.log(`e2e template: a demo office in ${dataDir} (${Math.round((Date.now() - started) / 1000)} s)`);
