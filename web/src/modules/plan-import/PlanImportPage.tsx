/**
 * 导入分工方案 (/cases/supervision/import): the shared register import (register-import/) with what is the
 * work plan's own — its endpoints and sample columns, the plan's year (read from the title, or chosen),
 * the units each measure goes to and the milestones read from its 完成时限.
 */
import { Alert, InputNumber, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { PlanImportPreview, PlanImportResult, PlanImportSampleRow } from '../../../../common/schemas/plan-import.js';
import { RegisterImportButton, RegisterImportPage } from '../register-import/RegisterImportPage.js';
import type { RegisterImportConfig } from '../register-import/types.js';
import { planImportEndpoints, planImportPath } from './api.js';

const sampleColumns: TableColumnsType<PlanImportSampleRow> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
  { title: '重点工作', dataIndex: 'task', key: 'task', width: 180, ellipsis: true },
  { title: '具体措施或目标', dataIndex: 'measures', key: 'measures', ellipsis: true },
  { title: '牵头领导', dataIndex: 'leader', key: 'leader', width: 100, render: (value: string | null) => value ?? '—' },
  { title: '牵头单位', dataIndex: 'leadUnit', key: 'leadUnit', width: 150 },
  {
    title: '责任单位',
    key: 'helperUnits',
    width: 220,
    render: (_: unknown, row) => (
      <Space size={[0, 4]} wrap>
        {row.helperUnits.map((name) => <Tag key={name}>{name}</Tag>)}
        {row.otherUnits && <Typography.Text type="secondary" title="泛指多个单位，不单独交办">{row.otherUnits}</Typography.Text>}
      </Space>
    ),
  },
  {
    title: '完成时限',
    key: 'deadline',
    width: 200,
    render: (_: unknown, row) => (
      <div>
        <div>{row.deadline}{row.isOngoing && <Tag color="blue" style={{ marginLeft: 6 }}>长期</Tag>}</div>
        {row.steps.map((step) => (
          <Typography.Text key={step.due + step.label} type="secondary" style={{ display: 'block', fontSize: 12 }}>{step.due} {step.label}</Typography.Text>
        ))}
      </div>
    ),
  },
];

/** The plan's year: the title's, unless the clerk names another (a plan without a year in its title). */
const PlanYear = ({ preview, extra, onExtraChange }: { preview: PlanImportPreview; extra: Record<string, string>; onExtraChange: (extra: Record<string, string>) => void }) => (
  <Alert
    type="info"
    showIcon
    style={{ marginBottom: 12 }}
    title={
      <Space wrap>
        <span>方案年度</span>
        <InputNumber
          aria-label="方案年度"
          min={2000}
          max={2100}
          value={extra.year ? Number(extra.year) : preview.year}
          // Only a whole year re-reads the plan, not each keystroke on the way to it.
          onChange={(value) => {
            if (value && value >= 2000 && value <= 2100) onExtraChange({ ...extra, year: String(value) });
          }}
        />
        <Typography.Text type="secondary">
          未写年份的时限（如「6月底前」）按此年度计算。已识别 {preview.tasks} 项重点工作{preview.categories.length > 0 ? `，分 ${preview.categories.length} 类` : ''}。
        </Typography.Text>
      </Space>
    }
  />
);

const planImport: RegisterImportConfig<PlanImportPreview, PlanImportResult> = {
  kindId: 'supervision',
  noun: '督办事项',
  pageTitle: '导入分工方案',
  endpoints: planImportEndpoints,
  uploadHint:
    '第一行可以是标题（如「2026年政府工作报告重点工作任务分工方案」，系统从中读取年度）。重点工作、牵头单位、完成时限为必备项；合并单元格的重点工作和牵头领导自动向下填充；「一、……」类别行不导入为事项；多个单位用顿号分隔；完成时限可写 6月底前、三季度、年底前，或「6月底前完成方案，12月底前竣工」（每个时间点成为一个节点）。',
  previewTestId: 'plan-import-preview',
  previewNote: '以下只是预览，尚未立项，也未向任何单位交办。',
  skippedWord: '已导入',
  duplicatesTitle: '已导入过（跳过）',
  extraStatistics: (preview) => [{ title: '重点工作', value: preview.tasks, suffix: '项' }],
  sampleColumns,
  sampleScrollX: 1300,
  importNotice: {
    title: '导入后的督办事项',
    description: '每行具体措施立项为一件督办事项（来源：重点工作），交办牵头单位和责任单位，完成时限中的各时间点为节点，按月调度。',
  },
  resultNote: '已立项并交办，各单位在待办中可见。',
  PreviewExtra: PlanYear,
};

/** The button for the 督办 ledger, shown to those who may open 督办 items. */
export const PlanImportButton = () => <RegisterImportButton noun="分工方案" label="导入分工方案" path={planImportPath} />;

/** Only for those who may open 督办 items (the server checks again). */
export const PlanImportPage = () => <RegisterImportPage config={planImport} />;
