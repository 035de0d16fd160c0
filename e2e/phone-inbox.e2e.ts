/**
 * A leader's 待办 on a 390 × 844 phone, through the browser against the real server with the demo office:
 * a list of cards saying what, from whom, what is asked (批示, 签发 …) and by when — no table wider than
 * the screen —; a card opens the 签批 screen, where a focused 批示 box stands clear of the sticky bar.
 * Run: npm run build:web && node --import tsx --test e2e/phone-inbox.e2e.ts
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, type RunningServer, runInPage, screenshot, startServer } from './harness.js';

const PHONE = { width: 390, height: 844 };

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

const onPhone = async (failureShot: string, body: (page: Page) => Promise<void>) =>
  runInPage(
    await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
    failureShot,
    body,
  );

type InboxItem = { caseId: string; serialNo: string; title: string; label: string; fromName: string | null };

/** 秘书科 registers a 收文, 初审, 拟办 to the mayor (through the API of a signed-in desktop page): a 批示 waits on him. */
const sendForInstruction = async (): Promise<string> => {
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  try {
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('clerk');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/inbox');
    const leaders = (await (await page.request.get('/api/leaders')).json()) as Array<{ id: string; displayName: string }>;
    const mayor = leaders.find((leader) => leader.displayName === '张明远')!;
    const fields = { fromOrg: '省人民政府办公厅', docNumber: `省政办发〔2026〕${Date.now() % 100000}号`, docType: '通知', title: '关于做好岁末年初安全生产工作的通知', urgency: '加急', copies: 1, receivedOn: '2026-12-01' };
    const created = await page.request.post('/api/cases', { data: { kind: 'incoming', fields } });
    assert.equal(created.status(), 200, await created.text());
    const { id, serialNo } = (await created.json()) as { id: string; serialNo: string };
    const act = async (action: string, input: Record<string, unknown>) => {
      const { version } = (await (await page.request.get(`/api/cases/${id}`)).json()) as { version: number };
      const done = await page.request.post(`/api/cases/${id}/actions/${action}`, { data: { version, ...input } });
      assert.equal(done.status(), 200, await done.text());
    };
    await act('accept', {});
    await act('propose', { comment: '拟请张市长阅示。', leaders: [mayor.id], leaderMode: 'sequential' });
    return serialNo;
  } finally {
    await context.close();
  }
};

