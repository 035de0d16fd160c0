/**
 * 12345 工单 (kind `ticket`): the agent registers the call; a 咨询 answered on the spot is 直接办结; any
 * other is 派单 to a unit or straight to a 街乡, which 签收s within working hours (a setting, default 2)
 * and then has working days by type and urgency (settings) — its clock starts at its 签收, so a ticket
 * bounced by 退单 costs no unit its days. A 退单 cites the unit's 职责清单; the center rules on it by
 * 派单 again (to another unit: 改派; to the same: the 退单 is not accepted). The unit may ask for 延期,
 * which the center approves. After the unit's reply the center 回访s the caller: 满意, 基本满意 or
 * 未联系上 ends it (办结); 不满意 sends it back to the unit (重办) with a new clock. Any ticket may be
 * flagged as a 经典案例 with a short write-up. A ticket merged into another (归并) is closed with it, and once the
 * main ticket's answer is carried to it, its own caller is called back too (回访（归并）: hotline.duplicates.ts).
 */
import { resolvedAnswers } from '../../../../common/schemas/hotline.js';
import { choice, longText, reference, text } from '../../engine/inputs/fields.js';
import { commentInput, reasonInput, unitsInput } from '../../engine/inputs/standard.js';
import type { AssignmentView, GuardContext, KindDefinition, Transition, TransitionContext, WaitingOn } from '../../engine/kinds/kind.types.js';
import { unitWorkTransitions } from '../../engine/kinds/standard.js';
import { TicketFields, type StoredVisit } from './hotline.fields.js';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db.js';
import { listSettingValues } from '../../platform/settings.js';
import { alertSurge, weekCountsJson, type WeekCount } from './hotline.surge-alerts.js';
import { areaFound, areaRefusal, assertDutyItem, categoryFound, categoryRefusal, handlingBasis, handlingDays } from './hotline.rules.js';
import { replaceWorkItems } from '../../engine/cases/cases.repository.js';
import { onTicketsCreated } from './hotline.created-many.js';
import { answerOf, carryAnswerToMerged, checkMergeTarget, duplicatesJson, linkDuplicates, mergedVisitWaiting, type Duplicate, type MergedAnswer } from './hotline.duplicates.js';

/** The 12345 center: its agents (话务员, 派单员, 回访员) and the office's director. */
export const hotlineCenter = ['hotline_staff', 'director'] as const;

const isOpen = (assignment: AssignmentView) => assignment.state === 'pending' || assignment.state === 'in_progress' || assignment.state === 'replied';
const openLead = (assignments: readonly AssignmentView[]) => assignments.find((assignment) => assignment.role === 'lead' && isOpen(assignment));

const resolvedInput = () => choice({ label: '是否解决', options: resolvedAnswers.map((value) => ({ value, label: value })), required: '请选择是否解决' });

/** A 回访 kept on the ticket (visits) and its latest result on its own, which the 三率 read. */
const visitFields = (context: TransitionContext, result: string): { fields: Record<string, unknown>; data: Record<string, unknown> } => {
  const replied = context.assignments.find((assignment) => assignment.role === 'lead' && assignment.state === 'replied');
  const visit: StoredVisit = {
    result,
    resolved: typeof context.input.resolved === 'string' ? context.input.resolved : null,
    unitId: replied?.unitId ?? null,
    at: context.now.toISOString(),
    byName: context.by.displayName,
    comment: context.input.comment ?? null,
  };
  const earlier = Array.isArray(context.case.fields.visits) ? (context.case.fields.visits as StoredVisit[]) : [];
  // In the trail too: the 满意率 and 解决率 of a month read the 回访 events of that month (hotline.metrics.ts).
  return { fields: { visits: [...earlier, visit], lastVisit: visit }, data: { visit: { result: visit.result, resolved: visit.resolved, unitId: visit.unitId } } };
};

type HookContext = Parameters<NonNullable<Transition['inTransaction']>>[0];

/** When the ticket is answered and closed, its answer goes to the tickets merged into it (hotline.duplicates.ts). */
const carryToMerged = async ({ tx, caseId, case: current, actor, by, now }: HookContext): Promise<Record<string, unknown>> => {
  const answer = await answerOf(tx, { id: caseId, fields: current.fields });
  if (!answer) return {};
  const carried = await carryAnswerToMerged({ tx, caseId, actor, now, answer: { ...answer, fromId: caseId, fromSerialNo: current.serialNo, at: now.toISOString(), byName: by.displayName } });
  return carried.length > 0 ? { answerCarriedTo: carried } : {};
};

const work = unitWorkTransitions({ from: ['handling'], office: hotlineCenter });
const shared = (action: string): Transition => work.find((transition) => transition.action === action)!;

