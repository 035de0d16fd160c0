/**
 * One editable line of a summary or template: the sentence text edited freely, each number (and, in a
 * template, each placeholder) an atomic chip that shows the metric's label and value and opens its records
 * on a click. The DOM is the truth while the office types — it is rebuilt only when the text comes from
 * outside (a version loaded, changes dropped) — so the caret and an IME's composition are never disturbed;
 * the text is read back after each input, and at the end of each composition, not during it. Copy and cut
 * put the stored text (tokens) on the clipboard, paste reads tokens back as chips, and nothing but text
 * and tokens gets in (no formatting, no line breaks, no drops).
 */
import { type ClipboardEvent, type Ref, useEffect, useImperativeHandle, useLayoutEffect, useRef } from 'react';
import { splitSource } from '../../../../../common/documents/summary-source.js';
import { buildFragment, chipAround, type ChipLook, type ChipPiece, isChip, paintChip, pastedLine, pieceOfChip, serialize } from './source-dom.js';

export type TokenEditorHandle = {
  /** Puts text (a token, a placeholder, words) where the caret was last in this editor, or at its end. */
  insert: (text: string) => void;
  focus: () => void;
};

type Props = {
  value: string;
  onChange: (text: string) => void;
  /** A template's {机关} … are chips; in a draft they were filled when it was made. */
  placeholders: boolean;
  look: (piece: ChipPiece) => ChipLook;
  ariaLabel: string;
  onOpenMetric?: (metricId: string) => void;
  /** Told when the editor takes the focus: a page's one toolbar inserts into the editor last focused. */
  onFocusEditor?: (handle: TokenEditorHandle) => void;
  autoFocus?: boolean;
  /** A heading or title: one short line, larger type. */
  variant?: 'paragraph' | 'line';
  emptyText?: string;
  ref?: Ref<TokenEditorHandle>;
};

const blockedInputs = new Set(['insertParagraph', 'insertLineBreak', 'insertFromDrop', 'deleteByDrag', 'insertReplacementText']);

export const TokenEditor = ({ value, onChange, placeholders, look, ariaLabel, onOpenMetric, onFocusEditor, autoFocus, variant = 'paragraph', emptyText, ref }: Props) => {
  const root = useRef<HTMLDivElement>(null);
  const shown = useRef<string | null>(null);
  const composing = useRef(false);
  const caret = useRef<Range | null>(null);
  const latest = useRef({ onChange, look, placeholders, onOpenMetric });
  latest.current = { onChange, look, placeholders, onOpenMetric };

  const emit = () => {
    const element = root.current;
    if (!element) return;
    const text = serialize(element);
    if (text === shown.current) return;
    shown.current = text;
    latest.current.onChange(text);
  };

  const rebuild = (text: string) => {
    const element = root.current!;
    element.replaceChildren(buildFragment(text, { placeholders: latest.current.placeholders, look: latest.current.look }));
    shown.current = text;
    caret.current = null;
  };

  const insert = (text: string) => {
    const element = root.current;
    if (!element) return;
    element.focus({ preventScroll: true });
    const selection = window.getSelection();
    let range = caret.current && element.contains(caret.current.startContainer) ? caret.current : null;
    if (!range) {
      range = document.createRange();
      range.selectNodeContents(element);
      range.collapse(false);
    }
    // Never into a chip: before or after it, whole.
    const startChip = chipAround(range.startContainer, element);
    if (startChip) range.setStartAfter(startChip);
    const endChip = chipAround(range.endContainer, element);
    if (endChip) range.setEndAfter(endChip);
    range.deleteContents();
    const fragment = buildFragment(text, { placeholders: latest.current.placeholders, look: latest.current.look });
    const last = fragment.lastChild;
    range.insertNode(fragment);
    if (last) range.setStartAfter(last);
    range.collapse(true);
    selection?.removeAllRanges();
    selection?.addRange(range);
    caret.current = range.cloneRange();
    emit();
  };

  const handle: TokenEditorHandle = { insert, focus: () => root.current?.focus() };
  useImperativeHandle(ref, () => handle);

  // The text from outside: shown as text and chips, unless it is what the editor already shows.
  useLayoutEffect(() => {
    if (value !== shown.current) rebuild(value);
  }, [value]);

  // Values arrive and labels load after the chips are made: repaint them in place.
  useLayoutEffect(() => {
    for (const chip of Array.from(root.current?.querySelectorAll<HTMLElement>('[data-token]') ?? [])) paintChip(chip, look(pieceOfChip(chip)));
  });

  useEffect(() => {
    const element = root.current!;
    if (autoFocus) {
      element.focus();
      const range = document.createRange();
      range.selectNodeContents(element);
      range.collapse(false);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
    // Where the caret was last in this editor: the picker's dialog takes the focus, the insert comes back here.
    const remember = () => {
      const selection = window.getSelection();
      if (selection && selection.rangeCount > 0 && element.contains(selection.anchorNode)) caret.current = selection.getRangeAt(0).cloneRange();
    };
    const refuse = (event: InputEvent) => {
      if (blockedInputs.has(event.inputType) || event.inputType.startsWith('format')) event.preventDefault();
    };
    document.addEventListener('selectionchange', remember);
    element.addEventListener('beforeinput', refuse);
    return () => {
      document.removeEventListener('selectionchange', remember);
      element.removeEventListener('beforeinput', refuse);
    };
  }, []);

  const copySelection = (event: ClipboardEvent, cut: boolean) => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    const range = selection.getRangeAt(0);
    event.clipboardData.setData('text/plain', serialize(range.cloneContents()));
    event.preventDefault();
    if (cut) {
      range.deleteContents();
      emit();
    }
  };

  return (
    <div
      ref={root}
      className={`fb-editor fb-editor-${variant}`}
      contentEditable
      suppressContentEditableWarning
      role="textbox"
      aria-multiline={variant === 'paragraph'}
      aria-label={ariaLabel}
      data-empty={emptyText}
      spellCheck={false}
      onInput={(event) => {
        if (!composing.current && !(event.nativeEvent as InputEvent).isComposing) emit();
      }}
      onCompositionStart={() => {
        composing.current = true;
      }}
      onCompositionEnd={() => {
        composing.current = false;
        emit();
      }}
      onKeyDown={(event) => {
        // Enter ends nothing here (one paragraph is one editor); while an IME composes, Enter is its own.
        if (event.key === 'Enter' && !event.nativeEvent.isComposing && !composing.current) event.preventDefault();
      }}
      onPaste={(event) => {
        event.preventDefault();
        const text = pastedLine(event.clipboardData.getData('text/plain'));
        if (text) insert(text);
      }}
      onCopy={(event) => copySelection(event, false)}
      onCut={(event) => copySelection(event, true)}
      onDragStart={(event) => event.preventDefault()}
      onDrop={(event) => event.preventDefault()}
      onFocus={() => onFocusEditor?.(handle)}
      onBlur={() => {
        emit();
        // Tokens or placeholders typed by hand become chips (or flagged chips) once the office leaves the line.
        const element = root.current!;
        const typedPieces = splitSource(shown.current ?? '', { placeholders: latest.current.placeholders }).filter((piece) => piece.type !== 'text').length;
        if (typedPieces !== element.querySelectorAll('[data-token]').length) rebuild(shown.current ?? '');
      }}
      onClick={(event) => {
        const chip = chipAround(event.target as Node, event.currentTarget);
        if (isChip(chip) && chip.dataset.metric) latest.current.onOpenMetric?.(chip.dataset.metric);
      }}
    />
  );
};
