/**
 * A B-class answer promises work (正在解决或列入计划, with a year): at 办复 the promise becomes a 督办 item
 * (source 建议提案) given to the answering unit, due at the end of the promised year, reported on monthly,
 * and linked to the 建议/提案 (派生自) — so the promise comes back for progress until the 督查室 销号s it.
 */
import type { Actor } from '../../platform/actor.js';
import type { Db } from '../../platform/db.js';
import { linkCases } from '../../engine/cases/links.js';
import { createSupervisionItem } from '../supervision/supervision.service.js';
import { readProposalFields } from './proposal.fields.js';
import { wordsOf } from './proposal.kind.words.js';

/** Opens the promise's 督办 item when the round's answers make the item B and none is open yet; returns the fields to keep. */
export const trackPromise = async ({ tx, actor, caseId, fields: raw, today, now }: { tx: Db; actor: Actor; caseId: string; fields: Record<string, unknown>; today: string; now: Date }) => {
  const fields = readProposalFields(raw);
  if (fields.promiseItemId) return {};
  const promised = fields.answers.filter((answer) => answer.round === fields.round && answer.answerClass === 'B' && answer.promiseYear !== undefined);
  const first = promised[0];
  if (!first) return {};
  const words = wordsOf(fields);
  const created = await createSupervisionItem({
    db: tx,
    actor,
    input: {
      source: '建议提案',
      title: `落实${words.short}答复承诺：${fields.title}`.slice(0, 200),
      measures: [`${fields.term}${fields.session}次会议第 ${fields.number} 号${words.short}，B类答复承诺于 ${first.promiseYear} 年解决。`, first.text].join('\n').slice(0, 4000),
      leadUnitId: first.unitId,
      helperUnitIds: promised.slice(1).map((answer) => answer.unitId).filter((unitId) => unitId !== first.unitId),
      openedOn: today,
      deadline: `${Math.max(first.promiseYear!, Number(today.slice(0, 4)))}-12-31`,
      reportCycle: 'monthly',
    },
    now,
  });
  await linkCases({ db: tx, actor, caseId: created.id, toCaseId: caseId, type: 'derived_from', now });
  return { fields: { promiseItemId: created.id }, data: { promiseItemId: created.id, promiseSerialNo: created.serialNo } };
};
