/** 督办 items on the case page: the 立项 fields, the nodes as they are completed, each period's report, the 民生实事 figures and the 申报办结. */
import { Tag, Typography } from 'antd';
import { reportCycleLabels } from '../../../../common/schemas/supervision.js';
import type { FieldView, KindUi } from '../cases/kind-views.js';
import { SupervisionOfficeSection } from './office/NoticeSection.js';
import { SupervisionFormModal } from './SupervisionFormModal.js';

type Milestone = { key: string; label: string; due: string; doneOn?: string; note?: string; evidence?: Array<{ name: string }> };
type Report = { key: string; on: string; text: string };
type Project = { target: number; measure: string; actuals: Array<{ month: string; value: number }> };
type Claim = { on: string; text: string; evidence: Array<{ name: string }> };

const Lines = ({ children }: { children: React.ReactNode }) => <div style={{ display: 'grid', gap: 4 }}>{children}</div>;

const supervisionFields: readonly FieldView[] = [
  { name: 'source', label: '立项来源' },
  { name: 'leadUnitName', label: '牵头单位' },
  { name: 'leaderName', label: '牵头领导' },
  { name: 'openedOn', label: '立项日期' },
  { name: 'deadline', label: '完成时限' },
  { name: 'isOngoing', label: '长期坚持', render: (value) => (value ? '是' : '否') },
  { name: 'reportCycle', label: '调度方式', render: (value) => reportCycleLabels[value as keyof typeof reportCycleLabels] ?? String(value) },
  { name: 'measures', label: '具体措施或目标', isLong: true },
  {
    name: 'milestones',
    label: '时间节点',
    isLong: true,
    render: (value) => (
      <Lines>
        {(value as Milestone[]).map((milestone) => (
          <span key={milestone.key}>
            {milestone.key.slice(1)}. {milestone.label}（{milestone.due}）{' '}
            {milestone.doneOn ? <Tag color="green">{milestone.doneOn} 完成</Tag> : <Tag>未完成</Tag>}
            {milestone.evidence && milestone.evidence.length > 0 && <Typography.Text type="secondary">佐证：{milestone.evidence.map((file) => file.name).join('、')}</Typography.Text>}
          </span>
        ))}
      </Lines>
    ),
  },
  {
    name: 'reports',
    label: '调度报告',
    isLong: true,
    render: (value) => (
      <Lines>
        {(value as Report[]).map((report) => (
          <span key={report.key}>
            <Tag>{report.key}</Tag>
            {report.on} 报送：{report.text}
          </span>
        ))}
      </Lines>
    ),
  },
  {
    name: 'livelihood',
    label: '民生实事目标',
    isLong: true,
    render: (value) => {
      const project = value as Project;
      const actuals = [...project.actuals].sort((a, b) => (a.month < b.month ? -1 : 1));
      return (
        <Lines>
          <span>
            目标 {project.target} {project.measure}
          </span>
          {actuals.map((actual) => (
            <span key={actual.month}>
              {actual.month} 累计完成 {actual.value} {project.measure}
            </span>
          ))}
        </Lines>
      );
    },
  },
  {
    name: 'claim',
    label: '申报办结',
    isLong: true,
    render: (value) => {
      const claim = value as Claim;
      return (
        <Lines>
          <span>
            {claim.on}：{claim.text}
          </span>
          <Typography.Text type="secondary">佐证材料：{claim.evidence.map((file) => file.name).join('、')}</Typography.Text>
        </Lines>
      );
    },
  },
];

export const supervisionUi: KindUi = {
  fields: supervisionFields,
  // The ledger's button opens the same 立项 form as the 督查督办 page (POST /api/supervision/items: the item and its 交办 at once).
  CreateForm: SupervisionFormModal,
  Sections: SupervisionOfficeSection,
  createLabel: '立项',
  assignmentsTitle: '牵头单位和责任单位',
  assignmentRoleLabels: { lead: '牵头', assist: '责任', consult: '会办' },
  closedLabel: '销号时间',
};
