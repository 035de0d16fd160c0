/**
 * One template. An office template is edited as it reads — numbers and placeholders as chips showing their
 * label and, for the period chosen to preview, their value; 插入数字 and 插入占位符 put one where the caret
 * was — then previewed for that period with the live numbers and saved (a token that will not save is
 * flagged, and the server's refusal is shown where it is). A built-in template reads the same, and is
 * copied to be changed.
 */
import { Alert, Button, Flex, Input, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import { officeNow, DatePicker } from '../../app/time.js';
import type { Dayjs } from 'dayjs';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SourceProblem } from '../../../../common/documents/summary-source.js';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import { type PeriodKind, periodKindLabels, type SummaryTemplateInput, type TemplateView } from '../../../../common/schemas/summary.js';
import { useCan } from '../../app/current-user.js';
import { isConflict, notifyError, notifySuccess, notifyWarning } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useMetricDefinitions } from '../metrics/api.js';
import { MetricRecordsDrawer } from '../metrics/MetricRecordsDrawer.js';
import { usePreviewTemplate, useSaveTemplate, useSummaryTemplates } from './api.js';
import { CopyTemplateModal, levelOptions } from './CopyTemplateModal.js';
import { chipLook } from './editor/chip-look.js';
import { InsertTools } from './editor/InsertTools.js';
import { problemsOf, problemsOfError, ProblemsAlert } from './editor/SourceProblems.js';
import type { TokenEditorHandle } from './editor/TokenEditor.js';
import { useTokenValues } from './editor/use-token-values.js';
import { rangeOf } from './period.js';
import { TemplatePreviewDrawer } from './TemplatePreviewDrawer.js';
import { TemplateSections } from './TemplateSections.js';
import { TemplateVersions } from './TemplateVersions.js';
import './summary.css';

type Editable = Omit<SummaryTemplateInput, 'version'>;

const editableOf = (template: TemplateView): Editable => ({ name: template.name, level: template.level, periodKind: template.periodKind, basedOn: template.basedOn ?? template.key, title: template.title, sections: template.sections });