const transitions: Transition[] = [
  {
    action: 'direct_close',
    label: '直接办结',
    from: ['registered'],
    to: 'answered_on_spot',
    actor: { roles: hotlineCenter },
    closes: true,
    neverApplies: ({ case: current }) => (current.fields.ticketType === '咨询' ? undefined : '只有当场答复的咨询类工单可以直接办结'),
    input: { answer: longText({ label: '答复内容', required: '请填写当场答复的内容', max: 4000, rows: 4 }) },
    patchFields: ({ input }) => ({ directAnswer: input.answer }),
    inTransaction: async (context) => ({ data: await carryToMerged(context) }),
  },
  {
    action: 'merge',
    label: '归并',
    from: ['registered'],
    to: 'merged',
    actor: { roles: hotlineCenter },
    closes: true,
    confirm: { message: '归并后本工单办结，计入主工单办理，确定吗？' },
    input: { into: reference({ label: '归并到工单', required: '请选择主工单' }), comment: commentInput('归并说明') },
    inTransaction: async ({ input, tx, caseId, now, actor, by, case: current }) => {
      const target = await checkMergeTarget({ tx, caseId, into: String(input.into), now });
      const mergedInto = { id: target.id, serialNo: target.serialNo };
      if (!target.answer) return { fields: { mergedInto }, data: { mergedInto: target.serialNo } };
      // Merged into a ticket already answered and closed: its answer comes at once, to this one and to any merged into this one.
      const answer: MergedAnswer = { ...target.answer, fromId: target.id, fromSerialNo: target.serialNo, at: now.toISOString(), byName: by.displayName };
      const carried = await carryAnswerToMerged({ tx, caseId, answer, actor, now });
      // The engine set this ticket's 待办 before this hook gave it the answer: its caller's 回访 is waited on now.
      await replaceWorkItems(tx, caseId, mergedVisitWaiting({ state: 'merged', handlerId: current.handlerId, fields: { mergedAnswer: answer } }), now);
      return { fields: { mergedInto, mergedAnswer: answer }, data: { mergedInto: target.serialNo, mergedAnswer: { text: answer.text, fromSerialNo: answer.fromSerialNo, unitName: answer.unitName }, ...(carried.length > 0 ? { answerCarriedTo: carried } : {}) } };
    },
  },
  {
    // Never taken by hand: the name of the trail event a merged ticket gets when its main ticket's answer is carried to it.
    action: 'merged_answer',
    label: '主工单办结答复',
    from: ['merged'],
    to: null,
    actor: { roles: hotlineCenter },
    neverApplies: () => '主工单办结时答复自动带入归并的工单，无需手工操作',
  },
  {
    // Each caller is called back: the caller of a merged ticket once its main ticket's answer came to it. Not counted
    // in the 满意率 (a merged ticket counts once, with its main ticket, whose 回访 the rate reads); kept on the ticket.
    action: 'merged_revisit',
    label: '回访（归并）',
    from: ['merged'],
    to: null,
    actor: { roles: hotlineCenter },
    guard: ({ case: current }) => (!current.fields.mergedAnswer ? '主工单尚未办结答复，答复带入后再回访' : current.fields.mergedVisit ? '已回访' : undefined),
    input: {
      result: choice({ label: '回访结果', options: ['满意', '基本满意', '不满意', '未联系上'].map((value) => ({ value, label: value })), required: '请选择回访结果' }),
      resolved: choice({ label: '是否解决', options: resolvedAnswers.map((value) => ({ value, label: value })), help: '未联系上的可不选' }),
      comment: commentInput('回访情况（不满意的请写明原因，需重办的就主工单处理或另行登记）'),
    },
    // In the fields before the transaction: the 待办 the engine computes then is already without this 回访.
    patchFields: ({ input, now, by }) => {
      const visit: StoredVisit = { result: String(input.result), resolved: typeof input.resolved === 'string' ? input.resolved : null, unitId: null, at: now.toISOString(), byName: by.displayName, comment: input.comment ?? null };
      return { mergedVisit: visit };
    },
    inTransaction: async ({ input }) => ({ data: { mergedVisit: { result: input.result, resolved: typeof input.resolved === 'string' ? input.resolved : null } } }),
  },
  {
    action: 'assign',
    label: '派单',
    from: ['registered', 'handling'],
    to: 'handling',
    actor: { roles: hotlineCenter },
    effect: 'assign',
    // After a 退单 the center dispatches again (改派, or back to the same unit when the 退单 is not accepted).
    guard: ({ assignments }) => (openLead(assignments) ? '工单正在承办单位办理，如需换单位请用“改派”' : undefined),
    input: { units: unitsInput({ label: '承办单位', roles: { lead: '主办' } }), comment: commentInput('派单意见') },
  },
  shared('sign'),
  {
    ...shared('unit_return'),
    label: '退单',
    actor: { assignedUnit: ['pending', 'in_progress'] },
    input: { dutyItem: text({ label: '职责清单依据', required: '请选择本单位职责清单中的依据', max: 200 }), reason: reasonInput('退单说明') },
    patchFields: async ({ input, who, db, case: current }) => {
      await assertDutyItem(db, who.unitId, String(input.dutyItem ?? ''));
      return { returnCount: Number(current.fields.returnCount ?? 0) + 1 };
    },
    inTransaction: async ({ input }) => ({ data: { dutyItem: input.dutyItem } }),
  },
  { ...shared('reply'), label: '办结答复', to: 'replied' },
  shared('ask_extension'),
  shared('grant_extension'),
  shared('refuse_extension'),
  shared('reassign'),
  {
    action: 'revisit',
    label: '回访',
    from: ['replied'],
    to: 'closed',
    actor: { roles: hotlineCenter },
    closes: true,
    input: {
      result: choice({ label: '回访结果', options: ['满意', '基本满意', '未联系上'].map((value) => ({ value, label: value })), required: '请选择回访结果' }),
      resolved: choice({ label: '是否解决', options: resolvedAnswers.map((value) => ({ value, label: value })), help: '未联系上的可不选' }),
      comment: commentInput('回访情况'),
    },
    inTransaction: async (context) => {
      const visit = visitFields(context, String(context.input.result));
      return { fields: visit.fields, data: { ...visit.data, ...(await carryToMerged(context)) } };
    },
  },
  {
    action: 'redo',
    label: '不满意重办',
    from: ['replied'],
    to: 'handling',
    actor: { roles: hotlineCenter },
    effect: 'reopen',
    input: { resolved: resolvedInput(), comment: commentInput('不满意原因', { required: '请填写群众不满意的原因' }) },
    patchFields: ({ case: current }) => ({ redoCount: Number(current.fields.redoCount ?? 0) + 1 }),
    inTransaction: async (context) => visitFields(context, '不满意'),
  },
  {
    action: 'case_study',
    label: '标记经典案例',
    from: ['registered', 'handling', 'replied', 'closed', 'answered_on_spot'], // not a merged one: its main ticket is the case
    to: null,
    actor: { roles: hotlineCenter },
    guard: ({ case: current }) => (current.fields.caseStudy ? '已标记为经典案例' : undefined),
    input: { writeUp: longText({ label: '案例简述', required: '请写明案例的经过和经验', max: 2000, rows: 5 }) },
    inTransaction: async ({ input, now, by }) => ({ fields: { caseStudy: { writeUp: input.writeUp, at: now.toISOString(), byName: by.displayName } }, data: { caseStudy: true } }),
  },
  {
    // 市长信箱 and Open311: the writer sees the reply (query page, status_notes) only once the center makes it public, and only if they agreed.
    // A merged one, once its main ticket's answer was carried to it: the same rules, for its own writer.
    action: 'publish_reply',
    label: '公开答复',
    from: ['replied', 'closed', 'answered_on_spot', 'merged'],
    to: null,
    actor: { roles: hotlineCenter },
    // Only where the writer was asked (市长信箱, an Open311 request with may_publish): a phone caller was not.
    neverApplies: ({ case: current }) => (typeof current.fields.mayPublish === 'boolean' ? undefined : '只有来信人表示过是否同意公开的工单可以公开答复'),
    guard: ({ case: current }) =>
      current.fields.replyPublic
        ? '答复已公开'
        : current.state === 'merged' && !current.fields.mergedAnswer
          ? '主工单尚未办结答复'
          : current.fields.mayPublish === true
            ? undefined
            : '来信人不同意公开',
    inTransaction: async ({ now, by }) => ({ fields: { replyPublic: { at: now.toISOString(), byName: by.displayName } }, data: { replyPublic: true } }),
  },
];

