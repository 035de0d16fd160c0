/** 发文 on the page: field labels and formats, its sections, the 签发 screen, the 拟稿 and 修改 forms, the 会签 forms. */
import { OutgoingImportButton } from '../outgoing-import/OutgoingImportPage.js';
import { Flex, Select, Tag } from 'antd';
import type { AttachmentRef, CaseDetail } from '../../../../common/schemas/cases.js';
import { useUnits } from '../admin/units/api.js';
import type { FieldView, KindUi } from '../cases/kind-views.js';
import { FileLink } from '../incoming/FileLink.js';
import { urgencyColors } from '../incoming/fields.js';
import { useReservedNumbers, useSigners } from './api.js';
import { outgoingOf, signedByText } from './fields.js';
import { OutgoingCreateForm, OutgoingEditForm } from './OutgoingFormModal.js';
import { OutgoingSections } from './OutgoingSections.js';
import { SignOffView } from './SignOffView.js';
import { formatTime, officeNow } from '../../app/time.js';

const names = (value: unknown) => (Array.isArray(value) ? value.map((item: { name?: string }) => item.name ?? String(item)).join('、') : String(value));

/** The signer: 「李红梅（代张明远）」 once signed in someone's stead; before 送审 only the id is stored, so the name is looked up. */
const SignerText = ({ detail }: { detail: CaseDetail }) => {
  const fields = outgoingOf(detail.fields);
  const { everyone } = useSigners(undefined, undefined);
  if (fields.signOff) return <>{signedByText(fields.signOff)}</>;
  const name = fields.signer?.name ?? everyone.find((person) => person.id === fields.signerId)?.displayName;
  return (
    <>
      {name ?? '—'}
      {fields.signer?.isPrincipal && <Tag style={{ marginInlineStart: 6 }}>主要负责人</Tag>}
    </>
  );
};

const UnitNames = ({ ids }: { ids: readonly string[] }) => {
  const { data: units = [] } = useUnits();
  return <>{ids.map((id) => units.find((unit) => unit.id === id)?.name ?? '…').join('、')}</>;
};

/** 登记编号 with a 预留 文号: the live reservations of the document's 代字 this year; none chosen takes the next number. */
const ReservedNumberSelect = ({ issuerCode, value, onChange, id }: { issuerCode: string; value?: string; onChange?: (id?: string) => void; id?: string }) => {
  const { reserved, isPending } = useReservedNumbers(issuerCode, officeNow().year());
  return (
    <Select
      id={id}
      allowClear
      value={value}
      onChange={(reservationId?: string) => onChange?.(reservationId)}
      loading={isPending}
      placeholder={reserved.length ? '不选则取下一个文号' : '没有可用的预留文号，将取下一个文号'}
      disabled={!isPending && reserved.length === 0}
      options={reserved.map((row) => ({ value: row.id, label: `${row.text}（${row.note ?? '预留'}，至 ${formatTime(row.reservedUntil, 'MM-DD HH:mm')}）` }))}
    />
  );
};

const isRef = (value: unknown): value is AttachmentRef => typeof value === 'object' && value !== null && typeof (value as AttachmentRef).digest === 'string';

const files = (value: unknown, detail: CaseDetail) => (
  <Flex vertical gap={2}>
    {(Array.isArray(value) ? value : []).filter(isRef).map((file) => (
      <FileLink key={file.digest} caseId={detail.id} file={file} />
    ))}
  </Flex>
);

const kindTags = (_value: unknown, detail: CaseDetail) => {
  const fields = outgoingOf(detail.fields);
  const tags = [fields.important && <Tag key="important" color="red">重要公文</Tag>, fields.normative && <Tag key="normative" color="purple">规范性文件</Tag>].filter(Boolean);
  return tags.length ? <>{tags}</> : '一般公文';
};

/** A 发文's units only ever 会签 (the engine's consult role). */
const countersignRoleLabels = { lead: '主办', assist: '协办', consult: '会签' } as const;

export const outgoingFields: readonly FieldView[] = [
  { name: 'issuerCode', label: '机关代字' },
  { name: 'docType', label: '文种' },
  { name: 'direction', label: '行文方向' },
  {
    name: 'numbered',
    label: '文号',
    render: (value, detail) => (value === false ? '无文号' : (outgoingOf(detail.fields).docNumber ?? '登记时编号')),
  },
  { name: 'urgency', label: '紧急程度', render: (value) => <Tag color={urgencyColors[String(value)]}>{String(value)}</Tag> },
  { name: 'important', label: '公文类别', render: kindTags },
  { name: 'mainTo', label: '主送', render: names },
  { name: 'copyTo', label: '抄送', render: names },
  { name: 'jointIssuers', label: '联合行文', render: (value) => (Array.isArray(value) ? value.join('、') : String(value)) },
  { name: 'signerId', label: '签发人', render: (_value, detail) => <SignerText detail={detail} /> },
  { name: 'signOff', label: '签发日期', render: (_value, detail) => outgoingOf(detail.fields).signOff?.signedOn ?? '—' },
  { name: 'writtenOn', label: '成文日期' },
  { name: 'copies', label: '印发份数', render: (value) => `${String(value)} 份` },
  {
    name: 'disclosure',
    label: '公开属性',
    render: (value, detail) => {
      const reason = outgoingOf(detail.fields).disclosureReason;
      return reason ? `${String(value)}（${reason}）` : String(value);
    },
  },
  { name: 'countersignUnitIds', label: '会签单位', render: (value) => <UnitNames ids={Array.isArray(value) ? (value as string[]) : []} /> },
  {
    name: 'contact',
    label: '联系人',
    render: (value) => {
      const contact = value as { name: string; phone: string };
      return `${contact.name}　${contact.phone}`;
    },
  },
  { name: 'annotation', label: '附注' },
  { name: 'registeredOn', label: '登记日期' },
  { name: 'printedOn', label: '印制日期' },
  { name: 'distributedOn', label: '核发日期' },
  { name: 'revisions', label: '修改次数', render: (value) => `${String(value)} 次` },
  { name: 'attachments', label: '附件', render: files },
  { name: 'title', label: '标题', isLong: true },
  { name: 'remarks', label: '备注', isLong: true },
];

export const outgoingUi: KindUi = {
  fields: outgoingFields,
  CreateForm: OutgoingCreateForm,
  createLabel: '拟稿',
  // 导入历史发文登记簿 beside 拟稿, for those who may draft.
  LedgerExtra: ({ kind }) => (kind.canCreate ? <OutgoingImportButton /> : null),
  EditForm: OutgoingEditForm,
  Sections: OutgoingSections,
  focus: { action: 'sign_off', View: SignOffView, showsBlocked: true },
  hasAssignments: false,
  assignmentsTitle: '会签意见',
  assignmentRoleLabels: countersignRoleLabels,
  closedLabel: '核发时间',
  actionOptions: (detail, action) => {
    if (action.action === 'send_countersign') {
      const taken = new Set(detail.assignments.filter((a) => a.isStanding).map((a) => a.unitId));
      const unitIds = (outgoingOf(detail.fields).countersignUnitIds ?? []).filter((id) => !taken.has(id));
      return { initialValues: { units: unitIds.map((unitId) => ({ unitId, role: 'consult' as const })) } };
    }
    if (action.form.some((field) => field.name.join('.') === 'reservationId')) {
      const { issuerCode, numbered } = outgoingOf(detail.fields);
      // A document without a 文号 has nothing to reserve: the input is not shown.
      return { controls: { reservationId: numbered === false ? null : <ReservedNumberSelect issuerCode={issuerCode} /> } };
    }
    return undefined;
  },
};
