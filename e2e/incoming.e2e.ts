/**
 * 收文, 文稿, 导入 and 数据统计 through the browser against the real server, with the demo accounts:
 * 秘书科 registers a 加急 收文 (and is warned of a re-sent copy) → 初审 → 主任 拟办 to 市长 then
 * 副市长 → 市长 批示 on a desktop, 副市长 on a phone (常用意见 chip, one 签批) → 交办 市发改委 主办
 * and 市教育局 协办, 传阅 to 市长 and 市教育局 → units 签收 and 答复, 市教育局 阅知 → 审核, 办结,
 * 归档, with 市长 still 未阅; the demo's overdue 收文 are red in the ledger.
 * Run: npm run build:web && node --import tsx --test e2e/incoming.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import path from 'node:path';
import { artifactsDir, launchBrowser, newContext, type RunningServer, screenshot, startServer, runInPage, signInDemo } from './harness.js';

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

const phoneContext = (): Promise<BrowserContext> =>
  browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

/** Runs `body` in a fresh browser context (a phone's when asked): a screenshot if it fails, no console errors at the end. */
const inPage = async (failureShot: string, body: (page: Page) => Promise<void>, { isPhone = false } = {}) =>
  runInPage(isPhone ? await phoneContext() : await newContext(browser, server.baseUrl), failureShot, body);

const signIn = (page: Page, username: string) => signInDemo(page, username);

const signOut = async (page: Page) => {
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL('**/login');
};

const pickOption = async (page: Page, text: string) => {
  const popup = page.locator('.ant-select-dropdown:visible').first();
  await popup.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text }).first().click();
};

/**
 * Clicks an option of the open popup until `chosen` shows: under load (the demo year is still being
 * made) a click during the popup's animation can go astray.
 */
