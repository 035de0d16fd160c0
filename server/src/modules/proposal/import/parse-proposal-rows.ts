/**
 * A session list's rows → items to register. Every problem of every row is named in a clerk's words:
 * a missing number, title or lead deputy, a number written twice in the list, text too long. The number
 * is read as written clerks type it (「第12号」, 「012」 → 12) so a re-run finds the row it imported.
 */
import { z } from 'zod';
import { CreateProposalInput, proposalFieldLabels, type ProposalImportField, type ProposalImportSession } from '../../../../../common/schemas/proposal.js';
import { describeCellIssue, quote, textOf } from '../../../platform/registers/cells.js';
import type { Register } from '../../../platform/registers/read-register.js';
import type { ProposalColumnMapping } from './proposal-columns.js';
import { importKeyOf } from '../proposal.service.js';

/** `keyLeader`: the 领办领导 as written, for the import to find the leader's account by. */
export type ProposalRow = { row: number; key: string; input: z.output<typeof CreateProposalInput>; keyLeader: string | null };
export type ProposalRowOutcome = { row: number; errors: string[]; parsed?: ProposalRow };

/** 「第 12 号」, 「012」, 「12号」 → 12; anything else (「A-3」) as written. */
export const normaliseNumber = (text: string): string => {
  const folded = text.normalize('NFKC').replace(/\s+/g, '');
  const match = /^第?0*(\d+)号?$/.exec(folded);
  return match ? (match[1] === '' ? '0' : match[1]!) : folded;
};

const YES = new Set(['是', '重点', '√', '✓', 'Y', 'y', '1', '★']);
/** 附议/联名 names in one cell: 「张三、李四，王五」. */
export const namesOf = (text: string): string[] => text.split(/[、，,；;\s]+/).map((name) => name.trim()).filter(Boolean);

const inputFields: Partial<Record<string, ProposalImportField>> = { number: 'number', title: 'title', leadName: 'leadName', cosigners: 'cosigners', group: 'group', category: 'category', content: 'content', leadPhone: 'phone' };

export const parseProposalRows = ({ register, mapping, session }: { register: Register; mapping: ProposalColumnMapping; session: ProposalImportSession }): ProposalRowOutcome[] => {
  const firstRowOf = new Map<string, number>();
  return register.rows.flatMap((line): ProposalRowOutcome[] => {
    const cell = (field: ProposalImportField) => (mapping[field] === null ? '' : textOf(line.cells[mapping[field]!] ?? null));
    const raw = Object.fromEntries((Object.keys(proposalFieldLabels) as ProposalImportField[]).map((field) => [field, cell(field)])) as Record<ProposalImportField, string>;
    if (Object.values(raw).every((value) => value === '')) return []; // a blank line between sections
    const number = normaliseNumber(raw.number);
    const candidate = {
      ...session,
      number,
      title: raw.title,
      leadName: raw.leadName,
      cosigners: namesOf(raw.cosigners),
      ...(raw.group ? { group: raw.group } : {}),
      ...(raw.category ? { category: raw.category } : {}),
      // Lists often carry the title only: the content is then the title until the full text comes.
      content: raw.content || raw.title,
      ...(raw.phone ? { leadPhone: raw.phone } : {}),
      receivedOn: session.receivedOn,
      isKey: YES.has(raw.isKey),
    };
    const parsed = CreateProposalInput.safeParse(candidate);
    const errors = parsed.success
      ? []
      : [...new Set(parsed.error.issues.map((issue) => {
          const field = inputFields[String(issue.path[0])] ?? 'title';
          return describeCellIssue(issue, { label: proposalFieldLabels[field], raw: raw[field] });
        }))];
    if (number !== '') {
      const first = firstRowOf.get(number);
      if (first !== undefined) errors.push(`编号 ${number} 与第 ${first} 行重复`);
      else firstRowOf.set(number, line.row);
    }
    if (raw.keyLeader && !candidate.isKey) errors.push(`写了领办领导${quote(raw.keyLeader)}，但未标为重点件`);
    if (errors.length > 0 || !parsed.success) return [{ row: line.row, errors }];
    return [{ row: line.row, errors: [], parsed: { row: line.row, key: importKeyOf(parsed.data), input: parsed.data, keyLeader: raw.keyLeader || null } }];
  });
};
