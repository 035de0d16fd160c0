/**
 * The case page's one line on whom the case waits (「等待 张局长 批示」, 「当前在 市发改委 办理（联络员待签收）」):
 * a clerk new to a case sees at once whose desk it is on, without reading the 待办 of others or the whole trail.
 * Shared so that the words are tested where the server's holders are.
 */
import type { CaseHolderView } from './schemas/cases.js';

/** What a unit's work item awaits, as the line says it after the unit's name; its plain work says nothing more. */
const unitAwaits = (awaits: string): string => {
  if (awaits === '签收') return '（联络员待签收）';
  if (awaits === '办理答复') return '';
  return `（待${awaits}）`;
};

/** Holders grouped by what they await, in the order first met: two leaders asked for 批示 together read as one. */
const byAwaits = (holders: readonly CaseHolderView[]) => {
  const groups = new Map<string, string[]>();
  for (const holder of holders) {
    const names = groups.get(holder.awaits) ?? [];
    if (!names.includes(holder.name)) names.push(holder.name);
    groups.set(holder.awaits, names);
  }
  return [...groups];
};

/**
 * The line, or null when the case waits on no one. What waits on the reader comes first (「待您 审核答复」); then
 * the people, then the units.
 */
export const describeHolders = (holders: readonly CaseHolderView[]): string | null => {
  const mine = holders.filter((holder) => holder.isMine);
  const others = holders.filter((holder) => !holder.isMine);
  const parts = [
    ...byAwaits(mine).map(([awaits]) => `待您${awaits}`),
    ...byAwaits(others.filter((holder) => holder.type === 'user')).map(([awaits, names]) => `等待 ${names.join('、')} ${awaits}`),
    ...byAwaits(others.filter((holder) => holder.type === 'unit')).map(([awaits, names]) => `当前在 ${names.join('、')} 办理${unitAwaits(awaits)}`),
  ];
  return parts.length > 0 ? parts.join('；') : null;
};
