/**
 * The official document as a .docx laid out to GB/T 9704-2012: A4, 版心 156 × 225 mm, 22 lines of
 * 28 characters in 3号仿宋, the three formats (文件, 信函, 纪要). The XML names the real fonts
 * (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体) so it prints right on an office PC that has them.
 */
import {
  AlignmentType,
  Document,
  DocumentGridType,
  Footer,
  Header,
  LineRuleType,
  OverlapType,
  Packer,
  PageNumber,
  Paragraph,
  RelativeVerticalPosition,
  Table,
  TableAnchorType,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
} from 'docx';
import type { DocumentBodyBlock, DocumentBodyParagraph, OfficialDocumentModel } from './document.types.js';
import { bodyTable } from './docx-table.js';
import { fileHead, letterBottomRule, letterHead, type Block } from './docx-head.js';
import {
  black,
  blankLine,
  em,
  em4,
  endWith,
  fonts,
  linePitch,
  onGrid,
  pageMargin,
  pageSize,
  paragraph,
  rule,
  run,
  sizes,
  tab,
  textWidth,
  widthOf,
} from './docx-parts.js';

/** "空二字": paragraphs, headings, 附件说明 and 附注 start two 3号 characters in. */
const indent2 = 2 * em;
/** 成文日期 "右空四字". */
const dateRightInset = 4 * em;

const headingFont: Record<DocumentBodyParagraph['level'], string> = {
  0: fonts.fangsong,
  1: fonts.heiti,
  2: fonts.kaiti,
  3: fonts.fangsong,
  4: fonts.fangsong,
};

/** 标题: 2号小标宋, centred; a writer's line breaks (梯形 or 菱形 titles) are kept. */
const titleLines = (title: string): Paragraph[] =>
  title
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => paragraph([run(line, { font: fonts.xiaobiaosong, size: sizes.title })], { alignment: AlignmentType.CENTER }));

/** 正文: each block a paragraph with the 2-character first-line indent, headings in their level's font; or a table. */
const bodyParagraphs = (body: readonly DocumentBodyBlock[]): Block[] =>
  body.flatMap((block) =>
    block.kind === 'table'
      ? bodyTable(block)
      : [paragraph([run(`${block.prefix}${block.text}`, { font: headingFont[block.level] })], { indent: { firstLine: indent2 } })],
  );

/**
 * 附件说明 (§7.3.4): 正文下空一行左空二字 "附件：", then the items, each further item and each
 * wrapped line aligned under the first item's name. Items already numbered are printed as given;
 * otherwise several are numbered "1." and a single one is not numbered at all.
 */
const attachmentParagraphs = (notes: readonly string[]): Paragraph[] => {
  if (notes.length === 0) return [];
  const label = '附件：';
  const itemsStart = indent2 + widthOf(label);
  const items = notes.map((note, index) => (notes.length > 1 && !/^\d+[.．]/.test(note.trim()) ? `${index + 1}.${note.trim()}` : note.trim()));
  return [
    blankLine(),
    ...items.map((item, index) => {
      const number = /^\d+[.．]\s*/.exec(item)?.[0] ?? '';
      const numberWidth = widthOf(number);
      const firstLineStart = index === 0 ? indent2 : itemsStart;
      return paragraph([run(index === 0 ? `${label}${item}` : item)], {
        indent: { left: itemsStart + numberWidth, hanging: itemsStart + numberWidth - firstLineStart },
      });
    }),
  ];
};

/** 纪要 出席/请假/列席 (§10.3): 空一行, label in 3号黑体 + "：", names in 仿宋 wrapping under the first name. */
const attendanceParagraphs = (attendance: NonNullable<OfficialDocumentModel['attendance']>): Paragraph[] => {
  if (attendance.length === 0) return [];
  return [
    blankLine(),
    ...attendance.map(({ label, names }) => {
      const labelText = `${label.trim().replace(/[:：]$/, '')}：`;
      const hanging = widthOf(labelText);
      return paragraph([run(labelText, { font: fonts.heiti }), run(names.trim())], { indent: { left: indent2 + hanging, hanging } });
    }),
  ];
};

/**
 * 署名 and 成文日期 as for a sealed document (§7.3.5.1): the date 右空四字, the 署名 centred over
 * the date (right-aligned, its right indent worked out from the two estimated widths). Two blank
 * lines above leave the seal's top within a line of the text above, the seal pressing on both.
 * 纪要 has no 署名: its mark is the signature.
 */
