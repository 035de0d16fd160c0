/**
 * 市长信箱 through the browser against the real server: a citizen on a 390 px phone, with no account,
 * writes a letter (the browser does the proof-of-work) and gets a query code; the query page shows it
 * received and no reply; the 12345 center (林晓) finds it in 待办, answers it on the spot (直接办结) and
 * makes the answer public (公开答复); the citizen's query now shows the reply — and never the writer's
 * name or phone.
 * Run: npm run build:web && node --import tsx --test e2e/mailbox.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { actOnCase, launchBrowser, newContext, type RunningServer, runInPage, screenshot, signInDemo, startServer } from './harness.js';

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

const PHONE = { width: 390, height: 844 };
const onPhone = async (failureShot: string, body: (page: Page) => Promise<void>) =>
  runInPage(await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }), failureShot, body);

const queryWith = async (page: Page, code: string) => {
  await page.goto('/mailbox/query');
  await page.getByLabel('查询码').fill(code);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/public/mailbox/query'));
  await page.getByRole('button', { name: '查询' }).click();
  return answered;
};

test('市长信箱: a citizen on a phone writes, gets a code; the center answers and publishes; the citizen reads the reply', async () => {
  const suffix = randomBytes(3).toString('hex');
  const reply = `新生儿参保可在出生后三个月内通过“市医保”小程序办理（${suffix}）。`;
  let code = '';

  await onPhone('zz-failure-mailbox-write', async (page) => {
    await page.goto('/mailbox');
    await page.getByRole('heading', { name: '市长信箱' }).waitFor();
    await page.getByLabel('姓名', { exact: true }).fill('周小梅');
    await page.getByLabel('联系电话', { exact: true }).fill('13611112222');
    await page.getByLabel('来信类型', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '咨询' }).first().click();
    await page.getByLabel('事项分类', { exact: true }).click();
    await page.locator('.ant-cascader-menu-item:visible', { hasText: '政务服务' }).first().click();
    await page.locator('.ant-cascader-menu-item:visible', { hasText: '政策咨询' }).first().click();
    await page.getByLabel('标题', { exact: true }).fill(`新生儿医保怎么办（${suffix}）`);
    await page.getByLabel('来信内容', { exact: true }).fill(`${suffix} 孩子刚出生，想问新生儿医保在哪里办理、需要什么材料？`);
    await page.getByLabel('同意公开（不公开姓名和电话）').check();
    // No horizontal scrolling on a 390 px phone.
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width + 1, 'the form fits the phone');
    const sent = page.waitForResponse((response) => response.url().endsWith('/api/public/mailbox/letters'));
    await page.getByRole('button', { name: '提交' }).click();
    assert.equal((await sent).status(), 200, 'the letter with the browser’s proof-of-work is accepted');
    const shown = page.getByTestId('query-code');
    await shown.waitFor();
    code = (await shown.innerText()).trim();
    assert.match(code, /^[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}$/);
    await screenshot(page, 'mailbox-01-code');

    const first = await queryWith(page, code);
    assert.equal(first.status(), 200);
    await page.getByText('已收到，正在分派承办单位').waitFor();
    await page.getByText('答复公开后将在此显示').waitFor();
    assert.equal(await page.getByTestId('public-reply').count(), 0);

    const wrong = await queryWith(page, 'ABCD-EFGH-JKLM-NPQR');
    assert.equal(wrong.status(), 404);
    await page.getByText('没有找到这个查询码对应的来信').waitFor();
  });

  await runInPage(await newContext(browser, server.baseUrl), 'zz-failure-mailbox-center', async (page) => {
    await signInDemo(page, 'hotline');
    const todo = page.getByRole('row').filter({ hasText: suffix });
    await todo.waitFor();
    await todo.getByRole('link').first().click();
    await page.getByTestId('case-state').filter({ hasText: '待派单' }).waitFor();
    await page.getByText('市长信箱').first().waitFor();
    await page.getByText('136****2222').first().waitFor(); // the writer's phone, masked like a caller's
    await page.getByText(`新生儿医保怎么办（${suffix}）`).waitFor(); // the letter's title
    await page.getByText('同意公开答复').waitFor();
    await actOnCase(page, '直接办结', { fill: async (dialog) => dialog.getByLabel('答复内容').fill(reply) });
    await page.getByTestId('case-state').filter({ hasText: '直接办结' }).waitFor();
    await actOnCase(page, '公开答复', { submit: '公开答复' });
    await page.getByText(/已公开（/).waitFor();
    await screenshot(page, 'mailbox-02-published');
  });

  await onPhone('zz-failure-mailbox-read', async (page) => {
    const answer = await queryWith(page, code.toLowerCase());
    assert.equal(answer.status(), 200);
    const body = await answer.text();
    assert.doesNotMatch(body, /周小梅|13611112222|136\*|2222/, 'the query answer carries nothing of the writer');
    await page.getByTestId('public-reply').getByText(reply).waitFor();
    await page.getByText('已办结').waitFor();
    await screenshot(page, 'mailbox-03-reply');
  });
});
