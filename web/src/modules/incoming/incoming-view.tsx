/** 收文 on the page: field labels and formats, its sections (拟办, 批示, 请示答复), the leader's 签批 view, 导入. */
import { ImportOutlined } from '@ant-design/icons';
import { Button, Flex, Tag } from 'antd';
import { useNavigate } from 'react-router';
import type { AttachmentRef, CaseDetail } from '../../../../common/schemas/cases.js';
import { formatDateTime } from '../../app/time.js';
import type { FieldView, KindUi } from '../cases/kind-views.js';
import { urgencyColors } from './fields.js';
import { FileLink } from './FileLink.js';
import { IncomingFormModal } from './IncomingFormModal.js';
import { IncomingSections } from './IncomingSections.js';
import { SignView } from './SignView.js';

export const importPath = '/cases/incoming/import';

const isRef = (value: unknown): value is AttachmentRef =>
  typeof value === 'object' && value !== null && typeof (value as AttachmentRef).digest === 'string';

const files = (value: unknown, detail: CaseDetail) => (
  <Flex vertical gap={2}>
    {(Array.isArray(value) ? value : [value]).filter(isRef).map((file) => (
      <FileLink key={file.digest} caseId={detail.id} file={file} />
    ))}
  </Flex>
);

const requestText = (value: unknown, detail: CaseDetail) => {
  if (value !== true) return '否';
  const days = detail.fields.replyDueDays;
  return `是${typeof days === 'number' ? `，答复时限 ${days} 个工作日` : ''}`;
};

export const incomingFields: readonly FieldView[] = [
  { name: 'fromOrg', label: '来文机关' },
  { name: 'docNumber', label: '来文字号' },
  { name: 'docType', label: '文种' },
  { name: 'urgency', label: '紧急程度', render: (value) => <Tag color={urgencyColors[String(value)]}>{String(value)}</Tag> },
  { name: 'secrecy', label: '密级', render: (value) => String(value || '非涉密') },
  { name: 'disclosure', label: '公开属性' },
  { name: 'copies', label: '份数', render: (value) => `${String(value)} 份` },
  { name: 'pages', label: '页数', render: (value) => `${String(value)} 页` },
  { name: 'receivedOn', label: '收文日期' },
  // When the registering office received the document: not a unit's 签收 of its assignment (that is on the unit's card).
  { name: 'signedAt', label: '来文签收时间', render: (value) => formatDateTime(String(value)) },
  { name: 'isRequestFromBelow', label: '基层请示', render: requestText },
  { name: 'scan', label: '扫描件', render: files },
  { name: 'attachments', label: '附件', render: files },
  { name: 'title', label: '标题', isLong: true },
  { name: 'remarks', label: '备注', isLong: true },
];

const ImportButton = () => {
  const navigate = useNavigate();
  return (
    <Button icon={<ImportOutlined />} onClick={() => navigate(importPath)}>
      导入历史收文
    </Button>
  );
};

export const incomingUi: KindUi = {
  fields: incomingFields,
  CreateForm: IncomingFormModal,
  Sections: IncomingSections,
  focus: { action: 'instruct', View: SignView },
  isActionHidden: (detail, action) => action.action === 'answer_request' && detail.fields.isRequestFromBelow !== true,
  legacySentTo: (detail, event) => {
    // A 收文 is 拟办 once (only from 待拟办, which it never returns to): the plan on the case is that 拟办's.
    const plan = detail.fields.plan as { mode?: string; leaders?: Array<{ name?: unknown }> } | null | undefined;
    const names = (plan?.leaders ?? []).map((leader) => leader.name).filter((name): name is string => typeof name === 'string');
    if (event.action !== 'propose' || names.length === 0) return undefined;
    return `呈 ${names.join('、')} ${names.length === 1 ? '批示' : plan?.mode === 'parallel' ? '同时批示' : '依次批示'}`;
  },
  LedgerExtra: ({ kind }) => (kind.canCreate ? <ImportButton /> : null),
};
