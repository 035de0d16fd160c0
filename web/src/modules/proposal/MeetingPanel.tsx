/**
 * 交办会: the items waiting to be given (待交办), each with its 主办 unit(s) — several for 分办 — and 会办
 * units chosen on the row; held in one go (all or none), then each unit's 交办单 (.xlsx) to download.
 */
import { Button, Flex, Table, type TableColumnsType, TreeSelect, Typography } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { BatchAssignResult, ProposalItemView } from '../../../../common/schemas/proposal.js';
import { notifySuccess } from '../../app/request.js';
import { buildUnitTree, type UnitNode, useUnits } from '../admin/units/api.js';
import { assignmentSheetUrl, useAssignmentMeeting, useProposals } from './api.js';
import { api } from '../../app/request.js';

type TreeOption = { value: string; title: string; search: string; disabled?: boolean; children?: TreeOption[] };
const toOptions = (nodes: UnitNode[]): TreeOption[] =>
  nodes.map((node) => ({ value: node.id, title: node.shortName ?? node.name, search: `${node.name} ${node.shortName ?? ''} ${node.code}`, disabled: !node.isActive, children: node.children ? toOptions(node.children) : undefined }));

type Plan = Record<string, { leads: string[]; consults: string[] }>;

export const MeetingPanel = () => {
  const { data: items = [], isPending } = useProposals({ state: 'registered' });
  const { data: units = [] } = useUnits();
  const treeData = useMemo(() => toOptions(buildUnitTree(units)), [units]);
  const [meetingOn, setMeetingOn] = useState<Dayjs>(officeNow());
  const [plan, setPlan] = useState<Plan>({});
  const [result, setResult] = useState<BatchAssignResult | null>(null);
  const hold = useAssignmentMeeting();
  const planned = items.filter((item) => (plan[item.id]?.leads.length ?? 0) > 0);
  const set = (id: string, key: 'leads' | 'consults', value: string[]) => setPlan({ ...plan, [id]: { leads: [], consults: [], ...plan[id], [key]: value } });
  const picker = (item: ProposalItemView, key: 'leads' | 'consults', label: string) => (
    <TreeSelect
      aria-label={`${label}-${item.number}`}
      data-testid={`${key}-${item.body}-${item.number}`}
      multiple
      treeData={treeData}
      treeNodeFilterProp="search"
      showSearch
      style={{ width: '100%' }}
      placeholder={label}
      value={plan[item.id]?.[key] ?? []}
      onChange={(value: string[]) => set(item.id, key, value)}
    />
  );
  const columns: TableColumnsType<ProposalItemView> = [
    { title: '编号', key: 'number', width: 110, render: (_, item) => `${item.body === 'npc' ? '建议' : '提案'} ${item.number}` },
    { title: '标题', dataIndex: 'title', width: 240, ellipsis: true },
    { title: '主办单位（多个为分办）', key: 'leads', width: 260, render: (_, item) => picker(item, 'leads', '主办单位') },
    { title: '会办单位', key: 'consults', width: 260, render: (_, item) => picker(item, 'consults', '会办单位') },
  ];
  const submit = async () => {
    // Each item's version as it stands now: another clerk's change meanwhile is a 409 for the whole meeting.
    const versions = await Promise.all(planned.map((item) => api.get<{ version: number }>(`/api/cases/${item.id}`)));
    hold.mutate(
      { meetingOn: meetingOn.format('YYYY-MM-DD'), items: planned.map((item, index) => ({ caseId: item.id, version: versions[index]!.version, leadUnitIds: plan[item.id]!.leads, consultUnitIds: plan[item.id]!.consults })) },
      {
        onSuccess: (done) => {
          notifySuccess(`交办会已交办 ${done.assigned} 件`);
          setResult(done);
          setPlan({});
        },
      },
    );
  };
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center" wrap>
        <span>交办会日期</span>
        <DatePicker aria-label="交办会日期" value={meetingOn} allowClear={false} onChange={(value) => value && setMeetingOn(value)} />
        <Button type="primary" disabled={planned.length === 0} loading={hold.isPending} onClick={() => void submit()}>
          交办已选 {planned.length} 件
        </Button>
      </Flex>
      {result && (
        <Flex vertical gap={4} data-testid="meeting-result">
          <Typography.Text strong>交办单（{result.meetingOn}）</Typography.Text>
          {result.units.map((unit) => (
            <Typography.Link key={unit.unitId} href={assignmentSheetUrl(result.meetingOn, unit.unitId)} download>
              {unit.unitName}：主办 {unit.lead} 件，会办 {unit.consult} 件（下载交办单）
            </Typography.Link>
          ))}
        </Flex>
      )}
      {/* The unit pickers are wider than a phone: the rows scroll inside the table, not the whole page sideways. */}
      <Table rowKey="id" size="small" loading={isPending} dataSource={items} columns={columns} pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 870 }} />
    </Flex>
  );
};