const closingParagraphs = (model: OfficialDocumentModel): Paragraph[] => {
  const date = paragraph([run(model.writtenOn)], { alignment: AlignmentType.RIGHT, indent: { right: dateRightInset } });
  const annotation = model.annotation?.trim()
    ? [paragraph([run(/^[（(]/.test(model.annotation.trim()) ? model.annotation.trim() : `（${model.annotation.trim()}）`)], { indent: { firstLine: indent2 } })]
    : [];
  if (model.format === 'minutes') return [blankLine(), date, ...annotation];
  const signatureInset = Math.max(0, Math.round(dateRightInset + (widthOf(model.writtenOn) - widthOf(model.signature)) / 2));
  const signature = paragraph([run(model.signature)], { alignment: AlignmentType.RIGHT, indent: { right: signatureInset } });
  return [blankLine(), blankLine(), signature, date, ...annotation];
};

/**
 * 版记 (§7.4): 4号仿宋 between a thick first and last rule (0.35 mm) with a thin rule (0.25 mm)
 * between 抄送 and 印发. A table carries the rules, so they stay the full 版心 width while the text
 * inside is indented one character; it floats to the bottom of the last page's 版心 ("版记的最后一个
 * 要素置于最后一行"), moving to a new page when the text leaves no room. 信函 prints only 抄送,
 * without rules or 印发 (§10.1).
 */
const imprint = (model: OfficialDocumentModel): Block[] => {
  const small = { size: sizes.small };
  const copyTo = model.copyTo?.trim();
  const copyLabel = '抄送：';
  const copyParagraph = copyTo
    ? paragraph([run(copyLabel, small), run(endWith(copyTo, '。'), small)], {
        indent: { left: em4 + widthOf(copyLabel, em4), hanging: widthOf(copyLabel, em4), right: em4 },
      })
    : undefined;
  const isLetter = model.format === 'letter';
  const printedParagraph = paragraph([run(model.printedBy, small), tab(), run(`${model.printedOn}印发`, small)], {
    alignment: AlignmentType.LEFT,
    indent: { left: em4 },
    tabStops: [{ type: TabStopType.RIGHT, position: textWidth - em4 }],
  });
  const lines = [...(copyParagraph ? [copyParagraph] : []), ...(isLetter ? [] : [printedParagraph])];
  if (lines.length === 0) return [];
  const thick = rule(black, 8);
  return [
    new Table({
      width: { size: textWidth, type: WidthType.DXA },
      columnWidths: [textWidth],
      layout: TableLayoutType.FIXED,
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      float: {
        // From the page edge, not the margin: LibreOffice 7 floats a full-width table only then.
        horizontalAnchor: TableAnchorType.PAGE,
        absoluteHorizontalPosition: pageMargin.left,
        verticalAnchor: TableAnchorType.MARGIN,
        relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
        topFromText: linePitch,
        overlap: OverlapType.NEVER,
      },
      borders: isLetter ? TableBorders.NONE : { ...TableBorders.NONE, top: thick, bottom: thick, insideHorizontal: rule(black, 6) },
      rows: lines.map((line) => new TableRow({ children: [new TableCell({ width: { size: textWidth, type: WidthType.DXA }, children: [line] })] })),
    }),
    // The floating table's anchor, and Word wants a paragraph after a table anyway: 1 pt high, so it
    // cannot spill onto a page of its own.
    new Paragraph({ children: [run('', { size: 2 })], spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 } }),
  ];
};

/**
 * 页码 (§7.5): "— N —" in 4号半角宋体, odd pages 居右空一字, even pages 居左空一字. The footer sits
 * 20 mm from the bottom edge with 2 mm after it, which puts the number about 7 mm under the 版心.
 */
const pageNumberFooter = (side: 'odd' | 'even'): Footer => {
  const songti = { eastAsia: fonts.songti, ascii: fonts.songti, hAnsi: fonts.songti, cs: fonts.songti, hint: 'eastAsia' };
  const runStyle = { font: songti, size: sizes.small } as const;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: em4 } : { left: em4 },
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 113 },
        children: [new TextRun({ ...runStyle, children: ['— ', PageNumber.CURRENT, ' —'] })],
      }),
    ],
  });
};

const emptyHeader = (): Header => new Header({ children: [new Paragraph({ children: [] })] });

const head = (model: OfficialDocumentModel): Block[] => {
  if (model.format === 'plain') return [];
  return model.format === 'letter' ? letterHead(model) : fileHead(model);
};

/** 主送 "标题下空一行 顶格", ending with a full-width colon; 纪要 has none. */
const mainToParagraphs = (model: OfficialDocumentModel): Paragraph[] => {
  const mainTo = model.format === 'minutes' ? undefined : model.mainTo?.trim();
  return mainTo ? [paragraph([run(`${mainTo.replace(/[:：]\s*$/, '')}：`)], { alignment: AlignmentType.LEFT })] : [];
};

/** The document's blocks in reading order. */
const documentBlocks = (model: OfficialDocumentModel): Block[] => {
  const title = titleLines(model.title);
  return [
    ...head(model),
    ...title,
    ...(title.length > 0 ? [blankLine()] : []),
    ...mainToParagraphs(model),
    ...bodyParagraphs(model.body),
    ...attachmentParagraphs(model.attachmentNotes),
    ...(model.format === 'minutes' ? attendanceParagraphs(model.attendance ?? []) : []),
    ...closingParagraphs(model),
    ...(model.format === 'plain' ? [] : imprint(model)),
  ];
};

/** Renders the model to .docx bytes. */
export const renderOfficialDocx = async (model: OfficialDocumentModel): Promise<Buffer> => {
  const isLetter = model.format === 'letter';
  const latin = fonts.latin;
  const document = new Document({
    title: model.title.replace(/\s+/g, ''),
    creator: model.signature,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: { eastAsia: fonts.fangsong, ascii: latin, hAnsi: latin, cs: latin },
            size: sizes.body,
            sizeComplexScript: sizes.body,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: onGrid },
        },
      },
    },
    sections: [
      {
        properties: {
          page: { size: { ...pageSize }, margin: { ...pageMargin, gutter: 0 } },
          grid: { type: DocumentGridType.LINES, linePitch },
          // 信函: no page number on the first page, whose footer carries the lower double rule.
          titlePage: isLetter,
        },
        headers: { default: emptyHeader(), even: emptyHeader(), ...(isLetter ? { first: emptyHeader() } : {}) },
        footers: {
          default: pageNumberFooter('odd'),
          even: pageNumberFooter('even'),
          ...(isLetter ? { first: new Footer({ children: [letterBottomRule()] }) } : {}),
        },
        children: documentBlocks(model),
      },
    ],
  });
  return Packer.toBuffer(document);
};
