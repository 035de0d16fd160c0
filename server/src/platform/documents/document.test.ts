import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodePng, unzip } from '../../../test/office-files.js';
import type { OfficialDocumentModel } from './document.types.js';
import { DocumentPreviewError, isPreviewAvailable, renderPdfPreview, renderPngOfFirstPage } from './preview.js';
import { renderOfficialDocx } from './render-docx.js';


/** A 请示 (上行文): 签发人, two heading levels, two attachments, 抄送 and 版记. */
const request: OfficialDocumentModel = {
  format: 'file',
  copyNo: '000123',
  urgency: '特急',
  issuerMark: '示例市人民政府办公室文件',
  docNumber: '示政办〔2026〕12号',
  signers: ['王建国'],
  title: '示例市人民政府办公室关于申请安排2027年城区防汛排涝设施改造资金的请示',
  mainTo: '示例市人民政府',
  body: [
    { level: 0, prefix: '', text: '今年汛期，我市城区先后出现6次强降雨过程，老城区部分路段积水严重。现将有关情况请示如下。' },
    { level: 1, prefix: '一、', text: '基本情况' },
    { level: 0, prefix: '', text: '城区现有排水管网312公里，其中建成超过20年的老旧管网约86公里。' },
    { level: 2, prefix: '（一）', text: '管网老化问题突出' },
    { level: 0, prefix: '', text: '老旧管网管径偏小、淤积严重，遇强降雨极易形成内涝。' },
    { level: 1, prefix: '二、', text: '资金需求' },
    { level: 0, prefix: '', text: '经测算共需资金1.26亿元，拟申请市级财政安排8000万元。' },
    { level: 0, prefix: '', text: '妥否，请批示。' },
  ],
  attachmentNotes: ['示例市城区防汛排涝设施改造项目清单', '示例市城区易涝点位分布图'],
  signature: '示例市人民政府办公室',
  writtenOn: '2026年11月22日',
  annotation: '联系人：陈静，电话：0000-1234567',
  copyTo: '市委办公室，市人大常委会办公室，市财政局、市水务局',
  printedBy: '示例市人民政府办公室',
  printedOn: '2026年11月22日',
};

const letter: OfficialDocumentModel = {
  ...request,
  format: 'letter',
  issuerMark: '示例市人民政府办公室',
  signers: undefined,
  docNumber: '示政办函〔2026〕45号',
  title: '示例市人民政府办公室关于商请支持城区防汛排涝设施改造的函',
  mainTo: '示例省水利厅',
};

const minutes: OfficialDocumentModel = {
  ...request,
  format: 'minutes',
  issuerMark: '示例市人民政府常务会议纪要',
  docNumber: '〔2026〕第18期',
  signers: undefined,
  copyNo: undefined,
  urgency: undefined,
  title: '',
  mainTo: '不应出现的主送机关',
  attachmentNotes: [],
  attendance: [
    { label: '出席', names: '王建国、李明、张伟' },
    { label: '列席：', names: '市财政局、市水务局主要负责同志' },
  ],
};

