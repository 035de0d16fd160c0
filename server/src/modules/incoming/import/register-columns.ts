/**
 * The columns of a 收文登记簿 the import understands, and guessing which header is which.
 * Registers differ from office to office (来文单位 or 来文机关, 缓急 or 紧急程度, a title row
 * above the headers), so the guess is by normalised name, and the user confirms it.
 */
import { registerColumns, type HeaderAliases } from '../../../platform/registers/columns.js';
import { fieldLabels, ImportField, importFields } from '../../../../../common/schemas/incoming-import.js';

export { fieldLabels, ImportField, importFields };

/** 文种 is not among them: real registers often have no such column, and the title's ending tells it. */
export const requiredFields: readonly ImportField[] = ['receivedOn', 'fromOrg', 'title'];

/** Header names seen in registers, most specific first. Only names of 3+ characters also match inside a longer header. */
export const incomingHeaderAliases: HeaderAliases<ImportField> = {
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

export type ColumnMapping = Record<ImportField, number | null>;

export const { emptyMapping, suggestMapping, countKnownHeaders, resolveMapping } = registerColumns({ fields: importFields, labels: fieldLabels, aliases: incomingHeaderAliases });
