/**
 * 工作总结 through the browser on the demo office: the director generates this year's summary from the
 * 市 template; its numbers are the metrics' (收文 matches 数据统计's card) and open the records behind
 * them; gaps are marked 【待补充】; a paragraph is edited around its number and saved as version 2; the
 * Word file downloads.
 * Run: npm run build:web && node --import tsx --test e2e/summary.e2e.ts
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { unzip } from '../server/test/office-files.js';
import { launchBrowser, newContext, pickSingleOption, type RunningServer, runInPage, screenshot, signInDemo, startServer } from './harness.js';

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

test('工作总结: generated from the metrics, a number opens its records, a paragraph edited around its number, version 2, Word', async () =>
  runInPage(await newContext(browser, server.baseUrl), 'zz-failure-summary', async (page) => {
    await signInDemo(page, 'director');
    const year = new Date().getFullYear();
    const received = await (await page.request.get(`/api/metrics/incoming.received?from=${year}-01-01&to=${year}-12-31`)).json();
    assert.ok(received.value > 0, 'the demo year has 收文');

    await page.getByRole('menuitem', { name: '工作总结' }).click();
    await page.getByRole('button', { name: '生成总结草稿' }).click();
    const dialog = page.getByRole('dialog', { name: '生成总结草稿' });
    await dialog.getByLabel('模板').click();
    await pickSingleOption(page, '市政府办公室年度工作总结');
    await dialog.getByRole('button', { name: '生 成' }).or(dialog.getByRole('button', { name: '生成' })).first().click();
    await page.waitForURL(/\/summaries\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: `示例市人民政府办公室${year}年工作总结` }).first().waitFor();

    // The opening's first number is this year's 收文, as 数据统计 counts it; a click opens the records.
    const opening = page.getByTestId('summary-paragraph').first();
    const number = opening.locator('[data-metric="incoming.received"]').first();
    assert.equal(await number.innerText(), `${received.value}件`);
    await page.locator('mark.fb-summary-gap').filter({ hasText: '【待补充：公务车辆安全行驶里程（未接入）】' }).waitFor();
    await number.click();
    const drawer = page.getByRole('dialog', { name: '收文件数 · 明细' });
    await drawer.getByText(`共 ${received.value} 件`).waitFor();
    await screenshot(page, 'summary-1-number-records');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    // Edit the opening: new words around the same number token; save → version 2, the number still linked.
    await opening.getByRole('button', { name: '编辑' }).click();
    const text = page.getByLabel('段落');
    await text.fill('这一年，全办共办理收文{{incoming.received}}{{incoming.received|同比}}，各项工作稳步推进。');
    await page.getByRole('button', { name: '完 成' }).or(page.getByRole('button', { name: '完成' })).first().click();
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).first().click();
    await page.getByText('第 2 版').waitFor();
    await page.getByTestId('summary-paragraph').first().filter({ hasText: /^这一年，全办共办理收文\d+件/ }).waitFor();
    assert.equal(await page.getByTestId('summary-paragraph').first().locator('[data-metric="incoming.received"]').first().innerText(), `${received.value}件`);
    await screenshot(page, 'summary-2-edited');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('summary-docx').click()]);
    const xml = unzip(await readFile((await download.path())!)).get('word/document.xml')!;
    assert.ok(xml.includes(`全办共办理收文${received.value}件`), 'the edited paragraph with its number');
    assert.ok(xml.includes('【待补充：'), 'the gaps stay visible');

    // On a phone the list of drafts keeps its title readable (the row scrolls), not a character a line.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/summaries');
    const listed = page.getByRole('link', { name: `示例市人民政府办公室${year}年工作总结` }).first();
    await listed.waitFor();
    const box = (await listed.boundingBox())!;
    assert.ok(box.width >= 150, `the title is ${box.width} px wide on a phone`);
    await screenshot(page, 'summary-3-phone-list');
  }));

/** Inserts a metric from the 插入数字 picker where the caret is: searched by its Chinese label, in the form asked. */
const insertMetric = async (page: Page, label: string, form = '数值') => {
  await page.getByRole('button', { name: '插入数字' }).first().click();
  const picker = page.getByRole('dialog', { name: '插入数字' });
  await picker.getByLabel('搜索指标').fill(label);
  await picker.locator('label.ant-radio-button-wrapper', { hasText: form }).click();
  await picker.getByRole('button', { name: `插入 ${label}`, exact: true }).click();
  await picker.waitFor({ state: 'detached' });
};

