#!/usr/bin/env node
/**
 * `npm run bundle:size`: how much JavaScript a browser loads from /login, through signing in, to 待办
 * (/inbox). Measured for real rather than from the build's file list: the production server (the e2e
 * harness's startServer, serving web/dist) and headless Chromium sign the demo user `clerk` in, and
 * every JavaScript response of that visit is counted, whichever chunk the router pulled in.
 *
 * The figure is gzip level 9 of each response's decoded body (what `vite build` reports as "gzip"),
 * not the bytes on the wire: the server sends brotli to Chromium, which is smaller, so the gzip
 * figure is the conservative one and does not depend on the browser's Accept-Encoding. The wire
 * bytes and their encoding are printed beside it.
 *
 * Exits 1 when the total is 400 kB (400,000 bytes, the unit vite prints) or more, or when the visit
 * logged a console error. `--no-build` measures the web/dist already there instead of building.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEMO_PASSWORD, launchBrowser, newContext, repoRoot, startServer, watchConsole } from '../e2e/harness.ts';

const budgetBytes = 400_000;
const demoUser = 'clerk';

const build = () => {
  const result = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

/** Signs `clerk` in from /login and waits for 待办 to show its list; returns every JavaScript response. */
const visitLoginToInbox = async (baseUrl) => {
  const browser = await launchBrowser();
  try {
    // A fresh context: an empty cache, as for a first visit.
    const context = await newContext(browser, baseUrl);
    const page = await context.newPage();
    const watcher = watchConsole(page);
    const scripts = [];
    page.on('response', (response) => {
      const type = response.headers()['content-type'] ?? '';
      if (response.request().resourceType() === 'script' || /javascript/.test(type)) scripts.push(response);
    });
    await page.goto('/login');
    await page.getByLabel('用户名').fill(demoUser);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/inbox');
    await page.getByRole('heading', { name: '待办' }).first().waitFor();
    // Whatever the page fetches once it shows (a chunk loaded after the first paint counts too).
    await page.waitForLoadState('networkidle');
    const rows = [];
    for (const response of scripts) {
      const body = await response.body();
      const sizes = await response.request().sizes();
      rows.push({
        chunk: new URL(response.url()).pathname,
        rawBytes: body.length,
        gzipBytes: gzipSync(body, { level: 9 }).length,
        wireBytes: sizes.responseBodySize,
        encoding: response.headers()['content-encoding'] ?? 'identity',
      });
    }
    await context.close();
    return { rows, errors: watcher.errors };
  } finally {
    await browser.close();
  }
};

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

const printTable = (rows) => {
  const header = ['chunk', 'raw', 'gzip -9', 'sent'];
  const lines = rows.map((row) => [row.chunk, kB(row.rawBytes), kB(row.gzipBytes), `${kB(row.wireBytes)} ${row.encoding}`]);
  const total = (key) => rows.reduce((sum, row) => sum + row[key], 0);
  const footer = ['total', kB(total('rawBytes')), kB(total('gzipBytes')), kB(total('wireBytes'))];
  const widths = header.map((_, column) => Math.max(...[header, ...lines, footer].map((line) => line[column].length)));
  const format = (line) => line.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  console.log([format(header), rule, ...lines.map(format), rule, format(footer)].join('\n'));
  return total('gzipBytes');
};

if (!process.argv.includes('--no-build')) build();
if (!existsSync(path.join(repoRoot, 'web', 'dist', 'index.html'))) {
  console.error('web/dist/index.html is missing: run `npm run build:web` first');
  process.exit(1);
}

const server = await startServer();
let result;
try {
  result = await visitLoginToInbox(server.baseUrl);
} finally {
  await server.stop();
}

console.log(`JavaScript loaded from /login to /inbox (signed in as ${demoUser}); gzip -9 of each decoded body, 1 kB = 1000 bytes:\n`);
const totalGzip = printTable(result.rows.sort((a, b) => b.gzipBytes - a.gzipBytes));
console.log(`\n${result.rows.length} scripts, ${kB(totalGzip)} gzipped; budget < ${kB(budgetBytes)}.`);
let failed = false;
if (result.errors.length > 0) {
  console.error(`console errors during the visit: ${result.errors.join(' | ')}`);
  failed = true;
}
if (totalGzip >= budgetBytes) {
  console.error(`over budget by ${kB(totalGzip - budgetBytes + 1)}`);
  failed = true;
}
process.exit(failed ? 1 : 0);
