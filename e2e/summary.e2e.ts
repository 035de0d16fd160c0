/**
 * 工作总结 through the browser on the demo office: the director generates this year's summary from the
 * 市 template; its numbers are the metrics' (收文 matches 数据统计's card) and open the records behind
 * them; gaps are marked 【待补充】; a paragraph is edited around its number and saved as version 2; the
 * Word file downloads.
 * Run: npm run build:web && node --import tsx --test e2e/summary.e2e.ts
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { unzip } from '../server/test/office-files.js';
import { launchBrowser, newContext, pickSingleOption, type RunningServer, runInPage, screenshot, signInDemo, startServer } from './harness.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer({ timeoutMs: 240_000 });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('工作总结: generated from the metrics, a number opens its records, a paragraph edited around its number, version 2, Word', async () =>
  runInPage(await newContext(browser, server.baseUrl), 'zz-failure-summary', async (page) => {
    await signInDemo(page, 'director');
    const year = new Date().getFullYear();
    const received = await (await page.request.get(`/api/metrics/incoming.received?from=${year}-01-01&to=${year}-12-31`)).json();
    assert.ok(received.value > 0, 'the demo year has 收文');

    await page.getByRole('menuitem', { name: '工作总结' }).click();
    await page.getByRole('button', { name: '生成总结草稿' }).click();
    const dialog = page.getByRole('dialog', { name: '生成总结草稿' });
    await dialog.getByLabel('模板').click();
    await pickSingleOption(page, '市政府办公室年度工作总结');
    await dialog.getByRole('button', { name: '生 成' }).or(dialog.getByRole('button', { name: '生成' })).first().click();
    await page.waitForURL(/\/summaries\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: `示例市人民政府办公室${year}年工作总结` }).first().waitFor();

    // The opening's first number is this year's 收文, as 数据统计 counts it; a click opens the records.
    const opening = page.getByTestId('summary-paragraph').first();
    const number = opening.locator('[data-metric="incoming.received"]').first();
    assert.equal(await number.innerText(), `${received.value}件`);
    await page.locator('mark.fb-summary-gap').filter({ hasText: '【待补充：公务车辆安全行驶里程（未接入）】' }).waitFor();
    await number.click();
    const drawer = page.getByRole('dialog', { name: '收文件数 · 明细' });
    await drawer.getByText(`共 ${received.value} 件`).waitFor();
    await screenshot(page, 'summary-1-number-records');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Edit the opening: new words around the same number token; save → version 2, the number still linked.
    await opening.getByRole('button', { name: '编辑' }).click();
    const text = page.getByLabel('段落');
    await text.fill('这一年，全办共办理收文{{incoming.received}}{{incoming.received|同比}}，各项工作稳步推进。');
    await page.getByRole('button', { name: '完 成' }).or(page.getByRole('button', { name: '完成' })).first().click();
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).first().click();
    await page.getByText('第 2 版').waitFor();
    await page.getByTestId('summary-paragraph').first().filter({ hasText: /^这一年，全办共办理收文\d+件/ }).waitFor();
    assert.equal(await page.getByTestId('summary-paragraph').first().locator('[data-metric="incoming.received"]').first().innerText(), `${received.value}件`);
    await screenshot(page, 'summary-2-edited');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('summary-docx').click()]);
    const xml = unzip(await readFile((await download.path())!)).get('word/document.xml')!;
    assert.ok(xml.includes(`全办共办理收文${received.value}件`), 'the edited paragraph with its number');
    assert.ok(xml.includes('【待补充：'), 'the gaps stay visible');
  }));

test('领导驾驶舱 on a phone: the mayor sees each module’s figure, opens the records behind one, this year against last, and today’s red list', async () =>
  runInPage(
    await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
    'zz-failure-dashboard',
    async (page) => {
      await signInDemo(page, 'mayor');
      await page.goto('/dashboard');
      const figures = page.getByTestId('dashboard-figure');
      await figures.first().waitFor();
      assert.ok((await figures.count()) >= 6, 'a figure per module');
      const year = new Date().getFullYear();
      const received = await (await page.request.get(`/api/metrics/incoming.received?from=${year}-01-01`)).json();
      const card = figures.filter({ hasText: '办文 · 收文件数' });
      assert.match(await card.innerText(), new RegExp(`${received.value.toLocaleString('zh-CN')}`));
      await page.getByRole('img', { name: '收文件数逐月对比' }).locator('canvas').waitFor();
      const red = page.getByTestId('dashboard-red');
      assert.match(await red.innerText(), /今日红灯（逾期未办结）\d+ 件/);
      // Nothing runs off the side of a phone.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll');
      await screenshot(page, 'dashboard-phone');
      await card.click();
      await page.getByRole('dialog', { name: '收文件数 · 明细' }).getByText(`共 ${received.value} 件`).waitFor();
    },
  ));
