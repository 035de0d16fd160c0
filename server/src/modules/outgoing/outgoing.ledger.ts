/** The 发文登记簿's columns (Excel): 文号 first, as the register is kept by 代字. */
import { signedByText } from '../../../../common/documents/outgoing-flow.js';
import type { KindDefinition } from '../../engine/kinds/kind.types.js';
import type { OutgoingCaseFields } from './outgoing.flow.js';

const of = (fields: Record<string, unknown>) => fields as OutgoingCaseFields;

export const outgoingLedgerColumns: NonNullable<KindDefinition['ledgerColumns']> = [
  { key: 'docNumber', header: '文号', width: 20, value: ({ fields }) => of(fields).docNumber ?? (of(fields).numbered === false ? '（无文号）' : '') },
  { key: 'issuerCode', header: '机关代字', excelOnly: true, width: 10, value: ({ fields }) => of(fields).issuerCode },
  { key: 'docType', header: '文种', width: 8, value: ({ fields }) => of(fields).docType },
  { key: 'direction', header: '行文方向', excelOnly: true, width: 9, value: ({ fields }) => of(fields).direction },
  { key: 'title', header: '标题', width: 48, show: 'title', value: ({ title }) => title },
  { key: 'mainTo', header: '主送', excelOnly: true, width: 28, value: ({ fields }) => (of(fields).mainTo ?? []).map((r) => r.name).join('、') },
  { key: 'copyTo', header: '抄送', excelOnly: true, width: 28, value: ({ fields }) => (of(fields).copyTo ?? []).map((r) => r.name).join('、') },
  { key: 'signer', header: '签发人', width: 12, value: ({ fields }) => (of(fields).signOff ? signedByText(of(fields).signOff!) : '') },
  { key: 'signedOn', header: '签发日期', excelOnly: true, width: 12, value: ({ fields }) => of(fields).signOff?.signedOn ?? '' },
  { key: 'writtenOn', header: '成文日期', excelOnly: true, width: 12, value: ({ fields }) => of(fields).writtenOn ?? '' },
  { key: 'registeredOn', header: '登记日期', excelOnly: true, width: 12, value: ({ fields }) => of(fields).registeredOn ?? '' },
  { key: 'printedOn', header: '印发日期', width: 12, value: ({ fields }) => of(fields).printedOn ?? '' },
  { key: 'copies', header: '印发份数', excelOnly: true, width: 9, value: ({ fields }) => Number(of(fields).copies ?? 0) },
  { key: 'disclosure', header: '公开属性', excelOnly: true, width: 10, value: ({ fields }) => of(fields).disclosure },
  { key: 'state', header: '状态', width: 10, value: ({ stateLabel }) => stateLabel },
];
