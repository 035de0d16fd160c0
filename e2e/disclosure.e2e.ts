/**
 * 政务公开 through the browser against the real server, with the demo accounts: 秘书科 registers two
 * 主动公开 entries (行政许可 with 25 decisions; 行政事业性收费, refused until its amount is given), the
 * annual report's table 二 adds them to the demo year's figures in their cells with every check passing, the Excel and Word
 * downloads carry the same numbers, and 数据统计's 主动公开政府信息条数 opens the register entries
 * behind it. A leader reads the report but registers nothing.
 * Run: npm run build:web && node --import tsx --test e2e/disclosure.e2e.ts
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Locator, Page } from 'playwright-core';
import { unzip } from '../server/test/office-files.js';
import { actOnCase, launchBrowser, newContext, pickSingleOption, type RunningServer, runInPage, startServer, signInDemo } from './harness.js';

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

const as = async (username: string, failureShot: string, body: (page: Page) => Promise<void>) =>
  runInPage(await newContext(browser, server.baseUrl), failureShot, async (page) => {
    await signInDemo(page, username, /\/(inbox|cases|metrics)/);
    await body(page);
  });

/** A table row of the report preview by its first cell's text, as the cells' texts. */
const reportRow = async (table: Locator, label: string): Promise<string[]> => {
  const row = table.locator('tr').filter({ has: table.page().locator('td', { hasText: new RegExp(`^${label}$`) }) }).first();
  return row.locator('td').allInnerTexts();
};

const register = async (page: Page, fill: (form: Locator) => Promise<void>) => {
  await page.getByRole('button', { name: '登记公开事项' }).click();
  const form = page.getByRole('dialog', { name: '登记主动公开事项' });
  await form.waitFor();
  await fill(form);
  return form;
};

const chooseCategory = async (page: Page, form: Locator, category: string) => {
  await form.getByLabel('类别').click();
  await pickSingleOption(page, category);
};

test('主动公开: two entries registered, the annual report and its files show them, the metric opens them', async () => {
  const suffix = randomBytes(3).toString('hex');
  const permitTitle = `食品经营许可决定公示（${suffix}）`;
  const feeTitle = `不动产登记费收取情况（${suffix}）`;
  const year = new Date().getFullYear();

  let permitsBefore = 0;
  await as('clerk', 'disclosure-clerk', async (page) => {
    // The demo office already published this year (seed/demo-published.ts): the new entries add to its figures.
    const before = await (await page.request.get(`/api/disclosure/annual-report?year=${year}`)).json();
    const cellOf = (report: { published: { rows: Array<{ key: string; cells: number[] }> } }, key: string) => report.published.rows.find((row) => row.key === key)!.cells[0]!;
    permitsBefore = cellOf(before, '行政许可');
    const feesBefore = cellOf(before, '行政事业性收费');

    await page.getByRole('menuitem', { name: '政务公开' }).click();
    await page.waitForURL('**/disclosure');

    const permit = await register(page, async (form) => {
      await form.getByLabel('公开事项名称').fill(permitTitle);
      await chooseCategory(page, form, '行政许可');
      await form.getByLabel('决定数量').fill('25');
    });
    await permit.getByRole('button', { name: '登记', exact: true }).click();
    await permit.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: permitTitle }).filter({ hasText: '25 件决定' }).waitFor();

    const fee = await register(page, async (form) => {
      await form.getByLabel('公开事项名称').fill(feeTitle);
      await chooseCategory(page, form, '行政事业性收费');
    });
    await fee.getByRole('button', { name: '登记', exact: true }).click();
    await fee.getByText('请填写收费金额（万元）').waitFor(); // refused in the form, nothing sent
    await fee.getByLabel('收费金额（万元）').fill('3.5');
    await fee.getByRole('button', { name: '登记', exact: true }).click();
    await fee.waitFor({ state: 'detached' });
    await page.getByRole('row').filter({ hasText: feeTitle }).filter({ hasText: '3.5 万元' }).waitFor();

    await page.getByRole('tab', { name: '政府信息公开工作年度报告' }).click();
    const published = page.getByRole('table', { name: '二、主动公开政府信息情况' });
    await published.waitFor();
    assert.deepEqual(await reportRow(published, '行政许可'), ['行政许可', String(permitsBefore + 25)]);
    assert.deepEqual(await reportRow(published, '行政事业性收费'), ['行政事业性收费', String(feesBefore + 3.5)]);
    await page.getByText(/表格勾稽关系检查：5 项全部相符/).waitFor();
    await page.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' }).waitFor();

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载表格/ }).click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(await excel.path())) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('二 主动公开')!;
    const values = new Map<string, unknown>();
    sheet.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    assert.equal(values.get('行政许可'), permitsBefore + 25);
    assert.equal(values.get('行政事业性收费'), feesBefore + 3.5);

    const [word] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /下载报告/ }).click()]);
    assert.match(word.suggestedFilename(), new RegExp(`${year}年政府信息公开工作年度报告\\.docx$`));
    const text = [...unzip(await readFile(await word.path())).get('word/document.xml')!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('|');
    assert.ok(text.includes(`|行政许可|${permitsBefore + 25}|`), 'the .docx carries the 行政许可 cell');

    await page.getByRole('menuitem', { name: '数据统计' }).click();
    await page.getByRole('button', { name: '主动公开政府信息条数，查看明细' }).click();
    const drawer = page.getByRole('dialog', { name: /主动公开政府信息条数/ });
    await drawer.getByRole('link', { name: permitTitle }).waitFor();
    await drawer.getByRole('link', { name: feeTitle }).waitFor();
  });

  await as('mayor', 'disclosure-leader', async (page) => {
    await page.goto(`/disclosure?tab=report`);
    const published = page.getByRole('table', { name: '二、主动公开政府信息情况' });
    await published.waitFor();
    assert.deepEqual(await reportRow(published, '行政许可'), ['行政许可', String(permitsBefore + 25)]);
    await page.getByRole('tab', { name: '主动公开登记' }).click();
    await page.getByRole('row').filter({ hasText: permitTitle }).waitFor();
    assert.equal(await page.getByRole('button', { name: '登记公开事项' }).count(), 0);
  });
});

