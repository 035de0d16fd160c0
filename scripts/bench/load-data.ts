/**
 * Bulk loader for the benchmark: an office with 100 units, and N 领导批示件 (default 100,000) with
 * exactly M trail events (default 1,000,000) — the rows the engine itself would have written:
 * events SM3-chained with trail.ts's hashEvent/canonicalJson, deadlines from the engine's deadline
 * code and the working-day calendar, 待办 from the kind's waitingOn, and for open overdue or due-soon
 * assignments the reminders the sweep would have sent (reminders_sent, 催办 events, notifications),
 * so that the server's first sweep finds nothing to do. Batched multi-row inserts (unnest), in order.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { instructionKind } from '../../server/src/modules/instruction/instruction.kind.js';
import { todayInShanghai, type Calendar } from '../../server/src/engine/calendar/calendar.js';
import { dueStatus } from '../../server/src/engine/clocks/status.js';
import { computeClock } from '../../server/src/engine/clocks/compute.js';
import { assignmentSpecOf } from '../../server/src/engine/clocks/kind-clocks.js';
import type { ClockEvent } from '../../server/src/engine/clocks/clock.types.js';
import { GENESIS_HASH, hashEvent, sealEventHash } from '../../server/src/engine/cases/trail.js';
import type { AssignmentView } from '../../server/src/engine/kinds/kind.types.js';
import { hashPassword } from '../../server/src/platform/password.js';
import { segmentWords } from '../../server/src/platform/search.js';

/**
 * An assignment's 批示件 clock as the engine computes it (engine/clocks), kept in the loader's memory
 * while it writes rows directly: the same spec, events and due date the engine would store.
 */
type BenchDeadline = { rule: string; events: ClockEvent[]; amount: number; due: string | null };
const benchClock = (amount: number, events: ClockEvent[], calendar: Calendar): BenchDeadline => {
  const spec = assignmentSpecOf(instructionKind, 'lead', { amount, unit: 'workday' }, {})!;
  return { rule: spec.id, events, amount, due: computeClock({ spec, events, calendar }).due };
};
const startDeadline = ({ today, calendar, amount }: { today: string; calendar: Calendar; amount: number | undefined }): BenchDeadline =>
  benchClock(amount ?? 10, [{ action: 'assign', at: today }], calendar);
const extendDeadline = ({ stored, today, calendar, amount, reason }: { stored: BenchDeadline; today: string; calendar: Calendar; amount: number; reason: string }): BenchDeadline =>
  benchClock(stored.amount, [...stored.events, { action: 'extend', at: today, amount, reason }], calendar);

export const BENCH_PASSWORD = 'Bench#Office2026';
const SYSTEM_ACTOR = { id: '00000000-0000-0000-0000-000000000000', name: '系统（催办）' };
const DAY = 86_400_000;
const YELLOW_WITHIN = 3; // reminder.dueSoonWorkdays default

/** mulberry32, seeded: the same data every run. */
const makeRandom = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

type Person = { id: string; name: string; unitId: string };
type Unit = { id: string; name: string; liaisons: Person[] };
type CaseState = 'registered' | 'handling' | 'leader_review' | 'closed';

type UnitPlan = {
  id: string; // the assignment's id
  unit: Unit;
  role: 'lead' | 'assist';
  progress: 0 | 1 | 2 | 3; // 0 pending, 1 signed, 2 replied, 3 reply accepted
  extends: number;
  cycles: number; // 退回重办 → 再答复 rounds
};

type CasePlan = {
  id: string;
  state: CaseState;
  createdAt: number;
  endAt: number; // the last event is no later than this
  handler: Person;
  leader: Person;
  units: UnitPlan[];
  dueDays: number | undefined;
  year: number;
  seq: number;
  base: number; // events without the 催办 ones
};

export type BenchTarget = { caseId: string; assignmentId: string; version: number };

export type LoadSummary = {
  clerk: { username: string; password: string };
  /** A 联络员 of the unit with the most assignments (the Zipf head), whose ledger is their unit's. */
  liaison: { username: string; password: string };
  targets: BenchTarget[];
  unitIds: string[];
  idleUnitIds: string[]; // units never assigned anything
  caseIds: string[];
  counts: Record<string, number>;
  searchTerm: string;
};

