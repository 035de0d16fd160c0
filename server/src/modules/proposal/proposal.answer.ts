/**
 * The 答复 a lead unit gives (first round or after 重新办理): the text and its 答复函, the class A/B/C/D,
 * whether it may be published, and how the deputy was contacted with 人次. Inputs and the fields they add.
 */
import { answerClassLabels, contactMethods, type ProposalContact } from '../../../../common/schemas/proposal.js';
import type { AttachmentRef } from '../../../../common/schemas/cases.js';
import { choice, files, group, longText, number } from '../../engine/inputs/fields.js';
import type { TransitionContext } from '../../engine/kinds/kind.types.js';
import { unitShortName } from '../../engine/cases/cases.repository.js';
import type { Db } from '../../platform/db.js';
import { validationError } from '../../platform/errors.js';
import { readProposalFields, type StoredAnswer } from './proposal.fields.js';

const contactKeys = { faceToFace: '面商', phone: '电话', forum: '座谈', visit: '视察' } as const satisfies Record<string, (typeof contactMethods)[number]>;

export const answerInputs = {
  reply: longText({ label: '答复内容', required: '请填写答复内容', max: 20000, rows: 8 }),
  attachments: files({ label: '答复函', help: '盖章的答复函扫描件；也可在系统内起草后按信函格式生成', max: 20 }),
  answerClass: choice({ label: '办理结果类别', required: true, options: answerClassLabels, display: 'select' }),
  isPublishable: choice({ label: '是否公开', required: true, options: { yes: '可以公开', no: '不予公开' } }),
  contacts: group({ label: '联系代表（委员）方式及人次' }, {
    faceToFace: number({ label: '面商（人次）', min: 0, max: 1000 }),
    phone: number({ label: '电话（人次）', min: 0, max: 1000 }),
    forum: number({ label: '座谈（人次）', min: 0, max: 1000 }),
    visit: number({ label: '视察（人次）', min: 0, max: 1000 }),
  }),
  promiseYear: number({ label: '列入计划年度（B类）', help: 'B类答复承诺列入计划的，填写计划完成的年度', min: 2000, max: 2100 }),
};

/** The contacts group as a list of methods with their 人次 (zero or empty left out). */
export const contactsOf = (input: unknown): ProposalContact[] => {
  const given = (input ?? {}) as Record<string, unknown>;
  return Object.entries(contactKeys).flatMap(([key, method]) => (typeof given[key] === 'number' && given[key] > 0 ? [{ method, people: given[key] as number }] : []));
};

/** The answers with this unit's answer of the round put in (a second answer of the same round replaces the first: 退回重办). */
export const withAnswer = async ({ input, case: current, who, today, db }: TransitionContext & { db: Db }, round: number): Promise<{ answers: StoredAnswer[] }> => {
  const fields = readProposalFields(current.fields);
  const answerClass = input.answerClass as StoredAnswer['answerClass'];
  const promiseYear = typeof input.promiseYear === 'number' ? input.promiseYear : undefined;
  if (answerClass === 'B' && promiseYear === undefined) throw validationError('B类答复请填写列入计划的年度', { fields: [{ path: 'promiseYear', message: '请填写列入计划年度' }] });
  if (answerClass === 'B' && promiseYear! < Number(today.slice(0, 4))) throw validationError('列入计划的年度不能早于今年', { fields: [{ path: 'promiseYear', message: '不能早于今年' }] });
  const answer: StoredAnswer = {
    unitId: who.unitId,
    unitName: await unitShortName(db, who.unitId),
    round,
    on: today,
    answerClass,
    isPublishable: input.isPublishable === 'yes',
    contacts: contactsOf(input.contacts),
    text: String(input.reply ?? ''),
    letter: (input.attachments ?? []) as AttachmentRef[],
    ...(promiseYear !== undefined && answerClass === 'B' ? { promiseYear } : {}),
  };
  return { answers: [...fields.answers.filter((earlier) => !(earlier.round === round && earlier.unitId === who.unitId)), answer] };
};
