/**
 * 督查督办 through the browser against the real server, with the demo accounts: the 督查室 (刘洋) 立项s an
 * item for 市发改委 from the 督查督办 page → its 联络员 (孙磊) finds it there, 报送进展 and 申报办结 with a
 * file → the 督查室 销号s it, and the page shows it 已销号.
 * Run: npm run build:web && node --import tsx --test e2e/supervision.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { actOnCase, launchBrowser, newContext, pickSingleOption, type RunningServer, runInPage, screenshot, signInDemo, startServer } from './harness.js';

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

const inPage = async (failureShot: string, body: (page: Page) => Promise<void>) => runInPage(await newContext(browser, server.baseUrl), failureShot, body);

const signOut = async (page: Page) => {
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL('**/login');
};

const caseState = (page: Page) => page.getByTestId('case-state');

/** The 督查督办 page from the menu, then the item's row. */
const openItem = async (page: Page, title: string) => {
  await page.getByRole('menuitem', { name: '督查督办', exact: true }).click();
  await page.getByRole('heading', { name: '督查督办', level: 4 }).waitFor();
  const row = page.getByRole('row').filter({ hasText: title });
  await row.waitFor();
  return row;
};

test('督查督办: 立项 → 报送进展 → 申报办结 → 销号', () =>
  inPage('zz-failure-supervision', async (page) => {
    const suffix = randomBytes(3).toString('hex');
    const title = `城东片区老旧小区改造（${suffix}）`;
    const nextYear = `${new Date().getFullYear() + 1}-06-30`;

    // 督查室 刘洋 立项s from the 督查督办 page.
    await signInDemo(page, 'inspector');
    await page.getByRole('menuitem', { name: '督查督办', exact: true }).click();
    await page.getByRole('heading', { name: '督查督办', level: 4 }).waitFor();
    // The demo year's items: units behind on their reports show yellow and red, with why.
    await page.locator('.ant-table-tbody [data-light="red"]').first().waitFor();
    await page.locator('.ant-table-tbody [data-light="yellow"]').first().waitFor();
    await page.getByRole('row').filter({ hasText: '新建 12 所公办幼儿园' }).getByText(/目标 12 所/).waitFor();
    await screenshot(page, 'supervision-00-lights');
    await page.getByRole('button', { name: '立项' }).click();
    const form = page.getByRole('dialog', { name: '督办事项立项' });
    await form.getByLabel('立项来源').click();
    await pickSingleOption(page, '重点工作');
    await form.getByLabel('督办事项').fill(title);
    await form.getByLabel('具体措施或目标').fill('完成 12 个小区改造，惠及居民 3000 户。');
    await form.getByLabel('牵头单位').click();
    await form.getByLabel('牵头单位').fill('发改');
    await pickSingleOption(page, '市发改委');
    await form.getByLabel('完成时限').fill(nextYear);
    await form.getByLabel('完成时限').press('Enter');
    await screenshot(page, 'supervision-01-open');
    const created = page.waitForResponse((response) => response.url().endsWith('/api/supervision/items') && response.request().method() === 'POST');
    await form.getByRole('button', { name: '立项', exact: true }).click();
    assert.equal((await created).status(), 201);
    await page.waitForURL(/\/cases\/supervision\/[0-9a-f-]{36}$/);
    await caseState(page).filter({ hasText: '办理中' }).waitFor();
    const serialNo = (await page.getByTestId('case-serial').innerText()).trim();
    assert.match(serialNo, /^督〔\d{4}〕\d+号$/);
    await page.getByTestId('assignment').filter({ hasText: '市发改委' }).waitFor();
    const row = await openItem(page, title);
    assert.match(await row.innerText(), /绿灯[\s\S]*市发改委/);
    await signOut(page);

    // 市发改委 联络员 孙磊: sees it on the same page (his unit's items), reports, then 申报办结 with a file.
    await signInDemo(page, 'liaison');
    await (await openItem(page, title)).getByRole('link', { name: title }).click();
    await page.getByTestId('case-serial').filter({ hasText: serialNo }).waitFor();
    await actOnCase(page, '报送进展', {
      fill: async (dialog) => {
        await dialog.getByLabel('工作进展').fill('已完成 4 个小区的设计招标，2 个小区进场施工。');
      },
    });
    await page.getByText('已完成 4 个小区的设计招标').first().waitFor();
    await actOnCase(page, '申报办结', {
      fill: async (dialog) => {
        await dialog.getByLabel('办结情况').fill('12 个小区全部完成改造并通过验收。');
        await dialog.locator('input[type=file]').setInputFiles({ name: '竣工验收报告.txt', mimeType: 'text/plain', buffer: Buffer.from(`竣工验收报告 ${suffix}`) });
        await dialog.locator('.ant-upload-list-item-done').waitFor();
        await screenshot(page, 'supervision-02-claim');
      },
    });
    await caseState(page).filter({ hasText: '待销号' }).waitFor();
    await signOut(page);

    // 督查室: 销号; the page shows it done.
    await signInDemo(page, 'inspector');
    await (await openItem(page, title)).getByRole('link', { name: title }).click();
    await actOnCase(page, '销号', {
      fill: async (dialog) => {
        await dialog.getByLabel('销号意见').fill('经核实已完成，同意销号。');
      },
    });
    await caseState(page).filter({ hasText: '已销号' }).waitFor();
    const trail = page.getByRole('region', { name: '办理留痕' });
    assert.deepEqual(await trail.locator('.fb-trail-action').allInnerTexts(), ['登记', '交办', '报送进展', '申报办结', '销号']);
    const done = await openItem(page, title);
    await done.filter({ hasText: '已销号' }).waitFor();
    await screenshot(page, 'supervision-03-closed');
  }));
