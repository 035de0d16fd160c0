/**
 * One generated 12345 ticket as the engine leaves it: the steps of timeline.ts applied in order up to now,
 * each written as the trail event the transition writes (same data, SM3-chained and sealed by trail.ts), the
 * assignment rows its effects leave, the caller sealed and blind-indexed (engine/personal), its clocks computed
 * by the engine's own clock code from the trail (kind-clocks.ts + compute.ts, as clocks/sync.ts does), the due
 * columns as refreshDueColumns sets them, the 待办 of the kind's waitingOn, the case_unit_visibility rows the
 * trigger keeps, and the links noteDuplicates makes to the tickets it repeats (same category and caller or
 * address within 7 days). Rows go to `emit` table by table (COPY text, scripts/bench/hotline/copy.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Calendar } from '../../../server/src/engine/calendar/calendar.js';
import type { OfficeHours } from '../../../server/src/engine/calendar/working-hours.js';
import { GENESIS_HASH, hashEvent, sealEventHash } from '../../../server/src/engine/cases/trail.js';
import { computeClock, type ComputeClockInput } from '../../../server/src/engine/clocks/compute.js';
import type { ClockResult } from '../../../server/src/engine/clocks/clock.types.js';
import { assignmentClockInputs, assignmentSignSpecOf, assignmentSpecOf, type TrailEvent } from '../../../server/src/engine/clocks/kind-clocks.js';
import { dueDay, dueStatus } from '../../../server/src/engine/clocks/status.js';
import { actionLabelsOf } from '../../../server/src/engine/clocks/sync.js';
import type { AssignmentView } from '../../../server/src/engine/kinds/kind.types.js';
import { blindIndex, sealPersonal } from '../../../server/src/engine/personal/cipher.js';
import { protectPersonalFields } from '../../../server/src/engine/personal/protect.js';
import { ticketKind } from '../../../server/src/modules/hotline/hotline.kind.js';
import { handlingDays } from '../../../server/src/modules/hotline/hotline.rules.js';
import type { Office, Person, Unit } from './office.js';
import { CATEGORIES as CATEGORY_LIST, CHANNELS, DIRECT_ANSWERS, ESTATES, GIVEN, REPLIES, RETURN_REASONS, STREETS, SURNAMES, TYPES } from './texts.js';
import { DAY, MINUTE, pick, pickCategory, planSteps, shanghaiDate, type Step } from './timeline.js';
import { tsvectorOf } from './copy.js';
import { canonicalJson, sm3 } from '../../../server/src/platform/seal.js';

export type Cell = string | number | boolean | null | Date | object;
export type Emit = (table: string, cells: Cell[]) => void;

type Asg = { id: string; unit: Unit; state: string; assignedAt: number; signedAt: number | null; repliedAt: number | null; reply: string | null; returnReason: string | null; version: number; extensionRequest: Record<string, unknown> | null };
type Recent = { id: string; serialNo: string; createdAt: number; mergedAt: number | null; type: string; categoryIndex: number; area: number | null; address: string | undefined; phone: string | undefined; name: string };
type Actor = { id: string; name: string };

/** A hex digest as COPY's text form of bytea (`\x…`; copyLine escapes the backslash): case_events keeps the bytes (migration 0037). */
const bytea = (hex: string): string => `\\x${hex}`;
const OPEN_CLOCK = new Set(['running', 'paused', 'overdue']);
const CATEGORY_INDEX = new Map(CATEGORY_LIST.map((item, index) => [item.category, index]));

/**
 * computeClock, remembered for clocks counted in working days: their result depends on the days of their
 * events (compute.ts positions them by day), not the minutes, so tickets of the same days share it. Every
 * 500th hit is computed again and compared, so a difference would stop the load rather than pass.
 */
