/**
 * One summary draft: read as it prints, each number a link to the records behind it and each gap marked
 * 【待补充】; the office edits the title, headings and paragraphs freely — in the editor a number is a chip (its metric's
 * label and value; stored as a token such as {{incoming.received}}) that stays linked to its metric and
 * refreshes with the records — saves (a token that will not save is shown where it is; a lost race is told,
 * never overwritten), reads back any earlier version, and downloads the GB/T 9704 Word file.
 */
import { Alert, Button, Card, Flex, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { chineseNumeral } from '../../../../common/documents/official.js';
import type { SourceProblem } from '../../../../common/documents/summary-source.js';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import type { SummaryContentInput, SummaryVersion, SummaryView } from '../../../../common/schemas/summary.js';
import { useCan } from '../../app/current-user.js';
import { isConflict, notifyError, notifySuccess, notifyWarning } from '../../app/request.js';
import { PageContainer } from '../../components/PageContainer.js';
import { useMetricDefinitions } from '../metrics/api.js';
import { MetricRecordsDrawer } from '../metrics/MetricRecordsDrawer.js';
import { summaryDocxUrl, useSaveSummary, useSummary } from './api.js';
import { chipLook } from './editor/chip-look.js';
import { problemsOfError, ProblemsAlert } from './editor/SourceProblems.js';
import { useTokenValues } from './editor/use-token-values.js';
import { SummaryLine } from './SummaryLine.js';
import { Paragraph } from './SummaryParagraph.js';
import { SummaryVersions } from './SummaryVersions.js';
import './summary.css';

type Content = SummaryContentInput;

const contentOf = (summary: SummaryView | SummaryVersion): Content => ({
  title: summary.title,
  sections: summary.sections.map((section) => ({
    heading: section.heading,
    paragraphs: section.paragraphs.map((paragraph) => (typeof paragraph === 'string' ? paragraph : paragraph.source)),
  })),
});

export const SummaryPage = () => {
  const { id = '' } = useParams();
  const { data: summary, isPending, isError, error, refetch } = useSummary(id);
  const { data: catalogue = [] } = useMetricDefinitions();
  const mayWrite = useCan('summary.write');
  const save = useSaveSummary(id);
  const [draft, setDraft] = useState<Content | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [opened, setOpened] = useState<MetricDefinitionView | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  const [saveProblems, setSaveProblems] = useState<SourceProblem[]>([]);
  const definitions = useMemo(() => new Map(catalogue.map((definition) => [definition.id, definition])), [catalogue]);
  const content = useMemo(() => draft ?? (summary ? contentOf(summary) : null), [draft, summary]);
  const texts = useMemo(() => (content ? [content.title, ...content.sections.flatMap((section) => [section.heading, ...section.paragraphs])] : []), [content]);
  const period = summary ? { from: summary.from, to: summary.to, unitId: summary.unitId } : null;
  const values = useTokenValues(period, texts, summary?.values);
  const look = useMemo(() => chipLook(catalogue, values), [catalogue, values]);

  if (isError && !summary) {
    return (
      <PageContainer title="工作总结" extra={<Link to="/summaries">返回工作总结</Link>}>
        <Result status="warning" title="无法查看该总结稿" subTitle={error.message} extra={<Link to="/summaries">返回工作总结</Link>} />
      </PageContainer>
    );
  }
  if (isPending || !summary || !content) {
    return (
      <PageContainer title="工作总结" extra={<Link to="/summaries">返回工作总结</Link>}>
        <Spin />
      </PageContainer>
    );
  }
  const isDirty = draft !== null;
  const change = (next: Content) => setDraft(next);
  const setParagraph = (sectionIndex: number, paragraphIndex: number, text: string) =>
    change({ ...content, sections: content.sections.map((section, s) => (s !== sectionIndex ? section : { ...section, paragraphs: section.paragraphs.map((old, p) => (p === paragraphIndex ? text : old)) })) });
  const submit = () =>
    save.mutate(
      { version: summary.version, ...content },
      {
        onSuccess: () => {
          setDraft(null);
          setEditing(null);
          setSaveProblems([]);
          notifySuccess('已保存');
        },
        onError: (error) => {
          const problems = problemsOfError(error);
          if (problems) setSaveProblems(problems);
          else if (isConflict(error)) notifyWarning('他人已修改此稿：您的修改仍在页面上，请先复制保存，刷新后再合并。');
          else notifyError(error);
        },
      },
    );
  const openMetric = (metricId: string) => {
    const definition = definitions.get(metricId);
    if (definition) setOpened(definition);
  };
  let sectionNo = 0;

  return (
    <PageContainer
      title={summary.titlePieces.map((piece) => piece.text).join('')}
      extra={
        <Space wrap>
          <Link to="/summaries">返回工作总结</Link>
          <Button onClick={() => void refetch()}>刷新数字</Button>
          <Button onClick={() => setShowVersions(true)}>历史版本</Button>
          <Button href={summaryDocxUrl(summary.id)} data-testid="summary-docx">
            导出 Word
          </Button>
          {mayWrite && (
            <Button type="primary" disabled={!isDirty} loading={save.isPending} onClick={submit}>
              保存
            </Button>
          )}
        </Space>
      }
    >
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Tag>{summary.templateName}</Tag>
        <Typography.Text type="secondary">
          {summary.from} 至 {summary.to}
          {summary.unitName ? ` · ${summary.unitName}` : ' · 全办'} · 第 {summary.version} 版
        </Typography.Text>
        <Typography.Text data-testid="summary-counts">
          数字 {summary.numberCount} 处，待补充 {summary.gapCount} 处
        </Typography.Text>
      </Flex>
      <ProblemsAlert problems={saveProblems} title="未能保存：以下数字写法不正确，请删除后用“插入数字”重新选择" />
      {isDirty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="有未保存的修改。数字标签显示当前数值，保存后按最新记录重新计算。" />}
      <Card className="fb-summary-page">
        <SummaryLine
          level="title"
          source={content.title}
          pieces={isDirty ? undefined : summary.titlePieces}
          isEditing={mayWrite && editing === 'title'}
          mayWrite={mayWrite}
          catalogue={catalogue}
          look={look}
          ariaLabel="标题"
          onEdit={() => setEditing('title')}
          onDone={() => setEditing(null)}
          onChange={(title) => change({ ...content, title })}
          onOpenMetric={openMetric}
        />
        {content.sections.map((section, sectionIndex) => {
          const heading = section.heading ? `${chineseNumeral((sectionNo += 1))}、` : '';
          const resolved = isDirty ? undefined : summary.sections[sectionIndex];
          return (
            <section key={sectionIndex} aria-label={(resolved?.heading === section.heading ? resolved.headingPieces.map((piece) => piece.text).join('') : section.heading) || '开头'}>
              {section.heading !== '' || editing === `h${sectionIndex}` ? (
                <SummaryLine
                  level="heading"
                  prefix={heading}
                  source={section.heading}
                  pieces={resolved?.heading === section.heading ? resolved.headingPieces : undefined}
                  isEditing={mayWrite && editing === `h${sectionIndex}`}
                  mayWrite={mayWrite}
                  catalogue={catalogue}
                  look={look}
                  ariaLabel="部分标题"
                  onEdit={() => setEditing(`h${sectionIndex}`)}
                  onDone={() => setEditing(null)}
                  onChange={(text) => change({ ...content, sections: content.sections.map((old, s) => (s === sectionIndex ? { ...old, heading: text } : old)) })}
                  onOpenMetric={openMetric}
                />
              ) : null}
              {section.paragraphs.map((text, paragraphIndex) => (
                <Paragraph
                  key={paragraphIndex}
                  source={text}
                  pieces={resolved?.paragraphs[paragraphIndex]?.source === text ? resolved.paragraphs[paragraphIndex]!.pieces : undefined}
                  isEditing={editing === `p${sectionIndex}.${paragraphIndex}`}
                  mayWrite={mayWrite}
                  catalogue={catalogue}
                  look={look}
                  onEdit={() => setEditing(`p${sectionIndex}.${paragraphIndex}`)}
                  onDone={() => setEditing(null)}
                  onChange={(next) => setParagraph(sectionIndex, paragraphIndex, next)}
                  onRemove={() =>
                    change({ ...content, sections: content.sections.map((old, s) => (s === sectionIndex ? { ...old, paragraphs: old.paragraphs.filter((_, p) => p !== paragraphIndex) } : old)) })
                  }
                  onOpenMetric={openMetric}
                />
              ))}
              {mayWrite && (
                <Flex gap={8} className="fb-summary-tools">
                  <Button
                    size="small"
                    type="dashed"
                    onClick={() => {
                      change({ ...content, sections: content.sections.map((old, s) => (s === sectionIndex ? { ...old, paragraphs: [...old.paragraphs, ''] } : old)) });
                      setEditing(`p${sectionIndex}.${section.paragraphs.length}`);
                    }}
                  >
                    添加段落
                  </Button>
                  {section.heading !== '' && (
                    <Button size="small" type="text" onClick={() => setEditing(`h${sectionIndex}`)}>
                      改标题
                    </Button>
                  )}
                  <Popconfirm title="删除这一部分？" okText="删除" cancelText="取消" onConfirm={() => change({ ...content, sections: content.sections.filter((_, s) => s !== sectionIndex) })}>
                    <Button size="small" type="text" danger disabled={content.sections.length === 1}>
                      删除此部分
                    </Button>
                  </Popconfirm>
                </Flex>
              )}
            </section>
          );
        })}
        {mayWrite && (
          <Flex gap={8} style={{ marginTop: 16 }}>
            <Button
              onClick={() => {
                change({ ...content, sections: [...content.sections, { heading: '新的一部分', paragraphs: [''] }] });
                setEditing(`h${content.sections.length}`);
              }}
            >
              添加一部分
            </Button>
            <Button type="text" onClick={() => setEditing('title')}>
              改总标题
            </Button>
            {isDirty && (
              <Button type="text" onClick={() => (setDraft(null), setEditing(null))}>
                放弃修改
              </Button>
            )}
          </Flex>
        )}
      </Card>
      {opened && (
        <MetricRecordsDrawer
          definition={opened}
          search={{ from: summary.from, to: summary.to, ...(summary.unitId ? { unit: summary.unitId } : {}) }}
          periodText={`${summary.from} 至 ${summary.to}`}
          onClose={() => setOpened(null)}
        />
      )}
      {showVersions && (
        <SummaryVersions
          id={summary.id}
          onClose={() => setShowVersions(false)}
          onRestore={(version) => {
            setDraft(contentOf(version));
            setShowVersions(false);
            notifySuccess(`已载入第 ${version.version} 版，保存后成为新的一版`);
          }}
        />
      )}
    </PageContainer>
  );
};
