/**
 * The columns of a 发文登记簿 the import understands, and guessing which header is which — with the
 * 收文 import's matcher (normalised names, exact first), over the 发文 register's own names. The
 * 发文 ledger's Excel export (文号, 机关代字, 签发人 …) is among the registers it reads.
 */
import { registerColumns, type HeaderAliases } from '../../../platform/registers/columns.js';
import { outgoingFieldLabels, outgoingImportFields, type OutgoingImportField } from '../../../../../common/schemas/outgoing-import.js';

export { outgoingFieldLabels as fieldLabels, outgoingImportFields as importFields, type OutgoingImportField as ImportField };

/** Columns a register cannot do without; a date column (签发日期 or 成文日期) is required besides. */
export const requiredFields: readonly OutgoingImportField[] = ['docNumber', 'docType', 'title'];
export const dateFields: readonly OutgoingImportField[] = ['signedOn', 'writtenOn'];

/** Header names seen in registers, most specific first. Only names of 3+ characters also match inside a longer header. */
export const outgoingHeaderAliases: HeaderAliases<OutgoingImportField> = {
  docNumber: ['文号', '发文字号', '发文文号', '发文编号', '公文文号', '文件文号', '字号'],
  issuerCode: ['机关代字', '发文代字', '发文机关代字', '代字'],
  docType: ['文种', '公文种类', '文件种类', '文件类型', '公文类型', '种类'],
  title: ['标题', '文件标题', '公文标题', '文件名称', '题名', '事由'],
  mainTo: ['主送', '主送机关', '主送单位'],
  copyTo: ['抄送', '抄送机关', '抄送单位'],
  signer: ['签发人', '签发领导', '签发'],
  signedOn: ['签发日期', '签发时间'],
  writtenOn: ['成文日期', '成文时间', '发文日期'],
  registeredOn: ['登记日期', '编号日期', '登记时间'],
  printedOn: ['印发日期', '印发时间', '印制日期', '送印日期'],
  copies: ['印发份数', '份数', '印数', '印制份数'],
  disclosure: ['公开属性', '公开方式', '公开类型', '是否公开'],
  direction: ['行文方向', '行文关系', '行文类别'],
  urgency: ['紧急程度', '缓急程度', '缓急', '急缓'],
  remarks: ['备注', '附注', '说明'],
};

export type ColumnMapping = Record<OutgoingImportField, number | null>;

export const { emptyMapping, suggestMapping, countKnownHeaders, resolveMapping } = registerColumns({
  fields: outgoingImportFields,
  labels: outgoingFieldLabels,
  aliases: outgoingHeaderAliases,
});