const memoClock = () => {
  const memo = new Map<string, ClockResult>();
  let hits = 0;
  return (input: ComputeClockInput): ClockResult => {
    if (input.spec.unit !== 'workday') return computeClock(input);
    const key = `${input.spec.id}|${input.spec.amount}|${input.spec.basis}|${input.now === undefined ? '' : shanghaiDate(Date.parse(input.now))}|${input.actionLabels ? 1 : 0}|${input.events
      .map((event) => `${event.action},${shanghaiDate(Date.parse(event.at))},${event.amount ?? ''},${event.reason ?? ''},${event.approverRole ?? ''}`)
      .join(';')}`;
    const known = memo.get(key);
    if (known) {
      hits += 1;
      if (hits % 500 === 0 && canonicalJson(computeClock(input)) !== canonicalJson(known)) throw new Error(`remembered clock differs from computeClock: ${key}`);
      return known;
    }
    const result = computeClock(input);
    if (memo.size >= 200_000) memo.clear();
    memo.set(key, result);
    return result;
  };
};

export const createTicketGenerator = ({ office, calendar, officeHours, settings, now, random, emit, firstIndex = 0, serialStart = new Map() }: {
  /** The global position of the first ticket this generator makes (event ids are position × 16 + seq). */
  firstIndex?: number;
  /** The last serial number of each year before the first ticket this generator makes. */
  serialStart?: ReadonlyMap<number, number>;
  office: Office;
  calendar: Calendar;
  officeHours: OfficeHours;
  settings: Readonly<Record<string, number>>;
  now: Date;
  random: () => number;
  emit: Emit;
}) => {
  const nowMs = now.getTime();
  const cutoff = nowMs - MINUTE;
  const today = shanghaiDate(nowMs);
  const yellowWithin = settings['reminder.dueSoonWorkdays'] ?? 3;
  const labels = actionLabelsOf(ticketKind);
  const signSpec = assignmentSignSpecOf(ticketKind, settings)!;
  const serials = new Map<number, number>(serialStart);
  const clockOf = memoClock();
  let position = firstIndex;
  const byKey = new Map<string, Recent[]>(); // `${category}|phone|…` and `${category}|addr|…`, the last 7 days
  const recent: Recent[] = []; // for repeat calls: the last 6 days from `head`
  let head = 0;
  const counts: Record<string, number> = {};
  const count = (name: string, n = 1) => void (counts[name] = (counts[name] ?? 0) + n);
  const agentAt = () => office.agents[Math.floor(random() * office.agents.length)]!;
  const zipfTownship = () => Math.min(office.townships.length - 1, Math.floor(office.townships.length * random() ** 1.6));
  const statusOf = (due: string | null) => dueStatus({ due, today, calendar, yellowWithinWorkdays: yellowWithin });

  const ownDuplicates = (key: string, createdAt: number) => (byKey.get(key) ?? []).filter((item) => item.createdAt >= createdAt - 7 * DAY && !(item.mergedAt !== null && item.mergedAt <= createdAt));

  const add = (createdAt: number): void => {
    const id = randomUUID();
    const eventBase = position * 16;
    position += 1;
    while (head < recent.length && recent[head]!.createdAt < createdAt - 6 * DAY) head += 1;
    if (head > 100_000) {
      recent.splice(0, head);
      head = 0;
    }
    // A repeat call (the same caller about the same thing, within days): 7 % of calls.
    const base = recent.length > head && random() < 0.07 ? recent[head + Math.floor(random() * (recent.length - head))] : undefined;
    const channel = pick(random, CHANNELS);
    const type = base?.type ?? pick(random, TYPES);
    const category = base ? undefined : pickCategory(random);
    const categoryIndex = base?.categoryIndex ?? CATEGORY_INDEX.get(category!.category)!;
    const entry = CATEGORY_LIST[categoryIndex]!;
    const area = base ? base.area : random() < 0.9 ? zipfTownship() : null;
    const areaName = area === null ? undefined : office.townships[area]!.name;
    const address = base ? base.address : random() < 0.85 ? `${areaName ?? ''}${STREETS[Math.floor(random() * STREETS.length)]}${1 + Math.floor(random() * 300)}号${random() < 0.4 ? ESTATES[Math.floor(random() * ESTATES.length)] : ''}` : undefined;
    const phone = base ? base.phone : random() < 0.93 ? `1${3 + Math.floor(random() * 7)}${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : undefined;
    const name = base?.name ?? (random() < 0.04 ? '匿名' : `${SURNAMES[Math.floor(random() * SURNAMES.length)]}${GIVEN[Math.floor(random() * GIVEN.length)]}`);
    const said = entry.says[Math.floor(random() * entry.says.length)]!.replace('{at}', address ?? areaName ?? '我家附近').replace('{n}', String(2 + Math.floor(random() * 5)));
    const content = `${base ? '再次反映：' : ''}${said}${random() < 0.3 ? '此前已多次反映，希望相关部门重视。' : ''}`;
    const mayPublish = channel === '市长信箱' ? random() < 0.6 : undefined;
    const input: Record<string, unknown> = {
      channel, ticketType: type, category: entry.category, callerName: name,
      ...(phone ? { callerPhone: phone } : {}), ...(address ? { address } : {}), ...(areaName ? { area: areaName } : {}),
      content, urgency: random() < 0.02 ? '应急' : '一般',
      ...(channel === '市长信箱' ? { subject: `关于${entry.category.split('/')[1]}的问题`, mayPublish } : {}),
    };
    const year = Number(shanghaiDate(createdAt).slice(0, 4));
    const seq = (serials.get(year) ?? 0) + 1;
    serials.set(year, seq);
    const serialNo = ticketKind.serial(year, seq);
    const personal = protectPersonalFields({ kind: ticketKind, before: undefined, after: input });
    const fields: Record<string, unknown> = personal.fields;
    const title = ticketKind.titleOf(fields as never);
    const searchText = `${serialNo} ${title} ${ticketKind.searchTextOf(fields as never)}`;

    // Who registered it: an agent, or (省平台 by Open311, most 市长信箱 letters on the public page) the center's intake.
    const viaOpen311 = channel === '省平台转办';
    const viaMailbox = channel === '市长信箱' && random() < 0.7;
    const creator: Actor = viaOpen311 ? { id: office.agents[0]!.id, name: `接口：${office.open311.name}` } : viaMailbox ? { id: office.agents[0]!.id, name: '市长信箱（群众来信）' } : agentAt();
    const handler: Person = viaOpen311 || viaMailbox ? office.agents[0]! : (creator as Person);

    const trailPersonal: Record<string, { masked: string | null; sealed: string }> = {};
    for (const change of personal.changes) {
      const sealed = sealPersonal({ caseId: id, field: change.field }, change.value!);
      trailPersonal[change.field] = { masked: fields[change.field] as string, sealed };
      emit('case_personal', [id, change.field, sealed, new Date(createdAt)]);
      if (change.field === 'callerPhone') emit('person_index', [id, 'callerPhone', 'phone', blindIndex('phone', change.value!)]);
    }

    // noteDuplicates: the earlier tickets of the category from the same caller or at the same address, newest five.
    const keys = [...(phone ? [`${categoryIndex}|p|${phone}`] : []), ...(address ? [`${categoryIndex}|a|${address}`] : [])];
    const found = [...new Map(keys.flatMap((key) => ownDuplicates(key, createdAt)).map((item) => [item.id, item])).values()].sort((a, b) => b.createdAt - a.createdAt).slice(0, 5);
    for (const item of found) emit('case_links', [id, item.id, 'related', new Date(createdAt)]);
    count('duplicate links', found.length);
    const mergeTarget = found.length > 0 && random() < 0.45 ? found[0] : undefined;

    const periodDays = handlingDays(input, settings).amount;
    const steps = planSteps({ random, calendar, createdAt, type, periodDays, mergeInto: Boolean(mergeTarget), channel, mayPublish: mayPublish === true });
    const mine: Recent = { id, serialNo, createdAt, mergedAt: null, type, categoryIndex, area, address, phone, name };
    for (const key of keys) {
      const list = byKey.get(key) ?? [];
      while (list.length > 0 && list[0]!.createdAt < createdAt - 8 * DAY) list.shift();
      list.push(mine);
      byKey.set(key, list);
    }
    recent.push(mine);

    // ---------------------------------------------------------------- the steps, as the transitions write them
    let state = 'registered';
    let closedAt: number | null = null;
    const events: Array<{ at: number; actor: Actor; action: string; from: string | null; to: string | null; comment: string | null; data: Record<string, unknown> | null }> = [];
    const trail: TrailEvent[] = [];
    const asgs: Asg[] = [];
    const push = (at: number, actor: Actor, action: string, to: string | null, comment: string | null, data: Record<string, unknown> | null) => {
      const from = action === 'create' ? null : state;
      events.push({ at, actor, action, from, to: to ?? state, comment, data });
      trail.push({ action, at: new Date(at), data });
      if (to) state = to;
    };
    const lead = () => asgs.find((item) => item.state === 'pending' || item.state === 'in_progress' || item.state === 'replied');
    const leadDue = (extra?: TrailEvent): string | null => {
      const row = lead();
      if (!row) return null;
      const { events: clockEvents, period } = assignmentClockInputs(ticketKind, extra ? [...trail, extra] : trail, { id: row.id, unitId: row.unit.id });
      const spec = assignmentSpecOf(ticketKind, 'lead', period, fields);
      return spec ? dueDay(clockOf({ spec, events: clockEvents, calendar, officeHours }).due) : null;
    };
    const liaison = (unit: Unit) => unit.liaisons[Math.floor(random() * unit.liaisons.length)]!;
    const visit = (step: Step & { result: string }, at: number, by: Actor) => {
      const row = asgs.find((item) => item.state === 'replied');
      const resolved = step.result === '未联系上' ? null : step.result === '不满意' ? '未解决' : random() < 0.9 ? '已解决' : '未解决';
      const comment = step.result === '不满意' ? '群众反映问题仍未解决' : random() < 0.3 ? '群众对办理结果表示认可' : null;
      const stored = { result: step.result, resolved, unitId: row?.unit.id ?? null, at: new Date(at).toISOString(), byName: by.name, comment };
      fields.visits = [...((fields.visits as unknown[]) ?? []), stored];
      fields.lastVisit = stored;
      return { comment, data: { visit: { result: step.result, resolved, unitId: stored.unitId } }, unitId: stored.unitId };
    };
    let firstUnit: Unit | undefined;
    for (const step of steps) {
      if (step.at > cutoff) break;
      const at = step.at;
      switch (step.action) {
        case 'create':
          push(at, creator, 'create', 'registered', null, { serialNo, ...(Object.keys(trailPersonal).length ? { personal: trailPersonal } : {}) });
          break;
        case 'merge': {
          const by = agentAt();
          fields.mergedInto = { id: mergeTarget!.id, serialNo: mergeTarget!.serialNo };
          mine.mergedAt = at;
          push(at, by, 'merge', 'merged', '与此前工单反映同一问题，归并办理', { mergedInto: mergeTarget!.serialNo });
          closedAt = at;
          break;
        }
        case 'direct_close':
          fields.directAnswer = DIRECT_ANSWERS[Math.floor(random() * DIRECT_ANSWERS.length)];
          push(at, viaOpen311 || viaMailbox ? agentAt() : creator, 'direct_close', 'answered_on_spot', null, null);
          closedAt = at;
          break;
        case 'assign': {
          const department = office.departments.get(entry.department)!;
          const unit = !firstUnit ? (area !== null && random() < 0.55 ? office.townships[area]! : department) : firstUnit === department ? office.townships[area ?? zipfTownship()]! : department;
          firstUnit ??= unit;
          const existing = asgs.find((item) => item.unit.id === unit.id);
          const row: Asg = existing ?? { id: randomUUID(), unit, state: 'pending', assignedAt: at, signedAt: null, repliedAt: null, reply: null, returnReason: null, version: 0, extensionRequest: null };
          Object.assign(row, { state: 'pending', assignedAt: at, signedAt: null, repliedAt: null, reply: null, returnReason: null, extensionRequest: null, version: row.version + 1 });
          if (!existing) asgs.push(row);
          const period = handlingDays(input, settings);
          push(at, agentAt(), 'assign', 'handling', random() < 0.2 ? '请按职责核实处理，及时答复来电人' : null, { assigned: [{ unitId: unit.id, role: 'lead', due: null, period }] });
          break;
        }
        case 'sign': {
          const row = lead()!;
          Object.assign(row, { state: 'in_progress', signedAt: at, version: row.version + 1 });
          push(at, liaison(row.unit), 'sign', null, null, { assignmentId: row.id, unitId: row.unit.id });
          break;
        }
        case 'unit_return': {
          const row = lead()!;
          const reason = RETURN_REASONS[Math.floor(random() * RETURN_REASONS.length)]!;
          Object.assign(row, { state: 'returned', returnReason: reason, version: row.version + 1 });
          fields.returnCount = Number(fields.returnCount ?? 0) + 1;
          push(at, liaison(row.unit), 'unit_return', null, null, { assignmentId: row.id, unitId: row.unit.id, reason, dutyItem: `${row.unit.name}职责清单第${1 + Math.floor(random() * 12)}项` });
          break;
        }
        case 'ask_extension': {
          const row = lead()!;
          const requested = { amount: 2 + Math.floor(random() * 5), reason: '涉及多个部门协调，需延期办理' };
          const by = liaison(row.unit);
          const to = leadDue({ action: 'extend', at: new Date(at), data: { assignmentId: row.id, extension: requested } });
          const from = leadDue();
          Object.assign(row, { extensionRequest: { ...requested, at: new Date(at).toISOString(), byName: by.name }, version: row.version + 1 });
          push(at, by, 'ask_extension', null, null, { assignmentId: row.id, unitId: row.unit.id, requested, from, to });
          break;
        }
        case 'grant_extension': {
          const row = lead()!;
          const request = row.extensionRequest as { amount: number; reason: string };
          const extension = { amount: request.amount, reason: request.reason };
          const from = leadDue();
          const to = leadDue({ action: 'extend', at: new Date(at), data: { assignmentId: row.id, extension } });
          Object.assign(row, { extensionRequest: null, version: row.version + 1 });
          push(at, agentAt(), 'grant_extension', null, '同意延期', { assignmentId: row.id, unitId: row.unit.id, extension, from, to });
          break;
        }
        case 'reply': {
          const row = lead()!;
          const due = leadDue();
          Object.assign(row, { state: 'replied', reply: REPLIES[Math.floor(random() * REPLIES.length)], repliedAt: at, version: row.version + 1 });
          push(at, liaison(row.unit), 'reply', 'replied', null, { assignmentId: row.id, unitId: row.unit.id, attachments: [], isLate: due !== null && shanghaiDate(at) > due });
          break;
        }
        case 'revisit': {
          const by = agentAt();
          const { comment, data } = visit(step, at, by);
          push(at, by, 'revisit', 'closed', comment, data);
          closedAt = at;
          break;
        }
        case 'redo': {
          const by = agentAt();
          const { comment, data, unitId } = visit(step, at, by);
          for (const row of asgs) if (row.state === 'replied') row.state = 'in_progress';
          fields.redoCount = Number(fields.redoCount ?? 0) + 1;
          push(at, by, 'redo', 'handling', comment, { ...data, reopened: unitId ? [unitId] : [] });
          break;
        }
        case 'case_study': {
          const by = agentAt();
          fields.caseStudy = { writeUp: `${entry.category.split('/')[1]}问题快速响应、联动处置，群众满意。`, at: new Date(at).toISOString(), byName: by.name };
          push(at, by, 'case_study', null, null, { caseStudy: true });
          break;
        }
        case 'publish_reply': {
          const by = agentAt();
          fields.replyPublic = { at: new Date(at).toISOString(), byName: by.name };
          push(at, by, 'publish_reply', null, null, { replyPublic: true });
          break;
        }
      }
    }
    const lastAt = events[events.length - 1]!.at;
    const isClosed = closedAt !== null;

    // ---------------------------------------------------------------- the trail
    let prevHash = GENESIS_HASH;
    for (const [index, event] of events.entries()) {
      const seq = index + 1;
      const hash = hashEvent(prevHash, {
        caseId: id, seq, caseVersion: seq, at: new Date(event.at).toISOString(), actorId: event.actor.id, actorName: event.actor.name,
        onBehalfOfId: null, onBehalfOfName: null, action: event.action, fromState: event.from, toState: event.to, comment: event.comment, data: event.data,
      });
      emit('case_events', [eventBase + seq, id, seq, new Date(event.at), event.actor.id, event.actor.name, null, null, event.action, event.from, event.to, event.comment, event.data, bytea(prevHash), bytea(hash), seq, bytea(sealEventHash(hash))]);
      prevHash = hash;
    }
    count('events', events.length);

    // ---------------------------------------------------------------- clocks, due columns, assignments
    const nowIso = new Date(lastAt).toISOString();
    const views: AssignmentView[] = [];
    const leadDues: string[] = [];
    for (const row of asgs) {
      const { events: clockEvents, period } = assignmentClockInputs(ticketKind, trail, { id: row.id, unitId: row.unit.id });
      const inputs = { events: clockEvents, ...(period ? { period } : {}) };
      const results = [assignmentSpecOf(ticketKind, 'lead', period, fields)!, signSpec].map((spec) => clockOf({ spec, events: clockEvents, calendar, officeHours, now: nowIso, actionLabels: labels }));
      for (const result of results) {
        emit('case_clocks', [randomUUID(), id, row.id, result.clockId, result.state, result.start, result.due, result.pausedAt, result.stoppedAt, inputs, result.explanation, clockEvents.length, new Date(row.assignedAt), new Date(lastAt)]);
      }
      // refreshDueColumns: the handling clock once started, before that the 签收 clock.
      const [handling, signing] = results as [typeof results[0], typeof results[0]];
      const clock = handling.state !== 'pending' ? handling : signing;
      const isOpen = (row.state === 'pending' || row.state === 'in_progress') && OPEN_CLOCK.has(clock.state);
      const due = dueDay(clock.due);
      if (isOpen && due) leadDues.push(due);
      emit('assignments', [row.id, id, row.unit.id, 'lead', row.state, null, due, isOpen ? statusOf(due) : 'none', null, row.reply, row.reply === null ? null : [], row.returnReason, null, null,
        new Date(row.assignedAt), row.signedAt === null ? null : new Date(row.signedAt), row.repliedAt === null ? null : new Date(row.repliedAt), row.version, row.extensionRequest]);
      views.push({ id: row.id, unitId: row.unit.id, role: 'lead', state: row.state as AssignmentView['state'], dueDate: due, reply: row.reply, replyAccepted: false, extensionRequest: row.extensionRequest as never });
    }
    const caseDue = isClosed ? null : (leadDues.sort()[0] ?? null);
    for (const row of asgs) emit('case_unit_visibility', [row.unit.id, id, 'ticket', new Date(createdAt), caseDue]);
    count('assignments', asgs.length);
    count('clocks', asgs.length * 2);

    emit('cases', [id, 'ticket', year, seq, serialNo, title, state, fields, handler.unitId, handler.id, creator.id, null, caseDue, statusOf(caseDue), isClosed, closedAt === null ? null : new Date(closedAt),
      searchText, events.length, new Date(createdAt), new Date(lastAt), tsvectorOf(searchText), '']);
    count('cases');
    count(`state ${state}`);
    if (!isClosed) {
      const view = { id, kind: 'ticket', serialNo, title, state, fields, ownerUnitId: handler.unitId, handlerId: handler.id, createdBy: creator.id, version: events.length };
      for (const item of ticketKind.waitingOn({ case: view, assignments: views })) {
        emit('work_items', 'userId' in item ? [randomUUID(), id, item.userId, null, null, item.label, new Date(lastAt), caseDue] : [randomUUID(), id, null, item.unitId, item.assignmentId ?? null, item.label, new Date(lastAt), caseDue]);
        count('work items');
      }
    }
    if (viaMailbox) emit('mailbox_letters', [randomUUID(), id, sm3(`query:${id}`), sm3(`challenge:${id}`), new Date(createdAt)]);
    if (viaOpen311) emit('open311_requests', [id, office.open311.keyId, new Date(createdAt)]);
  };

  return { add, serials, counts, lastIds: (n: number) => recent.slice(-n).map((item) => item.id) };
};
