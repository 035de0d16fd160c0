/** 信访件 on the page: its registration fields and the opinions each step records, in the order of the flow. */
import { Tag } from 'antd';
import type { FieldView, KindUi } from '../cases/kind-views.js';
import { PetitionFormModal } from './PetitionFormModal.js';

const petitionFields: readonly FieldView[] = [
  { name: 'channel', label: '来源' },
  { name: 'referredBy', label: '转办来源' },
  { name: 'referralRef', label: '交办文号' },
  { name: 'visitors', label: '来访人次', render: (value, detail) => <>{String(value)} 人{detail.fields.isCollective === true && <Tag color="orange" style={{ marginLeft: 8 }}>集体访</Tag>}</> },
  { name: 'petitionerName', label: '信访人' },
  { name: 'phone', label: '联系电话' },
  { name: 'idNumber', label: '身份证号码' },
  { name: 'address', label: '住址' },
  { name: 'receivedOn', label: '登记日期' },
  { name: 'summary', label: '诉求摘要', isLong: true },
  { name: 'acceptedOn', label: '受理日期' },
  { name: 'refusalReason', label: '不予受理理由', isLong: true },
  { name: 'answeredOn', label: '答复日期' },
  { name: 'answerOpinion', label: '答复意见', isLong: true },
  { name: 'reviewRequestedOn', label: '收到复查请求日期' },
  { name: 'reviewRequest', label: '复查请求事项和理由', isLong: true },
  { name: 'reviewAnsweredOn', label: '复查意见日期' },
  { name: 'reviewOpinion', label: '复查意见', isLong: true },
  { name: 'recheckRequestedOn', label: '收到复核请求日期' },
  { name: 'recheckRequest', label: '复核请求事项和理由', isLong: true },
  { name: 'recheckAnsweredOn', label: '复核意见日期' },
  { name: 'recheckOpinion', label: '复核意见', isLong: true },
];

export const petitionUi: KindUi = {
  fields: petitionFields,
  CreateForm: PetitionFormModal,
  createLabel: '登记信访件',
};
