/**
 * An official document as GB/T 9704-2012 lays it out: every 要素 already worded (numbers, dates,
 * names), so the renderer only places and styles them. The 发文 module builds it from a case.
 */
export type DocumentFormat =
  | 'file' // 文件格式: red 发文机关标志 "……文件", 文号, red rule
  | 'letter' // 信函格式: organ name as 标志, red double rules, 文号 at the right under the top rule
  | 'minutes' // 纪要格式: "……纪要" as 标志, no 主送, 出席 list after the body
  | 'plain'; // no 版头 and no 版记: a report published as it is (e.g. 政府信息公开工作年度报告)

export type DocumentBodyParagraph = {
  kind?: 'paragraph';
  /** 0 paragraph; 1 一、(黑体) 2 （一）(楷体) 3 1. 4 （1）(仿宋). */
  level: 0 | 1 | 2 | 3 | 4;
  /** The number as printed ("一、", "（二）", "3.", "（1）"), empty for a paragraph. */
  prefix: string;
  text: string;
};

/** A cell of a body table; a cell covered by another's span is simply left out of its row. */
export type DocumentTableCell = { text: string; colSpan?: number; rowSpan?: number; isHeader?: boolean; align?: 'left' | 'center' };

/** A table in the 正文 (报表, 统计表): full 版心 width, 5号仿宋, header cells in 黑体. */
export type DocumentBodyTable = {
  kind: 'table';
  /** Relative widths of the grid's columns; scaled to the 版心. */
  columnWidths: readonly number[];
  rows: ReadonlyArray<readonly DocumentTableCell[]>;
};

export type DocumentBodyBlock = DocumentBodyParagraph | DocumentBodyTable;

export type OfficialDocumentModel = {
  format: DocumentFormat;
  /** 份号, six digits when given. */
  copyNo?: string | undefined;
  /** 紧急程度: only 特急 and 加急 are printed. */
  urgency?: '特急' | '加急' | undefined;
  /** 发文机关标志 of the 主办 organ, e.g. 示例市人民政府文件 (file) or 示例市人民政府 (letter). */
  issuerMark: string;
  /** 联合行文: the other organs' names, printed under the 主办's, with "文件" at the right. */
  jointIssuerMarks?: readonly string[] | undefined;
  /** 示政办发〔2026〕12号; absent for a draft not yet registered (the line is left blank). */
  docNumber?: string | undefined;
  /** 签发人 names, printed for 上行文 at the right of the 文号 line. */
  signers?: readonly string[] | undefined;
  title: string;
  /** 主送机关, joined with 、 and ending with ：; absent for 纪要, 公告, 通告. */
  mainTo?: string | undefined;
  body: readonly DocumentBodyBlock[];
  /** 附件说明 items in order: "1. xxx", printed as 附件：1. … */
  attachmentNotes: readonly string[];
  /** 发文机关署名. */
  signature: string;
  /** 成文日期 worded, e.g. 2026年11月22日. */
  writtenOn: string;
  /** 附注, e.g. （此件公开发布） or （联系人：陈静，电话：0000-1234567）. */
  annotation?: string | undefined;
  /** 纪要: 出席, 请假, 列席 lines, after the body. */
  attendance?: ReadonlyArray<{ label: string; names: string }> | undefined;
  /** 版记: 抄送 organs joined with 、 (absent when none). */
  copyTo?: string | undefined;
  /** 版记: 印发机关 and 印发日期 (worded). */
  printedBy: string;
  printedOn: string;
};
