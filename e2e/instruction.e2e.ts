/**
 * 领导批示件 through the browser against the real server, with the demo accounts:
 * 秘书科 registers and 交办 to 市发改委 → its 联络员 签收 and 答复 (with a file) →
 * 秘书科 审核通过 and 报领导审阅 → the mayor 同意办结; the trail lists every step.
 * Run: npm run build:web && node --import tsx --test e2e/instruction.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { actOnCase, launchBrowser, newContext, pickSingleOption, type RunningServer, screenshot, startServer, runInPage, signInDemo } from './harness.js';

let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer({ timeoutMs: 180_000 }); // the demo seed takes ~30 s alone, longer beside another suite
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs `body` in a fresh browser context: a screenshot if it fails, and no console errors at the end. */
const inPage = async (failureShot: string, body: (page: Page) => Promise<void>) =>
  runInPage(await newContext(browser, server.baseUrl), failureShot, body);

/** Business users land on 待办, the first entry of their menu. */
const signIn = (page: Page, username: string, landing = '/inbox') => signInDemo(page, username, `**${landing}`);

const signOut = async (page: Page) => {
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL('**/login');
};

const menuLabels = async (page: Page): Promise<string[]> => {
  const menu = page.getByRole('menu', { name: '主菜单' });
  await menu.waitFor();
  return (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.trim().replace(/\s+\d+$/, ''));
};

/** Picks an option of the antd multiple Select / TreeSelect whose popup is open now (single ones: pickSingleOption). */
const pickOption = async (page: Page, text: string) => {
  const popup = page.locator('.ant-select-dropdown:visible').first();
  await popup.locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text }).first().click();
};

const caseState = (page: Page) => page.getByTestId('case-state');

const act = (page: Page, button: string, submit: string, fill?: (dialog: Locator) => Promise<void>) => actOnCase(page, button, { submit, ...(fill ? { fill } : {}) });

/** From 待办: the row of the case, what it waits for, then open it. */
const openFromInbox = async (page: Page, serialNo: string, waitingFor: string, shot?: string) => {
  const row = page.getByRole('row').filter({ hasText: serialNo });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(waitingFor));
  if (shot) await screenshot(page, shot);
  await row.getByRole('link').click();
  await page.getByTestId('case-serial').filter({ hasText: serialNo }).waitFor();
};

/** Pages forward and back (the page in the URL), and a filter that travels into the Excel link. */
const checkLedgerPaging = async (page: Page) => {
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await rows.first().waitFor();
  const next = page.getByTitle('下一页');
  if ((await next.getAttribute('aria-disabled')) !== 'true') {
    const firstPage = await rows.first().innerText();
    await next.click();
    await page.locator('.ant-pagination-item-active', { hasText: '2' }).waitFor();
    await page.waitForFunction((text) => document.querySelector('.ant-table-tbody tr.ant-table-row')?.textContent !== text, firstPage);
    await page.getByTitle('上一页').click();
    await page.locator('.ant-pagination-item-active', { hasText: '1' }).waitFor();
  }
  await page.getByLabel('按时限筛选').click();
  const filtered = page.waitForResponse((response) => response.url().includes('/api/cases?') && response.url().includes('due=red'));
  await pickSingleOption(page, '逾期');
  assert.equal((await filtered).status(), 200);
  await page.waitForURL(/due=red/);
  const export_ = await page.getByRole('link', { name: /导出 Excel/ }).getAttribute('href');
  assert.match(export_ ?? '', /^\/api\/cases\/export\.xlsx\?(?=.*kind=instruction)(?=.*due=red)/);
  // The URL changes before the table shows the filtered answer (seen in CI): wait for the rows to be replaced.
  await page
    .waitForFunction(() => [...document.querySelectorAll('.ant-table-tbody tr')].every((row) => /逾期|没有符合条件/.test(row.textContent ?? '')), undefined, { timeout: 10_000 })
    .catch(() => undefined);
  for (const text of await rows.allInnerTexts()) assert.match(text, /逾期|没有符合条件/);
  await page.goto('/cases/instruction');
};