const act = (page: Page, action: string, fill?: (dialog: Locator) => Promise<void>) => actOnCase(page, action, fill ? { fill } : {});

test('依申请公开: a posted application registered, 补正 and corrected, a third party consulted, answered in time; table 三 counts it', async () => {
  const suffix = randomBytes(3).toString('hex');
  const subject = `2026 年老旧小区改造资金安排（${suffix}）`;
  const year = new Date().getFullYear();
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const partialRow = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';

  await as('clerk', 'disclosure-request', async (page) => {
    const before = await (await page.request.get(`/api/disclosure/annual-report?year=${year}`)).json();
    const partialBefore = (before.requests.rows as Array<{ key: string; cells: number[] }>).find((row) => row.key === 'partial')!.cells[0]!;

    await page.goto('/cases/disclosure');
    await page.getByRole('button', { name: '登记申请' }).click();
    const form = page.getByRole('dialog', { name: '登记政府信息公开申请' });
    await form.waitFor();
    await form.getByText('信函（邮寄）').click();
    // A 平常信函 nobody signs for is dated by its confirmation with the applicant (条例第三十一条第（二）项).
    await form.getByText('平常信函（无需签收）').click();
    await form.getByLabel('与申请人确认日期').fill(today);
    await form.getByLabel('与申请人确认日期').press('Enter');
    await form.getByText(`收到申请之日：${today}（与申请人确认日期，条例第三十一条）`).waitFor();
    assert.equal(await form.getByLabel('签收日期').count(), 0);
    await form.getByText('需签收（挂号信、EMS 等）').click();
    await form.getByLabel('签收日期').fill(today);
    await form.getByLabel('签收日期').press('Enter');
    // The form says which day starts the clock before anything is sent.
    await form.getByText(`收到申请之日：${today}（签收日期，条例第三十一条）`).waitFor();
    await form.getByLabel('申请人姓名').fill('王建国');
    await form.getByLabel('联系电话').fill('13912345678');
    await form.getByLabel('所需政府信息').fill(subject);
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await page.waitForURL(/\/cases\/disclosure\/[0-9a-f-]{36}$/);
    const serialNo = (await page.getByTestId('case-serial').innerText()).trim();
    assert.match(serialNo, /^依申请〔\d{4}〕\d+号$/);
    // The applicant's phone is stored and shown masked.
    await page.getByText('139****5678').first().waitFor();
    assert.equal(await page.getByText('13912345678').count(), 0);

    await act(page, '告知补正', async (dialog) => {
      await dialog.getByLabel('需补正的内容').fill('请写明所需资金安排信息涉及的具体项目名称，并于 15 日内补正。');
    });
    await page.getByText('待补正').first().waitFor();
    await act(page, '收到补正');
    await act(page, '征求第三方意见', async (dialog) => {
      await dialog.getByLabel('第三方').fill('示例市城投公司');
    });
    await act(page, '收到第三方意见', async (dialog) => {
      await dialog.getByText('同意公开', { exact: true }).click();
    });
    await act(page, '答复', async (dialog) => {
      await dialog.getByLabel('答复类型').click();
      await pickSingleOption(page, '部分公开');
      await dialog.getByLabel('答复内容').fill('资金安排表予以公开，合同单价涉及商业秘密不予公开。');
      await dialog.getByText('邮寄', { exact: true }).click();
    });
    await page.getByText('已答复').first().waitFor();

    // The 时限 panel: the answer clock ended, and explains itself — 补正 restarted it, the consultation paused it.
    const panel = page.getByTestId('clocks-panel');
    const answerClock = panel.locator('.ant-collapse-item').filter({ hasText: '答复期限' });
    await answerClock.getByText('已结束').waitFor();
    await answerClock.locator('.ant-collapse-header').click();
    await answerClock.getByText(/^重新起算：.*（收到补正）/).waitFor();
    await answerClock.getByText(/^中止：.*（征求第三方意见/).waitFor();
    await answerClock.getByText(/^依据：《中华人民共和国政府信息公开条例》第三十三条/).waitFor();

    // The applicant's earlier cases are found by the phone number, though no page shows it.
    await page.getByRole('menuitem', { name: '当事人查询' }).click();
    await page.getByRole('textbox', { name: '联系电话' }).fill('139 1234 5678');
    await page.getByRole('button', { name: '查询' }).click();
    const found = page.getByRole('row').filter({ hasText: subject });
    await found.waitFor();
    assert.match(await found.innerText(), /依申请公开[\s\S]*联系电话 139\*\*\*\*5678/);

    await page.goto('/disclosure?tab=report');
    const requests = page.getByRole('table', { name: '三、收到和处理政府信息公开申请情况' });
    await requests.waitFor();
    const cells = await reportRow(requests, partialRow);
    assert.equal(cells.at(1), String(partialBefore + 1), cells.join(' | '));
  });
});
