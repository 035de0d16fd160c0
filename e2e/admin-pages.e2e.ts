/**
 * Every permission has its page and no button leads to a refusal, through the browser against the real
 * server with the demo office: the 系统管理员 changes a 系统配置 value and moves a clerk's open work
 * (批量移交) choosing only among receivers the holding rule admits; on 用户管理 the other administrators'
 * rows carry no buttons; the 安全管理员's 403 page does not send it to itself; no role or unit code is
 * on any administrator's or clerk's screen.
 * Run: npm run build:web && node --import tsx --test e2e/admin-pages.e2e.ts
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { menuFor, permissionsOf, Role } from '../common/access.js';
import { RoleSchema } from '../common/schemas/access.js';
import { launchBrowser, newContext, pickSingleOption, type RunningServer, runInPage, screenshot, startServer, signInDemo } from './harness.js';

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

const signIn = (page: Page, username: string) => signInDemo(page, username, (url) => url.pathname !== '/login');

/** Role codes and the demo's unit codes: none may be read on a screen. */
const codePattern = new RegExp(`\\b(${[...Role.options, 'office-[a-z0-9]+', 'chengguan(-[a-z]+)?', 'dongcheng', 'xishan(-[a-z]+)?', 'nanhu', 'beiling', 'fgw'].join('|')})\\b`);

/**
 * The text on screen, minus login names (用户名 columns and fields, the audit log's 对象 of an account):
 * a login name is what its owner types, not a code standing in for a Chinese name.
 */
const screenText = (page: Page) =>
  page.evaluate(() => {
    const skipped = new Set<Element>();
    for (const table of document.querySelectorAll('table')) {
      const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
      headers.forEach((header, index) => {
        if (header !== '用户名' && header !== '对象') return;
        for (const cell of table.querySelectorAll(`tbody tr > td:nth-child(${index + 1})`)) skipped.add(cell);
      });
    }
    for (const label of document.querySelectorAll('.ant-descriptions-item-label')) {
      if (label.textContent?.trim() === '用户名') skipped.add(label.nextElementSibling ?? label);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || [...skipped].some((cell) => cell.contains(element))) continue;
      if (element.closest('script, style') || element.getClientRects().length === 0) continue;
      parts.push(node.textContent ?? '');
    }
    return parts.join(' ');
  });

/** Waits until no spinner or skeleton is left on the page. */
const settled = async (page: Page) => {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning, .ant-skeleton').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
};

test('系统配置: the 系统管理员 sees each setting with its range and saves a new value', () =>
  inPage('zz-failure-admin-settings', async (page) => {
    await signIn(page, 'sysadmin');
    await page.getByRole('menuitem', { name: '系统配置' }).click();
    await page.waitForURL('**/admin/settings');
    const row = page.getByRole('row').filter({ hasText: '临期提醒' });
    await row.waitFor();
    assert.match(await row.innerText(), /1–30/);
    const box = row.getByRole('spinbutton');
    const before = Number(await box.inputValue());
    const next = before === 5 ? 4 : 5;
    await box.fill(String(next));
    await row.getByRole('button', { name: '保存' }).click();
    await page.getByText(/已保存：临期提醒/).waitFor();
    await page.reload();
    await page.getByRole('row').filter({ hasText: '临期提醒' }).getByRole('spinbutton').waitFor();
    assert.equal(await page.getByRole('row').filter({ hasText: '临期提醒' }).getByRole('spinbutton').inputValue(), String(next));
    const saved = (await (await page.request.get('/api/settings')).json()) as Array<{ key: string; value: number }>;
    assert.equal(saved.find((setting) => setting.key === 'reminder.dueSoonWorkdays')?.value, next);
    await screenshot(page, 'admin-01-settings');
  }));