test('领导批示件: 登记 → 交办 → 签收 → 答复 → 审核通过 → 报领导审阅 → 同意办结', () =>
  inPage('zz-failure-instruction-flow', async (page) => {
    const suffix = randomBytes(3).toString('hex');
    const sourceTitle = `关于加快推进重点项目建设的报告（${suffix}）`;
    const replyText = `市发改委已牵头研究，形成工作方案并部署落实（${suffix}）。`;

    // 秘书科 陈静 registers the instruction.
    await signIn(page, 'clerk');
    // 待办 first, then a 台账 per kind the clerk may view (they arrive with /api/kinds), AB角, 日历, 个人设置.
    await page.getByRole('menuitem', { name: '领导批示件台账' }).waitFor();
    const labels = await menuLabels(page);
    assert.deepEqual(labels.filter((label) => !label.endsWith('台账')), ['待办', '数据统计', '文号登记簿', '政务公开', '会议', '工作总结', '当事人查询', 'AB角设置', '工作日历', '个人设置']);
    assert.ok(labels.includes('领导批示件台账'), labels.join(','));
    await page.getByRole('menuitem', { name: '领导批示件台账' }).click();
    await page.getByRole('heading', { name: '领导批示件台账', level: 4 }).waitFor();
    await checkLedgerPaging(page);
    await page.getByRole('button', { name: '登记' }).click();
    const form = page.getByRole('dialog', { name: '登记领导批示件' });
    await form.getByLabel('批示领导').click();
    await pickSingleOption(page, '张明远');
    await form.getByLabel('批示所涉文件或事项').fill(sourceTitle);
    await form.getByLabel('文号').fill('示发改〔2026〕15号');
    await form.getByLabel('批示内容').fill('请市发改委牵头研究，提出具体落实意见，按时报告办理情况。');
    await screenshot(page, 'instruction-01-register');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await page.waitForURL(/\/cases\/instruction\/[0-9a-f-]{36}$/);
    await caseState(page).filter({ hasText: '待交办' }).waitFor();
    const serialNo = (await page.getByTestId('case-serial').innerText()).trim();
    assert.match(serialNo, /^批〔\d{4}〕\d+号$/);
    await page.getByText(sourceTitle).first().waitFor();

    // 交办 to 市发改委 as 主办.
    let dueDate = '';
    await act(page, '交办', '交办', async (dialog) => {
      await dialog.getByLabel('承办单位', { exact: true }).click();
      await dialog.getByLabel('承办单位', { exact: true }).fill('发改');
      await pickOption(page, '市发改委');
      await dialog.locator('.ant-modal-title').click(); // closes the multi-select popup
      await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
      const row = dialog.getByRole('row').filter({ hasText: '市发改委' });
      await row.waitFor();
      assert.match(await row.innerText(), /主办/);
      // The 办理时限 reads as the date it will fall on (the kind's default days), not 「默认」.
      const due = row.getByTestId('assignment-due');
      await due.waitFor();
      dueDate = /默认 10 个工作日，至 (\d{4}-\d{2}-\d{2})（周[一二三四五]）/.exec(await due.innerText())?.[1] ?? '';
      assert.ok(dueDate, await due.innerText());
      await dialog.getByLabel('交办意见').fill('请按规定时限办理并答复。');
      await screenshot(page, 'instruction-02-assign');
    });
    await caseState(page).filter({ hasText: '办理中' }).waitFor();
    const card = page.getByTestId('assignment').filter({ hasText: '市发改委' });
    assert.match(await card.innerText(), /主办[\s\S]*待签收/);
    assert.ok((await card.innerText()).includes(dueDate), `the card shows the previewed ${dueDate}`);
    // The due date explains itself.
    await page.getByLabel('为什么是这个日期').first().click();
    await page.getByRole('tooltip').getByText(/^依据：/).waitFor();
    await screenshot(page, 'instruction-03-assigned');
    await signOut(page);

    // 市发改委 联络员 孙磊: 签收, then 答复 with a file.
    await signIn(page, 'liaison');
    await openFromInbox(page, serialNo, '签收', 'instruction-03b-liaison-inbox');
    await act(page, '签收（市发改委）', '签收');
    await page.getByTestId('assignment').filter({ hasText: '办理中' }).waitFor();
    await act(page, '答复（市发改委）', '答复', async (dialog) => {
      await dialog.getByLabel('答复内容').fill(replyText);
      await dialog.locator('input[type=file]').setInputFiles({
        name: '办理情况报告.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from(`办理情况报告 ${suffix}`),
      });
      await dialog.getByText('办理情况报告.txt').waitFor();
      await dialog.locator('.ant-upload-list-item-done').waitFor();
      await screenshot(page, 'instruction-04-reply');
    });
    const replied = page.getByTestId('assignment').filter({ hasText: '已答复' });
    await replied.getByText(replyText).waitFor();
    await replied.getByRole('link', { name: /办理情况报告\.txt/ }).waitFor();
    await signOut(page);

    // 秘书科: 审核通过, then 报领导审阅.
    await signIn(page, 'clerk');
    await openFromInbox(page, serialNo, '审核答复');
    const submit = page.getByRole('button', { name: '报领导审阅' });
    assert.equal(await submit.isDisabled(), true, '报领导审阅 waits for the review');
    await act(page, '审核通过（市发改委）', '审核通过', async (dialog) => {
      await dialog.getByLabel('满意', { exact: true }).check();
      await dialog.getByLabel('审核意见').fill('答复内容完整，同意。');
    });
    await page.getByTestId('assignment').getByText('审核通过，满意').waitFor();
    await act(page, '报领导审阅', '报领导审阅');
    await caseState(page).filter({ hasText: '待领导审阅' }).waitFor();
    await signOut(page);

    // 市长 张明远: 同意办结.
    await signIn(page, 'mayor');
    await openFromInbox(page, serialNo, '审阅办理结果');
    await act(page, '同意办结', '同意办结', async (dialog) => {
      await dialog.getByLabel('审阅意见').fill('同意办结。');
    });
    await caseState(page).filter({ hasText: '已办结' }).waitFor();
    await page.getByText('本事项已办结。').waitFor();

    // The trail lists every step, in order, with who took it.
    const trail = page.getByRole('region', { name: '办理留痕' });
    const steps = await trail.locator('.fb-trail-action').allInnerTexts();
    assert.deepEqual(steps, ['登记', '交办', '签收', '答复', '审核通过', '报领导审阅', '同意办结']);
    const trailText = await trail.innerText();
    for (const name of ['陈静', '孙磊', '张明远']) assert.match(trailText, new RegExp(name));
    assert.match(trailText, /待领导审阅 → 已办结/);
    assert.match(trailText, /同意办结。/);
    await screenshot(page, 'instruction-05-closed');
    // The same page on a phone: one column, nothing cut off.
    await page.setViewportSize({ width: 390, height: 844 });
    // The side menu folds away at this width (antd breakpoint), then nothing scrolls sideways.
    await page.waitForFunction(() => document.documentElement.scrollWidth <= 390, undefined, { timeout: 5_000 });
    await screenshot(page, 'instruction-06-closed-phone');
    await page.setViewportSize({ width: 1440, height: 900 });

    // The case has left the mayor's 待办 (other demo work may remain).
    await page.getByRole('menuitem', { name: /待办/ }).click();
    await page.getByRole('table', { name: '待办' }).or(page.getByText('暂无待办')).first().waitFor();
    await page.getByRole('row').filter({ hasText: serialNo }).waitFor({ state: 'detached' });
    await signOut(page);
  }));

