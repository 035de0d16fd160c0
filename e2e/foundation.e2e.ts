/**
 * Foundation flow through the browser against the real server:
 * sign-in, units, accounts, forced password change, menus by permission, audit log.
 * Run: npm run build:web && node --import tsx --test e2e/foundation.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD, launchBrowser, newContext, pickSingleOption, type RunningServer, screenshot, startServer, watchConsole } from './harness.js';


let server: RunningServer;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const openPage = async (): Promise<{ page: Page; consoleErrors: () => string[]; close: () => Promise<void> }> => {
  const context = await newContext(browser, server.baseUrl);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const watcher = watchConsole(page);
  return { page, consoleErrors: () => watcher.errors, close: () => context.close() };
};

const signIn = async (page: Page, username: string, password: string) => {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
};

const signOut = async (page: Page) => {
  await page.getByRole('button', { name: '退出' }).click();
  await page.waitForURL('**/login');
  await page.getByRole('button', { name: '登录' }).waitFor();
};

const menuLabels = async (page: Page): Promise<string[]> => {
  const menu = page.getByRole('menu', { name: '主菜单' });
  await menu.waitFor();
  return (await menu.getByRole('menuitem').allInnerTexts()).map((text) => text.trim());
};

const pickOption = pickSingleOption;

const pageTitle = (page: Page, title: string) => page.getByRole('heading', { name: title, level: 4 });

test('sysadmin creates a unit and an account; the new user must change the password and sees only 个人设置', async () => {
  const { page, consoleErrors, close } = await openPage();
  const suffix = randomBytes(3).toString('hex');
  const unitName = `测试局${suffix}`;
  const unitCode = `e2e-unit-${suffix}`;
  const username = `e2e.user.${suffix}`;
  const initialPassword = `Init#${suffix}A9z`;
  const newPassword = `Next#${suffix}B8y`;

  try {
    // Unauthenticated visit goes to the login page.
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByText('用户登录').waitFor();
    await screenshot(page, '01-login');

    // A wrong password shows the server's message.
    const failed = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
    await signIn(page, 'sysadmin', 'not-the-password');
    const failedBody = (await (await failed).json()) as { code: string; message: string };
    assert.equal(failedBody.code, 'LOGIN_FAILED');
    await page.getByRole('alert').filter({ hasText: failedBody.message }).waitFor();
    await screenshot(page, '02-login-failed');

    // sysadmin lands on the first menu entry.
    await signIn(page, 'sysadmin', DEMO_PASSWORD);
    await page.waitForURL('**/admin/units');
    await pageTitle(page, '单位管理').waitFor();
    await page.getByTestId('current-user').getByText('周强').waitFor();
    assert.deepEqual(await menuLabels(page), ['单位管理', '用户管理', '角色与权限', '发文设置', '系统配置', '批量移交', '工作日历', '个人设置']);

    // Create a unit under the root.
    await page.getByRole('button', { name: '新建单位' }).click();
    const unitDialog = page.getByRole('dialog', { name: '新建单位' });
    await unitDialog.waitFor();
    await unitDialog.getByText('示例市人民政府', { exact: true }).waitFor(); // default parent = the root unit
    await unitDialog.getByLabel('单位名称').fill(unitName);
    await unitDialog.getByLabel('简称').fill('测试局');
    await unitDialog.getByLabel('单位代码').fill(unitCode);
    await unitDialog.getByLabel('单位类型').click();
    await pickOption(page, '市直部门');
    await unitDialog.getByRole('button', { name: '保存' }).click();
    await unitDialog.waitFor({ state: 'detached' });
    // Codes are for machines: the table shows the unit by its name.
    const unitRow = page.getByRole('row').filter({ hasText: unitName });
    await unitRow.waitFor();
    assert.match(await unitRow.innerText(), /市直部门/);
    await screenshot(page, '03-units');

    // Create an account in that unit.
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.waitForURL('**/admin/users');
    await pageTitle(page, '用户管理').waitFor();
    await page.getByRole('button', { name: '新建账号' }).click();
    const userDialog = page.getByRole('dialog', { name: '新建账号' });
    await userDialog.getByLabel('用户名').fill(username);
    await userDialog.getByLabel('姓名').fill('测试用户');
    await userDialog.getByLabel('职务').fill('科员');
    await userDialog.getByLabel('所属单位').click();
    await userDialog.getByLabel('所属单位').fill(unitName);
    await pickOption(page, unitName);
    await userDialog.getByLabel('初始密码').fill(initialPassword);
    await userDialog.getByRole('button', { name: '保存' }).click();
    await userDialog.waitFor({ state: 'detached' });
    await page.getByLabel('搜索用户').fill(username);
    await page.getByLabel('搜索用户').press('Enter');
    const userRow = page.getByRole('row').filter({ hasText: username });
    await userRow.waitFor();
    const userRowText = await userRow.innerText();
    assert.match(userRowText, new RegExp(unitName));
    assert.match(userRowText, /需改密/);
    // sysadmin manages accounts but may not grant roles (三员分立).
    await userRow.getByRole('button', { name: '重置密码' }).waitFor();
    assert.equal(await userRow.getByRole('button', { name: '分配角色' }).count(), 0);
    await screenshot(page, '04-users');
    await signOut(page);

    // The new user is held on the change-password page until the password is changed.
    await signIn(page, username, initialPassword);
    await page.getByText('首次登录或密码已过期，请先修改密码').waitFor();
    assert.equal(await page.getByRole('menu', { name: '主菜单' }).count(), 0);
    await screenshot(page, '05-forced-password-change');
    await page.getByLabel('原密码').fill(initialPassword);
    await page.getByLabel('新密码', { exact: true }).fill(newPassword);
    await page.getByLabel('确认新密码').fill(newPassword);
    await page.getByRole('button', { name: '确认修改' }).click();

    // With no roles, the menu offers only 个人设置.
    await page.waitForURL('**/profile');
    await pageTitle(page, '个人设置').waitFor();
    assert.deepEqual(await menuLabels(page), ['个人设置']);
    await page.getByText(unitName).first().waitFor();
    await screenshot(page, '06-new-user-profile');

    // Pages outside the user's permissions answer 403, naming whom to ask.
    await page.goto('/admin/users');
    await page.getByText('您没有访问此页面的权限').waitFor();
    await signOut(page);

    assert.deepEqual(consoleErrors(), []);
  } catch (error) {
    await screenshot(page, 'zz-failure-sysadmin-flow').catch(() => undefined);
    throw error;
  } finally {
    await close();
  }
});