export const ticketKind: KindDefinition<typeof TicketFields> = {
  id: 'ticket',
  label: '12345工单',
  fields: TicketFields,
  titleOf: (fields) => `${fields.ticketType}：${fields.content.replace(/\s+/g, ' ').slice(0, 60)}`,
  searchTextOf: (fields) => [fields.channel, fields.ticketType, fields.category, fields.area ?? '', fields.address ?? '', fields.callerName, fields.callerPhone ?? '', fields.content].join(' '),
  states: {
    registered: '待派单',
    handling: '办理中',
    replied: '待回访',
    closed: '已办结',
    answered_on_spot: '直接办结',
    merged: '已归并',
  },
  initialState: 'registered',
  roles: { create: hotlineCenter, view: [...hotlineCenter, 'leader'] },
  personalFields: {
    callerName: { type: 'name', label: '来电人' },
    callerPhone: { type: 'phone', label: '联系电话' },
  },
  // What the caller or the letter's writer said, as the agent typed it or the writer wrote it: the numbers in it are
  // theirs (来电人电话…, 身份证…). 事发地址 is a place, matched as typed to find repeat calls: not masked.
  personalText: { content: { label: '诉求内容' }, subject: { label: '来信标题' } },
  // What the center and the units write about the caller (回访情况, 退单说明, 延期理由, the published 案例简述, each
  // unit's 交办意见 in a 派单); the answers to the citizen (答复) are the office's words to them, kept as written.
  personalInputs: ['comment', 'reason', 'extension.reason', 'writeUp', 'units[].instruction'],
  transitions,
  assignmentClock: {
    defaults: { lead: { amount: 13, unit: 'workday', basis: '12345热线办理规则：自签收之日起按规定工作日内办结' } },
    periodOf: ({ case: current }, settings) => handlingDays(current.fields, settings),
    startOn: 'sign',
    restartOn: ['redo'],
    signWithin: (settings) => ({ amount: settings['hotline.signHours'] ?? 2, unit: 'workhour', basis: '12345热线办理规则：派单后规定工作小时内签收' }),
    // The unit asks (申请延期), the center approves: once, and briefly.
    extendOn: { action: 'extend', maxTimes: 1, maxAmount: 10 },
  },
  assignmentBasis: handlingBasis,
  // A unit whose 退单 the center accepted (派单 to another unit, 改派) no longer sees the ticket: not its business.
  returnedSight: 'endsOnRedispatch',
  onCreated: async ({ tx, caseId, fields, now }) => {
    // One round trip for what registration reads: its category and 街乡 checked, its pair's weeks counted, the
    // earlier tickets it may repeat. It writes only when there is something to write: a surge, duplicates.
    const settings = await listSettingValues(tx);
    const category = String(fields.category);
    const area = typeof fields.area === 'string' && fields.area !== '' ? fields.area : null;
    const [read] = rowsOf<{ category_found: boolean; area_found: boolean; weeks: WeekCount[]; duplicates: Duplicate[] }>(
      await tx.execute(sql`select ${categoryFound(category)} as category_found, ${area === null ? sql`true` : areaFound(area)} as area_found,
        ${weekCountsJson(settings, fields, now)} as weeks, ${duplicatesJson({ caseId, fields, now, days: settings['hotline.duplicateDays'] })} as duplicates`),
    );
    if (!read!.category_found) throw categoryRefusal(category);
    if (!read!.area_found) throw areaRefusal(area!);
    // A surge of its category in its 街乡 this week is told to the center once (hotline.surge-alerts.ts).
    await alertSurge({ tx, caseId, fields, now, read: { settings, counted: read!.weeks } });
    return linkDuplicates({ tx, caseId, found: read!.duplicates, now });
  },
  // Many at once (Open311 batch intake): the same checks, surges and duplicates in a few statements (hotline.created-many.ts).
  onCreatedMany: onTicketsCreated,
  ledgerColumns: [
    { key: 'channel', header: '渠道', width: 8, value: ({ fields }) => String(fields.channel ?? '') },
    { key: 'ticketType', header: '类型', width: 6, value: ({ fields }) => String(fields.ticketType ?? '') },
    { key: 'category', header: '分类', width: 16, value: ({ fields }) => String(fields.category ?? '') },
    { key: 'area', header: '街乡', width: 10, value: ({ fields }) => String(fields.area ?? '') },
    { key: 'title', header: '诉求', width: 40, show: 'title', value: ({ title }) => title },
    { key: 'leadUnits', header: '承办单位', width: 16, value: ({ leadUnits }) => leadUnits.join('、') },
    { key: 'state', header: '状态', width: 8, value: ({ stateLabel }) => stateLabel },
    { key: 'due', header: '期限', width: 12, show: 'due', value: ({ dueDate }) => dueDate ?? '' },
  ],
  serial: (year, seq) => `${year}${String(seq).padStart(7, '0')}`,
  waitingOn: ({ case: current, assignments }: GuardContext): WaitingOn => {
    const waiting: WaitingOn = [];
    const handler = current.handlerId;
    if (current.state === 'registered' && handler) waiting.push({ userId: handler, label: '派单' });
    if (current.state === 'replied' && handler) waiting.push({ userId: handler, label: '回访' });
    if (current.state === 'handling') {
      for (const assignment of assignments) {
        if (assignment.state === 'pending') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '签收' });
        if (assignment.state === 'in_progress') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '办理' });
      }
      if (!openLead(assignments) && handler) waiting.push({ userId: handler, label: '退单审核、改派' });
    }
    return waiting;
  },
  waitingOnClosed: ({ case: current }) => mergedVisitWaiting(current),
  metrics: ['hotline.tickets', 'hotline.closedRate', 'hotline.onTimeRate', 'hotline.satisfactionRate', 'hotline.caseStudies', 'mailbox.letters'],
};
