/**
 * A sentence, heading or title as it prints: plain text, each number a link to the records behind it, each gap
 * (【待补充】) marked. The pieces are worked out by the server for the saved text.
 */
import type { ResolvedPiece } from '../../../../common/schemas/summary.js';

export const PrintedText = ({ pieces, labelOf, onOpenMetric }: { pieces: readonly ResolvedPiece[]; labelOf?: (metricId: string) => string; onOpenMetric: (metricId: string) => void }) => (
  <>
    {pieces.map((piece, index) =>
      piece.type === 'text' ? (
        <span key={index}>{piece.text}</span>
      ) : piece.type === 'number' ? (
        <button key={index} type="button" className="fb-summary-number" data-metric={piece.metricId} title={`${labelOf?.(piece.metricId) ?? piece.metricId}：点击查看明细`} onClick={() => onOpenMetric(piece.metricId)}>
          {piece.text}
        </button>
      ) : (
        <mark key={index} className="fb-summary-gap" data-metric={piece.metricId}>
          {piece.text}
        </mark>
      ),
    )}
  </>
);
