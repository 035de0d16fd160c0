#!/usr/bin/env node
// `npm test`: the server suites on the embedded database (and on PostgreSQL when
// TEST_DATABASE_URL is set), then the browser suite when a Chromium is available.
// Ends with one line: `N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Runs one suite's files under node:test. With `quiet`, the spec output goes to a file and is printed
 * when the suite ends, so two suites can run at once without interleaving their lines.
 */
const runSuite = async (name, files, env = {}, { quiet = false } = {}) => {
  if (files.length === 0) return;
  const slug = name.replace(/\W+/g, '-');
  const out = path.join(resultsDir, `${slug}.json`);
  const log = path.join(resultsDir, `${slug}.log`);
  fs.rmSync(out, { force: true });
  if (!quiet) console.log(`\n== ${name}: ${files.length} files ==`);
  const started = Date.now();
  const logFd = quiet ? fs.openSync(log, 'w') : undefined;
  const child = spawn(
    process.execPath,
    [
      // TypeScript by in-thread hooks (scripts/ts-hooks.mjs), not tsx's loader thread: a second or more saved per file.
      '--import', path.join(root, 'scripts/ts-hooks.mjs'), '--test',
      // A file whose tests are done but whose handle stays open (a database a test forgot to close) would wait
      // forever and take CI past its limit; its results are in by then, so end it.
      '--test-force-exit',
      '--test-reporter=spec', '--test-reporter-destination=stdout',
      `--test-reporter=${path.join(root, 'scripts/count-reporter.mjs')}`, `--test-reporter-destination=${out}`,
      ...files,
    ],
    // V8's code cache on disk (NODE_COMPILE_CACHE): every file's process, and the servers they start, compile the
    // same modules; with ts-hooks' transform cache a process starts in about half the time.
    { cwd: root, stdio: quiet ? ['ignore', logFd, logFd] : 'inherit', env: { NODE_COMPILE_CACHE: path.join(root, 'node_modules/.cache/node-compile'), ...process.env, ...env } },
  );
  const status = await new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  if (quiet) {
    fs.closeSync(logFd);
    console.log(`\n== ${name}: ${files.length} files ==`);
    process.stdout.write(fs.readFileSync(log, 'utf8'));
  }
  console.log(`== ${name}: ${Math.round((Date.now() - started) / 1000)} s ==`);
  const counts = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, 'utf8') || '{}') : {};
  const slowest = Object.entries(counts.seconds ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 12);
  if (slowest.length > 0) console.log(`slowest files:\n${slowest.map(([file, seconds]) => `  ${seconds.toFixed(0).padStart(4)} s  ${path.relative(root, file)}`).join('\n')}`);
  totals.passed += counts.passed ?? 0;
  totals.failed += counts.failed ?? 0;
  totals.skipped += counts.skipped ?? 0;
  totals.failures.push(...(counts.failures ?? []));
  // A runner that died before reporting (crash, bad import) counts as a failure.
  if (status !== 0 && !(counts.failed > 0)) {
    totals.failed += 1;
    totals.failures.push(`${name}: runner exited with ${status}`);
  }
};

const suites = process.argv.slice(2);
const wants = (suite) => suites.length === 0 || suites.includes(suite);

const serverFiles = [...findFiles('server', /\.test\.ts$/), ...findFiles('common', /\.test\.ts$/)];
const serverSuites = [];
if (wants('server')) {
  serverSuites.push(['server on the embedded database (PGlite)', serverFiles.filter((file) => !file.endsWith('.pg.test.ts')), { TEST_DATABASE_URL: '' }]);
}
if (wants('server-pg') || (wants('server') && process.env.TEST_DATABASE_URL)) {
  if (!process.env.TEST_DATABASE_URL) {
    console.error('server-pg needs TEST_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres');
    process.exit(1);
  }
  serverSuites.push(['server on PostgreSQL', serverFiles, {}]);
}
// The two databases' suites at once: each file has a database of its own, and one suite alone keeps
// about one core busy (node:test runs files one at a time on a two-core machine).
await Promise.all(serverSuites.map(([name, files, env]) => runSuite(name, files, env, { quiet: serverSuites.length > 1 })));
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
      // One demo office for the whole suite: each file's server starts on a copy of it (harness.ts).
      const template = path.join(resultsDir, 'e2e-template');
      const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'e2e/prepare-template.ts', template], { cwd: root, stdio: 'inherit' });
      if (prepared.status !== 0) {
        totals.failed += 1;
        totals.failures.push('e2e: the demo office template could not be made (see e2e/artifacts/server-template.log)');
      } else {
        await runSuite('browser (e2e)', findFiles('e2e', /\.e2e\.ts$/), { CHROMIUM_PATH: chromium, E2E_TEMPLATE_DIR: template });
      }
      fs.rmSync(template, { recursive: true, force: true });
    }
  }
}

if (totals.failures.length > 0) console.log(`\nFailed:\n  ${totals.failures.join('\n  ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
