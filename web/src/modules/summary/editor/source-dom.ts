/**
 * The editor's DOM ⇄ the stored text. A text becomes text nodes and chips — `<span contenteditable=false
 * data-token="{{…}}">` holding a label and a value — and the DOM becomes text again by reading text nodes as
 * they are and each chip as its data-token. Whatever else the browser leaves in an editable element (a <br>,
 * a <div> after some key, a <font>) is read for its text only, so nothing but text and tokens is ever stored.
 */
import { splitSource, type SourcePiece } from '../../../../../common/documents/summary-source.js';

/** How a chip looks: its label, its value and its tone (the class). */
export type ChipLook = { label: string; value: string; tone: 'number' | 'gap' | 'empty' | 'unknown' | 'pending' | 'placeholder' | 'invalid'; title: string };

export type ChipPiece = Exclude<SourcePiece, { type: 'text' }>;

/** The piece a chip stands for, read back from its data attributes. */
export const pieceOfChip = (chip: HTMLElement): ChipPiece => {
  const raw = chip.dataset.token ?? '';
  if (chip.dataset.metric) return { type: 'token', raw, metricId: chip.dataset.metric, kind: (chip.dataset.kind ?? '值') as Extract<SourcePiece, { type: 'token' }>['kind'] };
  if (chip.dataset.placeholder) return { type: 'placeholder', raw, name: chip.dataset.placeholder as Extract<SourcePiece, { type: 'placeholder' }>['name'] };
  return { type: 'invalid', raw, reason: chip.dataset.invalid ?? '' };
};

const setText = (element: Element | null, text: string) => {
  if (element && element.textContent !== text) element.textContent = text;
};

/** Paints a chip from its look; touches the DOM only where something changed (an IME composing next door is left alone). */
export const paintChip = (chip: HTMLElement, look: ChipLook) => {
  const className = `fb-chip fb-chip-${look.tone}`;
  if (chip.className !== className) chip.className = className;
  setText(chip.querySelector('.fb-chip-label'), look.label);
  setText(chip.querySelector('.fb-chip-value'), look.value);
  if (chip.title !== look.title) chip.title = look.title;
  const name = look.value ? `${look.label} ${look.value}` : look.label;
  if (chip.getAttribute('aria-label') !== name) chip.setAttribute('aria-label', name);
};

const makeChip = (piece: ChipPiece, look: (piece: ChipPiece) => ChipLook): HTMLElement => {
  const chip = document.createElement('span');
  chip.contentEditable = 'false';
  chip.dataset.token = piece.raw;
  if (piece.type === 'token') {
    chip.dataset.metric = piece.metricId;
    chip.dataset.kind = piece.kind;
    chip.setAttribute('role', 'button');
  }
  if (piece.type === 'placeholder') chip.dataset.placeholder = piece.name;
  if (piece.type === 'invalid') chip.dataset.invalid = piece.reason;
  const label = document.createElement('span');
  label.className = 'fb-chip-label';
  const value = document.createElement('span');
  value.className = 'fb-chip-value';
  chip.append(label, value);
  paintChip(chip, look(piece));
  return chip;
};

/** The nodes a text is shown as. */
export const buildFragment = (text: string, { placeholders, look }: { placeholders: boolean; look: (piece: ChipPiece) => ChipLook }): DocumentFragment => {
  const fragment = document.createDocumentFragment();
  for (const piece of splitSource(text, { placeholders })) {
    fragment.append(piece.type === 'text' ? document.createTextNode(piece.text) : makeChip(piece, look));
  }
  return fragment;
};

export const isChip = (node: Node | null): node is HTMLElement => node instanceof HTMLElement && node.dataset.token !== undefined;

/** The chip a node sits in, if any. */
export const chipAround = (node: Node | null, root: Node): HTMLElement | null => {
  for (let at: Node | null = node; at && at !== root; at = at.parentNode) if (isChip(at)) return at;
  return null;
};

const readNodes = (parent: Node): string => {
  let out = '';
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out += (child as Text).data;
    else if (isChip(child)) out += child.dataset.token;
    else if (child instanceof HTMLElement && child.tagName !== 'BR') out += readNodes(child);
  }
  return out;
};

/**
 * The stored text of an element or a copied fragment. A paragraph is one line: line breaks go; the
 * no-break spaces Chromium writes for runs of spaces become spaces; zero-width spaces go.
 */
export const serialize = (parent: Node): string =>
  readNodes(parent)
    .replace(/[\r\n]+/g, '')
    .replace(/\u00a0/g, ' ')
    .replace(/\u200b/g, '');

/** Pasted text as one line (paragraphs pasted together run on). */
export const pastedLine = (text: string): string => text.replace(/\r?\n+/g, '').replace(/\u200b/g, '');
