/**
 * The web keeps to Beijing time only if no page reads the machine's clock or zone on its own: date-times go
 * through web/src/app/time.ts. A page that formats with dayjs(), toLocaleString or getHours, or takes antd's
 * DatePicker (whose 此刻 is the machine's), would bring back a clerk on a UTC laptop seeing 01:30 for 09:30.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const webSrc = path.resolve(import.meta.dirname, '..', 'web', 'src');
/** The helper itself, the locale set-up, and form drafts (which only store a picker's value and give it back). */
const allowed = new Set(['app/time.ts', 'app/time-values.ts', 'app/providers.tsx', 'app/form-draft.tsx']);

const forbidden: Array<[RegExp, string]> = [
  [/\bdayjs\(/, 'dayjs( — use officeNow / toPickerValue / formatTime'],
  [/import\s*\{[^}]*\b(DatePicker|TimePicker)\b[^}]*\}\s*from\s*'antd'/, "antd's DatePicker — import DatePicker from app/time"],
  [/\.toLocale(String|DateString|TimeString)\(\s*'zh-CN',\s*\{[^}]*(hour|day|month)/, 'toLocaleString of a date — use formatTime'],
  [/\.get(Hours|Minutes|Date|Day|Month|FullYear)\(\)/, "a Date's local fields — use formatTime / officeToday"],
  [/\.format\(\)/, 'Dayjs.format() with the machine’s offset — use fromPickerValue'],
  [/\.toISOString\(\)/, "a picker value's toISOString — use fromPickerValue"],
];

test('pages read and write date-times only through app/time.ts', () => {
  const problems: string[] = [];
  for (const file of fs.readdirSync(webSrc, { recursive: true }).map(String)) {
    if (!/\.tsx?$/.test(file) || allowed.has(file.split(path.sep).join('/'))) continue;
    const text = fs.readFileSync(path.join(webSrc, file), 'utf8');
    for (const [pattern, why] of forbidden) if (pattern.test(text)) problems.push(`${file}: ${why}`);
  }
  assert.deepEqual(problems, []);
});