const TemplateEditor = ({ template, catalogue }: { template: TemplateView; catalogue: MetricDefinitionView[] }) => {
  const mayCopy = useCan('summary.template');
  const mayEdit = mayCopy && !template.isBuiltIn;
  const save = useSaveTemplate();
  const preview = usePreviewTemplate();
  const [draft, setDraft] = useState<Editable | null>(null);
  const [at, setAt] = useState<Dayjs>(officeNow());
  const [half, setHalf] = useState<1 | 2>(officeNow().month() < 6 ? 1 : 2);
  const [isPreviewing, setPreviewing] = useState(false);
  const [opened, setOpened] = useState<MetricDefinitionView | null>(null);
  const [copying, setCopying] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const [saveProblems, setSaveProblems] = useState<SourceProblem[]>([]);
  const active = useRef<TokenEditorHandle | null>(null);

  const content = useMemo(() => draft ?? editableOf(template), [draft, template]);
  const range = rangeOf(content.periodKind, at, half);
  const period = useMemo(() => ({ ...range, unitId: null }), [range.from, range.to]);
  const periodText = content.periodKind === 'month' ? `${at.year()}年${at.month() + 1}月` : content.periodKind === 'half' ? `${at.year()}年${half === 1 ? '上' : '下'}半年` : `${at.year()}年`;
  const texts = useMemo(() => [content.title, ...content.sections.flatMap((section) => [section.heading, ...section.paragraphs])], [content]);
  const values = useTokenValues(period, texts);
  const look = useMemo(() => chipLook(catalogue, values), [catalogue, values]);
  const problems = problemsOf(content, { placeholders: true, catalogue });
  const openMetric = (metricId: string) => setOpened(catalogue.find((definition) => definition.id === metricId) ?? null);
  const change = (next: Editable) => setDraft(next);

  const submit = () =>
    save.mutate(
      { key: template.key, version: template.version ?? undefined, ...content },
      {
        onSuccess: () => {
          setDraft(null);
          setSaveProblems([]);
          notifySuccess('模板已保存');
        },
        onError: (error) => {
          const refused = problemsOfError(error);
          if (refused) setSaveProblems(refused);
          else if (isConflict(error)) notifyWarning('他人已修改此模板：您的修改仍在页面上，请先复制保存，刷新后再合并。');
          else notifyError(error);
        },
      },
    );
  const showPreview = () => {
    setPreviewing(true);
    preview.mutate({ title: content.title, sections: content.sections, level: content.level, periodKind: content.periodKind, ...period });
  };

  return (
    <PageContainer
      title={template.name}
      extra={
        <Space wrap>
          <Link to="/summaries/templates">返回模板列表</Link>
          {template.isBuiltIn && mayCopy && <Button onClick={() => setCopying(true)}>复制为本办模板</Button>}
          {!template.isBuiltIn && <Button onClick={() => setShowVersions(true)}>历史版本</Button>}
          {mayEdit && (
            <Button type="primary" disabled={draft === null} loading={save.isPending} onClick={submit}>
              保存模板
            </Button>
          )}
        </Space>
      }
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Tag>{template.isBuiltIn ? '内置模板' : '本办模板'}</Tag>
        {template.isDefault && <Tag color="blue">默认（{periodKindLabels[template.periodKind]}）</Tag>}
        {template.isBuiltIn && <Typography.Text type="secondary">内置模板不能直接修改，请复制为本办模板后编辑。</Typography.Text>}
      </Flex>
      {mayEdit && (
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Input prefix="名称：" aria-label="模板名称" value={content.name} onChange={(event) => change({ ...content, name: event.target.value })} style={{ width: 360 }} />
          <Select aria-label="适用层级" value={content.level ?? 'none'} options={levelOptions} onChange={(level) => change({ ...content, level: level === 'none' ? null : (level as Editable['level']) })} style={{ width: 170 }} />
          <Select<PeriodKind> aria-label="期间" value={content.periodKind} onChange={(periodKind) => change({ ...content, periodKind })} options={(['year', 'half', 'month'] as const).map((value) => ({ value, label: `${periodKindLabels[value]}总结` }))} style={{ width: 130 }} />
        </Flex>
      )}
      <Flex gap={8} wrap align="center" className="fb-template-toolbar">
        {mayEdit && <InsertTools target={() => active.current} catalogue={catalogue} placeholders />}
        <Typography.Text type="secondary">数字按</Typography.Text>
        <DatePicker aria-label="预览期间" picker={content.periodKind === 'month' ? 'month' : 'year'} value={at} allowClear={false} onChange={(value) => value && setAt(value)} disabledDate={(date) => date.year() > officeNow().year()} />
        {content.periodKind === 'half' && <Radio.Group optionType="button" value={half} onChange={(event) => setHalf(event.target.value as 1 | 2)} options={[{ value: 1, label: '上半年' }, { value: 2, label: '下半年' }]} />}
        <Typography.Text type="secondary">的记录显示</Typography.Text>
        <Button onClick={showPreview}>预览</Button>
      </Flex>
      {draft !== null && <Alert type="warning" showIcon style={{ margin: '8px 0' }} title="有未保存的修改。" />}
      <ProblemsAlert problems={problems} title="这些写法无法保存，请删除后用“插入数字”“插入占位符”重新选择" />
      <ProblemsAlert problems={saveProblems} title="未能保存：" />
      <TemplateSections
        content={content}
        look={look}
        onOpenMetric={openMetric}
        onChange={mayEdit ? (next) => change({ ...content, ...next }) : undefined}
        onFocusEditor={(handle) => {
          active.current = handle;
        }}
      />
      {isPreviewing && <TemplatePreviewDrawer preview={preview.data} isPending={preview.isPending} periodText={periodText} onOpenMetric={openMetric} onClose={() => setPreviewing(false)} />}
      {opened && <MetricRecordsDrawer definition={opened} search={{ from: period.from, to: period.to }} periodText={`${period.from} 至 ${period.to}`} onClose={() => setOpened(null)} />}
      {copying && <CopyTemplateModal template={template} onClose={() => setCopying(false)} />}
      {showVersions && (
        <TemplateVersions
          templateKey={template.key}
          current={draft === null ? template.version : null}
          onClose={() => setShowVersions(false)}
          onRestore={
            mayEdit
              ? (version) => {
                  // Loaded as unsaved changes: saving makes it the next version, the history stays as it was.
                  setDraft(version.template);
                  setShowVersions(false);
                  notifyWarning(`已载入第 ${version.version} 版，保存后成为新版本。`);
                }
              : undefined
          }
        />
      )}
    </PageContainer>
  );
};

export const TemplatePage = () => {
  const { key = '' } = useParams();
  const { data: templates, isPending } = useSummaryTemplates();
  const { data: catalogue = [] } = useMetricDefinitions();
  const template = templates?.find((candidate) => candidate.key === key);
  if (isPending) {
    return (
      <PageContainer title="总结模板">
        <Spin />
      </PageContainer>
    );
  }
  if (!template) {
    return (
      <PageContainer title="总结模板">
        <Alert type="warning" showIcon title="模板不存在或已停用" action={<Link to="/summaries/templates">返回模板列表</Link>} />
      </PageContainer>
    );
  }
  // Another template: a fresh editor, nothing carried over.
  return <TemplateEditor key={template.key} template={template} catalogue={catalogue} />;
};
