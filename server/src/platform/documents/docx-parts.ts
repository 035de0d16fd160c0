/**
 * The GB/T 9704-2012 page, fonts and the small paragraph builders the renderer composes. Every
 * length is in twips (1/20 pt, 1/1440 in) unless the name says otherwise.
 */
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Tab,
  TabStopType,
  TextRun,
  type IBorderOptions,
  type IParagraphOptions,
  type TabStopDefinition,
} from 'docx';

export const mm = (millimetres: number): number => Math.round((millimetres * 1440) / 25.4);

/** A4 exactly: convertMillimetersToTwip(210/297) rounds down to 11905 × 16837. */
export const pageSize = { width: 11906, height: 16838 } as const;
/** 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm (so right 26, bottom 35). */
export const pageMargin = { top: 2097, right: 1474, bottom: 1984, left: 1587, header: 851, footer: mm(20) } as const;
/** 版心 width: 8845 twips = 156 mm. */
export const textWidth = pageSize.width - pageMargin.left - pageMargin.right;
/** 22 lines in the 225 mm 版心: a 3号 character plus 7/8 of one, 28.95 pt. */
export const linePitch = 579;
/**
 * 28 characters per line: 16 pt characters 0.25 pt closer (−5 twips of w:spacing) make 315 twips each,
 * 28 × 315 = 8820 ≤ 8845. A character grid (linesAndChars, charSpace −842) would say the same to Word,
 * but LibreOffice then gives every 16 pt character two 15.8 pt grid cells and sets 14 to a line.
 */
export const bodyCharacterSpacing = -5;
/** One 3号 (16 pt) character; indents are counted in these ("空二字" = 640). */
export const em = 320;
/** One 4号 (14 pt) character, the unit of the 版记 and page-number indents. */
export const em4 = 280;

/**
 * The red of 版头 and rules: GB/T 9704 specifies the printing ink (Y80% M80%), not a screen colour;
 * Word 公文 templates use pure red FF0000, so the file matches what offices already print from.
 */
export const red = 'FF0000';
export const black = '000000';

/** The fonts named in the XML: what an office PC has (the preview maps them, see preview.ts). */
export const fonts = {
  xiaobiaosong: '方正小标宋简体',
  fangsong: '仿宋_GB2312',
  kaiti: '楷体_GB2312',
  heiti: '黑体',
  songti: '宋体',
  latin: 'Times New Roman',
} as const;

/** Half-points: 小初 36 pt, 2号 22 pt, 3号 16 pt, 4号 14 pt, 5号 10.5 pt (tables in the 正文). */
export const sizes = { mark: 72, title: 44, body: 32, small: 28, table: 21 } as const;

/** Control characters pasted from other systems are not allowed in XML and would make Word refuse the file. */
const printable = (text: string): string => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[\t\r\n]+/g, ' ');

type RunStyle = { font?: string; latin?: string; size?: number; color?: string };

/**
 * One run: the Chinese font for eastAsia, Times New Roman for Latin and digits. hint=eastAsia
 * makes Word set the shared-range marks (“ ” — …) in the Chinese font, full width.
 */
export const run = (text: string, style: RunStyle = {}): TextRun => {
  const latin = style.latin ?? fonts.latin;
  const size = style.size ?? sizes.body;
  return new TextRun({
    text: printable(text),
    font: { eastAsia: style.font ?? fonts.fangsong, ascii: latin, hAnsi: latin, cs: latin, hint: 'eastAsia' },
    size,
    sizeComplexScript: size,
    ...(style.color ? { color: style.color } : {}),
    ...(size === sizes.body ? { characterSpacing: bodyCharacterSpacing } : {}),
  });
};

/** Exact line spacing on the 22-line grid, no widow control (it would break the 22 lines). */
export const onGrid = { line: linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 } as const;

export const paragraph = (children: IParagraphOptions['children'], options: Omit<IParagraphOptions, 'children'> = {}): Paragraph =>
  new Paragraph({ alignment: AlignmentType.JUSTIFIED, spacing: onGrid, widowControl: false, ...options, children });

/** An empty line of the grid ("空一行"). */
export const blankLine = (): Paragraph => paragraph([]);

export const rule = (color: string, eighthsOfPoint: number, space = 0): IBorderOptions => ({
  style: BorderStyle.SINGLE,
  color,
  size: eighthsOfPoint,
  space,
});

/**
 * Estimated printed width: full-width characters one em; in Times New Roman digits and lower case
 * half an em, capitals two thirds, spaces and stops a quarter. Used only to centre the 署名 over
 * the 成文日期 and to align wrapped lines, where a few twips do not show.
 */
export const widthOf = (text: string, emTwips = em): number =>
  Math.round(
    [...text].reduce((width, char) => {
      if (!/[\x20-\x7e]/.test(char)) return width + emTwips;
      if (/[ .,:;'!|()\[\]ijlt-]/.test(char)) return width + emTwips / 4;
      return width + (/[A-Z]/.test(char) ? (emTwips * 2) / 3 : emTwips / 2);
    }, 0),
  );

/** A tab character, to reach the paragraph's next tab stop. */
export const tab = (): TextRun => new TextRun({ children: [new Tab()] });

/** Left text, then right-aligned text ending `rightInset` before the 版心's right edge. */
export const leftAndRight = (
  left: TextRun[],
  right: TextRun[],
  options: { leftInset?: number; rightInset?: number; width?: number; bottomBorder?: IBorderOptions } = {},
): Paragraph => {
  const width = options.width ?? textWidth;
  const leftInset = options.leftInset ?? 0;
  // A tab stop rather than an indent: a paragraph border runs between the indents, and the red
  // rule under the 文号 line must stay the full 版心 width.
  const tabStops: TabStopDefinition[] = [{ type: TabStopType.RIGHT, position: width - (options.rightInset ?? 0) }];
  if (leftInset > 0) tabStops.unshift({ type: TabStopType.LEFT, position: leftInset });
  return paragraph([...(leftInset > 0 ? [tab()] : []), ...left, tab(), ...right], {
    alignment: AlignmentType.LEFT,
    tabStops,
    ...(options.bottomBorder ? { border: { bottom: options.bottomBorder } } : {}),
  });
};

/** Adds the closing mark a rule asks for when the writer left it out (抄送 ends with 。). */
export const endWith = (text: string, mark: string): string => {
  const trimmed = text.trim();
  return trimmed.endsWith(mark) ? trimmed : `${trimmed}${mark}`;
};
