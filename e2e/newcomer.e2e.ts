/**
 * What a new clerk meets, through the browser against the real server with the demo office: half a
 * 收文登记 survives a reload and is not thrown away by Esc without asking; page 3 of a ledger → a
 * record → Back lands on page 3 with the total shown. On a 1280 × 800 screen the 待办 table fits its card, and a
 * case found in the 台账 by a word shows its whole title beside the pinned 时限.
 * Run: npm run build:web && node --import tsx --test e2e/newcomer.e2e.ts
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { closeModalBy, launchBrowser, newContext, type RunningServer, runInPage, startServer, signInDemo } from './harness.js';

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

const signIn = (page: Page, username: string) => signInDemo(page, username);

test('half a 收文登记 comes back after a reload; Esc asks before discarding it', () =>
  inPage('zz-failure-newcomer-draft', async (page) => {
    await signIn(page, 'clerk');
    await page.goto('/cases/incoming');
    await page.getByRole('heading', { name: '收文台账', level: 4 }).waitFor();
    await page.getByRole('button', { name: '登记' }).click();
    const form = page.getByRole('dialog', { name: '收文登记' });
    await form.getByLabel('来文机关').fill('省人民政府办公厅');
    await form.getByLabel('标题').fill('关于做好元旦春节期间安全生产工作的通知');
    await page.waitForTimeout(800); // the autosave's debounce

    // The reload asks first (beforeunload); accepting it reloads, and the draft is offered back.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByRole('heading', { name: '收文台账', level: 4 }).waitFor();
    await page.getByRole('button', { name: '登记' }).click();
    await form.getByTestId('draft-restored').waitFor();
    assert.equal(await form.getByLabel('标题').inputValue(), '关于做好元旦春节期间安全生产工作的通知');
    assert.equal(await form.getByLabel('来文机关').inputValue(), '省人民政府办公厅');

    // Esc does not throw it away silently.
    await form.getByLabel('标题').press('Escape');
    const confirm = page.getByRole('dialog').filter({ hasText: '放弃未保存的修改？' });
    await confirm.waitFor();
    await closeModalBy(page, confirm, confirm.getByRole('button', { name: '继续填写' }));
    assert.equal(await form.getByLabel('标题').inputValue(), '关于做好元旦春节期间安全生产工作的通知');

    // 丢弃草稿 empties the form, and a later open starts clean.
    await form.getByRole('button', { name: '丢弃草稿' }).click();
    assert.equal(await form.getByLabel('标题').inputValue(), '');
    await form.getByRole('button', { name: '取消' }).click();
    await form.waitFor({ state: 'hidden' });
  }));

test('page 3 of a ledger → a record → Back lands on page 3, with the total', () =>
  inPage('zz-failure-newcomer-ledger', async (page) => {
    await signIn(page, 'clerk');
    await page.goto('/cases/incoming');
    await page.getByRole('heading', { name: '收文台账', level: 4 }).waitFor();
    await page.getByText(/^共 (约 )?\d+ 条$/).waitFor();
    await page.getByTitle('3', { exact: true }).click();
    await page.waitForURL(/page=3/);
    const firstTitle = page.locator('.ant-table-tbody tr.ant-table-row').first().locator('a').first();
    await firstTitle.waitFor();
    await firstTitle.click();
    await page.waitForURL(/\/cases\/incoming\/[0-9a-f-]{36}$/);
    await page.goBack();
    await page.waitForURL(/page=3/);
    await page.locator('.ant-pagination-item-active', { hasText: '3' }).waitFor();
    // The demo office is still being made while the server starts, so rows may shift: the page itself is what must hold.
    await page.locator('.ant-table-tbody tr.ant-table-row').first().locator('a').first().waitFor();
    const headers = await page.locator('.ant-table-thead th').allInnerTexts();
    for (const name of ['来文机关', '来文字号', '承办单位']) assert.ok(headers.includes(name), `${name} in ${headers.join('|')}`);
    assert.ok(!headers.includes('主办单位'));
  }));

test('on a 1280 px screen 待办 fits its card', () =>
  inPage('zz-failure-newcomer-1280', async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, 'clerk');
    // A new 收文 waits on the clerk's 初审: the 待办 has a row.
    const title = '关于开展冬季防火安全大检查和消防隐患集中整治工作的通知';
    const fields = { fromOrg: '省人民政府办公厅', docNumber: `省政办发〔2026〕${Date.now() % 100000}号`, docType: '通知', title, urgency: '平急', copies: 1, receivedOn: '2026-12-01' };
    const created = await page.request.post('/api/cases', { data: { kind: 'incoming', fields } });
    assert.equal(created.status(), 200, await created.text());
    await page.reload();
    const inbox = page.getByRole('table', { name: '待办' });
    await inbox.getByRole('link', { name: title }).waitFor();
    const { scrollWidth, clientWidth } = await page.locator('.fb-plain-table-scroll').first().evaluate((element) => ({ scrollWidth: element.scrollWidth, clientWidth: element.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `the 待办 table is ${scrollWidth} px in a ${clientWidth} px card: 送达时间 runs off its edge`);
  }));

test('on a 1280 px screen a case found in the 台账 by a word shows its whole title', () =>
  inPage('zz-failure-newcomer-ledger-1280', async (page) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(page, 'clerk');
    const title = '关于开展冬季森林防火安全大检查和火灾隐患集中整治工作的通知';
    const fields = { fromOrg: '省人民政府办公厅', docNumber: `省政办发〔2026〕${Date.now() % 100000}号`, docType: '通知', title, urgency: '平急', copies: 1, receivedOn: '2026-12-01' };
    const created = await page.request.post('/api/cases', { data: { kind: 'incoming', fields } });
    assert.equal(created.status(), 200, await created.text());
    await page.goto('/cases/incoming');
    await page.getByRole('heading', { name: '收文台账', level: 4 }).waitFor();
    await page.getByPlaceholder('编号、标题、领导、内容').fill('防火');
    await page.getByPlaceholder('编号、标题、领导、内容').press('Enter');
    const link = page.locator('.ant-table-tbody').getByRole('link', { name: title });
    await link.waitFor();
    const titleBox = (await link.boundingBox())!;
    const dueBox = (await page.locator('.ant-table-thead th', { hasText: '办理时限' }).boundingBox())!;
    assert.ok(titleBox.x + titleBox.width <= dueBox.x, `the title ends at ${titleBox.x + titleBox.width} px, under the pinned 时限 at ${dueBox.x} px`);
  }));
