/**
 * The columns of a 收文登记簿 the import understands, and guessing which header is which.
 * Registers differ from office to office (来文单位 or 来文机关, 缓急 or 紧急程度, a title row
 * above the headers), so the guess is by normalised name, and the user confirms it.
 */
import { validationError } from '../../../platform/errors.js';
import { fieldLabels, ImportField, importFields } from '../../../../../common/schemas/incoming-import.js';

export { fieldLabels, ImportField, importFields };

/** 文种 is not among them: real registers often have no such column, and the title's ending tells it. */
export const requiredFields: readonly ImportField[] = ['receivedOn', 'fromOrg', 'title'];

/** Header names seen in registers, most specific first. Only names of 3+ characters also match inside a longer header. */
const aliases: Record<ImportField, readonly string[]> = {
  receivedOn: ['收文日期', '来文日期', '收文时间', '收到日期', '签收日期', '登记日期', '收件日期', '日期'],
  fromOrg: ['来文机关', '来文单位', '发文机关', '发文单位', '来文部门', '来文机构', '来文单位名称', '来文'],
  docNumber: ['来文字号', '来文文号', '发文字号', '原文字号', '原文号', '文号', '字号'],
  docType: ['文种', '公文种类', '文件种类', '文件类型', '公文类型', '种类'],
  title: ['标题', '文件标题', '公文标题', '来文标题', '文件名称', '题名', '事由'],
  urgency: ['紧急程度', '缓急程度', '缓急', '急缓', '紧急'],
  copies: ['份数', '数量'],
  pages: ['页数'],
  secrecy: ['密级', '秘密等级'],
  disclosure: ['公开属性', '公开方式', '公开类型', '是否公开'],
  status: ['办理情况', '办理状态', '办理结果', '处理情况', '状态'],
  closedOn: ['办结日期', '办结时间', '办毕日期', '完成日期'],
  remarks: ['备注', '附注', '说明'],
};

/** Full-width forms folded, spaces, bracketed notes and required-marks dropped: 「收文日期（年/月/日）*」 → 收文日期. */
export const normaliseHeader = (header: string): string =>
  header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[([【［].*?[)\]】］]/g, '')
    .replace(/[*:：]/g, '');

export type ColumnMapping = Record<ImportField, number | null>;

/**
 * Guessing and resolving the column mapping of a register, given its fields, their labels and the
 * header names seen for each (the 收文登记簿 below; the 发文登记簿 import uses it with its own).
 */
export const registerColumns = <F extends string>({ fields, labels, aliases: known }: { fields: readonly F[]; labels: Record<F, string>; aliases: Record<F, readonly string[]> }) => {
  type Mapping = Record<F, number | null>;

  const emptyMapping = (): Mapping => Object.fromEntries(fields.map((field) => [field, null])) as Mapping;

  /**
   * Which header (index into `headers`) each field most likely is: exact names first, then a
   * header that contains a longer name (来文机关名称 → 来文机关). One header serves one field.
   */
  const suggestMapping = (headers: readonly string[]): Mapping => {
    const mapping = emptyMapping();
    const normalised = headers.map(normaliseHeader);
    const taken = new Set<number>();
    const claim = (matches: (header: string, alias: string) => boolean, minAliasLength: number) => {
      for (const field of fields) {
        if (mapping[field] !== null) continue;
        for (const alias of known[field]) {
          if (alias.length < minAliasLength) continue;
          const index = normalised.findIndex((header, i) => !taken.has(i) && header !== '' && matches(header, alias));
          if (index === -1) continue;
          mapping[field] = index;
          taken.add(index);
          break;
        }
      }
    };
    claim((header, alias) => header === alias, 0);
    claim((header, alias) => header.includes(alias), 3);
    return mapping;
  };

  /** How many headers of a row look like register columns: finds the header row under a title line. */
  const countKnownHeaders = (cells: readonly string[]): number => Object.values<number | null>(suggestMapping(cells)).filter((index) => index !== null).length;

  /**
   * The mapping in force: the user's choices over the guess. A field the user leaves out keeps the
   * guessed column unless the user gave that column to another field; null leaves a field unmapped.
   */
  const resolveMapping = (headers: readonly string[], suggested: Mapping, requested: Partial<Mapping> = {}): Mapping => {
    const mapping = emptyMapping();
    const chosen = new Map<number, F>();
    for (const field of fields) {
      const index = requested[field];
      if (index === undefined || index === null) continue;
      if (index >= headers.length) throw validationError(`列对应有误：${labels[field]}对应的第 ${index + 1} 列不存在`);
      const other = chosen.get(index);
      if (other) throw validationError(`列对应有误：「${headers[index]}」一列不能同时作为${labels[other]}和${labels[field]}`);
      chosen.set(index, field);
      mapping[field] = index;
    }
    for (const field of fields) {
      const guess = suggested[field];
      if (requested[field] === undefined && guess !== null && !chosen.has(guess)) mapping[field] = guess;
    }
    return mapping;
  };

  return { emptyMapping, suggestMapping, countKnownHeaders, resolveMapping };
};

export const { emptyMapping, suggestMapping, countKnownHeaders, resolveMapping } = registerColumns({ fields: importFields, labels: fieldLabels, aliases });
