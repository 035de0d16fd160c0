/** 政府信息公开申请 on the page: how and when it was received (with why that day), who asks, and the answer. */
import { Tooltip } from 'antd';
import {
  applicantTypeLabels,
  channelLabels,
  deliveryLabels,
  outcomeOptions,
  proceedingResultLabels,
  proceedingTypeLabels,
  type ProceedingResult,
  type ProceedingType,
} from '../../../../common/schemas/disclosure-request.js';
import type { FieldView, KindUi } from '../cases/kind-views.js';
import { RequestFormModal } from './RequestFormModal.js';

const label = (labels: Record<string, string>) => (value: unknown) => labels[String(value)] ?? String(value);

type Proceeding = { type: ProceedingType; filedOn: string; concludedOn: string | null; result: ProceedingResult | null };

const requestFields: readonly FieldView[] = [
  { name: 'channel', label: '申请方式', render: label(channelLabels) },
  {
    name: 'receivedOn',
    label: '收到申请之日',
    render: (value) => {
      const received = value as { at?: string; why?: string } | string;
      return typeof received === 'string' ? received : <Tooltip title={received.why}>{received.at}</Tooltip>;
    },
  },
  { name: 'applicantType', label: '申请人类型', render: label(applicantTypeLabels) },
  { name: 'organization', label: '单位名称' },
  { name: 'applicantName', label: '申请人' },
  { name: 'phone', label: '联系电话' },
  { name: 'idNumber', label: '证件号码' },
  { name: 'address', label: '通信地址' },
  { name: 'subject', label: '所需政府信息' },
  { name: 'description', label: '申请内容说明', isLong: true },
  { name: 'preferredForm', label: '获取方式', render: label({ paper: '纸质', electronic: '电子' }) },
  { name: 'thirdParty', label: '征求意见的第三方' },
  { name: 'outcome', label: '答复类型', render: label(Object.fromEntries(outcomeOptions.map((option) => [option.value, option.label]))) },
  { name: 'answeredOn', label: '答复日期' },
  { name: 'delivery', label: '送达方式', render: label(deliveryLabels) },
  { name: 'fee', label: '信息处理费', render: (value) => `${String(value)} 元` },
  {
    name: 'proceedings',
    label: '复议诉讼',
    render: (value) =>
      (value as Proceeding[])
        .map((item) => `${proceedingTypeLabels[item.type]} ${item.filedOn}${item.concludedOn ? `，${item.concludedOn} ${proceedingResultLabels[item.result!]}` : '，尚未审结'}`)
        .join('；'),
  },
];

export const disclosureRequestUi: KindUi = {
  fields: requestFields,
  CreateForm: RequestFormModal,
  createLabel: '登记申请',
  assignmentsTitle: '协办单位',
};