test('auditor reads the audit log with sysadmin sign-ins and has no account pages', async () => {
  // This test makes its own sysadmin sign-in entry.
  const signedIn = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'sysadmin', password: DEMO_PASSWORD }),
  });
  assert.equal(signedIn.status, 200);

  const { page, consoleErrors, close } = await openPage();
  try {
    await signIn(page, 'auditor', DEMO_PASSWORD);
    await page.waitForURL('**/admin/audit');
    await pageTitle(page, '审计日志').waitFor();
    assert.deepEqual(await menuLabels(page), ['审计日志', '个人设置']);

    await page.getByLabel('操作人').fill('sysadmin');
    await page.getByLabel('操作', { exact: true }).click();
    await pickOption(page, '登录');
    const filtered = page.waitForResponse((response) => response.url().includes('/api/audit?') && response.url().includes('actor=sysadmin'));
    await page.getByRole('button', { name: '查询' }).click();
    assert.equal((await filtered).status(), 200);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(texts.length >= 1, 'expected sysadmin sign-in entries');
    assert.ok(texts.every((text) => text.includes('登录')), `unexpected rows: ${texts.join(' | ')}`);
    assert.ok(texts.some((text) => text.includes('成功')), 'expected a successful sysadmin sign-in');
    await screenshot(page, '07-audit');

    // The auditor is one of the 三员: the refusal says the page is not the auditor's duty.
    await page.goto('/admin/users');
    await page.getByText('此页面不属于审计管理员的职责').waitFor();
    assert.deepEqual(await menuLabels(page), ['审计日志', '个人设置']);
    await screenshot(page, '08-auditor-forbidden');
    await signOut(page);

    assert.deepEqual(consoleErrors(), []);
  } catch (error) {
    await screenshot(page, 'zz-failure-auditor-flow').catch(() => undefined);
    throw error;
  } finally {
    await close();
  }
});
