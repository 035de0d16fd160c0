/**
 * 办会 through the browser against the real server, with the demo accounts: 秘书科 adds a room and books a
 * meeting in it for today with 市发改委 attending → the 联络员 submits a 议题 needing 合法性审查 → the mayor's
 * agenda is refused while it is unreviewed (第二十五条) → 法制科 reviews it → the mayor sets the agenda →
 * 秘书科 sends the 会议通知 → the 联络员 returns a 回执 → on a 390 px phone the 联络员 opens the sign-in link
 * and signs in → 秘书科 sees the sign-in and the 领导日程 shows the meeting. 秘书科's laptop is set to New York
 * time: the times it types and reads are still Beijing time, as the mayor's browser in Beijing shows them.
 * Run: npm run build:web && node --import tsx --test e2e/meeting.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newContext, pickSingleOption, type RunningServer, runInPage, startServer, signInDemo } from './harness.js';

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

const landing = /\/(inbox|cases|metrics|meetings)/;
/** A machine whose clock is set far from Beijing (12–13 hours behind): the office's times must not follow it. */
const abroad = { timezoneId: 'America/New_York' };
const as = async (username: string, failureShot: string, body: (page: Page) => Promise<void>, options: { timezoneId?: string } = {}) =>
  runInPage(await newContext(browser, server.baseUrl, options), failureShot, async (page) => {
    await signInDemo(page, username, landing);
    await body(page);
  });

/** Today in Shanghai, as the server's sign-in checks it. */
const todayInShanghai = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

const waitForApi = (page: Page, pathPart: string, method = 'POST') =>
  page.waitForResponse((response) => response.url().includes(pathPart) && response.request().method() === method);