const partsOf = async (model: OfficialDocumentModel) => unzip(await renderOfficialDocx(model));
/** The paragraphs of an XML part, each as its source text. */
const paragraphs = (xml: string): string[] => xml.match(/<w:p>.*?<\/w:p>|<w:p [^>]*>.*?<\/w:p>/g) ?? [];
const textOf = (paragraphXml: string): string => [...paragraphXml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((match) => match[1]).join('');
const paragraphWith = (xml: string, text: string): string => {
  const found = paragraphs(xml).find((paragraph) => textOf(paragraph).includes(text));
  assert.ok(found, `no paragraph containing ${text}`);
  return found;
};
const fontsOf = (eastAsia: string) => new RegExp(`<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="${eastAsia}" w:hAnsi="Times New Roman"`);

describe('GB/T 9704 .docx: the 文件 format, a 请示', async () => {
  const parts = await partsOf(request);
  const documentXml = parts.get('word/document.xml')!;

  test('A4, 天头 37 mm, 订口 28 mm, 22 lines on a 579-twip grid, 3号仿宋 by default', () => {
    assert.match(documentXml, /<w:pgSz w:w="11906" w:h="16838"/);
    assert.match(documentXml, /<w:pgMar w:top="2097" w:right="1474" w:bottom="1984" w:left="1587"/);
    assert.match(documentXml, /<w:docGrid w:type="lines" w:linePitch="579"\/>/);
    const styles = parts.get('word/styles.xml')!;
    assert.match(styles, /<w:pPrDefault><w:pPr><w:spacing w:after="0" w:before="0" w:line="579" w:lineRule="exact"\/>/);
    assert.match(styles, /<w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="仿宋_GB2312"[^>]*\/><w:sz w:val="32"\/>/);
    // 28 characters a line: 3号 runs are 0.25 pt tighter.
    assert.match(paragraphWith(documentXml, '今年汛期'), /<w:spacing w:val="-5"\/>/);
  });

  test('the four office fonts are named for Chinese, Times New Roman for Latin', () => {
    for (const font of ['方正小标宋简体', '仿宋_GB2312', '楷体_GB2312', '黑体']) assert.match(documentXml, fontsOf(font), font);
  });

  test('版头: 份号 and 特急 in 黑体, the red 标志, 文号 with 签发人, the red rule', () => {
    assert.match(paragraphWith(documentXml, '000123'), fontsOf('黑体'));
    assert.match(paragraphWith(documentXml, '特急'), fontsOf('黑体'));
    const mark = paragraphWith(documentXml, '示例市人民政府办公室文件');
    assert.match(mark, /<w:jc w:val="center"\/>/);
    assert.match(mark, /<w:color w:val="FF0000"\/><w:sz w:val="72"\/>/);
    assert.match(mark, fontsOf('方正小标宋简体'));
    const number = paragraphWith(documentXml, '示政办〔2026〕12号');
    assert.match(textOf(number), /^示政办〔2026〕12号签发人：王建国$/);
    assert.match(number, /<w:tab w:val="left" w:pos="320"\/><w:tab w:val="right" w:pos="8525"\/>/, '文号 one character in from the left, 签发人 one from the right');
    assert.match(number, /<w:bottom w:val="single" w:color="FF0000" w:sz="8" w:space="6"\/>/, 'red rule under the 文号 line');
    assert.match(number, new RegExp(`${fontsOf('楷体_GB2312').source}.*王建国`), '签发人 names in 楷体');
  });

  test('title in 2号小标宋, 主送 with a full-width colon, body and headings in their fonts', () => {
    const title = paragraphWith(documentXml, '防汛排涝设施改造资金的请示');
    assert.match(title, /<w:sz w:val="44"\/>/);
    assert.match(title, fontsOf('方正小标宋简体'));
    assert.equal(textOf(paragraphWith(documentXml, '示例市人民政府：')), '示例市人民政府：');
    const body = paragraphWith(documentXml, '今年汛期');
    assert.match(body, /<w:ind w:firstLine="640"\/>/);
    assert.match(body, /<w:sz w:val="32"\/>/);
    assert.match(body, fontsOf('仿宋_GB2312'));
    assert.match(paragraphWith(documentXml, '一、基本情况'), fontsOf('黑体'));
    assert.match(paragraphWith(documentXml, '（一）管网老化问题突出'), fontsOf('楷体_GB2312'));
  });

  test('附件说明 numbered and aligned, 成文日期 右空四字, 署名 centred over it, 附注 in parentheses', () => {
    const first = paragraphWith(documentXml, '附件：1.示例市城区防汛排涝设施改造项目清单');
    const second = paragraphWith(documentXml, '2.示例市城区易涝点位分布图');
    const leftOf = (xml: string) => Number(/<w:ind w:left="(\d+)"/.exec(xml)?.[1]);
    assert.equal(leftOf(first), leftOf(second), 'items (and their wrapped lines) share one left edge');
    assert.match(first, /<w:ind w:left="\d+" w:hanging="\d+"\/>/);
    const date = paragraphWith(documentXml, '2026年11月22日');
    assert.match(date, /<w:ind w:right="1280"\/>/);
    assert.match(date, /<w:jc w:val="right"\/>/);
    const signature = paragraphs(documentXml).find((paragraph) => textOf(paragraph) === '示例市人民政府办公室')!;
    const signatureInset = Number(/<w:ind w:right="(\d+)"\/>/.exec(signature)?.[1]);
    assert.ok(signatureInset < 1280, `署名 (${signatureInset}) is longer than the date, so it ends nearer the margin`);
    assert.ok(textOf(paragraphWith(documentXml, '联系人')).startsWith('（联系人'));
  });

  test('版记: 抄送 in 4号 ending with 。, 印发 line, thick-thin-thick rules, floated to the bottom of the page', () => {
    const copy = paragraphWith(documentXml, '抄送：');
    assert.equal(textOf(copy), '抄送：市委办公室，市人大常委会办公室，市财政局、市水务局。');
    assert.match(copy, /<w:sz w:val="28"\/>/);
    assert.equal(textOf(paragraphWith(documentXml, '印发')), '示例市人民政府办公室2026年11月22日印发');
    assert.match(documentXml, /<w:top w:val="single" w:color="000000" w:sz="8"[^>]*\/>.*<w:bottom w:val="single" w:color="000000" w:sz="8"[^>]*\/>.*<w:insideH w:val="single" w:color="000000" w:sz="6"/);
    assert.match(documentXml, /<w:tblpPr [^>]*w:tblpYSpec="bottom" w:vertAnchor="margin"\/>/);
  });

  test('page numbers "— N —" in 4号宋体, odd pages at the right, even pages at the left', () => {
    assert.match(parts.get('word/settings.xml')!, /<w:evenAndOddHeaders\/>/);
    assert.match(documentXml, /<w:footerReference w:type="default" r:id="(rId\d+)"\/><w:footerReference w:type="even"/);
    const footers = [...parts.entries()].filter(([name]) => /^word\/footer\d+\.xml$/.test(name)).map(([, xml]) => xml);
    const odd = footers.find((xml) => /<w:jc w:val="right"\/>/.test(xml))!;
    const even = footers.find((xml) => /<w:jc w:val="left"\/>/.test(xml))!;
    for (const footer of [odd, even]) {
      assert.match(footer, /<w:t xml:space="preserve">— <\/w:t>.*<w:instrText xml:space="preserve">PAGE<\/w:instrText>.*<w:t xml:space="preserve"> —<\/w:t>/);
      assert.match(footer, /w:eastAsia="宋体"[^>]*\/><w:sz w:val="28"\/>/);
    }
    assert.match(odd, /<w:ind w:right="280"\/>/);
    assert.match(even, /<w:ind w:left="280"\/>/);
  });

  test('联合行文: the organs stacked with 文件 at their right; text that looks like XML stays text', async () => {
    const joint = await partsOf({ ...request, title: '关于<测试>&“引号”的请示', jointIssuerMarks: ['示例市财政局', '示例市水务局文件'], signers: ['王建国', '李明', '张伟'] });
    const xml = joint.get('word/document.xml')!;
    assert.match(xml, /<w:tbl>.*示例市人民政府办公室<.*示例市财政局<.*示例市水务局<.*<\/w:tbl>/);
    assert.match(paragraphWith(xml, '文件'), /<w:color w:val="FF0000"\/>/);
    assert.match(xml, /<w:vMerge w:val="restart"\/>/);
    assert.match(paragraphWith(xml, '示例市财政局'), /<w:jc w:val="distribute"\/>/);
    assert.match(xml, /关于&lt;测试&gt;&amp;“引号”的请示/);
    // Two signers a line; the 文号 on the last line, with the red rule.
    assert.equal(textOf(paragraphWith(xml, '签发人：')), '签发人：王建国\u3000李明');
    assert.match(paragraphWith(xml, '张伟'), /示政办〔2026〕12号.*<w:bottom w:val="single" w:color="FF0000"|<w:bottom w:val="single" w:color="FF0000".*示政办〔2026〕12号/);
  });
});

describe('GB/T 9704 .docx: 信函 and 纪要 formats', () => {
  test('信函: organ name as the mark, red double rules, 文号 at the right, no page number on page 1, no 印发', async () => {
    const parts = await partsOf(letter);
    const xml = parts.get('word/document.xml')!;
    const mark = paragraphWith(xml, '示例市人民政府办公室');
    assert.doesNotMatch(textOf(mark), /文件/);
    assert.match(mark, /<w:bottom w:val="thickThinSmallGap" w:color="FF0000"/);
    assert.match(paragraphWith(xml, '示政办函〔2026〕45号'), /<w:tab w:val="right" w:pos="8845"\/>/);
    assert.match(xml, /<w:titlePg\/>|<w:titlePg w:val="true"\/>/);
    const firstFooterId = /<w:footerReference w:type="first" r:id="(rId\d+)"\/>/.exec(xml)?.[1];
    assert.ok(firstFooterId, 'a first-page footer');
    const target = new RegExp(`Id="${firstFooterId}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${firstFooterId}"`).exec(parts.get('word/_rels/document.xml.rels')!);
    const firstFooter = parts.get(`word/${target?.[1] ?? target?.[2]}`)!;
    assert.doesNotMatch(firstFooter, /PAGE/);
    assert.match(firstFooter, /<w:top w:val="thickThinSmallGap" w:color="FF0000"/);
    assert.doesNotMatch(xml, /印发/);
    assert.match(textOf(paragraphWith(xml, '抄送：')), /。$/);
  });

  test('纪要: "……纪要" mark, 期号 and red rule, no 主送, 出席 in 黑体, no 署名 but the date', async () => {
    const xml = (await partsOf(minutes)).get('word/document.xml')!;
    assert.match(paragraphWith(xml, '示例市人民政府常务会议纪要'), /<w:color w:val="FF0000"\/>/);
    assert.match(paragraphWith(xml, '〔2026〕第18期'), /<w:bottom w:val="single" w:color="FF0000"/);
    assert.doesNotMatch(xml, /不应出现的主送机关/);
    const present = paragraphWith(xml, '出席：');
    assert.match(present, new RegExp(`${fontsOf('黑体').source}.*出席：.*${fontsOf('仿宋_GB2312').source}.*王建国`));
    assert.equal(textOf(paragraphWith(xml, '列席')), '列席：市财政局、市水务局主要负责同志');
    assert.ok(!paragraphs(xml).some((paragraph) => textOf(paragraph) === minutes.signature), 'no 署名 paragraph');
    assert.match(paragraphWith(xml, '2026年11月22日'), /<w:ind w:right="1280"\/>/);
  });
});

describe('PDF preview through LibreOffice', () => {
  test('page 1 is A4 with the red 版头 in its top third and dark text below; parallel calls do not clash', async () => {
    assert.ok(
      isPreviewAvailable(),
      'LibreOffice (soffice) is not on PATH, so the preview cannot be tested: apt-get install libreoffice-writer-nogui poppler-utils fonts-noto-cjk (.ci/run does this)',
    );
    const [fileDocx, letterDocx] = await Promise.all([renderOfficialDocx(request), renderOfficialDocx(letter)]);
    const [pdf, letterPdf] = await Promise.all([renderPdfPreview(fileDocx), renderPdfPreview(letterDocx)]);
    for (const bytes of [pdf, letterPdf]) assert.equal(bytes.toString('latin1', 0, 5), '%PDF-');
    const page = decodePng(await renderPngOfFirstPage(pdf));
    assert.ok(Math.abs(page.width - 496) <= 2 && Math.abs(page.height - 702) <= 2, `A4 at 60 dpi, got ${page.width}×${page.height}`);
    // The 标志 lies in the top third; the red rule under the 文号 about 120 mm down (41% of the page).
    let redTop = 0;
    let redRest = 0;
    let dark = 0;
    for (let y = 0; y < page.height; y += 1) {
      for (let x = 0; x < page.width; x += 1) {
        const [r, g, b] = page.pixel(x, y);
        if (r > 180 && g < 110 && b < 110) {
          if (y < page.height / 3) redTop += 1;
          else if (y > page.height * 0.45) redRest += 1;
        }
        if (r < 100 && g < 100 && b < 100) dark += 1;
      }
    }
    assert.ok(redTop > 800, `red 标志 and rule in the top third (${redTop} red pixels)`);
    assert.equal(redRest, 0, 'no red below the 版头');
    assert.ok(dark > 3000, `the page carries text (${dark} dark pixels)`);
  });

  test('without LibreOffice, or when it fails, the error says why in Chinese and leaves no temp files', async () => {
    const savedPath = process.env.PATH;
    const fakeBin = await mkdtemp(path.join(tmpdir(), 'fuban-fake-office-'));
    const leftovers = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('fuban-preview-')).length;
    const before = await leftovers();
    try {
      process.env.PATH = path.join(fakeBin, 'nothing-here');
      assert.equal(isPreviewAvailable(), false);
      await assert.rejects(renderPdfPreview(Buffer.from('docx')), (error: unknown) => error instanceof DocumentPreviewError && error.reason === 'unavailable' && /未安装 LibreOffice/.test(error.message));
      await writeFile(path.join(fakeBin, 'soffice'), '#!/bin/sh\necho "source file could not be loaded" >&2\nexit 3\n');
      await chmod(path.join(fakeBin, 'soffice'), 0o755);
      process.env.PATH = fakeBin;
      assert.equal(isPreviewAvailable(), true);
      await assert.rejects(renderPdfPreview(Buffer.from('docx')), (error: unknown) => error instanceof DocumentPreviewError && error.reason === 'failed' && /退出码 3.*could not be loaded/.test(error.message));
    } finally {
      process.env.PATH = savedPath;
      await rm(fakeBin, { recursive: true, force: true });
    }
    assert.equal(await leftovers(), before, 'temporary directories are removed');
  });
});
