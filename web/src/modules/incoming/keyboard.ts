/** Enter moves to the next box of a form, as in a paper register; Enter inside a list, date or text area keeps its own meaning. */
import type { KeyboardEvent } from 'react';

const focusable = [
  'input:not([disabled]):not([type=hidden]):not([type=file]):not([type=radio])',
  '.ant-radio-button-wrapper-checked input',
  '.ant-radio-wrapper-checked input',
  'textarea:not([disabled])',
  'button[role=switch]:not([disabled])',
].join(', ');

export const onEnterNext = (event: KeyboardEvent<HTMLElement>): void => {
  if (event.key !== 'Enter' || event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return;
  const target = event.target as HTMLElement;
  if (!(target instanceof HTMLInputElement) || event.nativeEvent.isComposing) return;
  // An open list picks its option; a date box confirms the typed date.
  if (target.getAttribute('aria-expanded') === 'true' || target.closest('.ant-picker')) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>(focusable)];
  const next = items[items.indexOf(target) + 1];
  if (!next) return;
  event.preventDefault();
  next.focus();
};
