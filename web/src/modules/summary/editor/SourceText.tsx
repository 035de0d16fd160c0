/**
 * A text as chips, not editable: a paragraph changed and not yet saved (its numbers are worked out again
 * on saving), or a built-in template read before it is copied. A number chip opens its records.
 */
import { splitSource } from '../../../../../common/documents/summary-source.js';
import type { ChipLook, ChipPiece } from './source-dom.js';

export const SourceText = ({ text, placeholders, look, onOpenMetric }: { text: string; placeholders: boolean; look: (piece: ChipPiece) => ChipLook; onOpenMetric?: (metricId: string) => void }) => (
  <>
    {splitSource(text, { placeholders }).map((piece, index) => {
      if (piece.type === 'text') return <span key={index}>{piece.text}</span>;
      const chip = look(piece);
      const isNumber = piece.type === 'token' && chip.tone !== 'unknown';
      return (
        <span
          key={index}
          className={`fb-chip fb-chip-${chip.tone}`}
          title={chip.title}
          data-token={piece.raw}
          data-metric={piece.type === 'token' ? piece.metricId : undefined}
          role={isNumber ? 'button' : undefined}
          tabIndex={isNumber ? 0 : undefined}
          onClick={isNumber ? () => onOpenMetric?.(piece.metricId) : undefined}
          onKeyDown={isNumber ? (event) => event.key === 'Enter' && onOpenMetric?.(piece.metricId) : undefined}
        >
          <span className="fb-chip-label">{chip.label}</span>
          <span className="fb-chip-value">{chip.value}</span>
        </span>
      );
    })}
  </>
);
