/**
 * Route-level code splitting (web/src/app/lazy-page.tsx): signing in to 待办 does not fetch other pages'
 * code, a page's chunk comes when it is first opened, and a tab left open across an upgrade (its build's
 * chunks gone) reloads once into the new build instead of failing. `npm run bundle:size` prints the bytes.
 * Run: npm run build:web && node --import tsx --test e2e/lazy-pages.e2e.ts
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, type RunningServer, runInPage, screenshot, signInDemo, startServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer({ timeoutMs: 180_000 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Paths of the scripts the page fetches from now on. */
const recordScripts = (page: Page): string[] => {
  const paths: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' || request.url().endsWith('.js')) paths.push(new URL(request.url()).pathname);
  });
  return paths;
};

test('待办 comes with the first load; the 收文台账 page fetches its own code when opened', async () => {
  await runInPage(await newContext(browser, server.baseUrl), 'zz-failure-lazy-first-visit', async (page) => {
    const scripts = recordScripts(page);
    await signInDemo(page, 'clerk');
    await page.getByRole('heading', { name: '待办', level: 4 }).waitFor();
    await page.waitForLoadState('networkidle');
    const atSignIn = scripts.length;
    assert.ok(!scripts.some((path) => /LedgerPage/.test(path)), `the ledger came with sign-in: ${scripts.join(' ')}`);

    await page.getByRole('menuitem', { name: '收文台账' }).click();
    await page.getByRole('heading', { name: '收文台账', level: 4 }).waitFor();
    const later = scripts.slice(atSignIn);
    assert.ok(later.some((path) => /LedgerPage/.test(path)), `no ledger chunk fetched on opening it: ${later.join(' ')}`);
  });
});

test('a tab from before an upgrade reloads once when a page chunk is gone, then shows the page', async () => {
  const context = await newContext(browser, server.baseUrl);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  try {
    await signInDemo(page, 'clerk');
    await page.getByRole('heading', { name: '待办', level: 4 }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type), 'navigate');

    // The upgrade: none of this tab's build's chunks is on the server any more, until the page is loaded again.
    let refused = 0;
    let isReloaded = false;
    await page.route('**/*', async (route) => {
      if (route.request().isNavigationRequest()) isReloaded = true;
      if (isReloaded || !route.request().url().endsWith('.js')) return route.continue();
      refused += 1;
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
    });
    await page.getByRole('menuitem', { name: '收文台账' }).click();
    await page.waitForURL('**/cases/incoming');
    await page.getByRole('heading', { name: '收文台账', level: 4 }).waitFor();
    assert.ok(refused > 0 && isReloaded);
    assert.equal(await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).type), 'reload');
  } catch (error) {
    await screenshot(page, 'zz-failure-lazy-stale-build').catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
});