test('会议: room booked → 议题 → 合法性审查 → agenda → notice → 回执 → sign-in on a phone', async () => {
  const suffix = randomBytes(3).toString('hex');
  const roomName = `第九会议室${suffix}`;
  const subject = `城东片区改造专题会议（${suffix}）`;
  const itemTitle = `关于城东片区征收补偿标准的议题（${suffix}）`;
  const day = todayInShanghai();
  let meetingPath = '';
  let signInUrl = '';

  await as('clerk', 'meeting-clerk-book', async (page) => {
    await page.getByRole('menuitem', { name: '会议' }).click();
    await page.waitForURL('**/meetings');
    await page.getByRole('tab', { name: '会议室' }).click();
    await page.getByRole('button', { name: '新增会议室' }).click();
    const roomForm = page.getByRole('dialog', { name: '新增会议室' });
    await roomForm.getByLabel('名称').fill(roomName);
    await roomForm.getByLabel('容纳人数').fill('30');
    await roomForm.getByRole('button', { name: /确\s*定|OK/ }).click();
    await roomForm.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: roomName }).waitFor();

    await page.getByRole('button', { name: '安排会议' }).click();
    const form = page.getByRole('dialog', { name: '安排会议' });
    await form.getByLabel('会议类型').click();
    await pickSingleOption(page, '专题会议');
    await form.getByLabel('会议名称').fill(subject);
    const [start, end] = [form.getByPlaceholder('开始日期'), form.getByPlaceholder('结束日期')];
    await start.click();
    await start.fill(`${day} 22:00`);
    await start.press('Enter');
    await end.fill(`${day} 23:00`);
    await end.press('Enter');
    await form.getByLabel('会议室').click();
    await pickSingleOption(page, roomName);
    await form.getByLabel('出席领导').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '张明远' }).click();
    await form.locator('.ant-modal-title').click();
    await form.getByLabel('参会单位').click();
    await form.getByLabel('参会单位').fill('发展和改革');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '示例市发展和改革委员会' }).click();
    await form.locator('.ant-modal-title').click();
    const created = waitForApi(page, '/api/meetings');
    await form.getByRole('button', { name: '安排', exact: true }).click();
    const response = await created;
    assert.equal(response.status(), 201);
    // Typed on a New York machine, 22:00 still means 22:00 in Beijing.
    const sent = response.request().postDataJSON() as { startsAt: string; endsAt: string };
    assert.equal(Date.parse(sent.startsAt), Date.parse(`${day}T22:00:00+08:00`), sent.startsAt);
    assert.equal(Date.parse(sent.endsAt), Date.parse(`${day}T23:00:00+08:00`), sent.endsAt);
    await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/);
    meetingPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: subject }).waitFor();
    await page.locator('.ant-descriptions').getByText('筹备中').waitFor();
    await page.locator('.ant-descriptions').getByText(`${day} 22:00–23:00`).waitFor();
  }, abroad);

  await as('liaison', 'meeting-liaison-submit', async (page) => {
    await page.goto(meetingPath);
    await page.getByRole('button', { name: '报送议题' }).click();
    const form = page.getByRole('dialog', { name: '报送议题' });
    await form.getByLabel('议题名称').fill(itemTitle);
    await form.getByLabel('材料（每行一件）').fill('征收补偿方案（送审稿）\n社会稳定风险评估报告');
    await form.getByText('属于重大行政决策，需合法性审查').click();
    const submitted = waitForApi(page, '/agenda-items');
    await form.getByRole('button', { name: '报送', exact: true }).click();
    assert.equal((await submitted).status(), 201);
    await page.getByRole('row').filter({ hasText: itemTitle }).getByText('待审查').waitFor();
  });

  await as('mayor', 'meeting-mayor-refused', async (page) => {
    // Refused on a second tab (its 409 is the point, not a page error): unreviewed, the article is named.
    const refusedTab = await page.context().newPage();
    await refusedTab.goto(meetingPath);
    await refusedTab.getByRole('row').filter({ hasText: itemTitle }).getByRole('checkbox').check();
    const refused = waitForApi(refusedTab, '/agenda', 'PUT');
    await refusedTab.getByRole('button', { name: /确定议程/ }).click();
    assert.equal((await refused).status(), 409);
    await refusedTab.getByText(/未经合法性审查.*第二十五条/).waitFor();
    await refusedTab.close();
  });

  await as('legal', 'meeting-legal-review', async (page) => {
    await page.goto(meetingPath);
    await page.getByRole('row').filter({ hasText: itemTitle }).getByRole('button', { name: '审查' }).click();
    const form = page.getByRole('dialog', { name: /合法性审查/ });
    await form.getByText('合法', { exact: true }).click();
    await form.getByLabel('审查意见').fill('补偿标准有上位法依据，程序合法；建议补充听证情况说明。');
    await form.getByLabel('提出意见条数').fill('1');
    const reviewed = waitForApi(page, '/review');
    await form.getByRole('button', { name: '提交审查意见' }).click();
    assert.equal((await reviewed).status(), 200);
    await page.getByRole('row').filter({ hasText: itemTitle }).getByText('意见 1 条').waitFor();
  });

  await as('mayor', 'meeting-mayor-agenda', async (page) => {
    await page.goto(meetingPath);
    // The mayor's browser is in Beijing: the same time as the clerk's abroad.
    await page.locator('.ant-descriptions').getByText(`${day} 22:00–23:00`).waitFor();
    await page.getByRole('row').filter({ hasText: itemTitle }).getByRole('checkbox').check();
    const set = waitForApi(page, '/agenda', 'PUT');
    await page.getByRole('button', { name: /确定议程/ }).click();
    assert.equal((await set).status(), 200);
    await page.getByRole('row').filter({ hasText: itemTitle }).getByText('已列入议程').waitFor();
  });

  await as('clerk', 'meeting-clerk-notice', async (page) => {
    await page.goto(meetingPath);
    const noticed = waitForApi(page, '/notice');
    await page.getByRole('button', { name: '发送会议通知' }).click();
    assert.equal((await noticed).status(), 200);
    await page.locator('.ant-descriptions').getByText('已通知').waitFor();
    await page.getByRole('tab', { name: '回执与签到' }).click();
    signInUrl = (await page.getByRole('link', { name: '扫码签到链接' }).getAttribute('href')) ?? '';
    assert.match(signInUrl, /\/sign-in\?t=[0-9a-f]{64}$/);
    await page.locator('.ant-qrcode canvas').waitFor();
    const notice = await page.request.get(`/api${meetingPath}/notice.docx`);
    assert.equal(notice.status(), 200);
    assert.match(notice.headers()['content-type'] ?? '', /wordprocessingml/);
  });

  await as('liaison', 'meeting-liaison-receipt', async (page) => {
    // The 会议通知 in 待阅 opens its meeting (查看): a notice about no case once had no link.
    await page.goto('/inbox?tab=toread');
    await page.getByRole('row').filter({ hasText: `会议通知：${subject}` }).getByRole('button', { name: '查看' }).click();
    await page.waitForURL(`**${meetingPath}`);
    await page.getByRole('tab', { name: '回执与签到' }).click();
    await page.getByLabel('参会人员').fill('孙磊、王五');
    const sent = waitForApi(page, '/receipt');
    await page.getByRole('button', { name: '提交回执' }).click();
    assert.equal((await sent).status(), 200);
    await page.getByRole('table', { name: '回执' }).getByText('孙磊、王五').waitFor();
  });

  // On the day, at the door: the 联络员's phone opens the QR code's link.
  const phone = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await runInPage(phone, 'meeting-phone-sign-in', async (page) => {
    await signInDemo(page, 'liaison', landing);
    await page.goto(new URL(signInUrl).pathname + new URL(signInUrl).search);
    const signed = waitForApi(page, '/sign-in');
    await page.getByRole('button', { name: '签 到' }).or(page.getByRole('button', { name: '签到' })).click();
    assert.equal((await signed).status(), 200);
    await page.getByText('签到成功').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'the sign-in page fits a 390 px phone');
  });

  await as('clerk', 'meeting-clerk-check', async (page) => {
    await page.goto(meetingPath);
    await page.getByRole('tab', { name: '回执与签到' }).click();
    await page.getByRole('table', { name: '签到' }).getByText('已签到（扫码）').waitFor();
    await page.goto('/meetings?tab=week');
    // On Beijing's day and hour, as typed.
    const week = page.getByRole('table', { name: '领导日程' });
    await week.getByRole('link', { name: subject }).waitFor();
    await week.getByText('22:00–23:00').waitFor();
    await page.goto('/meetings');
    await page.getByRole('row').filter({ hasText: subject }).getByText(`${day} 22:00–23:00`).waitFor();
  }, abroad);
});