const pickUntil = async (page: Page, text: string, chosen: Locator) => {
  for (let attempt = 1; ; attempt += 1) {
    await pickOption(page, text);
    try {
      await chosen.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
};

/** Picks several options of a multiple Select by typing each and pressing Enter, then checks they are all chosen. */
const pickMany = async (page: Page, scope: Locator, label: string, names: readonly string[]) => {
  const input = scope.getByLabel(label, { exact: true });
  for (const name of names) {
    await input.fill(name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active', { hasText: name }).waitFor();
    await input.press('Enter');
    await scope.locator('.ant-select-selection-item, .ant-select-content-has-value', { hasText: name }).first().waitFor();
  }
};

const closePopup = async (page: Page, dialog: Locator) => {
  await dialog.locator('.ant-modal-title').click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
};

const caseState = (page: Page) => page.getByTestId('case-state');

/** Dialogs and drawers have finished moving (a click during the animation can miss its button). */
const settled = (page: Page) =>
  page.waitForFunction(() => !document.querySelector('[class*="-appear-active"], [class*="-enter-active"], [class*="-leave-active"]'));

const act = async (page: Page, button: string, submit: string, fill?: (dialog: Locator) => Promise<void>) => {
  await page.getByRole('toolbar', { name: '可办理的操作' }).getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.waitFor();
  await settled(page);
  await fill?.(dialog);
  const done = page.waitForResponse((response) => response.url().includes('/actions/') && response.request().method() === 'POST');
  await dialog.getByRole('button', { name: submit, exact: true }).click();
  assert.equal((await done).status(), 200, `${button} failed`);
  await dialog.waitFor({ state: 'detached' });
};

/** Opens a 待办 from its table row, or from its card on a phone (the card is the link). */
const openFromInbox = async (page: Page, serialNo: string, waitingFor: string) => {
  const row = page.getByRole('row').or(page.locator('.fb-todo-card')).filter({ hasText: serialNo });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(waitingFor));
  const isCard = await row.evaluate((element) => element.tagName === 'A');
  await (isCard ? row : row.getByRole('link')).click();
  await page.getByTestId('case-serial').filter({ hasText: serialNo }).waitFor();
};

const hasNoSideScroll = (page: Page) =>
  page.waitForFunction((width) => document.documentElement.scrollWidth <= width, PHONE.width, { timeout: 5_000 });

/** Fills the 收文 form: Enter in 来文机关 jumps to 来文字号, as a clerk types through the paper register. */
const fillIncoming = async (page: Page, form: Locator, doc: { fromOrg: string; docNumber: string; title: string }) => {
  const sender = form.getByLabel('来文机关');
  const number = form.getByLabel('来文字号');
  await sender.fill(doc.fromOrg);
  await sender.press('Enter');
  // With the remembered 来文机关 offered, the first Enter takes the suggestion and the second moves on.
  if (!(await number.evaluate((element) => element === document.activeElement))) await sender.press('Enter');
  assert.ok(await number.evaluate((element) => element === document.activeElement), 'Enter moves to 来文字号');
  await page.keyboard.type(doc.docNumber);
  await form.getByLabel('标题').fill(doc.title);
  await pickMany(page, form, '文种', ['通知']);
  await form.getByText('加急', { exact: true }).click();
  await form.getByLabel('页数').fill('6');
};

const suffix = randomBytes(3).toString('hex');
const doc = { fromOrg: '省人民政府办公厅', docNumber: `省政办发[2026]${parseInt(suffix, 16) % 900 + 100}号`, title: `关于做好冬春季安全生产工作的通知（${suffix}）` };
let serialNo = '';
let casePath = '';

test('收文: 登记 (重复提醒) → 初审 → 拟办 to two leaders in order → 市长 批示 on a desktop', () =>
  inPage('zz-failure-incoming-register', async (page) => {
    await signIn(page, 'clerk');
    await page.getByRole('menuitem', { name: '收文台账' }).click();
    await page.getByRole('heading', { name: '收文台账', level: 4 }).waitFor();
    await page.getByRole('button', { name: '登记' }).click();
    const form = page.getByRole('dialog', { name: '收文登记' });
    await form.getByText('涉密公文不得在本系统登记和处理').waitFor();
    await fillIncoming(page, form, doc);
    await form.locator('input[type=file]').first().setInputFiles({ name: '来文扫描件.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`%PDF-1.4 ${suffix}`) });
    await form.locator('.ant-upload-list-item-done').waitFor();
    await screenshot(page, 'incoming-01-register');
    await form.getByRole('button', { name: '保存并继续登记' }).click();
    await form.getByTestId('saved-count').filter({ hasText: '本次已登记 1 件' }).waitFor();
    assert.equal(await form.getByLabel('标题').inputValue(), '', 'the form clears for the next document');

    // The same document sent again: registered, but flagged with a link to the first record.
    await fillIncoming(page, form, { ...doc, title: `${doc.title}（重发）` });
    await form.getByRole('button', { name: '保存并继续登记' }).click();
    const warning = form.getByTestId('created-warnings');
    await warning.getByText(/已登记过/).waitFor();
    const original = warning.getByRole('link', { name: /查看原记录/ });
    serialNo = ((await original.innerText()).match(/收〔\d{4}〕\d+号/) ?? [''])[0];
    assert.ok(serialNo, 'the warning names the earlier record');
    await screenshot(page, 'incoming-02-duplicate-warning');
    await form.getByRole('button', { name: '完成' }).click();

    await page.getByRole('row').filter({ hasText: serialNo }).getByRole('link').click();
    await page.getByTestId('case-serial').filter({ hasText: serialNo }).waitFor();
    casePath = new URL(page.url()).pathname;
    await caseState(page).filter({ hasText: '待初审' }).waitFor();
    const fields = page.getByRole('region', { name: '基本信息' });
    for (const label of ['来文机关', '来文字号', '文种', '紧急程度', '密级', '份数', '页数', '收文日期', '来文签收时间', '公开属性', '扫描件']) {
      await fields.getByText(label, { exact: true }).first().waitFor();
    }
    assert.match(await fields.innerText(), /省政办发〔2026〕\d+号[\s\S]*加急[\s\S]*非涉密/);
    await act(page, '初审通过', '初审通过');
    await caseState(page).filter({ hasText: '待拟办' }).waitFor();
    await signOut(page);

    await signIn(page, 'director');
    await page.goto(casePath);
    await act(page, '拟办', '拟办', async (dialog) => {
      await pickMany(page, dialog, '批办领导', ['张明远', '李红梅']);
      await closePopup(page, dialog);
      await dialog.getByLabel('依次批示').check();
      // 常用意见 beside the box, as the leader's 批示 has them: each click adds its piece, as on the 签批 screen.
      const phrases = dialog.getByRole('group', { name: '常用意见' });
      await phrases.getByRole('button', { name: '拟呈领导阅示。', exact: true }).click();
      assert.equal(await dialog.getByLabel('拟办意见').inputValue(), '拟呈领导阅示。');
      await phrases.getByRole('button', { name: '拟交有关单位研究办理。', exact: true }).click();
      assert.equal(await dialog.getByLabel('拟办意见').inputValue(), '拟呈领导阅示。拟交有关单位研究办理。');
      await dialog.getByLabel('拟办意见').fill('拟请张市长、李副市长阅示，由市发改委牵头、市教育局配合办理。');
    });
    await caseState(page).filter({ hasText: '待批办' }).waitFor();
    const steps = await page.getByTestId('plan-step').allInnerTexts();
    assert.deepEqual(steps.map((step) => step.replace(/\s+/g, '')), ['张明远待批示', '李红梅未轮到']);
    // The page says whose desk it is on, and the 拟办's 留痕 to whom it went.
    assert.equal(await page.getByTestId('case-holders').innerText(), '等待 张明远 批示');
    const trail = page.getByRole('region', { name: '办理留痕' });
    assert.equal(await trail.getByText('呈 张明远、李红梅 依次批示').count(), 1);
    await screenshot(page, 'incoming-03-proposed');
    await signOut(page);

    await signIn(page, 'mayor');
    await openFromInbox(page, serialNo, '批示');
    const sign = page.getByTestId('sign-view');
    await sign.getByTestId('proposal').getByText(/由市发改委牵头/).waitFor();
    await sign.getByLabel('批示意见').fill('同意。请市发改委牵头抓好落实，市教育局全力配合。');
    await screenshot(page, 'incoming-04-mayor-sign');
    await sign.getByRole('button', { name: '签批' }).click();
    await page.waitForURL('**/inbox');
    await page.getByRole('row').filter({ hasText: serialNo }).waitFor({ state: 'detached' });
    await signOut(page);
  }));

test('收文: 副市长 批示 on a phone — 常用意见 chips and one 签批, nothing scrolls sideways', () =>
  inPage(
    'zz-failure-incoming-phone',
    async (page) => {
      await signIn(page, 'vicemayor');
      await hasNoSideScroll(page);
      await page.getByRole('button', { name: '打开菜单' }).click();
      const menu = page.getByRole('menu', { name: '主菜单' });
      await menu.getByRole('menuitem', { name: /待办/ }).waitFor();
      await settled(page);
      await screenshot(page, 'incoming-05-phone-menu');
      await menu.getByRole('menuitem', { name: /待办/ }).click();
      await menu.waitFor({ state: 'hidden' });
      await settled(page);
      await screenshot(page, 'incoming-06-phone-inbox');
      await openFromInbox(page, serialNo, '批示');
      const sign = page.getByTestId('sign-view');
      await sign.getByText('张明远').first().waitFor();
      await sign.getByText('同意。请市发改委牵头抓好落实，市教育局全力配合。').waitFor();
      await hasNoSideScroll(page);
      // The 签批 button is on screen without scrolling.
      const button = sign.getByRole('button', { name: '签批' });
      const box = await button.boundingBox();
      assert.ok(box && box.y + box.height <= PHONE.height, `签批 is visible without scrolling (${JSON.stringify(box)})`);
      // An empty 签批 would be a 圈阅: it asks first, and 返回填写 leaves the box to write in.
      await button.tap();
      const ask = page.locator('.ant-popconfirm');
      await ask.getByText('将记为「圈阅」').waitFor();
      await ask.getByRole('button', { name: '返回填写' }).tap();
      await ask.waitFor({ state: 'hidden' });
      assert.equal(await sign.count(), 1, 'still on the 签批 screen');
      await sign.getByRole('button', { name: '同意拟办意见', exact: true }).tap();
      assert.equal(await sign.getByLabel('批示意见').inputValue(), '同意拟办意见');
      // A phrase of her own, added once and tapped from then on.
      await sign.getByRole('button', { name: '管理' }).tap();
      const stale = sign.getByRole('button', { name: '删除常用意见：请教育局做好配合' }); // left by an earlier run on a reused server
      for (let left = await stale.count(); left > 0; left -= 1) {
        await stale.first().tap();
        await stale.nth(left - 1).waitFor({ state: 'detached' });
      }
      await sign.getByLabel('新的常用意见').fill('请教育局做好配合');
      await sign.getByRole('button', { name: '添加' }).tap();
      await sign.getByRole('button', { name: '删除常用意见：请教育局做好配合' }).waitFor();
      await sign.getByRole('button', { name: '完成' }).tap();
      await sign.getByRole('button', { name: '请教育局做好配合', exact: true }).tap();
      assert.equal(await sign.getByLabel('批示意见').inputValue(), '同意拟办意见，请教育局做好配合');
      await page.screenshot({ path: path.join(artifactsDir, 'incoming-07-phone-sign-screen.png') });
      await screenshot(page, 'incoming-08-phone-sign-full');
      await button.tap();
      await page.waitForURL('**/inbox');
      await hasNoSideScroll(page);
    },
    { isPhone: true },
  ));

test('收文: 交办 two units, 传阅, 签收 and 答复, 阅知, 审核, 办结, 归档; who has not read stands out', () =>
  inPage('zz-failure-incoming-handle', async (page) => {
    await signIn(page, 'clerk');
    await openFromInbox(page, serialNo, '交办');
    const steps = await page.getByTestId('plan-step').allInnerTexts();
    assert.deepEqual(steps.map((step) => step.replace(/\s+/g, '')), ['张明远已批示', '李红梅已批示']);
    await page.getByRole('region', { name: '领导批示' }).getByText('同意拟办意见，请教育局做好配合').waitFor();
    await act(page, '交办', '交办', async (dialog) => {
      const units = dialog.getByLabel('承办单位', { exact: true });
      await units.click();
      await units.fill('发改');
      await pickUntil(page, '市发改委', dialog.getByRole('row').filter({ hasText: '市发改委' }));
      await units.fill('教育');
      await pickUntil(page, '市教育局', dialog.getByRole('row').filter({ hasText: '市教育局' }));
      await closePopup(page, dialog);
      assert.match(await dialog.getByRole('row').filter({ hasText: '市发改委' }).innerText(), /主办/);
      assert.match(await dialog.getByRole('row').filter({ hasText: '市教育局' }).innerText(), /协办/);
      await dialog.getByLabel('交办意见').fill('请按领导批示要求办理，按时答复。');
    });
    await caseState(page).filter({ hasText: '承办中' }).waitFor();
    await page.getByTestId('assignment').nth(1).waitFor();
    assert.equal(await page.getByTestId('assignment').count(), 2);

    // 传阅 to the mayor and to 市教育局.
    await page.getByRole('button', { name: '发起传阅' }).click();
    const circulate = page.getByRole('dialog', { name: '发起传阅' });
    await pickMany(page, circulate, '传阅人员', ['张明远']);
    await closePopup(page, circulate);
    await circulate.getByLabel('传阅单位').click();
    await circulate.getByLabel('传阅单位').fill('教育');
    await pickUntil(page, '市教育局', circulate.locator('.ant-select-selection-item', { hasText: '市教育局' }));
    await closePopup(page, circulate);
    await circulate.getByLabel('传阅目的').fill('请阅知，市教育局请做好配合');
    await circulate.locator('.ant-modal-title').click();
    await circulate.getByRole('button', { name: '传阅', exact: true }).click();
    await circulate.waitFor({ state: 'detached' });
    await page.getByTestId('circulation-summary').filter({ hasText: '未阅 2' }).waitFor();
    await signOut(page);

    // Each unit's 联络员 signs and replies; 市教育局 also reads the 传阅.
    for (const [user, unit] of [['liaison.jyj', '市教育局'], ['liaison', '市发改委']] as const) {
      await signIn(page, user);
      await openFromInbox(page, serialNo, '签收');
      await act(page, `签收（${unit}）`, '签收');
      await act(page, `答复（${unit}）`, '答复', async (dialog) => {
        await dialog.getByLabel('答复内容').fill(`${unit}已按批示要求部署落实（${suffix}）。`);
      });
      await page.getByTestId('assignment').filter({ hasText: unit }).getByText('已答复').waitFor();
      if (unit === '市教育局') {
        await page.getByTestId('circulation').getByRole('button', { name: '阅知' }).click();
        const read = page.getByRole('dialog', { name: '阅知' });
        await read.getByLabel('阅知意见').fill('已阅，将全力配合。');
        await read.getByRole('button', { name: '阅知', exact: true }).click();
        await read.waitFor({ state: 'detached' });
        await page.getByTestId('circulation').getByText('已阅', { exact: true }).waitFor();
      }
      await signOut(page);
    }

    await signIn(page, 'clerk');
    await openFromInbox(page, serialNo, '审核答复');
    for (const unit of ['市发改委', '市教育局']) await act(page, `审核通过（${unit}）`, '审核通过');
    await act(page, '办结', '办结');
    await caseState(page).filter({ hasText: '已办结' }).waitFor();
    await act(page, '归档', '归档');
    await caseState(page).filter({ hasText: '已归档' }).waitFor();
    const circulations = page.getByRole('region', { name: '传阅' });
    await circulations.getByTestId('circulation-summary').filter({ hasText: '已阅 1，未阅 1' }).waitFor();
    const unread = circulations.locator('.fb-circulation-unread');
    assert.equal(await unread.count(), 1);
    assert.match(await unread.innerText(), /张明远[\s\S]*未阅/);
    assert.match(await circulations.getByTestId('circulation').filter({ has: page.getByText('市教育局', { exact: true }) }).innerText(), /已阅[\s\S]*已阅，将全力配合。/);
    const trail = await page.getByRole('region', { name: '办理留痕' }).locator('.fb-trail-action').allInnerTexts();
    for (const step of ['登记', '初审通过', '拟办', '批示', '交办', '签收', '答复', '审核通过', '办结', '归档']) assert.ok(trail.includes(step), `${step} in ${trail.join(',')}`);
    await screenshot(page, 'incoming-09-archived');
  }));

test('收文台账: the demo data\'s overdue 收文 show red with the 逾期 filter', () =>
  inPage('zz-failure-incoming-overdue', async (page) => {
    await signIn(page, 'clerk');
    // The demo year is made in the background and the 催办 sweep marks overdue work every minute.
    const deadline = Date.now() + 150_000;
    for (;;) {
      const response = await page.request.get('/api/cases?kind=incoming&due=red&limit=1');
      if (((await response.json()) as { items: unknown[] }).items.length > 0) break;
      assert.ok(Date.now() < deadline, 'the demo data has overdue 收文 within 150 s');
      await page.waitForTimeout(3_000);
    }
    await page.goto('/cases/incoming?due=red');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    await page.locator('.ant-table-wrapper .ant-spin-spinning').waitFor({ state: 'detached' });
    for (const text of await rows.allInnerTexts()) assert.match(text, /逾期/);
    const tag = rows.first().locator('.ant-tag-red', { hasText: '逾期' });
    await tag.waitFor();
    await screenshot(page, 'incoming-10-overdue');

    // The late row is chased from the ledger: 催办 with a message, counted on the case.
    const serialNo = (await rows.first().locator('td').first().innerText()).trim();
    await rows.first().getByRole('button', { name: '催办' }).click();
    const dialog = page.getByRole('dialog', { name: `催办 ${serialNo}` });
    await dialog.getByLabel('催办内容').fill('请于本周五前报送办理结果。');
    const sent = page.waitForResponse((response) => /\/api\/cases\/[0-9a-f-]{36}\/urge$/.test(response.url()));
    await dialog.getByRole('button', { name: '发送催办' }).click();
    assert.equal((await sent).status(), 200);
    await page.getByText(/已催办（通知 \d+ 人，累计 \d+ 次）/).waitFor();
  }));

test('文稿: 新建 → 保存新稿 with a live 字数 → 送审 → 退回修改 → 第二稿 → 定稿', () =>
  inPage('zz-failure-draft', async (page) => {
    await signIn(page, 'clerk');
    await page.getByRole('menuitem', { name: '文稿台账' }).click();
    await page.getByRole('button', { name: '新建文稿' }).click();
    const form = page.getByRole('dialog', { name: '新建文稿' });
    await form.getByLabel('标题').fill(`在全市安全生产工作会议上的讲话（${suffix}）`);
    await form.getByLabel('为谁起草').fill('市长');
    await form.getByLabel('场合').fill('全市安全生产工作会议');
    await form.getByRole('button', { name: '新建', exact: true }).click();
    await page.waitForURL(/\/cases\/draft\/[0-9a-f-]{36}$/);
    await caseState(page).filter({ hasText: '起草中' }).waitFor();
    // 字数 as offices count it: 同志们 年 全市 增长 (8 characters) and 2026 5 2 (6 digits); GDP and punctuation do not count.
    await act(page, '保存新稿', '保存新稿', async (dialog) => {
      await dialog.getByLabel('文稿正文').fill('同志们：2026年，全市GDP增长5.2%。');
      await dialog.getByTestId('draft-chars').filter({ hasText: '14 字' }).waitFor();
      await dialog.getByLabel('本稿说明').fill('初稿');
      await screenshot(page, 'incoming-11-draft-version');
    });
    await page.getByTestId('draft-versions').getByText('第 1 稿').waitFor();
    await act(page, '送审', '送审');
    await caseState(page).filter({ hasText: '审核中' }).waitFor();
    const draftUrl = new URL(page.url()).pathname;
    await signOut(page);

    await signIn(page, 'director');
    await page.goto(draftUrl);
    await act(page, '退回修改', '退回修改', (dialog) => dialog.getByLabel('修改意见').fill('请补充安全生产专项整治的内容。'));
    await caseState(page).filter({ hasText: '起草中' }).waitFor();
    await act(page, '保存新稿', '保存新稿', async (dialog) => {
      await dialog.getByLabel('文稿正文').fill('同志们：2026年，全市GDP增长5.2%。今年开展安全生产专项整治三年行动。');
      await dialog.getByTestId('draft-chars').filter({ hasText: '30 字' }).waitFor();
    });
    await act(page, '送审', '送审');
    await act(page, '定稿', '定稿', (dialog) => dialog.getByLabel('定稿意见').fill('同意定稿。'));
    await caseState(page).filter({ hasText: '已定稿' }).waitFor();
    const versions = await page.getByTestId('draft-versions').locator('tr.ant-table-row').allInnerTexts();
    assert.match(versions[0] ?? '', /第 2 稿\s+30 字/);
    assert.match(versions[1] ?? '', /第 1 稿\s+14 字[\s\S]*初稿/);
    await screenshot(page, 'incoming-12-draft-final');
  }));

/** A 2025 register with a title line, its own header names, 12 rows of which 2 are invalid. */
const registerFile = async (): Promise<Buffer> => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('收文登记簿');
  sheet.addRow(['2025年收文登记簿']);
  sheet.addRow(['序号', '收文日期', '来文单位', '文号', '文种', '文件标题', '缓急', '份数', '办理情况']);
  for (let i = 0; i < 12; i += 1) {
    const date = i === 7 ? '2025-02-30' : `2025-03-${10 + i}`;
    sheet.addRow([i + 1, date, '省财政厅', `省财发〔2025〕${suffix}-${i + 1}号`, i === 4 ? '公函' : '通知', `关于历史收文第${i + 1}件的通知（${suffix}）`, '平急', 1, '办结']);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

test('导入历史收文: preview with mapping and invalid rows → 全部导入 refused → 仅导入有效行 → a second run only finds duplicates', () =>
  inPage('zz-failure-import', async (page) => {
    await signIn(page, 'clerk');
    await page.goto('/cases/incoming');
    await page.getByRole('button', { name: '导入历史收文' }).click();
    await page.getByRole('heading', { name: '导入历史收文', level: 4 }).waitFor();
    const file = { name: '2025年收文登记簿.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await registerFile() };
    await page.locator('input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('import-preview');
    await preview.waitFor();
    const counts = await preview.locator('.ant-statistic').allInnerTexts();
    assert.deepEqual(counts.map((text) => text.replace(/\s+/g, '')), ['数据行12行', '有效10行', '无效2行', '重复（导入时跳过）0行']);
    assert.match(await page.getByLabel('来文机关对应的列').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]').innerText(), /第 3 列：来文单位/);
    const invalid = await page.getByRole('region', { name: '无效行' }).locator('tr.ant-table-row').allInnerTexts();
    assert.equal(invalid.length, 2, invalid.join('|'));
    assert.ok(await page.getByRole('button', { name: /全部导入/ }).isDisabled(), '全部导入 waits for a clean file');
    await screenshot(page, 'incoming-13-import-preview');
    await page.getByRole('button', { name: '仅导入有效行' }).click();
    const done = page.waitForResponse((response) => response.url().endsWith('/api/incoming/import'));
    await page.locator('.ant-popconfirm').getByRole('button', { name: '导入' }).click();
    assert.equal((await done).status(), 200);
    await page.getByText('已导入 10 件收文').waitFor();
    await screenshot(page, 'incoming-14-import-result');
    await page.getByRole('button', { name: '继续导入' }).click();
    await page.locator('input[type=file]').setInputFiles(file);
    await preview.locator('.ant-statistic', { hasText: '重复' }).getByText('10').waitFor();
  }));

test('数据统计: this year by default, 同比 and parts on each card, the records behind a number, a quarter', () =>
  inPage('zz-failure-metrics', async (page) => {
    await signIn(page, 'clerk');
    await page.getByRole('menuitem', { name: '数据统计' }).click();
    await page.getByRole('heading', { name: '数据统计', level: 4 }).waitFor();
    const year = new Date().getFullYear();
    await page.getByTestId('metrics-period').filter({ hasText: `${year} 年` }).waitFor();
    const received = page.getByTestId('metric-card').filter({ hasText: '收文件数' });
    await received.getByTestId('metric-value').filter({ hasText: /[1-9]/ }).waitFor();
    assert.ok((await page.getByTestId('metric-card').count()) >= 6);
    assert.match(await received.innerText(), /上年同期|同比/);
    await screenshot(page, 'incoming-15-metrics');
    await received.click();
    const drawer = page.getByRole('dialog', { name: '收文件数 · 明细' });
    await drawer.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    assert.match(await drawer.innerText(), /共 \d+ 件/);
    await screenshot(page, 'incoming-16-metric-records');
    await drawer.locator('.ant-table-tbody tr.ant-table-row').first().getByRole('link').click();
    await page.waitForURL(/\/cases\/incoming\/[0-9a-f-]{36}$/);
    await page.goBack();
    // Back on the page the records drawer may still be open or closing: close it and wait for its mask to go.
    if (await page.locator('.ant-drawer-open').count()) await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-mask').first().waitFor({ state: 'hidden' });
    await page.locator('.ant-segmented-item', { hasText: '季度' }).click();
    await page.waitForURL(/period=quarter/);
    await page.getByTestId('metrics-period').filter({ hasText: '季度' }).waitFor();
  }));

test('数据统计: a metric whose module is not built shows 未接入, not 0; the director enters the province’s score with its source', () =>
  inPage('zz-failure-metric-entry', async (page) => {
    await signIn(page, 'director');
    await page.getByRole('menuitem', { name: '数据统计' }).click();
    const missing = page.getByRole('region', { name: '接待、后勤、值班' }).getByTestId('metrics-not-connected');
    await missing.getByText('公务车辆安全行驶里程（公里）· 未接入').waitFor();
    assert.equal(await page.getByTestId('metric-card').filter({ hasText: '公务车辆安全行驶里程' }).count(), 0, 'no card, no 0');
    const score = page.getByTestId('metric-card').filter({ hasText: '政务信息工作考核得分' });
    await score.getByText('本期尚未录入').waitFor();
    await score.getByRole('button', { name: '录入' }).click();
    const dialog = page.getByRole('dialog', { name: '录入：政务信息工作考核得分' });
    await dialog.getByLabel('数值（分）').fill('92.5');
    await dialog.getByLabel('来源').fill('省政府办公厅政务信息工作通报');
    await dialog.getByRole('button', { name: '录 入' }).or(dialog.getByRole('button', { name: '录入' })).first().click();
    await dialog.waitFor({ state: 'detached' });
    await score.getByTestId('metric-value').filter({ hasText: '92.5' }).waitFor();
    assert.match(await score.getByTestId('metric-entry-source').innerText(), /来源：省政府办公厅政务信息工作通报（赵建国录入/);
    await screenshot(page, 'incoming-17-metric-entered');
  }));
