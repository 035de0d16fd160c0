/**
 * 建议提案 (/proposals): the office's board — every item the reader may see (a unit its own), late ones first,
 * filtered by body, state and unit, with one-click 催办 on a late one — and the 交办会. A row opens the item's
 * case page, where units sign, answer and class, and the office confirms and sends the survey link.
 */
import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Segmented, Select, Table, type TableColumnsType, Tabs, Tag, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { answerClassLabels, surveyRatingLabels, type ProposalItemView } from '../../../../common/schemas/proposal.js';
import { useCan } from '../../app/current-user.js';
import { notifySuccess } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { buildUnitTree, type UnitNode, useUnits } from '../admin/units/api.js';
import { useUrge } from '../cases/api.js';
import { proposalImportPath, useProposals, type ProposalFilter } from './api.js';
import { MeetingPanel } from './MeetingPanel.js';
import { ProposalFormModal } from './ProposalFormModal.js';

const states = { registered: '待交办', handling: '办理中', answered: '已答复', reworking: '重新办理中', closed: '已办结' };
type TreeOption = { value: string; title: string; children?: TreeOption[] };
const toOptions = (nodes: UnitNode[]): TreeOption[] => nodes.map((node) => ({ value: node.id, title: node.shortName ?? node.name, children: node.children ? toOptions(node.children) : undefined }));

const UrgeButton = ({ item }: { item: ProposalItemView }) => {
  const urge = useUrge();
  return (
    <Button size="small" danger loading={urge.isPending} onClick={() => urge.mutate({ caseId: item.id, message: `${item.title}已超过答复期限，请抓紧办理答复。` }, { onSuccess: (done) => notifySuccess(`已催办，通知 ${done.notified} 人`) })}>
      催办
    </Button>
  );
};

const Board = () => {
  const [filter, setFilter] = useState<ProposalFilter>({});
  const { data: items = [], isPending } = useProposals(filter);
  const { data: units = [] } = useUnits();
  const treeData = useMemo(() => toOptions(buildUnitTree(units)), [units]);
  const canManage = useCan('proposal.manage');
  const columns: TableColumnsType<ProposalItemView> = [
    { title: '类型', key: 'body', width: 90, render: (_, item) => (item.body === 'npc' ? '人大建议' : '政协提案') },
    { title: '届次', key: 'term', width: 130, render: (_, item) => `${item.term}${item.session}次会议` },
    { title: '编号', dataIndex: 'number', width: 70 },
    { title: '标题', key: 'title', render: (_, item) => <><Link to={`/cases/proposal/${item.id}`}>{item.title}</Link>{item.isKey && <Tag color="red" style={{ marginLeft: 6 }}>重点</Tag>}</> },
    { title: '领衔人', dataIndex: 'leadName', width: 90 },
    { title: '主办单位', key: 'lead', width: 160, render: (_, item) => item.leadUnits.join('、') || '—' },
    { title: '会办单位', key: 'consult', width: 140, render: (_, item) => item.consultUnits.join('、') || '—' },
    { title: '状态', dataIndex: 'stateLabel', width: 100, render: (label: string, item) => <Tag data-testid={`state-${item.number}`}>{label}</Tag> },
    { title: '期限', key: 'due', width: 150, render: (_, item) => (item.dueDate ? <Flex gap={4} align="center"><Tag color={item.isLate ? 'red' : 'default'}>{item.dueDate}{item.isLate ? ' 逾期' : ''}</Tag>{item.isLate && canManage && <UrgeButton item={item} />}</Flex> : '—') },
    { title: '类别', key: 'class', width: 60, render: (_, item) => (item.answerClass ? <span title={answerClassLabels[item.answerClass]}>{item.answerClass}</span> : '') },
    { title: '评价', key: 'satisfaction', width: 80, render: (_, item) => (item.satisfaction ? <Tag color={item.satisfaction === 'unsatisfied' ? 'red' : 'green'}>{surveyRatingLabels[item.satisfaction]}</Tag> : '') },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap>
        <Segmented<string> value={filter.body ?? ''} onChange={(value) => setFilter({ ...filter, body: value || undefined })} options={[{ value: '', label: '全部' }, { value: 'npc', label: '人大建议' }, { value: 'cppcc', label: '政协提案' }]} />
        <Select allowClear placeholder="状态" style={{ width: 140 }} value={filter.state} onChange={(value?: string) => setFilter({ ...filter, state: value })} options={Object.entries(states).map(([value, label]) => ({ value, label }))} />
        <TreeSelect allowClear showSearch treeNodeFilterProp="title" placeholder="承办单位" style={{ width: 220 }} treeData={treeData} value={filter.unitId} onChange={(value?: string) => setFilter({ ...filter, unitId: value })} />
      </Flex>
      <Table rowKey="id" size="small" loading={isPending} dataSource={items} columns={columns} pagination={{ pageSize: 50, showTotal: (total) => `共 ${total} 件` }} scroll={{ x: 1300 }} />
    </Flex>
  );
};

export const ProposalsPage = () => {
  const navigate = useNavigate();
  const canManage = useCan('proposal.manage');
  const [isCreating, setCreating] = useState(false);
  return (
    <PageContainer
      title="建议提案"
      extra={
        canManage && (
          <Flex gap={8}>
            <Button icon={<ImportOutlined />} onClick={() => navigate(proposalImportPath)}>导入名单</Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>登记</Button>
          </Flex>
        )
      }
    >
      <Tabs items={[{ key: 'board', label: '办理情况', children: <Board /> }, ...(canManage ? [{ key: 'meeting', label: '交办会', children: <MeetingPanel /> }] : [])]} />
      {isCreating && <ProposalFormModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/cases/proposal/${id}`)} />}
    </PageContainer>
  );
};
