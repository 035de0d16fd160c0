/**
 * 版头 of the three formats (GB/T 9704-2012 §7.2, §10): 份号 and 紧急程度, the red 发文机关标志,
 * 发文字号 (with 签发人 for 上行文) and the red rule or double rule under them.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  VerticalAlignTable,
  WidthType,
  type IBorderOptions,
} from 'docx';
import type { OfficialDocumentModel } from './document.types.js';
import { blankLine, em, fonts, leftAndRight, linePitch, mm, pageMargin, paragraph, red, rule, run, sizes, tab, textWidth, widthOf } from './docx-parts.js';

export type Block = Paragraph | Table;

/** 标志 上边缘距版心上边缘 35 mm (file and 纪要 formats). */
const markTopOffset = mm(35);
/** The red rule is 4 mm under the 文号; the line box already holds about 2 mm below the glyphs. */
const numberRuleSpacePt = 6;
/** Double rules of the 信函 format are 170 mm long, centred on the 210 mm page: 20 mm from each edge. */
export const letterRuleIndent = { left: mm(20) - pageMargin.left, right: mm(20) - pageMargin.right } as const;

/** The largest size up to 小初 (36 pt) at which `chars` characters fit in `width` (a character is size × 10 twips). */
const markSizeFor = (chars: number, width: number): number => Math.min(sizes.mark, Math.floor(width / Math.max(chars, 1) / 10 / 2) * 2);

/** An exact line tall enough for the mark, so the 22-line grid below it is not disturbed by font metrics. */
const markLine = (size: number): number => Math.round(size * 10 * 1.3);

const markRun = (text: string, size: number) => run(text, { font: fonts.xiaobiaosong, size, color: red });

/** 份号 then 紧急程度, 顶格 at the top left, 3号黑体. */
const cornerLines = (model: OfficialDocumentModel): string[] => [model.copyNo, model.urgency].filter((item): item is string => Boolean(item));

/** Space above the mark so its top edge sits 35 mm under the 版心's top, below the corner lines. */
const spaceAboveMark = (cornerCount: number, size: number): number => {
  const leadingAboveGlyphs = markLine(size) - size * 10;
  return Math.max(0, markTopOffset - cornerCount * linePitch - leadingAboveGlyphs);
};

/** "文件" beside the stacked names takes two characters and half a character of gap. */
const fileColumnChars = 2.5;

/**
 * 联合行文: the organs stacked (each spread to the same width), "文件" at their right and
 * vertically centred. A borderless table does what Word users do by hand.
 */
const jointMark = (names: readonly string[], size: number, spaceBefore: number): Table => {
  const fileColumn = Math.round(size * 10 * fileColumnChars);
  const markParagraph = (text: string, alignment: (typeof AlignmentType)[keyof typeof AlignmentType], before = 0) =>
    paragraph([markRun(text, size)], { alignment, spacing: { line: markLine(size), lineRule: LineRuleType.EXACT, before, after: 0 } });
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [textWidth - fileColumn, fileColumn],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    rows: names.map(
      (name, index) =>
        new TableRow({
          children: [
            new TableCell({
              width: { size: textWidth - fileColumn, type: WidthType.DXA },
              children: [markParagraph(name, AlignmentType.DISTRIBUTE, index === 0 ? spaceBefore : 0)],
            }),
            ...(index === 0
              ? [
                  new TableCell({
                    width: { size: fileColumn, type: WidthType.DXA },
                    rowSpan: names.length,
                    verticalAlign: VerticalAlignTable.CENTER,
                    children: [markParagraph('文件', AlignmentType.RIGHT, spaceBefore)],
                  }),
                ]
              : []),
          ],
        }),
    ),
  });
};

const singleMark = (text: string, spacing: { before: number }, border?: IBorderOptions, indent?: { left: number; right: number }): Paragraph => {
  const size = markSizeFor([...text].length, indent ? textWidth - indent.left - indent.right : textWidth);
  return paragraph([markRun(text, size)], {
    alignment: AlignmentType.CENTER,
    spacing: { line: markLine(size), lineRule: LineRuleType.EXACT, before: spacing.before, after: 0 },
    ...(border ? { border: { bottom: border } } : {}),
    ...(indent ? { indent } : {}),
  });
};

const redNumberRule = rule(red, 8, numberRuleSpacePt);

/** Splits the 签发人 two to a line, as GB/T 9704 §7.2.5 arranges several signers. */
const signerRows = (signers: readonly string[]): string[][] => {
  const rows: string[][] = [];
  for (let index = 0; index < signers.length; index += 2) rows.push(signers.slice(index, index + 2));
  return rows;
};

