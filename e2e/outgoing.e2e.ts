/**
 * 发文 through the browser against the real server, with the demo accounts: 秘书科 drafts a 请示
 * (上行文) of 示政发 with 市发改委 and 市财政局 to 会签 → 主任 核稿 → the two units' 联络员 会签 →
 * 市长 (the 主要负责人) signs beside the format check and the page-1 preview with its red 版头 →
 * 复核 → 登记 from two tabs: one gets the next 文号, the other a 409 → the .docx names the 文号,
 * the office fonts, the sizes and the margins of GB/T 9704.
 * Run: npm run build:web && node --import tsx --test e2e/outgoing.e2e.ts
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { decodePng, unzip } from '../server/test/office-files.js';
import { launchBrowser, newContext, pickSingleOption, type RunningServer, runInPage, startServer, signInDemo, submitActionDialog } from './harness.js';

const TITLE = '示例市人民政府关于申请支持冬季清洁取暖改造资金的请示';

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
    await signInDemo(page, username);
    await body(page);
  });

const pick = async (page: Page, scope: Locator, label: string, option: string) => {
  await scope.getByLabel(label, { exact: true }).click();
  await page.keyboard.type(option); // the long lists are searchable
  await pickSingleOption(page, option);
};

/** Opens an action's dialog from the case's toolbar, lets `fill` complete it, submits, and waits for the state. */
const act = async (page: Page, button: string | RegExp, submit: string, state: string, fill?: (dialog: Locator) => Promise<void>) => {
  await page.getByRole('toolbar', { name: '可办理的操作' }).getByRole('button', { name: button, exact: typeof button === 'string' }).click();
  const dialog = page.getByRole('dialog', { name: button });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  // As the harness sends every action dialog: after its opening zoom (CI lost a 印制 click to it), once.
  await submitActionDialog(page, dialog, submit);
  await page.getByTestId('case-state').filter({ hasText: state }).waitFor();
};

/** Red pixels (R high, G and B low) in the top third of page 1: the 发文机关标志. */
const redInTopThird = (png: Buffer): number => {
  const image = decodePng(png);
  let red = 0;
  for (let y = 0; y < image.height / 3; y += 1) {
    for (let x = 0; x < image.width; x += 1) {
      const [r, g, b] = image.pixel(x, y);
      if (r > 180 && g < 90 && b < 90) red += 1;
    }
  }
  return red;
};