test('a leader’s 待办 on a phone is a list of cards; a 批示 card opens the 签批 screen and the focused box is not under the bar', () =>
  onPhone('zz-failure-phone-inbox', async (page) => {
    const serialNo = await sendForInstruction();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('mayor');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL('**/inbox');

    // 退出 says its word on a phone too: an icon alone was not found by a new clerk.
    const logout = page.getByRole('button', { name: '退出' });
    assert.equal((await logout.innerText()).trim(), '退出');
    const logoutBox = await logout.boundingBox();
    assert.ok(logoutBox && logoutBox.x >= 0 && logoutBox.x + logoutBox.width <= PHONE.width, `退出 is on screen (${JSON.stringify(logoutBox)})`);

    // The first page, as the web asks for it (50 a page).
    const items = (await (await page.request.get('/api/inbox?limit=50&offset=0')).json()) as InboxItem[];
    const cards = page.locator('.fb-todo-card');
    await cards.first().waitFor();
    assert.equal(await page.locator('.ant-table').count(), 0, 'no table on a phone');
    assert.equal(await cards.count(), items.length);
    await page.waitForFunction((width) => document.documentElement.scrollWidth <= width, PHONE.width, { timeout: 5_000 });

    // Each card: what is asked, the title, from whom.
    const asked = items.find((item) => item.serialNo === serialNo);
    assert.ok(asked, JSON.stringify(items.slice(0, 3)));
    assert.equal(asked.label, '批示');
    assert.equal(asked.fromName, '陈静'); // who sent it on: the clerk's 拟办
    const card = cards.filter({ hasText: asked.serialNo });
    const text = await card.innerText();
    assert.match(text, new RegExp(asked.label));
    assert.match(text, new RegExp(`来自 ${asked.fromName}`));
    assert.ok(text.includes(asked.title.slice(0, 10)), text);
    const box = await card.boundingBox();
    assert.ok(box && box.width <= PHONE.width, `the card fits the screen (${JSON.stringify(box)})`);
    await screenshot(page, 'phone-01-inbox-cards');

    await card.tap();
    const sign = page.getByTestId('sign-view');
    await sign.waitFor();
    const opinion = sign.getByLabel('批示意见');
    const bar = page.locator('.fb-sign-bar');
    // With the on-screen keyboard up a phone shows about 480 px: bring the box to the bottom edge, under the
    // sticky bar, then tap into it — it must come out from under.
    await page.setViewportSize({ width: PHONE.width, height: 480 });
    await opinion.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      document.scrollingElement?.scrollBy(0, rect.bottom - window.innerHeight + 4);
    });
    const [covered, barBefore] = await Promise.all([opinion.boundingBox(), bar.boundingBox()]);
    assert.ok(covered && barBefore && covered.y + covered.height > barBefore.y + 20, `set-up: the box is under the bar (${JSON.stringify([covered, barBefore])})`);
    await opinion.tap({ position: { x: 20, y: 10 } });
    await page.waitForTimeout(600);
    const [boxRect, barRect] = await Promise.all([opinion.boundingBox(), bar.boundingBox()]);
    assert.ok(boxRect && barRect, 'both on screen');
    assert.ok(boxRect.y + boxRect.height <= barRect.y + 1, `the 批示 box (${JSON.stringify(boxRect)}) is clear of the bar (${JSON.stringify(barRect)})`);
    await screenshot(page, 'phone-02-sign-focused');
  }));

test('会议 on a phone: the list scrolls sideways rather than squeezing the 会议名称 into a sliver', () =>
  onPhone('zz-failure-phone-meetings', async (page) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('liaison');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL('**/inbox');
    await page.goto('/meetings');
    const names = page.getByRole('table').locator('tbody tr td a');
    await names.first().waitFor();
    // The time, type and state columns took the whole 390 px and left the name 44 px: a character or two a line.
    const width = await names.first().evaluate((link) => link.closest('td')!.getBoundingClientRect().width);
    assert.ok(width >= 200, `会议名称 is ${width} px wide`);
    await screenshot(page, 'phone-03-meetings');
  }));

test('督查督办 on a phone: every tab on screen; 督办通知 and 实地督查 scroll their rows rather than squeezing 督办事项 or widening the page', () =>
  onPhone('zz-failure-phone-supervision-tabs', async (page) => {
    await page.goto('/login');
    await page.getByLabel('用户名').fill('inspector');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).tap();
    await page.waitForURL('**/inbox');
    await page.goto('/supervision');
    // All five tabs on screen: at antd's spacing 实地督查 and 督查建议 hid behind 「…」.
    const lastTab = await page.getByRole('tab', { name: '督查建议' }).boundingBox();
    assert.ok(lastTab && lastTab.x + lastTab.width <= PHONE.width, `督查建议 is on screen (${JSON.stringify(lastTab)})`);
    await page.getByRole('tab', { name: '督办通知' }).tap();
    const column = page.getByRole('columnheader', { name: '督办事项', exact: true });
    await column.waitFor();
    // 编号, 日期, 期限 and Word took the 390 px and left the 督办事项 30 px: a character a line.
    const width = (await column.boundingBox())?.width ?? 0;
    assert.ok(width >= 200, `督办事项 is ${width} px wide`);
    await screenshot(page, 'phone-04-supervision-notices');
    await page.getByRole('tab', { name: '实地督查' }).tap();
    await page.getByRole('columnheader', { name: '督查发现', exact: true }).waitFor();
    // Its fixed columns made the whole page 584 px wide.
    await page.waitForFunction((most) => document.documentElement.scrollWidth <= most, PHONE.width, { timeout: 5_000 });
  }));
