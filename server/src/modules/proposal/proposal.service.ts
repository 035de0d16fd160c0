/**
 * 建议提案 use cases: registering one item (single entry; the session import calls the same inside its
 * transaction) under its import key, and the office's board — items by unit and state, late ones first.
 */
import type { z } from 'zod';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { CreateProposalInput, type ProposalItemView, type ProposalQuery } from '../../../../common/schemas/proposal.js';
import { assignments, caseImportKeys, cases } from '../../db/schema/index.js';
import { todayInShanghai } from '../../engine/calendar/calendar.js';
import { caseVisibility, identitiesOf } from '../../engine/cases/access.js';
import { unitNames } from '../../engine/cases/cases.repository.js';
import { createCase } from '../../engine/cases/create-case.js';
import { stateLabel } from '../../engine/kinds/registry.js';
import type { KindDefinition } from '../../engine/kinds/kind.types.js';
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { conflict, forbidden, invalidInput, validationError } from '../../platform/errors.js';
import { readProposalFields } from './proposal.fields.js';
import { proposalKind, proposalOffice, wordsOf } from './proposal.kind.js';
import { classOf, surveyOfRound } from './proposal.rules.js';

export const KIND = 'proposal';
/** The board shows a session's items at once: a city's two bodies bring about a thousand a year. */
export const PROPOSAL_LIST_LIMIT = 3000;

/** One item per body, 届次, session and number: what makes a re-run of the import add nothing. */
export const importKeyOf = (item: { body: string; term: string; session: number; number: string }) => `${item.body}|${item.term}|${item.session}|${item.number}`;


export const assertProposalOffice = (actor: Actor) => {
  if (!proposalOffice.some((role) => actor.roles.includes(role))) throw forbidden('只有建议提案办理机构可以登记和交办建议提案');
};

/**
 * Registers one 建议 or 提案 with its import key, so the session list imported later skips it; the same
 * number twice is refused (409). `db` may be the caller's transaction (the import), then it is a savepoint.
 */
export const registerProposal = async ({ db, actor, input, now }: { db: Db; actor: Actor; input: CreateProposalInput; now: Date }) => {
  assertProposalOffice(actor);
  const parsed = CreateProposalInput.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error.issues);
  return openProposal({ db, actor, item: parsed.data, now });
};

export const openProposal = async ({ db, actor, item, now }: { db: Db; actor: Actor; item: z.output<typeof CreateProposalInput>; now: Date }) => {
  const key = importKeyOf(item);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ caseId: caseImportKeys.caseId }).from(caseImportKeys).where(and(eq(caseImportKeys.kind, KIND), eq(caseImportKeys.key, key)));
    if (taken) throw conflict(`${item.term}${item.session}次会议第 ${item.number} 号${wordsOf(item).short}已登记`);
    const { leadPhone, keyLeaderId, ...rest } = item;
    const fields = { ...rest, ...(leadPhone ? { leadPhone } : {}), ...(keyLeaderId && item.isKey ? { keyLeaderId } : {}), assignedOn: {}, round: 1, answers: [], surveys: [] };
    const created = await createCase({ db: tx, actor, kindId: KIND, fields, now });
    // A lost race on the same number ends at the primary key: the second registration rolls back.
    await tx.insert(caseImportKeys).values({ kind: KIND, key, caseId: created.id, importedAt: now });
    return { id: created.id, serialNo: created.serialNo, version: created.version };
  });
};

/**
 * The board: the items the reader may see (the office and leaders every one, a 联络员 those given to their
 * unit), filtered by body, 届次, session, state and unit; late ones first, then by number.
 */
export const listProposals = async ({ db, actor, query, now }: { db: Db; actor: Actor; query: ProposalQuery; now: Date }): Promise<ProposalItemView[]> => {
  const today = todayInShanghai(now);
  const identities = await identitiesOf({ db, actor, today });
  const conditions = [
    eq(cases.kind, KIND),
    caseVisibility(identities),
    ...(query.body ? [eq(sql`${cases.fields}->>'body'`, query.body)] : []),
    ...(query.term ? [eq(sql`${cases.fields}->>'term'`, query.term)] : []),
    ...(query.session ? [eq(sql`(${cases.fields}->>'session')::int`, query.session)] : []),
    ...(query.state ? [eq(cases.state, query.state)] : []),
    ...(query.unitId ? [sql`exists (select 1 from ${assignments} where ${assignments.caseId} = ${cases.id} and ${assignments.unitId} = ${query.unitId} and ${assignments.state} <> 'withdrawn')`] : []),
  ];
  const rows = await db
    .select({ id: cases.id, serialNo: cases.serialNo, title: cases.title, state: cases.state, fields: cases.fields, dueDate: cases.dueDate })
    .from(cases)
    .where(and(...conditions))
    .limit(PROPOSAL_LIST_LIMIT);
  const given = rows.length === 0 ? [] : await db.select({ caseId: assignments.caseId, unitId: assignments.unitId, role: assignments.role, state: assignments.state }).from(assignments).where(inArray(assignments.caseId, rows.map((row) => row.id)));
  const names = await unitNames(db, [...new Set(given.map((row) => row.unitId))]);
  const unitsOf = (caseId: string, role: string) => given.filter((row) => row.caseId === caseId && row.role === role && row.state !== 'withdrawn' && row.state !== 'returned').map((row) => names.get(row.unitId) ?? '');
  const views = rows.map((row): ProposalItemView => {
    const fields = readProposalFields(row.fields);
    const due = row.state === 'closed' ? null : row.dueDate;
    return {
      id: row.id,
      serialNo: row.serialNo,
      body: fields.body,
      term: fields.term,
      session: fields.session,
      number: fields.number,
      title: row.title,
      leadName: fields.leadName,
      group: fields.group ?? null,
      category: fields.category ?? null,
      isKey: fields.isKey,
      keyLeaderName: fields.keyLeaderName ?? null,
      state: row.state,
      stateLabel: stateLabel(proposalKind as unknown as KindDefinition, row.state),
      leadUnits: unitsOf(row.id, 'lead'),
      consultUnits: unitsOf(row.id, 'consult'),
      dueDate: due,
      isLate: due !== null && due < today,
      answerClass: classOf(fields),
      round: fields.round,
      satisfaction: surveyOfRound(fields)?.overall ?? null,
    };
  });
  const numberOf = (view: ProposalItemView) => Number.parseInt(view.number, 10) || 0;
  return views.sort((a, b) => Number(b.isLate) - Number(a.isLate) || a.body.localeCompare(b.body) || numberOf(a) - numberOf(b) || a.number.localeCompare(b.number));
};