test('请示 (上行文): two units 会签, the principal signs, two tabs register — one 文号 and a 409 — and the .docx is GB/T 9704', async () => {
  let caseUrl = '';
  await as('clerk', 'outgoing-draft', async (page) => {
    await page.goto('/cases/outgoing');
    await page.getByRole('button', { name: '拟稿' }).click();
    const form = page.getByRole('dialog', { name: '拟稿' });
    await pick(page, form, '机关代字', '示政发');
    await pick(page, form, '文种', '请示');
    await form.getByLabel('标题').fill(TITLE);
    const mainTo = form.getByLabel('主送机关');
    await mainTo.fill('省人民政府');
    await mainTo.press('Enter');
    await page.keyboard.press('Escape');
    await form.getByLabel('正文', { exact: true }).fill(
      ['为推进冬季清洁取暖，现将有关事项请示如下。', '一、基本情况', '全市尚有 3.2 万户居民使用散煤取暖。', '二、请求事项', '恳请省政府安排专项资金 5000 万元。妥否，请批示。'].join('\n'),
    );
    await form.getByTestId('body-preview').getByText('一、基本情况').waitFor();
    await form.getByLabel('不予公开').check();
    await form.getByLabel('不予公开理由').fill('涉及资金安排，属过程性信息');
    await form.getByLabel('联系人', { exact: true }).fill('陈静');
    await form.getByLabel('联系电话').fill('0000-1234567');
    const units = form.getByLabel('会签单位');
    // A chosen unit is a tag with a remove button (the hidden "+ N ..." overflow tag has none).
    const chosen = form.locator('.ant-form-item', { hasText: '会签单位' }).locator('.ant-select-selection-item-remove');
    for (const [index, [typed, name]] of ([['发展和改革', '示例市发展和改革委员会'], ['财政', '示例市财政局']] as const).entries()) {
      // Each pick starts from a closed dropdown and a search box that holds exactly what was typed: a
      // second click on an open multi-select closes it, and a half-cleared search would match nothing.
      // Under load a click during the tree's filtering can miss: the pick counts only once its tag shows.
      for (let attempt = 1; (await chosen.count()) < index + 1; attempt += 1) {
        if (attempt > 3) throw new Error(`会签单位 ${name} could not be picked`);
        await units.click();
        await units.fill(typed);
        await page.locator('.ant-select-dropdown:visible .ant-select-tree-title').filter({ hasText: name }).first().click();
        await page.keyboard.press('Escape');
        await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
        await chosen.nth(index).waitFor({ timeout: 3_000 }).catch(() => undefined);
      }
    }
    assert.equal(await chosen.count(), 2, 'both 会签单位 chosen');
    // A 上行文 goes to the 主要负责人 for 签发: the form proposes him.
    await form.locator('.ant-form-item', { hasText: '签发人' }).getByText('张明远').first().waitFor();
    await form.getByRole('button', { name: '保存并送审' }).click();
    await page.waitForURL(/\/cases\/outgoing\/[0-9a-f-]{36}$/);
    await page.getByTestId('case-state').filter({ hasText: '审核中' }).waitFor();
    caseUrl = new URL(page.url()).pathname;
  });

  await as('director', 'outgoing-review', async (page) => {
    await page.goto(caseUrl);
    await act(page, '审核同意', '审核同意', '会签中', (dialog) => dialog.getByLabel('审核意见').fill('核稿无误，请会签。'));
  });
  await as('clerk', 'outgoing-send-countersign', async (page) => {
    await page.goto(caseUrl);
    await act(page, '发起会签', '发起会签', '会签中');
    // The state was 会签中 before the action too: wait for the refetched case to show both units' assignments.
    await page.getByTestId('assignment').nth(1).waitFor();
    assert.equal(await page.getByTestId('assignment').count(), 2);
  });
  for (const [liaison, reply] of [['liaison', null], ['liaison.czj', '建议补充资金测算依据。']] as const) {
    await as(liaison, `outgoing-countersign-${liaison}`, async (page) => {
      await page.goto(caseUrl);
      await act(page, /^会签（/, '会签', '会签中', async (dialog) => {
        if (reply) await dialog.getByRole('textbox').first().fill(reply);
        else await dialog.getByRole('button', { name: '同意。' }).click();
      });
    });
  }
  await as('clerk', 'outgoing-finish-countersign', async (page) => {
    await page.goto(caseUrl);
    await act(page, '会签完毕', '会签完毕', '待签发');
  });

  const caseId = caseUrl.split('/').at(-1)!;
  await as('mayor', 'outgoing-sign', async (page) => {
    await page.goto(caseUrl);
    await page.getByTestId('signoff-view').waitFor();
    // The format check beside the button: no error (a warning would not block either).
    await page.getByTestId('format-check').or(page.getByTestId('format-check-ok')).first().waitFor();
    assert.equal(await page.locator('[data-testid="format-check"] [data-severity="error"]').count(), 0);
    await page.getByTestId('document-preview').waitFor({ timeout: 90_000 });
    const preview = await page.request.get(`/api/cases/${caseId}/document.png`);
    assert.equal(preview.status(), 200);
    assert.ok(redInTopThird(await preview.body()) > 800, 'the red 版头 is on page 1');
    await page.getByRole('group', { name: '常用意见' }).getByRole('button', { name: '同意', exact: true }).click();
    await page.getByTestId('sign-off-button').click();
    // 签发 asks first; nothing is sent until it is confirmed.
    const ask = page.locator('.ant-popconfirm');
    await ask.getByText('确认签发？').waitFor();
    await ask.getByRole('button', { name: '签发' }).click();
    await page.waitForURL('**/inbox');
  });

  await as('clerk', 'outgoing-register', async (page) => {
    await page.goto(caseUrl);
    await act(page, '复核无误', '复核无误', '待登记');
    const ledger = await (await page.request.get(`/api/doc-numbers?issuer=${encodeURIComponent('示政发')}&year=2026`)).json();
    const next = `示政发〔2026〕${Math.max(0, ...ledger.rows.map((row: { no: number }) => row.no)) + 1}号`;

    // The same draft open in a second tab: both register; one gets the 文号, the other is told the record changed.
    const second = await page.context().newPage();
    await second.goto(caseUrl);
    for (const tab of [page, second]) {
      await tab.getByRole('toolbar', { name: '可办理的操作' }).getByRole('button', { name: '登记编号', exact: true }).click();
      await tab.getByRole('dialog', { name: '登记编号' }).waitFor();
    }
    await page.getByRole('dialog', { name: '登记编号' }).getByRole('button', { name: '登记编号', exact: true }).click();
    await page.getByTestId('case-state').filter({ hasText: '待印制' }).waitFor();
    await second.getByRole('dialog', { name: '登记编号' }).getByRole('button', { name: '登记编号', exact: true }).click();
    await second.getByText('记录已被他人修改，请刷新后重试').first().waitFor();
    await second.close();
    await page.getByText(next).first().waitFor();
    const after = await (await page.request.get(`/api/doc-numbers?issuer=${encodeURIComponent('示政发')}&year=2026`)).json();
    assert.deepEqual(after.rows.filter((row: { caseId: string | null }) => row.caseId === caseId).map((row: { text: string }) => row.text), [next]);
    assert.deepEqual(after.gaps, []);

    // The Word file: GB/T 9704 page, margins, fonts and sizes, with the 文号 and the 签发人.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('docx-link').click()]);
    const xml = unzip(await readFile((await download.path())!)).get('word/document.xml')!;
    assert.ok(xml.includes(next), 'the 文号');
    assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(xml, /<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/);
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '楷体_GB2312', '黑体']) assert.ok(xml.includes(`w:eastAsia="${font}"`), font);
    assert.ok(xml.includes('<w:sz w:val="44"/>') && xml.includes('<w:sz w:val="32"/>'), 'title 2号 and body 3号');
    assert.ok(xml.includes('签发人：') && xml.includes('张明远'));
    assert.ok(xml.includes('示例市人民政府文件') && xml.includes('w:color w:val="FF0000"'), 'the red 发文机关标志');

    await act(page, '印制', '印制', '待核发');
  });
});
