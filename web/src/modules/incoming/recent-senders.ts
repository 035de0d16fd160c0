/** The 来文机关 this browser registered most recently, offered first when typing the next one. */
import { useState } from 'react';

const storageKey = 'fuban.incoming.recentSenders';
const MAX = 30;

const read = (): string[] => {
  try {
    const value: unknown = JSON.parse(window.localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
};

const remember = (name: string): string[] => {
  const list = [name, ...read().filter((item) => item !== name)].slice(0, MAX);
  try {
    window.localStorage.setItem(storageKey, JSON.stringify(list));
  } catch {
    // Storage full or disabled: the suggestion list is a convenience only.
  }
  return list;
};

/** The list, and a way to put a name at its top once a 收文 from it is saved. */
export const useRecentSenders = (): [string[], (name: string) => void] => {
  const [list, setList] = useState(read);
  return [list, (name) => name && setList(remember(name))];
};