test('AB角: 陈静 delegates to 刘洋, who then sees and may act on her 待办 「代 陈静」; she revokes it', () =>
  inPage('zz-failure-delegation', async (page) => {
    await signIn(page, 'clerk');
    // Something waiting on 陈静: a new instruction she registers (via the API, same session).
    const [leader] = (await (await page.request.get('/api/leaders')).json()) as Array<{ id: string; displayName: string }>;
    const fields = { leaderId: leader!.id, leaderName: leader!.displayName, instructedOn: '2026-01-05', instruction: '请研究办理。', sourceTitle: 'AB角测试' };
    const { serialNo } = (await (await page.request.post('/api/cases', { data: { kind: 'instruction', fields } })).json()) as { serialNo: string };

    await page.getByRole('menuitem', { name: 'AB角设置' }).click();
    await page.getByRole('button', { name: '新增委托' }).click();
    const dialog = page.getByRole('dialog', { name: '新增 AB角 委托' });
    await dialog.getByLabel('委托给（B角）').click();
    await pickSingleOption(page, '刘洋');
    await dialog.getByLabel('说明').fill('出差');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: '刘洋' });
    assert.match(await row.innerText(), /生效中/);
    await screenshot(page, 'instruction-07-delegation');
    await signOut(page);

    await signIn(page, 'inspector');
    const item = page.getByRole('row').filter({ hasText: serialNo });
    assert.match(await item.innerText(), /代 陈静/);
    await item.getByRole('link').click();
    await page.getByRole('button', { name: '代 陈静 交办' }).waitFor();
    await screenshot(page, 'instruction-08-on-behalf');
    await signOut(page);

    await signIn(page, 'clerk');
    await page.goto('/delegations');
    await page.getByRole('row').filter({ hasText: '刘洋' }).getByRole('button', { name: '撤销' }).click();
    await page.getByRole('button', { name: '撤销', exact: true }).last().click();
    await page.getByRole('row').filter({ hasText: '刘洋' }).getByText('已撤销').waitFor();
    await signOut(page);
  }));

test('工作日历: the year view warns about a year without official data; the system administrator adds and removes an override', () =>
  inPage('zz-failure-calendar', async (page) => {
    await signIn(page, 'sysadmin', '/admin/units');
    await page.getByRole('menuitem', { name: '工作日历' }).click();
    await page.getByRole('heading', { name: '工作日历', level: 4 }).waitFor();
    // A year no holiday package covers yet: four years ahead, then one more with the year switcher.
    const year = new Date().getFullYear() + 4;
    await page.goto(`/calendar?year=${year}`);
    await page.getByText(`${year} 年`, { exact: true }).waitFor();
    await page.getByRole('button', { name: '下一年' }).click();
    await page.getByText(`${year + 1} 年尚无国务院办公厅节假日安排数据`).waitFor();
    await page.locator(`[data-date="${year + 1}-01-01"]`).click();
    const dialog = page.getByRole('dialog', { name: '新增日历调整' });
    await dialog.getByLabel('放假').check();
    await dialog.getByLabel('名称').fill('元旦');
    await dialog.getByLabel('依据').fill('国办发明电〔2026〕x号');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: `${year + 1}-01-01` });
    assert.match(await row.innerText(), /放假[\s\S]*元旦/);
    await page.locator(`[data-date="${year + 1}-01-01"].fb-cal-holiday.fb-cal-override`).waitFor();
    await screenshot(page, 'instruction-09-calendar');
    await row.getByRole('button', { name: '删除' }).click();
    await page.getByRole('button', { name: '删除', exact: true }).last().click();
    await page.getByText('该年没有本地调整').waitFor();
  }));