test('工作总结 editor: a number from the picker between typed words (an IME too) stays a chip with its value after save and reload; a template edited the same way makes a new draft', async () =>
  runInPage(await newContext(browser, server.baseUrl), 'zz-failure-summary-editor', async (page) => {
    await signInDemo(page, 'director');
    const now = new Date();
    const year = now.getFullYear();
    const received = await (await page.request.get(`/api/metrics/incoming.received?from=${year}-01-01&to=${year}-12-31`)).json();
    const made = await page.request.post('/api/summaries', { data: { templateKey: 'year-市', from: `${year}-01-01`, to: `${year}-12-31` } });
    assert.equal(made.status(), 201);
    const { id } = await made.json();
    await page.goto(`/summaries/${id}`);

    // The shortcomings paragraph has no number: the director rewrites it around one from the picker.
    const shortcomings = page.getByRole('region', { name: '存在的问题和不足' });
    await shortcomings.getByRole('button', { name: '编辑' }).click();
    const editor = shortcomings.getByRole('textbox', { name: '段落' });
    await editor.waitFor();
    await editor.press('ControlOrMeta+A');
    await editor.press('Backspace');
    await page.keyboard.type('全年办理收文');
    await insertMetric(page, '收文件数');
    const chip = editor.locator('[data-metric="incoming.received"]');
    await chip.filter({ hasText: `${received.value}件` }).waitFor();
    assert.match(await chip.innerText(), /收文件数/);
    await page.keyboard.type('，运转');
    // Words after it through an input method: composition events, the text read once the word is chosen.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'shunchang', selectionStart: 9, selectionEnd: 9 });
    await cdp.send('Input.insertText', { text: '顺畅' });
    await page.keyboard.type('。');
    await page.keyboard.press('ControlOrMeta+Home');
    await page.keyboard.type('此外，');
    await shortcomings.getByRole('button', { name: '完 成' }).or(shortcomings.getByRole('button', { name: '完成' })).first().click();
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).first().click();
    await page.getByText('第 2 版').waitFor();
    const stored = (await (await page.request.get(`/api/summaries/${id}`)).json()) as { sections: Array<{ heading: string; paragraphs: Array<{ source: string }> }> };
    assert.equal(stored.sections.find((section) => section.heading === '存在的问题和不足')?.paragraphs[0]?.source, '此外，全年办理收文{{incoming.received}}，运转顺畅。');

    await page.reload();
    const paragraph = page.getByRole('region', { name: '存在的问题和不足' }).getByTestId('summary-paragraph').first();
    await paragraph.filter({ hasText: `此外，全年办理收文${received.value}件，运转顺畅。` }).waitFor();
    await paragraph.getByRole('button', { name: '编辑' }).click();
    await page.getByRole('region', { name: '存在的问题和不足' }).getByRole('textbox', { name: '段落' }).locator('[data-metric="incoming.received"]').filter({ hasText: `收文件数${received.value}件` }).waitFor();
    await screenshot(page, 'summary-3-chip-editor');

    // The title takes a number the same way, and prints it as a link to its records.
    await page.getByRole('button', { name: '改总标题' }).click();
    const titleEditor = page.getByRole('textbox', { name: '标题' });
    await titleEditor.waitFor();
    await titleEditor.press('End');
    await page.keyboard.type('（收文');
    await insertMetric(page, '收文件数', '纯数字');
    await titleEditor.locator('[data-metric="incoming.received"]').waitFor();
    await page.keyboard.type('件）');
    await page.getByTestId('summary-title-editor').getByRole('button', { name: /完\s?成/ }).click();
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).first().click();
    await page.getByText('第 3 版').waitFor();
    const printedTitle = page.locator('h2.fb-summary-title');
    await printedTitle.filter({ hasText: `工作总结（收文${received.value}件）` }).waitFor();
    await printedTitle.locator('button[data-metric="incoming.received"]').click();
    await page.getByRole('dialog').filter({ hasText: '收文件数' }).first().waitFor();
    await page.keyboard.press('Escape');

    // A template: the built-in 月度工作简报 copied, its first paragraph rewritten with a placeholder and a number, saved, made the default.
    await page.goto('/summaries/templates');
    await page.getByRole('row', { name: /月度工作简报/ }).getByRole('button', { name: '复制为本办模板' }).click();
    const copy = page.getByRole('dialog', { name: '复制为本办模板' });
    await copy.getByLabel('模板名称').fill('本办月度简报');
    await copy.getByRole('button', { name: '复制并编辑' }).click();
    await page.waitForURL(/\/summaries\/templates\/[0-9a-f-]{36}$/);
    const first = page.getByRole('textbox', { name: '第1部分第1段' });
    await first.click();
    await first.press('ControlOrMeta+A');
    await first.press('Backspace');
    await page.getByRole('button', { name: '插入占位符' }).click();
    await page.getByRole('menuitem', { name: /期间/ }).click();
    await page.keyboard.type('，本办办理收文');
    await insertMetric(page, '收文件数');
    await page.keyboard.type('。');
    await first.locator('[data-placeholder="期间"]').waitFor();
    await first.locator('[data-metric="incoming.received"]').filter({ hasText: /\d+件/ }).waitFor();
    // A token typed by hand with a misspelt metric: flagged once the line is left, gone with one Backspace.
    const second = page.getByRole('textbox', { name: '第1部分第2段' });
    await second.click();
    await second.press('ControlOrMeta+End');
    await page.keyboard.type('{{incoming.recieved}}');
    await first.click();
    await second.locator('.fb-chip-unknown').waitFor();
    const flagged = page.getByRole('alert').filter({ hasText: '“incoming.recieved”不存在' });
    await flagged.waitFor();
    await second.click();
    await second.press('ControlOrMeta+End');
    await second.press('Backspace');
    await flagged.waitFor({ state: 'detached' });
    // Copy puts the stored text (tokens) on the clipboard; paste reads it back as chips.
    const copied = await page.evaluate(() => {
      const line = document.querySelector('[aria-label="第1部分第1段"]')!;
      const range = document.createRange();
      range.selectNodeContents(line);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      const clipboard = new DataTransfer();
      line.dispatchEvent(new ClipboardEvent('copy', { clipboardData: clipboard, bubbles: true, cancelable: true }));
      return clipboard.getData('text/plain');
    });
    assert.equal(copied, '{期间}，本办办理收文{{incoming.received}}。');
    const third = page.getByRole('textbox', { name: '第1部分第3段' });
    await third.click();
    await third.press('ControlOrMeta+End');
    await third.evaluate((line, text) => {
      const clipboard = new DataTransfer();
      clipboard.setData('text/plain', text);
      line.dispatchEvent(new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }));
    }, `另：${copied}`);
    await third.locator('[data-placeholder="期间"]').waitFor();
    await third.locator('[data-metric="incoming.received"]').filter({ hasText: /\d+件/ }).waitFor();
    await screenshot(page, 'summary-4-template-editor');
    await page.getByRole('button', { name: '保存模板' }).click();
    await page.getByText('模板已保存').waitFor();
    const saved = ((await (await page.request.get('/api/summaries/templates')).json()) as Array<{ name: string; sections: Array<{ paragraphs: string[] }> }>).find((template) => template.name === '本办月度简报')!;
    assert.equal(saved.sections[0]!.paragraphs[0], '{期间}，本办办理收文{{incoming.received}}。');
    assert.ok(saved.sections[0]!.paragraphs[2]!.endsWith('。另：{期间}，本办办理收文{{incoming.received}}。'), saved.sections[0]!.paragraphs[2]);
    await page.getByRole('button', { name: '预 览' }).or(page.getByRole('button', { name: '预览' })).first().click();
    const month = now.getMonth() + 1;
    const monthEnd = new Date(year, month, 0).getDate();
    const monthly = await (await page.request.get(`/api/metrics/incoming.received?from=${year}-${String(month).padStart(2, '0')}-01&to=${year}-${String(month).padStart(2, '0')}-${monthEnd}`)).json();
    const sentence = `${year}年${month}月，本办办理收文${monthly.value}件。`;
    await page.getByTestId('template-preview').getByText(sentence).first().waitFor();
    await page.keyboard.press('Escape');
    // Both saves are kept whole: the copy (第 1 版) can be loaded back; the saved text is the current one.
    await page.getByRole('button', { name: '历史版本' }).click();
    const versions = page.getByRole('dialog', { name: '模板历史版本' });
    await versions.getByRole('listitem').filter({ hasText: '第 2 版' }).getByText('当前版本').waitFor();
    await versions.getByRole('listitem').filter({ hasText: '第 1 版' }).getByRole('button', { name: '载入此版本' }).waitFor();
    await page.keyboard.press('Escape');
    await page.goto('/summaries/templates');
    const row = page.getByRole('row', { name: /本办月度简报/ });
    await row.getByRole('button', { name: '设为默认' }).click();
    await row.getByText('默认（月度）').waitFor();

    // The new draft from it says the same, each number linked.
    await page.goto('/summaries');
    await page.getByRole('button', { name: '生成总结草稿' }).click();
    const dialog = page.getByRole('dialog', { name: '生成总结草稿' });
    await dialog.getByLabel('模板').click();
    await pickSingleOption(page, '本办月度简报');
    await dialog.getByRole('button', { name: '生 成' }).or(dialog.getByRole('button', { name: '生成' })).first().click();
    await page.waitForURL(/\/summaries\/[0-9a-f-]{36}$/);
    const opening = page.getByTestId('summary-paragraph').first();
    await opening.filter({ hasText: sentence }).waitFor();
    assert.equal(await opening.locator('[data-metric="incoming.received"]').innerText(), `${monthly.value}件`);
  }));

