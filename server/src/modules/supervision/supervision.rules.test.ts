/**
 * Pure: the 督办 transition table for every action × state × kind of actor against a table written by
 * hand; the light (yellow then red for a missing report, nodes, the deadline); the 调度 periods and the
 * 民生实事 outcome.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '../../../../common/access.js';
import type { Identity } from '../../engine/cases/access.js';
import { admits } from '../../engine/cases/rules.js';
import type { AssignmentView, GuardContext } from '../../engine/kinds/kind.types.js';
import type { SupervisionFields } from './supervision.fields.js';
import { supervisionKind } from './supervision.kind.js';
import { livelihoodOutcome, periodToReport, reportPeriods, supervisionClocks, supervisionLight } from './supervision.progress.js';

const UNIT_LEAD = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const UNIT_HELPER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const UNIT_OTHER = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';

const person = (name: string, roles: Role[], extra: Partial<Identity> = {}): [string, Identity] => [
  name,
  { userId: crypto.randomUUID(), username: name, displayName: name, unitId: UNIT_OTHER, roles, scope: roles.includes('liaison') ? 'unit' : 'all', isSelf: true, ...extra },
];

const people = Object.fromEntries([
  person('inspector', ['inspector']),
  person('director', ['director']),
  person('clerk', ['clerk']),
  person('leader', ['leader']),
  person('liaison-lead', ['liaison'], { unitId: UNIT_LEAD }),
  person('liaison-helper', ['liaison'], { unitId: UNIT_HELPER }),
  person('liaison-other', ['liaison'], { unitId: UNIT_OTHER }),
  person('sysadmin', ['sysadmin']),
  person('auditor', ['auditor']),
]);

const assignments: AssignmentView[] = [
  { id: 'a1', unitId: UNIT_LEAD, role: 'lead', state: 'pending', dueDate: null, reply: null, replyAccepted: false },
  { id: 'a2', unitId: UNIT_HELPER, role: 'assist', state: 'in_progress', dueDate: null, reply: null, replyAccepted: false },
];

const office = ['inspector', 'director'];
const leadUnit = ['liaison-lead'];

/** Who may take each action (in a state where the action exists). Everyone else must be refused. */
const expected: Record<string, string[]> = {
  assign: office,
  report: leadUnit,
  complete_milestone: leadUnit,
  record_actual: leadUnit,
  claim: leadUnit,
  close: office,
  return: office,
};

const base: SupervisionFields = {
  source: '重点工作',
  title: '城区学前教育扩容工程',
  measures: '新增学位 3000 个',
  leadUnitId: UNIT_LEAD,
  helperUnitIds: [UNIT_HELPER],
  openedOn: '2026-03-02',
  deadline: '2026-06-30',
  isOngoing: false,
  reportCycle: 'monthly',
  milestones: [
    { key: 'm1', label: '主体开工', due: '2026-03-31' },
    { key: 'm2', label: '竣工验收', due: '2026-06-15' },
  ],
  reports: [],
};

