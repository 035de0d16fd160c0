#!/usr/bin/env node
// `npm test`: the server suites on the embedded database (and on PostgreSQL when
// TEST_DATABASE_URL is set), then the browser suite when a Chromium is available.
// Ends with one line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const resultsDir = path.join(root, '.test-results');
fs.mkdirSync(resultsDir, { recursive: true });

const findFiles = (dir, pattern) =>
  fs
    .readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((file) => pattern.test(file) && !file.includes('node_modules'))
    .map((file) => path.join(dir, file))
    .sort();

const chromiumPath = () =>
  [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((candidate) => candidate && fs.existsSync(candidate));

const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };

const runSuite = (name, files, env = {}) => {
  if (files.length === 0) return;
  console.log(`\n== ${name}: ${files.length} files ==`);
  const out = path.join(resultsDir, `${name.replace(/\W+/g, '-')}.json`);
  fs.rmSync(out, { force: true });
  const result = spawnSync(
    process.execPath,
    [
      '--import', 'tsx', '--test',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${path.join(root, 'scripts/count-reporter.mjs')}`, `--test-reporter-destination=${out}`,
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const counts = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8') || '{}') : {};
  totals.passed += counts.passed ?? 0;
  totals.failed += counts.failed ?? 0;
  totals.skipped += counts.skipped ?? 0;
  totals.failures.push(...(counts.failures ?? []));
  // A runner that died before reporting (crash, bad import) counts as a failure.
  if (result.status !== 0 && !(counts.failed > 0)) {
    totals.failed += 1;
    totals.failures.push(`${name}: runner exited with ${result.status}`);
  }
};

const suites = process.argv.slice(2);
const wants = (suite) => suites.length === 0 || suites.includes(suite);

const serverFiles = [...findFiles('server', /\.test\.ts$/), ...findFiles('common', /\.test\.ts$/)];
if (wants('server')) {
  runSuite('server on the embedded database (PGlite)', serverFiles.filter((file) => !file.endsWith('.pg.test.ts')), { TEST_DATABASE_URL: '' });
}
if (wants('server-pg') || (wants('server') && process.env.TEST_DATABASE_URL)) {
  if (!process.env.TEST_DATABASE_URL) {
    console.error('server-pg needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
    process.exit(1);
  }
  runSuite('server on PostgreSQL', serverFiles);
}
if (wants('e2e')) {
  const chromium = chromiumPath();
  if (!chromium) {
    const message = 'No Chromium found: browser tests (e2e) were NOT run. Install it with `apt-get install -y chromium fonts-noto-cjk` or set CHROMIUM_PATH.';
    if (process.env.CI === 'true') {
      console.error(`\n${message}`);
      totals.failed += 1;
      totals.failures.push('e2e: no Chromium');
    } else {
      console.warn(`\n${message}`);
    }
  } else {
    const build = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) {
      totals.failed += 1;
      totals.failures.push('e2e: web build failed');
    } else {
      runSuite('browser (e2e)', findFiles('e2e', /\.e2e\.ts$/), { CHROMIUM_PATH: chromium });
    }
  }
}

if (totals.failures.length > 0) console.log(`\nFailed:\n  ${totals.failures.join('\n  ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