test('领导驾驶舱 on a phone: the mayor sees each module’s figure, opens the records behind one, this year against last, and today’s red list', async () =>
  runInPage(
    await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }),
    'zz-failure-dashboard',
    async (page) => {
      await signInDemo(page, 'mayor');
      await page.goto('/dashboard');
      const figures = page.getByTestId('dashboard-figure');
      await figures.first().waitFor();
      assert.ok((await figures.count()) >= 6, 'a figure per module');
      const year = new Date().getFullYear();
      const received = await (await page.request.get(`/api/metrics/incoming.received?from=${year}-01-01`)).json();
      const card = figures.filter({ hasText: '办文 · 收文件数' });
      assert.match(await card.innerText(), new RegExp(`${received.value.toLocaleString('zh-CN')}`));
      // A figure without a value says why, as the API's answer has it: no records yet, or none a rate could be taken of.
      const { headline } = (await (await page.request.get(`/api/dashboard?year=${year}`)).json()) as { headline: Array<{ section: string; result: { label: string; value: number | null; hasData: boolean } }> };
      for (const { section, result } of headline.filter((item) => item.result.value === null)) {
        const blank = figures.filter({ hasText: `${section} · ${result.label}` });
        assert.match(await blank.innerText(), result.hasData ? /本期没有可计算的事项/ : /本期末前系统中尚无此类记录/, result.label);
      }
      await page.getByRole('img', { name: '收文件数逐月对比' }).locator('canvas').waitFor();
      // The chart's title is whole, not 「逐月…」 beside its choices.
      const monthlyTitle = page.locator('.ant-card-head-title', { hasText: /^逐月/ });
      assert.ok(await monthlyTitle.evaluate((element) => element.scrollWidth <= element.clientWidth), 'the title 逐月对比 is cut short');
      const red = page.getByTestId('dashboard-red');
      assert.match(await red.innerText(), /今日红灯（逾期未办结）\d+ 件/);
      // Nothing runs off the side of a phone.
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1), 'no sideways scroll');
      await screenshot(page, 'dashboard-phone');
      await card.click();
      await page.getByRole('dialog', { name: '收文件数 · 明细' }).getByText(`共 ${received.value} 件`).waitFor();
    },
  ));