describe('the transition table', () => {
  test('every declared action has an expectation, and every expectation an action', () => {
    assert.deepEqual([...new Set(supervisionKind.transitions.map((t) => t.action))].sort(), Object.keys(expected).sort());
  });

  for (const transition of supervisionKind.transitions) {
    test(`${transition.action}: allowed exactly for ${expected[transition.action]!.join(', ')}`, () => {
      for (const state of Object.keys(supervisionKind.states)) {
        const context: GuardContext = {
          case: { id: 'c', kind: 'supervision', serialNo: 's', title: 't', state, fields: base, ownerUnitId: UNIT_OTHER, handlerId: null, createdBy: 'x', version: 1 },
          assignments,
        };
        for (const [name, identity] of Object.entries(people)) {
          const isAllowed = admits(transition, identity, context) !== undefined;
          assert.equal(isAllowed, expected[transition.action]!.includes(name), `${transition.action} by ${name} in ${state}`);
        }
      }
    });
  }

  test('a lead unit whose assignment ended (returned, withdrawn) acts no more', () => {
    const report = supervisionKind.transitions.find((t) => t.action === 'report')!;
    const ended: GuardContext = {
      case: { id: 'c', kind: 'supervision', serialNo: 's', title: 't', state: 'handling', fields: base, ownerUnitId: UNIT_OTHER, handlerId: null, createdBy: 'x', version: 1 },
      assignments: [{ ...assignments[0]!, state: 'withdrawn' }],
    };
    assert.equal(admits(report, people['liaison-lead']!, ended), undefined);
  });

  test('each action exists only in the states the flow allows; 销号 closes', () => {
    const fromStates = Object.fromEntries(supervisionKind.transitions.map((t) => [t.action, [...t.from].sort()]));
    assert.deepEqual(fromStates, {
      assign: ['registered'],
      report: ['handling'],
      complete_milestone: ['handling'],
      record_actual: ['claimed', 'handling'],
      claim: ['handling'],
      close: ['claimed'],
      return: ['claimed'],
    });
    assert.deepEqual(supervisionKind.transitions.filter((t) => t.closes).map((t) => t.action), ['close']);
  });

  test('per-node reporting offers no period report; an item without a target no actuals', () => {
    const context = (fields: SupervisionFields): GuardContext => ({
      case: { id: 'c', kind: 'supervision', serialNo: 's', title: 't', state: 'handling', fields, ownerUnitId: UNIT_OTHER, handlerId: null, createdBy: 'x', version: 1 },
      assignments,
    });
    const report = supervisionKind.transitions.find((t) => t.action === 'report')!;
    const actual = supervisionKind.transitions.find((t) => t.action === 'record_actual')!;
    assert.match(report.neverApplies!(context({ ...base, reportCycle: 'milestone' })) ?? '', /按节点调度/);
    assert.equal(report.neverApplies!(context(base)), undefined);
    assert.match(actual.neverApplies!(context(base)) ?? '', /民生实事/);
  });
});

describe('调度 periods and clocks', () => {
  test('monthly periods run from 立项 to the deadline, the first and last cut to them', () => {
    const periods = reportPeriods({ ...base, openedOn: '2026-03-20', deadline: '2026-05-10' });
    assert.deepEqual(periods.map((p) => [p.key, p.from, p.to]), [
      ['2026-03', '2026-03-20', '2026-03-31'],
      ['2026-04', '2026-04-01', '2026-04-30'],
      ['2026-05', '2026-05-01', '2026-05-10'],
    ]);
  });

  test('weekly periods start on Mondays; an ongoing item reports for a year', () => {
    const weeks = reportPeriods({ openedOn: '2026-03-04', deadline: '2026-03-22', reportCycle: 'weekly' }); // a Wednesday
    assert.deepEqual(weeks.map((p) => [p.key, p.from, p.to]), [
      ['W2026-03-02', '2026-03-04', '2026-03-08'],
      ['W2026-03-09', '2026-03-09', '2026-03-15'],
      ['W2026-03-16', '2026-03-16', '2026-03-22'],
    ]);
    assert.equal(reportPeriods({ openedOn: '2026-03-02', reportCycle: 'monthly' }).length, 12);
    assert.deepEqual(reportPeriods({ ...base, reportCycle: 'milestone' }), []);
  });

  test('a late report fills the oldest missing period', () => {
    assert.equal(periodToReport(base, '2026-05-03')?.key, '2026-03');
    assert.equal(periodToReport({ ...base, reports: [{ key: '2026-03', on: '2026-03-30', text: 'x' }] }, '2026-05-03')?.key, '2026-04');
    assert.equal(periodToReport({ ...base, reports: [{ key: '2026-03', on: '2026-03-30', text: 'x' }] }, '2026-03-31'), undefined);
  });

  test('one clock per node, per period and for the deadline, each stopped by its own keyed action', () => {
    const specs = supervisionClocks(base);
    assert.deepEqual(specs.map((spec) => [spec.id, spec.stopOn]), [
      ['milestone.m1', ['complete_milestone#m1']],
      ['milestone.m2', ['complete_milestone#m2']],
      ['report.2026-03', ['report#2026-03']],
      ['report.2026-04', ['report#2026-04']],
      ['report.2026-05', ['report#2026-05']],
      ['report.2026-06', ['report#2026-06']],
      ['deadline', ['claim']],
    ]);
  });
});

