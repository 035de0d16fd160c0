/**
 * 12345 工单 on the case page: its fields in the order an agent reads them, the intake form, and the
 * 退单's 职责清单 offered as a list of the unit's own lines (the server refuses any other).
 */
import { Select, Tag } from 'antd';
import type { FieldView, KindUi } from '../cases/kind-views.js';
import { useDutyItems } from './api.js';
import { TicketFormModal } from './TicketFormModal.js';
import { officeDateOf } from '../../app/time.js';

type Visit = { result: string; resolved: string | null; at: string; byName: string; comment: string | null };

const visitColor: Record<string, string> = { 满意: 'green', 基本满意: 'blue', 不满意: 'red', 未联系上: 'default' };

const ticketFields: readonly FieldView[] = [
  { name: 'channel', label: '来源渠道' },
  { name: 'ticketType', label: '诉求类型' },
  { name: 'urgency', label: '紧急程度', render: (value) => (value === '应急' ? <Tag color="red">应急</Tag> : String(value)) },
  { name: 'category', label: '诉求分类' },
  { name: 'subject', label: '来信标题' },
  { name: 'callerName', label: '来电人' },
  { name: 'callerPhone', label: '联系电话' },
  { name: 'area', label: '所属街乡' },
  { name: 'address', label: '事发地址' },
  { name: 'content', label: '诉求内容', isLong: true },
  { name: 'directAnswer', label: '当场答复', isLong: true },
  { name: 'mayPublish', label: '同意公开答复', render: (value) => (value ? '同意' : '不同意') },
  { name: 'replyPublic', label: '答复公开', render: (value) => `已公开（${officeDateOf(String((value as { at?: string }).at ?? ''))}，${String((value as { byName?: string }).byName ?? '')}）` },
  { name: 'returnCount', label: '退单次数' },
  { name: 'redoCount', label: '重办次数' },
  {
    name: 'visits',
    label: '回访记录',
    isLong: true,
    render: (value) => (
      <>
        {(Array.isArray(value) ? (value as Visit[]) : []).map((visit) => (
          <div key={visit.at}>
            <Tag color={visitColor[visit.result]}>{visit.result}</Tag>
            {visit.resolved && `${visit.resolved}　`}
            {visit.comment ?? ''}（{visit.byName}，{officeDateOf(visit.at)}）
          </div>
        ))}
      </>
    ),
  },
  { name: 'mergedInto', label: '已归并到', render: (value) => String((value as { serialNo?: string }).serialNo ?? '') },
  // The main ticket's answer, carried here when it closed: what the 回访员 tells this caller.
  {
    name: 'mergedAnswer',
    label: '主工单答复',
    isLong: true,
    render: (value) => {
      const answer = value as { text?: string; fromSerialNo?: string; unitName?: string | null };
      return `${answer.text ?? ''}（主工单 ${answer.fromSerialNo ?? ''}${answer.unitName ? `，${answer.unitName}` : ''}）`;
    },
  },
  { name: 'caseStudy', label: '经典案例', isLong: true, render: (value) => <><Tag color="gold">经典案例</Tag>{String((value as { writeUp?: string }).writeUp ?? '')}</> },
];

const DutySelect = ({ unitId, value, onChange, id }: { unitId: string | undefined; value?: string; onChange?: (item?: string) => void; id?: string }) => {
  const { data: items = [], isPending } = useDutyItems(unitId);
  return (
    <Select
      id={id}
      value={value}
      onChange={(item?: string) => onChange?.(item)}
      loading={isPending}
      showSearch
      placeholder={!isPending && items.length === 0 ? '本单位没有职责清单，请联系热线中心' : '选择本单位职责清单中的依据'}
      options={items.map((item) => ({ value: item, label: item }))}
    />
  );
};

export const ticketUi: KindUi = {
  fields: ticketFields,
  CreateForm: TicketFormModal,
  createLabel: '登记工单',
  actionOptions: (detail, action) => {
    // 归并 offers the tickets found alike at registration (linked then).
    if (action.action === 'merge') {
      const options = detail.links.filter((link) => link.type === 'related').map((link) => ({ value: link.caseId, label: `${link.serialNo} ${link.title}` }));
      return { controls: { into: <Select placeholder={options.length ? '选择主工单' : '没有关联的疑似重复工单'} options={options} /> } };
    }
    if (action.action !== 'unit_return') return undefined;
    const unitId = detail.assignments.find((assignment) => assignment.id === action.assignmentId)?.unitId;
    return { controls: { dutyItem: <DutySelect unitId={unitId} /> } };
  },
};
