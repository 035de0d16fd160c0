/**
 * The title or a section heading of a summary. Read: as it prints, a number in it a link to its records like in
 * any sentence; changed and not yet saved: its numbers as chips. Edit: one line of text around chips, 插入数字
 * at the caret — a heading keeps its numbers linked just as a paragraph does.
 */
import { Button, Flex } from 'antd';
import { useRef } from 'react';
import type { MetricDefinitionView } from '../../../../common/schemas/metrics.js';
import type { ResolvedPiece } from '../../../../common/schemas/summary.js';
import { InsertTools } from './editor/InsertTools.js';
import type { ChipLook, ChipPiece } from './editor/source-dom.js';
import { SourceText } from './editor/SourceText.js';
import { TokenEditor, type TokenEditorHandle } from './editor/TokenEditor.js';
import { PrintedText } from './PrintedText.js';

export const SummaryLine = ({
  level,
  prefix = '',
  source,
  pieces,
  isEditing,
  mayWrite,
  catalogue,
  look,
  ariaLabel,
  onEdit,
  onDone,
  onChange,
  onOpenMetric,
}: {
  level: 'title' | 'heading';
  /** 一、二、… before a heading. */
  prefix?: string;
  source: string;
  /** Worked out by the server; absent for text changed and not yet saved. */
  pieces: readonly ResolvedPiece[] | undefined;
  isEditing: boolean;
  mayWrite: boolean;
  catalogue: readonly MetricDefinitionView[];
  look: (piece: ChipPiece) => ChipLook;
  ariaLabel: string;
  onEdit: () => void;
  onDone: () => void;
  onChange: (text: string) => void;
  onOpenMetric: (metricId: string) => void;
}) => {
  const editor = useRef<TokenEditorHandle>(null);
  if (isEditing) {
    return (
      <div className="fb-summary-editing" data-testid={`summary-${level}-editor`}>
        <TokenEditor ref={editor} value={source} onChange={onChange} placeholders={false} look={look} ariaLabel={ariaLabel} onOpenMetric={onOpenMetric} autoFocus variant="line" />
        <Flex gap={8} wrap align="center" style={{ marginTop: 8 }}>
          <InsertTools target={() => editor.current} catalogue={catalogue} placeholders={false} />
          <Button type="primary" size="small" onClick={onDone}>
            完成
          </Button>
        </Flex>
      </div>
    );
  }
  const labelOf = (metricId: string) => catalogue.find((definition) => definition.id === metricId)?.label ?? metricId;
  const Tag = level === 'title' ? 'h2' : 'h3';
  return (
    <Tag className={level === 'title' ? 'fb-summary-title' : 'fb-summary-heading'} onDoubleClick={() => mayWrite && onEdit()}>
      {prefix}
      {pieces ? <PrintedText pieces={pieces} labelOf={labelOf} onOpenMetric={onOpenMetric} /> : <SourceText text={source} placeholders={false} look={look} onOpenMetric={onOpenMetric} />}
    </Tag>
  );
};
