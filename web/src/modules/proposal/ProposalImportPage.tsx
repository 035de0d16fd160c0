/**
 * 导入建议/提案名单 (/cases/proposal/import): the shared register import with what is the list's own — which
 * body, 届次 and session it is, and the day it came — sent with every preview and import; the import key
 * (body + 届次 + session + number) makes a second run add nothing.
 */
import { Alert, Input, InputNumber, Radio, Space, Tag, type TableColumnsType } from 'antd';
import { toPickerValue, officeToday, DatePicker } from '../../app/time.js';
import { bodyLabels, type ProposalImportPreview, type ProposalImportResult } from '../../../../common/schemas/proposal.js';
import { RegisterImportPage } from '../register-import/RegisterImportPage.js';
import type { RegisterImportConfig } from '../register-import/types.js';
import { proposalImportEndpoints } from './api.js';

type Sample = ProposalImportPreview['sample'][number];

const sampleColumns: TableColumnsType<Sample> = [
  { title: '行号', dataIndex: 'row', key: 'row', width: 70 },
  { title: '编号', dataIndex: 'number', key: 'number', width: 80 },
  { title: '标题', dataIndex: 'title', key: 'title', ellipsis: true },
  { title: '领衔代表/提案人', dataIndex: 'leadName', key: 'leadName', width: 130 },
  { title: '附议/联名', key: 'cosigners', width: 160, render: (_: unknown, row) => row.cosigners.join('、') || '—' },
  { title: '代表团/界别', dataIndex: 'group', key: 'group', width: 130, render: (value: string | null) => value ?? '—' },
  { title: '类别', dataIndex: 'category', key: 'category', width: 100, render: (value: string | null) => value ?? '—' },
  { title: '重点', key: 'isKey', width: 70, render: (_: unknown, row) => (row.isKey ? <Tag color="red">重点</Tag> : '') },
];

/** Which session the list is: asked before the first preview (defaults), changed here (the preview re-reads). */
const SessionFields = ({ extra, onExtraChange }: { extra: Record<string, string>; onExtraChange: (extra: Record<string, string>) => void }) => (
  <Alert
    type="info"
    showIcon
    style={{ marginBottom: 12 }}
    title={
      <Space wrap>
        <Radio.Group aria-label="类型" value={extra.body} onChange={(event) => onExtraChange({ ...extra, body: String(event.target.value) })} options={Object.entries(bodyLabels).map(([value, label]) => ({ value, label }))} />
        <Input aria-label="届次" style={{ width: 120 }} defaultValue={extra.term} onBlur={(event) => event.target.value.trim() && event.target.value.trim() !== extra.term && onExtraChange({ ...extra, term: event.target.value.trim() })} addonBefore="届次" />
        <InputNumber aria-label="第几次会议" min={1} max={20} value={Number(extra.session)} onChange={(value) => value && onExtraChange({ ...extra, session: String(value) })} addonBefore="第" addonAfter="次会议" />
        <DatePicker aria-label="收到日期" value={toPickerValue(extra.receivedOn)} allowClear={false} onChange={(value) => value && onExtraChange({ ...extra, receivedOn: value.format('YYYY-MM-DD') })} />
      </Space>
    }
  />
);

const proposalImport: RegisterImportConfig<ProposalImportPreview, ProposalImportResult> = {
  kindId: 'proposal',
  noun: '建议提案',
  pageTitle: '导入建议提案名单',
  endpoints: proposalImportEndpoints,
  uploadHint: '人大常委会选联工委或政协提案委提供的名单（.xlsx）。第一行可以是标题；编号、标题、领衔代表（提案人）为必备项；附议或联名人用顿号分隔；「是否重点」填「是」的为重点件。上传后可在上方选择类型、届次和会次。',
  previewTestId: 'proposal-import-preview',
  previewNote: '以下只是预览，尚未登记。',
  skippedWord: '已导入',
  duplicatesTitle: '已导入过（跳过）',
  sampleColumns,
  sampleScrollX: 1100,
  importNotice: { title: '导入后的建议提案', description: '每行登记为一件建议或提案（待交办），可在交办会上集中交办。同一类型、届次、会次和编号的件只登记一次。' },
  resultNote: '已登记，可在「建议提案」页面召开交办会。',
  initialExtra: { body: 'npc', term: '十五届', session: '1', receivedOn: officeToday() },
  PreviewExtra: SessionFields,
};

export const ProposalImportPage = () => <RegisterImportPage config={proposalImport} />;