test('批量移交: only receivers who could hold the work are offered, and the move is made', () =>
  inPage('zz-failure-admin-transfer', async (page) => {
    await signIn(page, 'sysadmin');
    await page.getByRole('menuitem', { name: '批量移交' }).click();
    await page.waitForURL('**/admin/transfer');
    const form = page.locator('form[id="transfer-form"]');
    await form.getByLabel('移交人').click();
    await pickSingleOption(page, '陈静');
    await form.getByLabel('接收人').click();
    const popup = page.locator('.ant-select-dropdown:visible').first();
    // The list is fetched for the chosen 移交人: wait for its answer, not for whatever the popup shows first.
    await popup.locator('.ant-select-item-option', { hasText: '赵建国' }).waitFor();
    await page.waitForLoadState('networkidle');
    const offered = await popup.locator('.ant-select-item-option').allInnerTexts();
    // Office work goes to office staff only: never an administrator (周强 吴敏 郑华), never a 联络员 (孙磊).
    assert.ok(offered.some((text) => text.includes('赵建国')), offered.join(' | '));
    for (const name of ['周强', '吴敏', '郑华', '孙磊', '陈静']) assert.ok(!offered.some((text) => text.includes(name)), `${name} offered: ${offered.join(' | ')}`);
    await pickSingleOption(page, '赵建国');
    await form.getByLabel('移交原因').fill('岗位调整，工作交接');
    await form.getByText(/将移交 陈静 经办的 \d+ 件在办事项给 赵建国/).waitFor();
    await screenshot(page, 'admin-02-transfer');
    await page.getByRole('button', { name: '移交', exact: true }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '移交' }).click();
    await page.getByText(/已移交 \d+ 件在办事项/).waitFor();
    const holders = (await (await page.request.get('/api/work/holders')).json()) as Array<{ displayName: string }>;
    assert.ok(!holders.some((person) => person.displayName === '陈静'), '陈静 has no open work left');
  }));

test('用户管理: the 系统管理员 has no buttons on the other administrators’ rows; the 安全管理员 only 分配角色 on staff', () =>
  inPage('zz-failure-admin-users', async (page) => {
    await signIn(page, 'sysadmin');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('row').filter({ hasText: '吴敏' }).waitFor();
    for (const name of ['吴敏', '郑华']) {
      const row = page.getByRole('row').filter({ hasText: name });
      assert.equal(await row.getByRole('button').count(), 0, `${name}'s row has buttons: ${await row.innerText()}`);
    }
    const staff = page.getByRole('row').filter({ hasText: '陈静' });
    for (const label of ['编辑', '重置密码', '锁定', '停用']) await staff.getByRole('button', { name: label }).waitFor();
    assert.equal(await staff.getByRole('button', { name: '分配角色' }).count(), 0);
    await screenshot(page, 'admin-03-users-sysadmin');

    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForURL('**/login');
    await signIn(page, 'secadmin');
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    const clerk = page.getByRole('row').filter({ hasText: '陈静' });
    await clerk.getByRole('button', { name: '分配角色' }).waitFor();
    assert.deepEqual(await clerk.getByRole('button').allInnerTexts(), ['分配角色']);
    assert.equal(await page.getByRole('row').filter({ hasText: '周强' }).getByRole('button').count(), 0);

    // A page outside its duties: the 403 does not tell the 安全管理员 to ask the 安全管理员.
    await page.goto('/admin/settings');
    const refusal = page.locator('.ant-result-403');
    await refusal.waitFor();
    const text = await refusal.innerText();
    assert.doesNotMatch(text, /联系安全管理员/);
    assert.match(text, /安全管理员的职责/);
  }));

test('no role or unit code on the screens of the three administrators and a clerk', async () => {
  for (const username of ['sysadmin', 'secadmin', 'auditor', 'clerk']) {
    await inPage(`zz-failure-admin-codes-${username}`, async (page) => {
      await signIn(page, username);
      const role = RoleSchema.parse(username);
      const paths = menuFor(permissionsOf([role])).map((entry) => entry.path);
      for (const path of paths) {
        await page.goto(path);
        await settled(page);
        const found = (await screenText(page)).match(codePattern);
        assert.equal(found, null, `${username} sees the code ${found?.[0]} on ${path}`);
      }
      if (username === 'secadmin') {
        // A role grant for the auditor to read below: its details name the roles.
        const { items } = (await (await page.request.get('/api/users?q=inspector')).json()) as { items: Array<{ id: string; username: string; version: number }> };
        const target = items.find((item) => item.username === 'inspector')!;
        const granted = await page.request.put(`/api/users/${target.id}/roles`, { data: { version: target.version, roles: ['inspector', 'info_staff'] } });
        assert.equal(granted.status(), 200, await granted.text());
      }
      if (username === 'auditor') {
        await page.goto('/admin/audit');
        const grant = page.getByRole('row').filter({ hasText: '分配角色' }).first();
        await grant.getByRole('button', { name: '展开行' }).click();
        const details = page.locator('.ant-table-expanded-row pre').first();
        await details.waitFor();
        const text = await details.innerText();
        assert.match(text, /信息科工作人员/);
        assert.doesNotMatch(text, codePattern);
      }
    });
  }
});
