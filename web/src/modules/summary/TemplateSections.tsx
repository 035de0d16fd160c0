/**
 * A template's title and sections: each heading and paragraph a chip editor (numbers and placeholders as
 * chips, the words around them free); paragraphs and sections added and removed. Read-only for a built-in
 * template: the same chips, not editable.
 */
import { Button, Flex, Popconfirm } from 'antd';
import { chineseNumeral } from '../../../../common/documents/official.js';
import type { SummaryContentInput } from '../../../../common/schemas/summary.js';
import type { ChipLook, ChipPiece } from './editor/source-dom.js';
import { SourceText } from './editor/SourceText.js';
import { TokenEditor, type TokenEditorHandle } from './editor/TokenEditor.js';

type Content = SummaryContentInput;

type Props = {
  content: Content;
  look: (piece: ChipPiece) => ChipLook;
  onOpenMetric: (metricId: string) => void;
  /** Absent: read only. */
  onChange?: (next: Content) => void;
  onFocusEditor: (handle: TokenEditorHandle) => void;
};

export const TemplateSections = ({ content, look, onOpenMetric, onChange, onFocusEditor }: Props) => {
  const editorProps = { placeholders: true, look, onOpenMetric, onFocusEditor };
  const setSection = (index: number, next: Content['sections'][number]) => onChange?.({ ...content, sections: content.sections.map((old, s) => (s === index ? next : old)) });
  let sectionNo = 0;
  if (!onChange) {
    return (
      <div className="fb-summary-page">
        <h2 className="fb-summary-title">
          <SourceText text={content.title} placeholders look={look} />
        </h2>
        {content.sections.map((section, s) => (
          <section key={s}>
            {section.heading && (
              <h3 className="fb-summary-heading">
                {chineseNumeral((sectionNo += 1))}、<SourceText text={section.heading} placeholders look={look} />
              </h3>
            )}
            {section.paragraphs.map((paragraph, p) => (
              <p key={p} className="fb-summary-paragraph" data-testid="template-paragraph">
                <SourceText text={paragraph} placeholders look={look} onOpenMetric={onOpenMetric} />
              </p>
            ))}
          </section>
        ))}
      </div>
    );
  }
  return (
    <div className="fb-summary-page">
      <TokenEditor {...editorProps} variant="line" ariaLabel="总标题" value={content.title} onChange={(title) => onChange({ ...content, title })} emptyText="总标题，如 {机关}{年度}工作总结" />
      {content.sections.map((section, s) => (
        <section key={s} className="fb-template-section" aria-label={`第${s + 1}部分`}>
          <Flex align="center" gap={8}>
            <span className="fb-template-no">{section.heading ? `${chineseNumeral((sectionNo += 1))}、` : '开头'}</span>
            <div style={{ flex: 1 }}>
              <TokenEditor {...editorProps} variant="line" ariaLabel={`第${s + 1}部分标题`} value={section.heading} onChange={(heading) => setSection(s, { ...section, heading })} emptyText="（无标题：开头段落）" />
            </div>
            <Popconfirm title="删除这一部分？" okText="删除" cancelText="取消" onConfirm={() => onChange({ ...content, sections: content.sections.filter((_, i) => i !== s) })}>
              <Button size="small" type="text" danger disabled={content.sections.length === 1}>
                删除此部分
              </Button>
            </Popconfirm>
          </Flex>
          {section.paragraphs.map((paragraph, p) => (
            <Flex key={p} gap={4} align="start" className="fb-template-paragraph">
              <div style={{ flex: 1 }}>
                <TokenEditor
                  {...editorProps}
                  ariaLabel={`第${s + 1}部分第${p + 1}段`}
                  value={paragraph}
                  onChange={(text) => setSection(s, { ...section, paragraphs: section.paragraphs.map((old, i) => (i === p ? text : old)) })}
                  emptyText="输入文字；数字和占位符请用上方按钮插入"
                />
              </div>
              <Button size="small" type="text" danger aria-label={`删除第${s + 1}部分第${p + 1}段`} onClick={() => setSection(s, { ...section, paragraphs: section.paragraphs.filter((_, i) => i !== p) })}>
                删除
              </Button>
            </Flex>
          ))}
          <Button size="small" type="dashed" onClick={() => setSection(s, { ...section, paragraphs: [...section.paragraphs, ''] })}>
            添加段落
          </Button>
        </section>
      ))}
      <Button style={{ marginTop: 16 }} onClick={() => onChange({ ...content, sections: [...content.sections, { heading: '新的一部分', paragraphs: [''] }] })}>
        添加一部分
      </Button>
    </div>
  );
};
