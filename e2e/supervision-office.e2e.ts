/**
 * What the 督查室 does beyond one item, in Chromium with the demo accounts: 导入分工方案 (a plan with two bad
 * rows: the preview names them, the valid rows become items), 发督办通知 from an item's page (the Word
 * follows), and a 督查通报 compiled for a month, edited and issued.
 * Run: npm run build:web && node --import tsx --test e2e/supervision-office.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { unzip } from '../server/test/office-files.js';
import { launchBrowser, newContext, type RunningServer, runInPage, screenshot, signInDemo, startServer } from './harness.js';

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

const openSupervision = async (page: Page) => {
  await page.getByRole('menuitem', { name: '督查督办', exact: true }).click();
  await page.getByRole('heading', { name: '督查督办', level: 4 }).waitFor();
};

/** A plan for next year in the demo office's units: 4 measures under one 重点工作, two of them bad. */
const planWorkbook = async (suffix: string) => {
  const year = new Date().getFullYear() + 1;
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('分工方案');
  sheet.addRow([`${year}年政府工作报告重点工作任务分工方案`]);
  sheet.addRow(['序号', '重点工作', '具体措施或目标', '牵头领导', '牵头单位', '责任单位', '完成时限']);
  sheet.addRow(['一、着力扩大有效投资']);
  sheet.addRow([1, `扩大有效投资（${suffix}）`, `新开工重大项目 50 个（${suffix}）`, '王副市长', '市发改委', '市财政局、各县区政府', '6月底前完成方案，12月底前全面完成']);
  sheet.addRow([2, null, `完成固定资产投资 800 亿元（${suffix}）`, null, '市发改委', '市住建局', '年底前']);
  sheet.addRow([3, null, `建设数据中心（${suffix}）`, null, '市大数据局', '', '三季度']);
  sheet.addRow([4, null, `出台支持政策（${suffix}）`, null, '市财政局', '', `${year}年2月30日`]);
  return { file: Buffer.from(await workbook.xlsx.writeBuffer()), year };
};

test('导入分工方案: the preview names the two bad rows, the valid ones become 督办 items', () =>
  inPage('zz-failure-plan-import', async (page) => {
    const suffix = randomBytes(3).toString('hex');
    const { file, year } = await planWorkbook(suffix);
    await signInDemo(page, 'inspector');
    await openSupervision(page);
    await page.getByRole('button', { name: '导入分工方案' }).click();
    await page.getByRole('heading', { name: '导入分工方案', level: 4 }).waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: '分工方案.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    const preview = page.getByTestId('plan-import-preview');
    await preview.waitFor();
    assert.equal(await page.getByLabel('方案年度').inputValue(), String(year));
    const invalid = await page.getByRole('region', { name: '无效行' }).locator('tr.ant-table-row').allInnerTexts();
    assert.equal(invalid.length, 2, invalid.join('|'));
    assert.match(invalid.join('|'), /市大数据局/);
    assert.match(invalid.join('|'), /2月没有30日/);
    await preview.getByText('各县区政府').first().waitFor(); // a collective name kept, not assigned
    await screenshot(page, 'plan-import-01-preview');
    await page.getByRole('button', { name: '仅导入有效行' }).click();
    const done = page.waitForResponse((response) => response.url().endsWith('/api/supervision/import'));
    await page.locator('.ant-popconfirm').getByRole('button', { name: '导入' }).click();
    assert.equal((await done).status(), 200);
    await page.getByText('已导入 2 件督办事项').waitFor();
    await openSupervision(page);
    await page.getByRole('row').filter({ hasText: `新开工重大项目 50 个（${suffix}）` }).waitFor();
  }));

test('发督办通知 from an item, and a 督查通报 compiled, edited and issued', () =>
  inPage('zz-failure-supervision-office', async (page) => {
    await signInDemo(page, 'inspector');
    await openSupervision(page);
    // A demo item behind on its reports.
    await page.locator('.ant-table-tbody tr', { has: page.locator('[data-light="red"]') }).first().getByRole('link').first().click();
    await page.waitForURL(/\/cases\/supervision\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: '发督办通知' }).click();
    const dialog = page.getByRole('dialog', { name: '发督办通知' });
    const sent = page.waitForResponse((response) => /\/api\/supervision\/items\/[0-9a-f-]+\/notices$/.test(response.url()));
    await dialog.getByRole('button', { name: '发 出' }).or(dialog.getByRole('button', { name: '发出' })).click();
    const notice = await (await sent).json();
    assert.match(notice.title, /^督办通知〔\d{4}〕\d+号：/);
    const linked = page.getByTestId('supervision-linked-records');
    await linked.getByText(notice.title).waitFor();
    const docx = await page.request.get(`/api/supervision/notices/${notice.id}/document.docx`);
    assert.equal(docx.status(), 200);
    assert.ok(unzip(await docx.body()).get('word/document.xml')!.includes('关于督促办理'));
    await screenshot(page, 'supervision-office-01-notice');

    await openSupervision(page);
    await page.getByRole('tab', { name: '督查通报' }).click();
    const month = new Date();
    const first = new Date(month.getFullYear(), month.getMonth() - 1, 1);
    const last = new Date(month.getFullYear(), month.getMonth(), 0);
    const day = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    const range = page.getByLabel('通报统计期');
    await range.first().click();
    await page.keyboard.type(day(first));
    await page.keyboard.press('Enter');
    await page.keyboard.type(day(last));
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: '编制通报' }).click();
    const editor = page.getByRole('dialog', { name: /编辑督查通报/ });
    await editor.waitFor();
    assert.match(await editor.getByLabel('第 3 段').inputValue(), /本期督办事项共 \d+ 项/);
    await editor.getByLabel('通报标题').fill('上月督办事项办理情况通报');
    await editor.getByRole('button', { name: /保\s*存/ }).click();
    const row = page.getByRole('row').filter({ hasText: '上月督办事项办理情况通报' });
    await row.waitFor();
    await row.getByRole('button', { name: /印\s*发/ }).click();
    await row.getByText(/已印发/).waitFor();
    await screenshot(page, 'supervision-office-02-bulletin');
  }));