/**
 * 发文字号 line(s) with the red rule under the last. Without 签发人 the 文号 is centred; for
 * 上行文 it is 居左空一字 and "签发人：" + names 居右空一字, names of later lines aligned under the
 * first name, the 文号 on the last line.
 */
const numberLines = (docNumber: string, signers: readonly string[]): Paragraph[] => {
  if (signers.length === 0) {
    return [paragraph([run(docNumber)], { alignment: AlignmentType.CENTER, border: { bottom: redNumberRule } })];
  }
  const label = '签发人：';
  const rows = signerRows(signers).map((names) => names.join('\u3000'));
  if (rows.length === 1) {
    return [leftAndRight([run(docNumber)], [run(label), run(rows[0]!, { font: fonts.kaiti })], { leftInset: em, rightInset: em, bottomBorder: redNumberRule })];
  }
  const labelStart = textWidth - em - widthOf(label) - widthOf(rows[0]!);
  const namesStart = labelStart + widthOf(label);
  return rows.map((names, index) => {
    const isFirst = index === 0;
    const isLast = index === rows.length - 1;
    const tabStops = [
      ...(isLast ? [{ type: TabStopType.LEFT, position: em }] : []),
      { type: TabStopType.LEFT, position: isFirst ? labelStart : namesStart },
    ];
    const children = [
      ...(isLast ? [tab(), run(docNumber), tab()] : [tab()]),
      ...(isFirst ? [run(label)] : []),
      run(names, { font: fonts.kaiti }),
    ];
    return paragraph(children, { alignment: AlignmentType.LEFT, tabStops, ...(isLast ? { border: { bottom: redNumberRule } } : {}) });
  });
};

/** 文件格式 and 纪要格式 (the latter passes its "……纪要" mark and no 签发人). */
export const fileHead = (model: OfficialDocumentModel): Block[] => {
  const corner = cornerLines(model);
  const blocks: Block[] = corner.map((item) => paragraph([run(item, { font: fonts.heiti })], { alignment: AlignmentType.LEFT }));
  const joint = model.format === 'file' ? (model.jointIssuerMarks ?? []) : [];
  if (joint.length > 0) {
    const names = [model.issuerMark.replace(/文件$/, ''), ...joint.map((name) => name.replace(/文件$/, ''))];
    const size = markSizeFor(Math.max(...names.map((name) => [...name].length)) + fileColumnChars, textWidth);
    blocks.push(jointMark(names, size, spaceAboveMark(corner.length, size)));
  } else {
    const size = markSizeFor([...model.issuerMark].length, textWidth);
    blocks.push(singleMark(model.issuerMark, { before: spaceAboveMark(corner.length, size) }));
  }
  // 发文字号 "编在发文机关标志下空二行"; the title "红色分隔线下空二行". Only a 文件 (上行文) prints 签发人.
  const signers = model.format === 'file' ? (model.signers ?? []) : [];
  blocks.push(blankLine(), blankLine(), ...numberLines(model.docNumber ?? '', signers), blankLine(), blankLine());
  return blocks;
};

/**
 * 信函格式 (§10.1): the organ's name, a red double rule (thick over thin) 4 mm under it, 170 mm
 * long; 份号 and 紧急程度 顶格 at the left and the 文号 顶格 at the right under the rule; the title
 * two lines under the last of them. 签发人 is not printed in this format. The standard puts the
 * name's top 30 mm from the paper's edge, above the 版心; here it starts at the 版心 (37 mm), so
 * the whole document keeps one page setup that Word users can edit without surprises.
 */
export const letterHead = (model: OfficialDocumentModel): Block[] => {
  const doubleRule: IBorderOptions = { style: BorderStyle.THICK_THIN_SMALL_GAP, color: red, size: 24, space: 11 };
  const blocks: Block[] = [singleMark(model.issuerMark, { before: 0 }, doubleRule, letterRuleIndent)];
  const corner = cornerLines(model);
  const [first, ...rest] = corner;
  blocks.push(
    leftAndRight(first ? [run(first, { font: fonts.heiti })] : [], [run(model.docNumber ?? '')]),
    ...rest.map((item) => paragraph([run(item, { font: fonts.heiti })], { alignment: AlignmentType.LEFT })),
    blankLine(),
  );
  return blocks;
};

/** The 信函 format's second red double rule (thin over thick), 20 mm above the first page's bottom edge. */
export const letterBottomRule = (): Paragraph =>
  new Paragraph({
    children: [run('', { size: 2 })],
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    indent: letterRuleIndent,
    // As a top border the first-named line lies next to the text, so thickThin draws thin over thick.
    border: { top: { style: BorderStyle.THICK_THIN_SMALL_GAP, color: red, size: 24, space: 0 } },
  });