describe('the light', () => {
  const light = (fields: Partial<SupervisionFields>, today: string, state = 'handling') => supervisionLight({ state, fields: { ...base, ...fields } }, today);
  const reported = (...keys: string[]) => keys.map((key) => ({ key, on: `${key}-28`, text: '进展' }));

  test('on track: green', () => {
    assert.deepEqual(light({}, '2026-03-20'), { light: 'green', reasons: [] });
  });

  test('a missing report: yellow the day after its period, red beyond ten days or with a second one missing', () => {
    const done = { milestones: [{ ...base.milestones[0]!, doneOn: '2026-03-30' }, base.milestones[1]!] };
    assert.equal(light({ ...done, reports: reported('2026-03') }, '2026-04-30').light, 'green');
    assert.equal(light({ ...done, reports: reported('2026-03') }, '2026-05-01').light, 'yellow');
    assert.equal(light({ ...done, reports: reported('2026-03') }, '2026-05-10').light, 'yellow');
    assert.equal(light({ ...done, reports: reported('2026-03') }, '2026-05-11').light, 'red');
    assert.equal(light({ ...done, reports: [] }, '2026-05-01').light, 'red'); // March and April both missing
  });

  test('progress against the nodes, not only the final date: a late node is yellow, then red', () => {
    const reports = reported('2026-03');
    assert.equal(light({ reports }, '2026-04-01').light, 'yellow');
    assert.match(light({ reports }, '2026-04-01').reasons[0]!, /主体开工.*逾期 1 天/);
    assert.equal(light({ reports }, '2026-04-11').light, 'red');
  });

  test('the deadline: nodes left within five days yellow, past it red; claimed green; closed done', () => {
    const allReported = reported('2026-03', '2026-04', '2026-05');
    const m1Done = [{ ...base.milestones[0]!, doneOn: '2026-03-30' }, { ...base.milestones[1]!, due: '2026-06-30' }];
    assert.equal(light({ reports: allReported, milestones: m1Done }, '2026-06-24').light, 'green');
    assert.equal(light({ reports: allReported, milestones: m1Done }, '2026-06-25').light, 'yellow');
    assert.equal(light({ reports: [...allReported, ...reported('2026-06')], milestones: m1Done }, '2026-07-01').light, 'red');
    assert.equal(light({}, '2026-09-01', 'claimed').light, 'green');
    assert.equal(light({}, '2026-09-01', 'closed').light, 'done');
  });
});

describe('民生实事 outcome', () => {
  const project = (actuals: Array<{ month: string; value: number }>, claimOn?: string): SupervisionFields => ({
    ...base,
    source: '民生实事',
    deadline: '2026-12-31',
    livelihood: { target: 12, measure: '所', actuals },
    ...(claimOn ? { claim: { on: claimOn, text: '完成', evidence: [] } } : {}),
  });

  test('finishing in October of a December deadline at 120 %: 提前 2 个月 and 超额', () => {
    const outcome = livelihoodOutcome(project([{ month: '2026-10', value: 14.4 }, { month: '2026-06', value: 5 }], '2026-10-28'));
    assert.deepEqual(outcome, { target: 12, measure: '所', actual: 14.4, percent: 120, isOverTarget: true, completedOn: '2026-10-28', monthsEarly: 2 });
  });

  test('on target in the deadline month: neither early nor over; unfinished: no completion', () => {
    assert.deepEqual(livelihoodOutcome(project([{ month: '2026-12', value: 12 }], '2026-12-20')), { target: 12, measure: '所', actual: 12, percent: 100, isOverTarget: false, completedOn: '2026-12-20', monthsEarly: 0 });
    const open = livelihoodOutcome(project([{ month: '2026-05', value: 3 }]))!;
    assert.equal(open.percent, 25);
    assert.equal(open.completedOn, null);
    assert.equal(open.monthsEarly, 0);
    assert.equal(livelihoodOutcome(base), null);
  });
});
