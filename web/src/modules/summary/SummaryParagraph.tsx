/**
 * A paragraph of a summary. Read: its text as it prints, each number a link to the records behind it and
 * each gap marked; a paragraph changed and not yet saved shows its numbers as chips. Edit: the sentence
 * text edited freely around chips (label and value, atomic, a click opens the records), 插入数字 from the
 * catalogue at the caret, and any token that will not save flagged.
 */
import { Button, Flex } from 'antd';
import { useRef } from 'react';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import type { ResolvedPiece } from '../../../../common/schemas/summary.js';
import { InsertTools } from './editor/InsertTools.js';
import { PrintedText } from './PrintedText.js';
import type { ChipLook, ChipPiece } from './editor/source-dom.js';
import { problemsOf, ProblemsAlert } from './editor/SourceProblems.js';
import { SourceText } from './editor/SourceText.js';
import { TokenEditor, type TokenEditorHandle } from './editor/TokenEditor.js';

export const Paragraph = ({
  source,
  pieces,
  isEditing,
  mayWrite,
  catalogue,
  look,
  onEdit,
  onDone,
  onChange,
  onRemove,
  onOpenMetric,
}: {
  source: string;
  /** Worked out by the server; absent for text changed and not yet saved. */
  pieces: ResolvedPiece[] | undefined;
  isEditing: boolean;
  mayWrite: boolean;
  catalogue: readonly MetricDefinitionView[];
  look: (piece: ChipPiece) => ChipLook;
  onEdit: () => void;
  onDone: () => void;
  onChange: (text: string) => void;
  onRemove: () => void;
  onOpenMetric: (metricId: string) => void;
}) => {
  const editor = useRef<TokenEditorHandle>(null);

  if (isEditing) {
    const problems = problemsOf({ title: '', sections: [{ heading: '', paragraphs: [source] }] }, { placeholders: false, catalogue }).map((problem) => ({ ...problem, place: '' }));
    return (
      <div className="fb-summary-editing" data-testid="summary-paragraph-editor">
        <TokenEditor ref={editor} value={source} onChange={onChange} placeholders={false} look={look} ariaLabel="段落" onOpenMetric={onOpenMetric} autoFocus emptyText="输入文字；数字请用“插入数字”" />
        <ProblemsAlert problems={problems} title="这些数字写法无法保存，请删除后用“插入数字”重新选择" />
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          <InsertTools target={() => editor.current} catalogue={catalogue} placeholders={false} />
          <Button type="primary" size="small" onClick={onDone}>
            完成
          </Button>
          <Button size="small" danger onClick={onRemove}>
            删除段落
          </Button>
        </Flex>
      </div>
    );
  }

  const labelOf = (metricId: string) => catalogue.find((definition) => definition.id === metricId)?.label ?? metricId;
  return (
    <p className="fb-summary-paragraph" onDoubleClick={() => mayWrite && onEdit()} data-testid="summary-paragraph">
      {pieces ? (
        <PrintedText pieces={pieces} labelOf={labelOf} onOpenMetric={onOpenMetric} />
      ) : (
        <SourceText text={source} placeholders={false} look={look} onOpenMetric={onOpenMetric} />
      )}
      {mayWrite && (
        <Button size="small" type="link" className="fb-summary-edit" onClick={onEdit}>
          编辑
        </Button>
      )}
    </p>
  );
};
