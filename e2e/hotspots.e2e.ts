/**
 * 热线热点 through the browser on the demo office: the 话务员 opens 热线热点 from the menu, sees the chart of the
 * week's categories and the red 突增 of the demo's burst water main in 西街街道 (城乡建设/供水供气), and a click
 * on it opens the 12345 ledger filtered by that category and 街乡 for the week.
 * Run: npm run build:web && node --import tsx --test e2e/hotspots.e2e.ts
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { HotspotsView } from '../common/schemas/hotline-hotspots.js';
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

const BURST = '城乡建设/供水供气 · 西街街道';

test('热线热点: the chart, the 突增 in red, and a click through to the ledger filtered by it', async () =>
  runInPage(await newContext(browser, server.baseUrl), 'zz-failure-hotspots', async (page) => {
    await signInDemo(page, 'hotline');
    // The demo made its burst in the week it was made; a suite that runs past a Sunday midnight finds it a week back.
    const thisWeek = (await (await page.request.get('/api/hotline/hotspots')).json()) as HotspotsView;
    const hasBurst = (view: HotspotsView) => view.surges.some((surge) => surge.category === '城乡建设/供水供气' && surge.area === '西街街道');
    if (hasBurst(thisWeek)) {
      await page.getByRole('menuitem', { name: '热线热点' }).click();
    } else {
      const lastWeek = (await (await page.request.get(`/api/hotline/hotspots?week=${thisWeek.lastWeek.from}`)).json()) as HotspotsView;
      assert.ok(hasBurst(lastWeek), `no 突增 in 西街街道 this week or last: ${JSON.stringify([thisWeek.surges, lastWeek.surges])}`);
      await page.goto(`/hotspots?week=${thisWeek.lastWeek.from}`);
    }
    await page.getByRole('heading', { name: '热线热点', level: 4 }).waitFor();

    const surges = page.getByTestId('hotspots-surges');
    await surges.getByText(BURST).waitFor();
    assert.match(await surges.innerText(), /突增预警[\s\S]*本周 \d+ 件/);
    // The chart draws on a canvas once ECharts (its own chunk) has come.
    await page.getByTestId('hotspots-chart').locator('canvas').first().waitFor();
    const category = page.getByTestId('hotspots-categories').getByRole('row').filter({ hasText: '城乡建设/供水供气' });
    await category.waitFor();
    assert.match(await category.innerText(), /城乡建设\/供水供气\s+\d+\s+\d+/);
    await screenshot(page, 'hotspots-01-week');

    await surges.getByText(BURST).click();
    await page.waitForURL((url) => url.pathname === '/hotline' && url.searchParams.get('area') === '西街街道' && url.searchParams.get('category') === '城乡建设/供水供气');
    await page.getByRole('heading', { name: '12345热线', level: 4 }).waitFor();
    await page.getByText(/共 \d+ 件/).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(texts.length >= 5, `the burst's tickets: ${texts.length}`);
    for (const text of texts) assert.match(text, /城乡建设\/供水供气[\s\S]*西街街道/);
    await screenshot(page, 'hotspots-02-ledger');
  }));
