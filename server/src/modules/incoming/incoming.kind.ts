/**
 * 收文: 签收登记 → 初审 (or 退回 with a reason) → 拟办意见 → 批办 by leaders, in order or
 * together → 承办 by units with deadlines from the urgency → 催办 → 答复 → 办结 → 归档.
 * A 请示 from below carries its own reply deadline. Seeds: 收转处理各类公文 2364 件.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { requirePeopleWithRole } from '../../engine/cases/people.js';
import { allLeadRepliesAccepted, standardLadder, unitWorkTransitions } from '../../engine/kinds/standard.js';
import type { KindDefinition, TransitionContext, WaitingOn } from '../../engine/kinds/kind.types.js';
import { choice, userPicker } from '../../engine/inputs/fields.js';
import { commentInput, reasonInput, unitsInput } from '../../engine/inputs/standard.js';
import { caseLinks, cases } from '../../db/schema/index.js';
import { validationError } from '../../platform/errors.js';
import { IncomingFields, type IncomingFlowFields, type InstructionPlan } from './incoming.fields.js';

const office = ['clerk', 'director'] as const;

/** 承办 time of a 收文 when 交办 names none; the urgency's setting comes first (periodOf). */
const incomingPeriod = {
  amount: 10,
  unit: 'workday',
  basis: '《党政机关公文处理工作条例》第二十四条：紧急公文应当明确办理时限（本办按紧急程度确定：特急、加急、平急）',
} as const;
const everyone = [...office, 'inspector', 'leader'] as const;

const planOf = (fields: Record<string, unknown>) => (fields as IncomingFlowFields).plan;

/** The leaders whose 批示 is awaited now: the first pending one in order, or every pending one together. */
export const awaitedLeaders = (plan: InstructionPlan | undefined): string[] => {
  if (!plan) return [];
  const pending = plan.leaders.filter((leader) => !leader.instructedAt);
  return plan.mode === 'sequential' ? pending.slice(0, 1).map((leader) => leader.userId) : pending.map((leader) => leader.userId);
};

/** 拟办's trail entry: to whom the proposal went for 批示, and in which way when to more than one. */
const sentForInstruction = (plan: InstructionPlan | null | undefined) => {
  if (!plan || plan.leaders.length === 0) return undefined;
  const awaits = plan.leaders.length === 1 ? '批示' : plan.mode === 'parallel' ? '同时批示' : '依次批示';
  return { verb: '呈', names: plan.leaders.map((leader) => leader.name), awaits };
};

const proposeLeaders = async ({ db, input }: TransitionContext & { db: import('../../platform/db.js').Db }): Promise<InstructionPlan | undefined> => {
  const ids = [...new Set((input.leaders as string[] | undefined) ?? [])];
  if (ids.length === 0) return undefined;
  const names = await requirePeopleWithRole({ db, userIds: ids, roles: ['leader'], what: '批办领导' });
  return { mode: (input.leaderMode as InstructionPlan['mode'] | undefined) ?? 'sequential', leaders: ids.map((id) => ({ userId: id, name: names.get(id)! })) };
};

