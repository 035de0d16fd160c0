/**
 * 12345热线 through the browser against the real server, with the demo accounts: the 话务员 (林晓) enters a
 * 投诉 by keyboard on the 12345热线 page → 派单 to 市城管局 → its 联络员 退单s citing its 职责清单 → the
 * center 改派s to 东街街道 → the 街道 签收s and answers (办结答复) → 回访 不满意 → 重办, back with the 街道
 * on a new clock; the ledger and the 三率 page show it.
 * Run: npm run build:web && node --import tsx --test e2e/hotline.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
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

/** Clicks an option of the open Select until `chosen` shows (under load a click during the popup's animation can miss). */
const pickUntil = async (page: Page, text: string, chosen: Locator) => {
  for (let attempt = 1; ; attempt += 1) {
    await page.locator('.ant-select-dropdown:visible').first().locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text }).first().click();
    try {
      await chosen.waitFor({ timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
};

/** 派单 from the ticket page to one unit, found by typing part of its name. */
const dispatchTo = async (page: Page, typed: string, unit: string) =>
  actOnCase(page, '派单', {
    fill: async (dialog) => {
      const units = dialog.getByLabel('承办单位', { exact: true });
      await units.click();
      await units.fill(typed);
      await pickUntil(page, unit, dialog.getByRole('row').filter({ hasText: unit }));
      await dialog.locator('.ant-modal-title').click();
      await dialog.getByLabel('派单意见').fill(`请${unit}按时签收办理。`);
    },
  });

test('12345: 登记 → 派单 → 退单 (职责清单) → 改派 → 签收 → 办结答复 → 回访不满意 → 重办', () =>
  inPage('zz-failure-hotline', async (page) => {
    const suffix = randomBytes(3).toString('hex');
    const content = `东街 12 号背街小巷路灯连续三晚不亮（${suffix}），另留电话13800138000`;

    // The 话务员 enters the call from the 12345热线 page, by keyboard where it can be.
    await signInDemo(page, 'hotline');
    await page.getByRole('menuitem', { name: '12345热线', exact: true }).click();
    await page.getByRole('heading', { name: '12345热线', level: 4 }).waitFor();
    await page.getByRole('button', { name: '登记工单' }).click();
    const form = page.getByRole('dialog', { name: '登记工单' });
    await form.waitFor();
    // The name field has the focus: the agent types straight away.
    await page.keyboard.type('王先生');
    await page.keyboard.press('Tab');
    await page.keyboard.type('13912345678');
    assert.equal(await form.getByLabel('来电人').inputValue(), '王先生');
    assert.equal(await form.getByLabel('联系电话').inputValue(), '13912345678');
    await form.getByLabel('诉求内容').fill(content);
    // The 知识库 offers what the center answers about street lights while the agent types.
    await form.getByRole('region', { name: '知识库参考' }).getByText('路灯不亮找哪个部门').waitFor();
    // The category is found by typing part of its name; under load a click during the popup's animation can miss.
    for (let attempt = 1; ; attempt += 1) {
      await form.getByLabel('诉求分类').click();
      await form.getByLabel('诉求分类').fill('路灯');
      await page.locator('.ant-cascader-menu-item:visible', { hasText: '路灯照明' }).first().click();
      try {
        await form.getByTitle('城市管理 / 路灯照明').waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    await form.getByLabel('所属街乡').click();
    await form.getByLabel('所属街乡').fill('东街');
    await pickSingleOption(page, '东街街道');
    await form.getByLabel('事发地址').fill('城关区东街 12 号');
    await screenshot(page, 'hotline-01-intake');
    const created = page.waitForResponse((response) => response.url().endsWith('/api/cases') && response.request().method() === 'POST');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    assert.equal((await created).status(), 200);
    await page.waitForURL(/\/cases\/ticket\/[0-9a-f-]{36}$/);
    const ticketUrl = new URL(page.url()).pathname;
    await caseState(page).filter({ hasText: '待派单' }).waitFor();
    await page.getByText('139****5678').first().waitFor(); // the caller's phone, masked
    // The number typed into the content is masked where the content is shown; 显示 (audited) shows it whole.
    const typed = page.getByTestId('personal-content');
    await typed.getByText('另留电话138****8000').waitFor();
    await typed.getByRole('button', { name: '显示' }).click();
    await typed.getByText(content).waitFor();
    await typed.getByRole('button', { name: '隐藏' }).click();
    await dispatchTo(page, '城管', '市城管局');
    await caseState(page).filter({ hasText: '办理中' }).waitFor();
    await signOut(page);

    // 市城管局's 联络员 finds it in 待办 and 退单s with a line of its 职责清单.
    await signInDemo(page, 'liaison.cgj');
    const todo = page.getByRole('row').filter({ hasText: suffix });
    await todo.waitFor();
    assert.match(await todo.innerText(), /签收/);
    await todo.getByRole('link').first().click();
    await page.waitForURL(`**${ticketUrl}`);
    await actOnCase(page, '退单（市城管局）', {
      submit: '退单',
      fill: async (dialog) => {
        await dialog.getByLabel('职责清单依据').click();
        await pickSingleOption(page, '城市道路路灯的建设和维护');
        await dialog.getByLabel('退单说明').fill('东街 12 号为背街小巷，照明属街道。');
        await screenshot(page, 'hotline-02-return');
      },
    });
    await page.getByTestId('assignment').filter({ hasText: '市城管局' }).getByText('已退回').waitFor();
    await signOut(page);

    // The center rules: 改派 to 东街街道.
    await signInDemo(page, 'hotline');
    await page.goto(ticketUrl);
    await page.getByText('退单次数').waitFor();
    await dispatchTo(page, '东街', '东街街道');
    await signOut(page);

    // 东街街道 signs for it and answers.
    await signInDemo(page, 'liaison.chengguan-dongjie');
    await page.goto(ticketUrl);
    await actOnCase(page, '签收（东街街道）', { submit: '签收' });
    await actOnCase(page, '办结答复（东街街道）', {
      submit: '办结答复',
      fill: async (dialog) => {
        await dialog.getByLabel('答复内容').fill('已更换灯泡，路灯恢复照明，已电话告知来电人。');
      },
    });
    await caseState(page).filter({ hasText: '待回访' }).waitFor();
    await signOut(page);

    // 回访: the caller is not satisfied → 重办, back with the 街道 on a new clock.
    await signInDemo(page, 'hotline');
    await page.goto(ticketUrl);
    await actOnCase(page, '不满意重办', {
      fill: async (dialog) => {
        await dialog.getByLabel('未解决').check();
        await dialog.getByLabel('不满意原因').fill('来电人反映第二晚又不亮，请回电13700137000。');
      },
    });
    await caseState(page).filter({ hasText: '办理中' }).waitFor();
    await page.getByText('不满意').first().waitFor();
    const trail = page.getByRole('region', { name: '办理留痕' });
    assert.deepEqual(await trail.locator('.fb-trail-action').allInnerTexts(), ['登记', '派单', '退单', '派单', '签收', '办结答复', '不满意重办']);
    // The number the agent typed into the reason is masked in the trail; 显示 (audited) shows it to the center.
    await trail.getByText('来电人反映第二晚又不亮，请回电137****7000。').waitFor();
    assert.equal(await page.getByText('13700137000').count(), 0);
    await trail.getByRole('button', { name: '显示' }).click();
    await trail.getByText('来电人反映第二晚又不亮，请回电13700137000。').waitFor();
    await page.getByTestId('assignment').filter({ hasText: '东街街道' }).getByText('办理中').waitFor();
    await screenshot(page, 'hotline-03-redo');

    // The ledger finds it by channel and 街乡, with its 退单 counted; the 三率 page ranks the units.
    await page.getByRole('menuitem', { name: '12345热线', exact: true }).click();
    await page.getByPlaceholder('诉求内容、地址').fill(suffix);
    await page.getByPlaceholder('诉求内容、地址').press('Enter');
    const row = page.getByRole('row').filter({ hasText: suffix });
    await row.waitFor();
    assert.match(await row.innerText(), /东街街道[\s\S]*退单 1[\s\S]*办理中/);
    await page.getByRole('tab', { name: '三率排名' }).click();
    await page.getByRole('columnheader', { name: '响应率' }).waitFor();
    // This month: 市城管局 answered within its hours by its 退单 (响应率 100%), counted with it.
    const bureau = page.getByRole('row').filter({ hasText: '市城管局' });
    await bureau.waitFor();
    assert.match(await bureau.innerText(), /市城管局\s+\d+\s+[1-9]\d*\s+100\.0%/);
    await screenshot(page, 'hotline-04-rates');

    // Every figure opens the tickets behind it: the bureau's 响应率 lists this ticket's 退单 (newest first), counted in time, opening the case.
    await bureau.getByRole('button', { name: '市城管局响应率', exact: true }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '工单明细' });
    const drilled = drawer.getByRole('row').filter({ hasText: suffix });
    await drilled.waitFor();
    assert.match(await drilled.innerText(), /计入[\s\S]*按时退单/);
    await screenshot(page, 'hotline-05-rate-tickets');
    await drilled.getByRole('link').click();
    await page.waitForURL(`**${ticketUrl}`);
  }));
