/** The 发文登记簿's columns (Excel): 文号 first, as the register is kept by 代字. */
import { signedByText } from '../../../../common/documents/outgoing-flow.js';
import type { KindDefinition } from '../../engine/kinds/kind.types.js';
import type { OutgoingCaseFields } from './outgoing.flow.js';

const of = (fields: Record<string, unknown>) => fields as OutgoingCaseFields;

export const outgoingLedgerColumns: NonNullable<KindDefinition['ledgerColumns']> = [
  { header: '文号', width: 20, value: ({ fields }) => of(fields).docNumber ?? (of(fields).numbered === false ? '（无文号）' : '') },
  { header: '机关代字', width: 10, value: ({ fields }) => of(fields).issuerCode },
  { header: '文种', width: 8, value: ({ fields }) => of(fields).docType },
  { header: '行文方向', width: 9, value: ({ fields }) => of(fields).direction },
  { header: '标题', width: 48, value: ({ title }) => title },
  { header: '主送', width: 28, value: ({ fields }) => (of(fields).mainTo ?? []).map((r) => r.name).join('、') },
  { header: '抄送', width: 28, value: ({ fields }) => (of(fields).copyTo ?? []).map((r) => r.name).join('、') },
  { header: '签发人', width: 12, value: ({ fields }) => (of(fields).signOff ? signedByText(of(fields).signOff!) : '') },
  { header: '签发日期', width: 12, value: ({ fields }) => of(fields).signOff?.signedOn ?? '' },
  { header: '成文日期', width: 12, value: ({ fields }) => of(fields).writtenOn ?? '' },
  { header: '登记日期', width: 12, value: ({ fields }) => of(fields).registeredOn ?? '' },
  { header: '印发份数', width: 9, value: ({ fields }) => Number(of(fields).copies ?? 0) },
  { header: '公开属性', width: 10, value: ({ fields }) => of(fields).disclosure },
  { header: '状态', width: 10, value: ({ stateLabel }) => stateLabel },
];