export const incomingKind: KindDefinition<typeof IncomingFields> = {
  id: 'incoming',
  label: '收文',
  fields: IncomingFields,
  // What the 收文 form calls them: the 文号 here is the sender's (来文字号).
  fieldLabels: { docNumber: '来文字号', receivedOn: '收文日期', signedAt: '来文签收时间', isRequestFromBelow: '基层请示', replyDueDays: '答复时限（工作日）', scan: '扫描件' },
  titleOf: (fields) => fields.title,
  searchTextOf: (fields) => [fields.fromOrg, fields.docNumber ?? '', fields.docType, fields.title, fields.remarks ?? ''].join(' '),
  states: {
    registered: '待初审',
    // A copy delivered by the office's own 核发 is the receiving unit's to 签收, not the office's to 初审.
    to_sign: '待签收',
    signed: '已签收',
    returned: '已退回',
    proposing: '待拟办',
    instructing: '待批办',
    to_assign: '待交办',
    handling: '承办中',
    closed: '已办结',
    archived: '已归档',
  },
  initialState: 'registered',
  initialStateOf: (fields) => (fields.deliveredFrom ? 'to_sign' : 'registered'),
  roles: { create: office, view: everyone },
  transitions: [
    { action: 'accept', label: '初审通过', from: ['registered'], to: 'proposing', actor: { roles: office }, input: { comment: commentInput('初审意见') } },
    {
      action: 'acknowledge',
      label: '签收',
      from: ['to_sign'],
      to: 'signed',
      actor: { handler: true },
      closes: true,
      input: { comment: commentInput('签收说明') },
      patchFields: ({ who, now }) => ({ acknowledged: { by: who.displayName, at: now.toISOString() } }),
    },
    {
      action: 'return',
      label: '退回',
      from: ['registered'],
      to: 'returned',
      actor: { roles: office },
      closes: true,
      input: { reason: reasonInput('退回理由') },
      patchFields: ({ input }) => {
        if (!input.reason) throw validationError('退回须说明理由（条例第二十四条）');
        return { returnReason: input.reason };
      },
    },
    {
      action: 'propose',
      label: '拟办',
      from: ['proposing'],
      to: ({ case: current }) => (planOf(current.fields) ? 'instructing' : 'to_assign'),
      actor: { roles: office },
      input: {
        // The openings a 拟办 is most often written with, one click each; the clerk goes on to name the units.
        comment: commentInput('拟办意见', {
          required: '「拟办」须填写意见',
          phrases: ['拟呈领导阅示。', '拟请领导批示后交有关单位办理。', '拟交有关单位研究办理。', '拟送领导传阅。', '拟存档备查。'],
        }),
        leaders: userPicker({ label: '批办领导', roles: ['leader'], isMultiple: true, max: 10, help: '依次批示时按选择的先后送批；不选则拟办后直接交办' }),
        leaderMode: choice({ label: '批示方式', options: { sequential: '依次批示', parallel: '同时批示' }, defaultValue: 'sequential' }),
      },
      patchFields: async (context) => {
        const plan = await proposeLeaders(context);
        return { proposal: { text: context.input.comment ?? '', by: context.who.displayName, at: context.now.toISOString() }, plan: plan ?? null };
      },
      sendsTo: ({ case: current }) => sentForInstruction(planOf(current.fields)),
    },
    {
      action: 'instruct',
      label: '批示',
      from: ['instructing'],
      to: ({ case: current }) => (awaitedLeaders(planOf(current.fields)).length === 0 ? 'to_assign' : 'instructing'),
      actor: { check: (who, { case: current }) => awaitedLeaders(planOf(current.fields)).includes(who.userId) },
      input: { comment: commentInput('批示意见', { placeholder: '不填写即为「圈阅」' }) },
      // An empty 批示 is recorded as 圈阅: ask, so that a tap on the button is not a 圈阅 by mistake.
      confirm: { whenEmpty: 'comment', message: '未填写批示意见，将记为「圈阅」。确认圈阅？' },
      patchFields: ({ case: current, who, input, now }) => {
        const plan = planOf(current.fields)!;
        const comment = input.comment?.trim() || '圈阅';
        return { plan: { ...plan, leaders: plan.leaders.map((leader) => (leader.userId === who.userId ? { ...leader, instructedAt: now.toISOString(), comment } : leader)) } };
      },
    },
    { action: 'assign', label: '交办', from: ['to_assign', 'handling'], to: 'handling', actor: { roles: office }, effect: 'assign', input: { units: unitsInput(), comment: commentInput('交办意见') } },
    { action: 'file', label: '办结（阅件，无需承办）', from: ['to_assign'], to: 'closed', actor: { roles: office }, closes: true, input: { comment: commentInput('办结意见') } },
    ...unitWorkTransitions({ from: ['handling'], office }),
    {
      action: 'answer_request',
      label: '答复请示',
      from: ['proposing', 'instructing', 'to_assign', 'handling'],
      to: null,
      actor: { roles: office },
      input: { comment: commentInput('答复意见', { required: '「答复请示」须填写意见' }) },
      guard: ({ case: current }) =>
        !current.fields.isRequestFromBelow ? '只有基层请示需要答复' : current.fields.requestReply ? '该请示已答复' : undefined,
      patchFields: ({ input, who, now }) => ({ requestReply: { text: input.comment ?? '', by: who.displayName, at: now.toISOString() } }),
    },
    { action: 'close', label: '办结', from: ['handling'], to: 'closed', actor: { roles: office }, guard: allLeadRepliesAccepted, closes: true, input: { comment: commentInput('办结意见') } },
    { action: 'archive', label: '归档', from: ['closed'], to: 'archived', actor: { roles: office }, input: { comment: commentInput('归档说明') } },
  ],
  clocks: (fields, settings) =>
    fields.isRequestFromBelow
      ? [
          {
            id: 'incoming.request_reply',
            label: '请示答复期限',
            amount: typeof fields.replyDueDays === 'number' ? fields.replyDueDays : (settings['incoming.requestReplyDays'] ?? 10),
            unit: 'workday',
            start: { action: 'create', label: '收文登记' },
            stopOn: ['answer_request'],
            basis: '《示例市人民政府办公室公文运转规则》：基层请示事项自收文登记之日起按时限答复',
          },
        ]
      : [],
  assignmentClock: {
    defaults: { lead: incomingPeriod, assist: incomingPeriod, consult: incomingPeriod },
    extendOn: { action: 'extend', maxTimes: 2, maxAmount: 20 },
    // 承办 time by urgency when 交办 names none (settings, in working days).
    periodOf: ({ case: current }, settings) => {
      const urgency = current.fields.urgency;
      const key = urgency === '特急' ? 'incoming.dueDays.extraUrgent' : urgency === '加急' ? 'incoming.dueDays.urgent' : 'incoming.dueDays.normal';
      const amount = settings[key];
      return amount === undefined ? undefined : { amount, unit: 'workday' };
    },
  },
  reminderLadder: standardLadder,
  assignmentBasis: (fields) =>
    fields.urgency === '特急' || fields.urgency === '加急'
      ? `《党政机关公文处理工作条例》第二十四条：紧急公文应当明确办理时限（本件为${String(fields.urgency)}）`
      : '《示例市人民政府办公室公文运转规则》：平急公文在一般办理时限内办结（时限见系统配置「收文承办时限（平急）」）',
  serial: (year, seq) => `收〔${year}〕${seq}号`,
  waitingOn: ({ case: current, assignments }) => {
    const waiting: WaitingOn = [];
    const handler = current.handlerId;
    const officeStep: Record<string, string> = { registered: '初审', to_sign: '签收', proposing: '拟办', to_assign: '交办' };
    if (handler && officeStep[current.state]) waiting.push({ userId: handler, label: officeStep[current.state]! });
    if (current.state === 'instructing') {
      for (const userId of awaitedLeaders(planOf(current.fields))) waiting.push({ userId, label: '批示' });
    }
    if (current.state === 'handling') {
      for (const assignment of assignments) {
        if (assignment.state === 'pending') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '签收' });
        if (assignment.state === 'in_progress') waiting.push({ unitId: assignment.unitId, assignmentId: assignment.id, label: '办理答复' });
      }
      if (handler && assignments.some((a) => a.state === 'replied' && !a.replyAccepted)) waiting.push({ userId: handler, label: '审核答复' });
      else if (handler && allLeadRepliesAccepted({ assignments }) === undefined) waiting.push({ userId: handler, label: '办结' });
    }
    if (current.state === 'closed' && handler) waiting.push({ userId: handler, label: '归档' });
    if (current.fields.isRequestFromBelow && !current.fields.requestReply && handler && !['returned', 'closed', 'archived', 'registered', 'to_sign', 'signed'].includes(current.state)) {
      waiting.push({ userId: handler, label: '答复请示' });
    }
    return waiting;
  },
  onCreated: async ({ tx, caseId, fields, now }) => {
    const docNumber = typeof fields.docNumber === 'string' ? fields.docNumber.trim() : '';
    // Copies delivered at 核发 go to several units under one 文号 by design: not duplicates.
    if (!docNumber || fields.deliveredFrom) return [];
    // The same 来文机关 + 来文字号 registered before: warn and link, never refuse (a re-sent copy is legitimate).
    const earlier = await tx
      .select({ id: cases.id, serialNo: cases.serialNo })
      .from(cases)
      .where(and(eq(cases.kind, 'incoming'), ne(cases.id, caseId), sql`${cases.fields} @> ${JSON.stringify({ fromOrg: fields.fromOrg, docNumber })}::jsonb`))
      .limit(5);
    if (earlier.length === 0) return [];
    await tx.insert(caseLinks).values(earlier.map((row) => ({ fromCaseId: caseId, toCaseId: row.id, type: 'related' as const, createdAt: now }))).onConflictDoNothing();
    return [`${fields.fromOrg} ${docNumber} 已登记过（${earlier.map((row) => row.serialNo).join('、')}），已关联原记录，请核对是否重复收文`];
  },
  ledgerColumns: [
    { key: 'receivedOn', header: '收文日期', width: 12, value: ({ fields }) => String(fields.receivedOn ?? '') },
    { key: 'fromOrg', header: '来文机关', width: 22, value: ({ fields }) => String(fields.fromOrg ?? '') },
    { key: 'docNumber', header: '来文字号', width: 18, value: ({ fields }) => String(fields.docNumber ?? '') },
    { key: 'docType', header: '文种', width: 8, excelOnly: true, value: ({ fields }) => String(fields.docType ?? '') },
    { key: 'title', header: '标题', width: 48, show: 'title', value: ({ title }) => title },
    { key: 'urgency', header: '紧急程度', width: 9, excelOnly: true, value: ({ fields }) => String(fields.urgency ?? '') },
    { key: 'copies', header: '份数', width: 6, excelOnly: true, value: ({ fields }) => Number(fields.copies ?? 1) },
    { key: 'leadUnits', header: '承办单位', width: 20, value: ({ leadUnits }) => leadUnits.join('、') },
    { key: 'state', header: '状态', width: 10, value: ({ stateLabel }) => stateLabel },
    { key: 'due', header: '办理时限', width: 12, show: 'due', value: ({ dueDate }) => dueDate ?? '' },
  ],
  metrics: ['incoming.received', 'incoming.closedRate', 'incoming.daysToProposal', 'incoming.requestsFromBelow', 'incoming.returnedNonCompliant', 'docs.circulatedOnline'],
};