const pickWeighted = <T>(random: () => number, choices: ReadonlyArray<readonly [T, number]>): T => {
  let roll = random();
  for (const [value, weight] of choices) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return choices[choices.length - 1]![0];
};

/**
 * Multi-row insert with one array parameter per column: `insert … select … from unnest($1::uuid[], …)`.
 * A column may name an SQL expression of its value (`{}` in the expression).
 */
const insertRows = async (client: pg.ClientBase, table: string, columns: ReadonlyArray<readonly [string, string, string?]>, rows: unknown[][]) => {
  if (rows.length === 0) return;
  const arrays = columns.map((_, index) => rows.map((row) => row[index] ?? null));
  const casts = columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ');
  const names = columns.map((_, index) => `c${index}`);
  const values = columns.map(([, , expression], index) => (expression ? expression.replaceAll('{}', `t.c${index}`) : `t.c${index}`));
  await client.query(`insert into ${table} (${columns.map(([name]) => name).join(', ')}) select ${values.join(', ')} from unnest(${casts}) as t(${names.join(', ')})`, arrays);
};

const SOURCES = ['关于加快推进城东片区改造的请示', '关于进一步做好校园安全工作的报告', '关于老旧小区加装电梯的建议', '关于农村公路养护情况的汇报', '关于重点河段水质监测的专报', '关于优化营商环境若干措施的请示', '关于做好今冬明春供暖保障的报告', '关于城区停车难问题的调研报告', '关于安全生产大检查情况的汇报', '关于粮食收购资金安排的请示'];
const LEADER_NAMES = ['张明远', '李建国', '王海涛', '赵文华', '陈思源', '刘志强', '杨春林', '周立新'];
const UNIT_NAMES = ['发展和改革委员会', '教育局', '科学技术局', '工业和信息化局', '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '农业农村局', '商务局', '文化广电旅游局', '卫生健康委员会', '退役军人事务局', '应急管理局', '审计局', '市场监督管理局', '统计局', '医疗保障局', '城市管理局', '林业局', '粮食和物资储备局', '信访局', '数据局', '体育局'];
const DISTRICTS = ['东城区', '西城区', '南湖区', '北山区', '高新区', '经开区', '滨江县', '青河县', '云岭县', '石门县'];

export const loadBenchData = async ({
  url,
  calendar,
  caseCount,
  eventCount,
  now,
  log,
}: {
  url: string;
  calendar: Calendar;
  caseCount: number;
  eventCount: number;
  now: Date;
  log: (line: string) => void;
}): Promise<LoadSummary> => {
  const random = makeRandom(20_261_122);
  const between = (from: number, to: number) => from + Math.floor(random() * Math.max(1, to - from));
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const client = await pool.connect();
  const counts: Record<string, number> = {};
  const count = (name: string, n: number) => {
    counts[name] = (counts[name] ?? 0) + n;
  };
  const nowMs = now.getTime();
  const today = todayInShanghai(now);

  try {
    // ---------------------------------------------------------------- the office
    const officeId = randomUUID();
    const sections = [
      { id: randomUUID(), name: '秘书科' },
      { id: randomUUID(), name: '督查室' },
    ];
    const units: Unit[] = [];
    const unitRows: unknown[][] = [[officeId, null, '基准测试市人民政府办公室', 'bench-office', 'office', 0]];
    for (const [index, section] of sections.entries()) unitRows.push([section.id, officeId, section.name, `bench-s${index}`, 'section', index]);
    const unitNames = [...UNIT_NAMES.map((name) => `市${name}`), ...DISTRICTS.map((name) => `${name}人民政府`)];
    for (let index = 0; index < 100; index += 1) {
      const base = unitNames[index % unitNames.length]!;
      const name = index < unitNames.length ? base : `${base}（${Math.floor(index / unitNames.length) + 1}）`;
      const id = randomUUID();
      units.push({ id, name, liaisons: [] });
      unitRows.push([id, null, name, `bench-u${index}`, index >= UNIT_NAMES.length && index < unitNames.length ? 'district' : 'department', index + 10]);
    }
    await insertRows(client, 'units', [['id', 'uuid'], ['parent_id', 'uuid'], ['name', 'text'], ['code', 'text'], ['type', 'text'], ['sort_order', 'int']], unitRows);

    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const userRows: unknown[][] = [];
    const roleRows: unknown[][] = [];
    const addUser = (username: string, name: string, unitId: string, role: string): Person => {
      const id = randomUUID();
      userRows.push([id, username, name, unitId, passwordHash, now, false]);
      roleRows.push([id, role]);
      return { id, name, unitId };
    };
    const staff: Person[] = [];
    for (let index = 0; index < 20; index += 1) {
      staff.push(addUser(`bench.clerk${index + 1}`, `办公室干部${index + 1}`, sections[index % 2]!.id, index % 2 === 0 ? 'clerk' : 'inspector'));
    }
    const leaders = LEADER_NAMES.map((name, index) => addUser(`bench.leader${index + 1}`, name, officeId, 'leader'));
    for (const [index, unit] of units.entries()) {
      for (let n = 0; n < 2; n += 1) unit.liaisons.push(addUser(`bench.liaison${index + 1}.${n + 1}`, `${unit.name.slice(0, 4)}联络员${n + 1}`, unit.id, 'liaison'));
    }
    await insertRows(
      client,
      'users',
      [['id', 'uuid'], ['username', 'text'], ['display_name', 'text'], ['unit_id', 'uuid'], ['password_hash', 'text'], ['password_changed_at', 'timestamptz'], ['must_change_password', 'boolean']],
      userRows,
    );
    await insertRows(client, 'user_roles', [['user_id', 'uuid'], ['role', 'text']], roleRows);
    count('units', unitRows.length);
    count('users', userRows.length);

    // Some units get much of the work and others little (Zipf-like); the last five none at all (new townships).
    const ASSIGNED_UNITS = units.length - 5;
    const cumulative: number[] = [];
    for (let index = 0, sum = 0; index < ASSIGNED_UNITS; index += 1) cumulative.push((sum += 1 / (index + 1) ** 1.1));
    const pickUnit = () => {
      const roll = random() * cumulative[cumulative.length - 1]!;
      let low = 0;
      let high = cumulative.length - 1;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (cumulative[middle]! < roll) low = middle + 1;
        else high = middle;
      }
      return low;
    };

    // ---------------------------------------------------------------- plans: who, when, how far each case got
    const plans: CasePlan[] = [];
    for (let index = 0; index < caseCount; index += 1) {
      const state = pickWeighted<CaseState>(random, [
        ['closed', 0.6],
        ['handling', 0.3],
        ['leader_review', 0.05],
        ['registered', 0.05],
      ]);
      const createdAt =
        state === 'closed'
          ? between(nowMs - 3 * 365 * DAY, nowMs - 20 * DAY)
          : state === 'leader_review'
            ? between(nowMs - 90 * DAY, nowMs - 5 * DAY)
            : state === 'handling'
              ? between(nowMs - 45 * DAY, nowMs - 2 * 3_600_000)
              : between(nowMs - 10 * DAY, nowMs - 10 * 60_000);
      const endAt = state === 'closed' ? Math.min(nowMs - 60_000, createdAt + between(5 * DAY, 60 * DAY)) : nowMs - 60_000;
      const assists = state === 'registered' ? -1 : pickWeighted(random, [[0, 0.3], [1, 0.35], [2, 0.2], [3, 0.1], [4, 0.05]] as const);
      const unitPlans: UnitPlan[] = [];
      const chosen = new Set<number>();
      for (let n = 0; n <= assists; n += 1) {
        let unitIndex = pickUnit();
        while (chosen.has(unitIndex)) unitIndex = (unitIndex + 1) % ASSIGNED_UNITS;
        chosen.add(unitIndex);
        const done = state === 'closed' || state === 'leader_review';
        const progress = done
          ? 3
          : n === 0
            ? pickWeighted(random, [[0, 0.45], [1, 0.4], [2, 0.1], [3, 0.05]] as const)
            : pickWeighted(random, [[0, 0.3], [1, 0.3], [2, 0.2], [3, 0.2]] as const);
        // Open cases have no extensions yet: the benchmark extends their lead units, at most twice each.
        const extensions = state === 'closed' ? pickWeighted(random, [[0, 0.8], [1, 0.15], [2, 0.05]] as const) : 0;
        unitPlans.push({ id: randomUUID(), unit: units[unitIndex]!, role: n === 0 ? 'lead' : 'assist', progress, extends: extensions, cycles: 0 });
      }
      plans.push({
        id: randomUUID(),
        state,
        createdAt,
        endAt,
        handler: staff[Math.floor(random() * staff.length)]!,
        leader: leaders[Math.floor(random() * leaders.length)]!,
        units: unitPlans,
        dueDays: random() < 0.2 ? pickWeighted(random, [[3, 0.3], [5, 0.4], [15, 0.3]] as const) : undefined,
        year: 0,
        seq: 0,
        base: 0,
      });
    }
    // Serial numbers run per year in registration order.
    plans.sort((a, b) => a.createdAt - b.createdAt);
    const lastSeq = new Map<number, number>();
    for (const plan of plans) {
      plan.year = Number(todayInShanghai(new Date(plan.createdAt)).slice(0, 4));
      plan.seq = (lastSeq.get(plan.year) ?? 0) + 1;
      lastSeq.set(plan.year, plan.seq);
    }

    const baseEvents = (plan: CasePlan) =>
      plan.state === 'registered'
        ? 1
        : 2 +
          plan.units.reduce((sum, unit) => sum + unit.progress + unit.extends + unit.cycles * 2, 0) +
          (plan.state === 'leader_review' ? 1 : plan.state === 'closed' ? 2 : 0);

    // Deadlines and the reminders the sweep would have sent decide how many 催办 events there are.
    const dateOf = (ms: number) => todayInShanghai(new Date(ms));
    const openStatus = (due: string | null) => dueStatus({ due, today, calendar, yellowWithinWorkdays: YELLOW_WITHIN });
    const remindersOf = (plan: CasePlan, unit: UnitPlan, due: string | null): Array<'due_soon' | 'overdue'> => {
      if (plan.state !== 'handling' || unit.progress >= 2 || !due) return [];
      const status = openStatus(due);
      return status === 'red' ? ['due_soon', 'overdue'] : status === 'yellow' ? ['due_soon'] : [];
    };

    // ---------------------------------------------------------------- exact event count: top up with 退回重办 rounds
    let total = 0;
    for (const plan of plans) {
      plan.base = baseEvents(plan);
      total += plan.base;
    }
    // Reminders need the deadlines; estimate them from the assign date now, exactly later (same inputs, same result).
    const timelines = new Map<string, number[]>();
    const timelineOf = (plan: CasePlan, events: number) => {
      // `events` increasing instants from the registration to endAt (the first one is the registration itself).
      const local = makeRandom(plan.seq * 7919 + plan.year);
      const span = plan.endAt - plan.createdAt;
      const marks = Array.from({ length: events - 1 }, () => local()).sort((a, b) => a - b);
      const times = [plan.createdAt];
      for (const mark of marks) times.push(Math.max(times[times.length - 1]! + 1, plan.createdAt + Math.floor(mark * span * 0.97)));
      return times;
    };
    const assignDate = (plan: CasePlan) => dateOf(timelineOf(plan, Math.max(2, plan.base))[1]!);
    let reminderEvents = 0;
    for (const plan of plans) {
      if (plan.state !== 'handling') continue;
      const from = assignDate(plan);
      for (const unit of plan.units) {
        const due = startDeadline({ today: from, calendar, amount: plan.dueDays }).due;
        reminderEvents += remindersOf(plan, unit, due).length;
      }
    }
    const finished = plans.filter((plan) => plan.state === 'closed' || plan.state === 'leader_review');
    let missing = eventCount - total - reminderEvents;
    if (missing < 0) log(`  note: the plan already has ${total + reminderEvents} events, more than ${eventCount}; loading them all`);
    for (let tries = 0; missing >= 2 && tries < 10_000_000; tries += 1) {
      const plan = finished[Math.floor(random() * finished.length)]!;
      const unit = plan.units[Math.floor(random() * plan.units.length)]!;
      if (unit.cycles >= 3) continue;
      unit.cycles += 1;
      plan.base += 2;
      missing -= 2;
    }
    for (let tries = 0; missing === 1 && tries < 1_000_000; tries += 1) {
      const plan = plans[Math.floor(random() * plans.length)]!;
      const unit = plan.state === 'closed' ? plan.units.find((item) => item.extends < 2) : undefined;
      if (!unit) continue;
      unit.extends += 1;
      plan.base += 1;
      missing = 0;
    }
    // Only finished cases got rounds, and they have no reminders: the handling cases' timelines, and so their
    // deadlines and reminders, are the ones estimated above.

    // ---------------------------------------------------------------- materialise, hash and insert, in batches
    const caseColumns = [
      ['id', 'uuid'], ['kind', 'text'], ['year', 'int'], ['seq', 'int'], ['serial_no', 'text'], ['title', 'text'], ['state', 'text'], ['fields', 'jsonb'],
      ['owner_unit_id', 'uuid'], ['handler_id', 'uuid'], ['created_by', 'uuid'], ['due_date', 'text'], ['due_status', 'text'], ['is_closed', 'boolean'],
      ['closed_at', 'timestamptz'], ['search_text', 'text'], ['version', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
      ['search_vector', 'text', "to_tsvector('simple', {})"], // jieba's words, as create-case.ts stores them (searchVectorOf)
    ] as const;
    const assignmentColumns = [
      ['id', 'uuid'], ['case_id', 'uuid'], ['unit_id', 'uuid'], ['role', 'text'], ['state', 'text'], ['deadline', 'jsonb'], ['due_date', 'text'], ['due_status', 'text'],
      ['reply', 'text'], ['reply_attachments', 'jsonb'], ['satisfaction', 'text'], ['accepted_at', 'timestamptz'], ['assigned_at', 'timestamptz'], ['signed_at', 'timestamptz'],
      ['replied_at', 'timestamptz'], ['version', 'int'],
    ] as const;
    const eventColumns = [
      ['case_id', 'uuid'], ['seq', 'int'], ['at', 'timestamptz'], ['actor_id', 'uuid'], ['actor_name', 'text'], ['action', 'text'], ['from_state', 'text'],
      ['to_state', 'text'], ['comment', 'text'], ['data', 'jsonb'], ['prev_hash', 'text', "decode({}, 'hex')"], ['hash', 'text', "decode({}, 'hex')"],
      ['case_version', 'int'], ['mac', 'text', "decode({}, 'hex')"], // bytea (migration 0037)
    ] as const;
    const workColumns = [['case_id', 'uuid'], ['user_id', 'uuid'], ['unit_id', 'uuid'], ['assignment_id', 'uuid'], ['label', 'text'], ['since', 'timestamptz']] as const;
    const reminderColumns = [['rule', 'text'], ['target_type', 'text'], ['target_id', 'uuid'], ['due_date', 'text'], ['sent_at', 'timestamptz']] as const;
    const notificationColumns = [['user_id', 'uuid'], ['type', 'text'], ['case_id', 'uuid'], ['assignment_id', 'uuid'], ['title', 'text'], ['body', 'text'], ['created_at', 'timestamptz'], ['read_at', 'timestamptz']] as const;

    const targets: BenchTarget[] = [];
    const caseIds: string[] = [];
    const batchCases = 500;
    let pending: Promise<unknown> = Promise.resolve();
    const started = Date.now();
    for (let start = 0; start < plans.length; start += batchCases) {
      const batch = plans.slice(start, start + batchCases);
      const caseRows: unknown[][] = [];
      const assignmentRows: unknown[][] = [];
      const eventRows: unknown[][] = [];
      const workRows: unknown[][] = [];
      const reminderRows: unknown[][] = [];
      const notificationRows: unknown[][] = [];
      for (const plan of batch) {
        const serialNo = instructionKind.serial(plan.year, plan.seq);
        const source = SOURCES[plan.seq % SOURCES.length]!;
        const unitList = plan.units.map((unit) => unit.unit.name.replace(/^市/, '')).join('、');
        const fields = {
          leaderId: plan.leader.id,
          leaderName: plan.leader.name,
          instructedOn: dateOf(plan.createdAt - between(0, 4) * DAY),
          instruction: `请${unitList || '有关单位'}认真研究，抓紧提出落实意见，按时报告办理情况。${plan.seq % 3 === 0 ? '涉及群众切身利益，务必高度重视。' : ''}`,
          sourceTitle: source,
          sourceRef: `示政办〔${plan.year}〕${(plan.seq % 400) + 1}号`,
          category: plan.seq % 5 === 0 ? '上级领导批示' : '本级领导批示',
        };
        const times = timelineOf(plan, plan.base);
        let cursor = 0;
        const nextAt = () => new Date(times[Math.min(cursor++, times.length - 1)]!);
        const chain: Array<{ at: Date; actor: Person | typeof SYSTEM_ACTOR; action: string; from: string | null; to: string | null; comment: string | null; data: Record<string, unknown> | null }> = [];
        chain.push({ at: nextAt(), actor: plan.handler, action: 'create', from: null, to: 'registered', comment: null, data: { serialNo } });

        type Live = { plan: UnitPlan; deadline: BenchDeadline; state: string; signedAt: Date | null; repliedAt: Date | null; acceptedAt: Date | null; version: number; assignedAt: Date; reminded: Array<'due_soon' | 'overdue'> };
        const live: Live[] = [];
        if (plan.state !== 'registered') {
          const at = nextAt();
          const from = dateOf(at.getTime());
          const assigned: Array<Record<string, unknown>> = [];
          for (const unit of plan.units) {
            const deadline = startDeadline({ today: from, calendar, amount: plan.dueDays });
            live.push({ plan: unit, deadline, state: 'pending', signedAt: null, repliedAt: null, acceptedAt: null, version: 1, assignedAt: at, reminded: [] });
            assigned.push({ unitId: unit.unit.id, role: unit.role, due: deadline.due });
          }
          chain.push({ at, actor: plan.handler, action: 'assign', from: 'registered', to: 'handling', comment: '请按领导批示办理', data: { assigned } });
          // Each unit's own steps, taken in turns across the units.
          const queues = live.map((item) => {
            const steps: string[] = [];
            if (item.plan.progress >= 1) steps.push('sign');
            for (let n = 0; n < item.plan.extends; n += 1) steps.push('extend');
            if (item.plan.progress >= 2) {
              steps.push('reply');
              for (let n = 0; n < item.plan.cycles; n += 1) steps.push('reject_reply', 'reply');
            }
            if (item.plan.progress >= 3) steps.push('accept_reply');
            return { item, steps };
          });
          for (let round = 0; queues.some((queue) => queue.steps.length > 0); round += 1) {
            for (const { item, steps } of queues) {
              const step = steps.shift();
              if (!step) continue;
              const at = nextAt();
              const unit = item.plan.unit;
              const liaison = unit.liaisons[round % unit.liaisons.length]!;
              const ids = { assignmentId: item.plan.id, unitId: unit.id };
              item.version += 1;
              if (step === 'sign') {
                item.state = 'in_progress';
                item.signedAt = at;
                chain.push({ at, actor: liaison, action: 'sign', from: 'handling', to: 'handling', comment: null, data: ids });
              } else if (step === 'extend') {
                const amount = 1 + (plan.seq % 5);
                const reason = '涉及多部门会商，申请延期';
                const previous = item.deadline.due;
                item.deadline = extendDeadline({ stored: item.deadline, today: dateOf(at.getTime()), calendar, amount, reason });
                chain.push({ at, actor: plan.handler, action: 'extend', from: 'handling', to: 'handling', comment: null, data: { ...ids, extension: { amount, reason }, from: previous, to: item.deadline.due } });
              } else if (step === 'reply') {
                item.state = 'replied';
                item.repliedAt = at;
                item.acceptedAt = null;
                const isLate = item.deadline.due !== null && dateOf(at.getTime()) > item.deadline.due;
                chain.push({ at, actor: liaison, action: 'reply', from: 'handling', to: 'handling', comment: null, data: { ...ids, attachments: [], isLate } });
              } else if (step === 'reject_reply') {
                item.state = 'in_progress';
                chain.push({ at, actor: plan.handler, action: 'reject_reply', from: 'handling', to: 'handling', comment: null, data: { ...ids, reason: '答复未说明完成时限，请补充' } });
              } else {
                item.acceptedAt = at;
                chain.push({ at, actor: plan.handler, action: 'accept_reply', from: 'handling', to: 'handling', comment: null, data: { ...ids, satisfaction: 'satisfied' } });
              }
            }
          }
          if (plan.state === 'leader_review' || plan.state === 'closed') {
            chain.push({ at: nextAt(), actor: plan.handler, action: 'submit', from: 'handling', to: 'leader_review', comment: '办理情况报领导审阅', data: null });
          }
          if (plan.state === 'closed') chain.push({ at: nextAt(), actor: plan.leader, action: 'approve', from: 'leader_review', to: 'closed', comment: '同意', data: null });
        }
        const version = chain.length;
        const lastChangeAt = chain[chain.length - 1]!.at;

        // The reminders the sweep has sent by now, after the last transition.
        let remindAt = lastChangeAt.getTime();
        for (const item of live) {
          for (const rule of remindersOf(plan, item.plan, item.deadline.due)) {
            remindAt = Math.min(nowMs - 1_000, remindAt + between(60_000, 3_600_000));
            const at = new Date(Math.max(remindAt, chain[chain.length - 1]!.at.getTime() + 1));
            const isOverdue = rule === 'overdue';
            const body = `${item.plan.unit.name} 的办理时限为 ${item.deadline.due}，${isOverdue ? '已逾期，请尽快办理答复' : '即将到期，请抓紧办理'}。`;
            const title = `${isOverdue ? '逾期催办' : '临期提醒'}：${serialNo} ${instructionKind.titleOf(fields as never)}`;
            chain.push({ at, actor: SYSTEM_ACTOR, action: 'remind', from: null, to: null, comment: body, data: { assignmentId: item.plan.id, unitId: item.plan.unit.id, rule, dueDate: item.deadline.due } });
            reminderRows.push([rule, 'assignment', item.plan.id, item.deadline.due, at]);
            const recipients = item.plan.unit.liaisons.map((person) => person.id);
            if (isOverdue) recipients.push(plan.handler.id);
            for (const userId of recipients) notificationRows.push([userId, 'remind', plan.id, item.plan.id, title, body, at, at.getTime() < nowMs - 3 * DAY ? new Date(at.getTime() + DAY) : null]);
          }
        }

        // The chain: SM3 over the same content appendEvent hashes.
        let prevHash = GENESIS_HASH;
        let caseVersion = 0;
        for (const [index, event] of chain.entries()) {
          const seq = index + 1;
          if (event.action !== 'remind') caseVersion += 1; // 登记 is version 1, each transition the next; 催办 keeps it
          const hash = hashEvent(prevHash, {
            caseId: plan.id,
            seq,
            caseVersion,
            at: event.at.toISOString(),
            actorId: event.actor.id,
            actorName: event.actor.name,
            onBehalfOfId: null,
            onBehalfOfName: null,
            action: event.action,
            fromState: event.from,
            toState: event.to,
            comment: event.comment,
            data: event.data,
          });
          eventRows.push([plan.id, seq, event.at, event.actor.id, event.actor.name, event.action, event.from, event.to, event.comment, event.data === null ? null : JSON.stringify(event.data), prevHash, hash, caseVersion, sealEventHash(hash)]);
          prevHash = hash;
        }

        // The rows as the engine leaves them.
        const isOpen = (item: Live) => item.state === 'pending' || item.state === 'in_progress';
        const views: AssignmentView[] = live.map((item) => ({
          id: item.plan.id,
          unitId: item.plan.unit.id,
          role: item.plan.role,
          state: item.state as AssignmentView['state'],
          dueDate: item.deadline.due,
          reply: item.state === 'replied' ? '已按批示要求研究落实' : null,
          replyAccepted: item.acceptedAt !== null,
        }));
        for (const item of live) {
          const replied = item.state === 'replied' || item.plan.cycles > 0;
          const status = isOpen(item) ? openStatus(item.deadline.due) : dueStatus({ due: item.deadline.due, today: dateOf((item.repliedAt ?? item.assignedAt).getTime()), calendar, yellowWithinWorkdays: YELLOW_WITHIN });
          assignmentRows.push([
            item.plan.id, plan.id, item.plan.unit.id, item.plan.role, item.state, JSON.stringify(item.deadline), item.deadline.due, status,
            replied ? `${item.plan.unit.name}已按批示要求研究落实，形成工作方案，并于本月底前完成。` : null, replied ? '[]' : null,
            item.acceptedAt ? 'satisfied' : null, item.acceptedAt, item.assignedAt, item.signedAt, item.repliedAt, item.version,
          ]);
        }
        const openLeadDues = live.filter((item) => item.plan.role === 'lead' && isOpen(item) && item.deadline.due).map((item) => item.deadline.due!).sort();
        const isClosed = plan.state === 'closed';
        const caseDue = isClosed ? null : (openLeadDues[0] ?? null);
        const caseView = {
          id: plan.id, kind: 'instruction', serialNo, title: instructionKind.titleOf(fields as never), state: plan.state, fields,
          ownerUnitId: plan.handler.unitId, handlerId: plan.handler.id, createdBy: plan.handler.id, version,
        };
        // The number, title and the kind's text, as searchColumnsOf stores them: a search by 编号 finds its case.
        const searchText = `${serialNo} ${caseView.title} ${instructionKind.searchTextOf(fields as never)}`;
        caseRows.push([
          plan.id, 'instruction', plan.year, plan.seq, serialNo, caseView.title, plan.state, JSON.stringify(fields), plan.handler.unitId, plan.handler.id, plan.handler.id,
          caseDue, openStatus(caseDue), isClosed, isClosed ? lastChangeAt : null, searchText, version, new Date(plan.createdAt), lastChangeAt,
          segmentWords(searchText).join(' '),
        ]);
        if (!isClosed) {
          for (const item of instructionKind.waitingOn({ case: caseView, assignments: views })) {
            workRows.push('userId' in item ? [plan.id, item.userId, null, null, item.label, lastChangeAt] : [plan.id, null, item.unitId, item.assignmentId, item.label, lastChangeAt]);
          }
        }
        caseIds.push(plan.id);
        const lead = live.find((item) => item.plan.role === 'lead');
        if (plan.state === 'handling' && lead && isOpen(lead) && lead.plan.extends === 0) targets.push({ caseId: plan.id, assignmentId: lead.plan.id, version });
        count('events', chain.length);
        count('reminder events', chain.filter((event) => event.action === 'remind').length);
      }
      // Insert this batch while the next one is built (one statement at a time on one connection, in order).
      const write = async () => {
        await insertRows(client, 'cases', caseColumns, caseRows);
        await insertRows(client, 'assignments', assignmentColumns, assignmentRows);
        for (let from = 0; from < eventRows.length; from += 5_000) await insertRows(client, 'case_events', eventColumns, eventRows.slice(from, from + 5_000));
        await insertRows(client, 'work_items', workColumns, workRows);
        await insertRows(client, 'reminders_sent', reminderColumns, reminderRows);
        await insertRows(client, 'notifications', notificationColumns, notificationRows);
      };
      await pending;
      pending = write();
      count('cases', caseRows.length);
      count('assignments', assignmentRows.length);
      count('work items', workRows.length);
      count('reminders sent', reminderRows.length);
      count('notifications', notificationRows.length);
      if ((start / batchCases) % 40 === 39) log(`  … ${start + batch.length} cases, ${counts.events} events (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    await pending;
    for (const [year, seq] of lastSeq) await client.query('insert into case_serials (kind, year, last_seq) values ($1, $2, $3)', ['instruction', year, seq]);

    // Shuffle the targets so that consecutive requests hit unrelated cases.
    for (let index = targets.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [targets[index], targets[other]] = [targets[other]!, targets[index]!];
    }
    return {
      clerk: { username: 'bench.clerk1', password: BENCH_PASSWORD },
      liaison: { username: 'bench.liaison1.1', password: BENCH_PASSWORD },
      targets,
      unitIds: units.slice(0, units.length - 5).map((unit) => unit.id),
      idleUnitIds: units.slice(units.length - 5).map((unit) => unit.id),
      caseIds,
      counts,
      searchTerm: '加装电梯',
    };
  } finally {
    client.release();
    await pool.end();
  }
};
