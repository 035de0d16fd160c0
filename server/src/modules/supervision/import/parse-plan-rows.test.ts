/** 分工方案 rows read as a clerk typed them: merged cells, category rows, shared unit cells, 完成时限 phrases. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Register } from '../../../platform/registers/read-register.js';
import { messyPlan, PLAN_HEADERS, PLAN_TITLE, PLAN_UNITS } from '../../../../test/plan-fixtures.js';
import { suggestMapping } from './plan-columns.js';
import { namesInCell, parsePlanRows, unitResolver, type PlanUnit } from './parse-plan-rows.js';

const units: PlanUnit[] = PLAN_UNITS.map((unit, index) => ({ id: `u${index}`, ...unit }));
const registerOf = (rows: Register['rows'][number]['cells'][]): Register => ({
  sheet: 'Sheet1',
  headerRow: 2,
  headers: PLAN_HEADERS,
  rows: rows.map((cells, index) => ({ row: index + 3, cells })),
  titleLines: [PLAN_TITLE],
  isDate1904: false,
});

describe('parsePlanRows', () => {
  const plan = messyPlan();
  const outcomes = parsePlanRows({ register: registerOf(plan.rows), mapping: suggestMapping(PLAN_HEADERS), year: 2026, units });

  test('every measure is a row; category rows are not; the two bad rows are named with their Excel row', () => {
    assert.equal(outcomes.length, plan.measures);
    const invalid = outcomes.filter((outcome) => outcome.errors.length > 0);
    assert.deepEqual(invalid.map((outcome) => outcome.row), plan.bad);
    assert.match(invalid[0]!.errors.join(), /牵头单位「市大数据局」不是系统中的单位/);
    assert.match(invalid[1]!.errors.join(), /2026年2月没有30日/);
  });

  test('merged 重点工作 and 牵头领导 fill down; the category row above is kept', () => {
    const second = outcomes[1]!.parsed!;
    assert.equal(second.task, '扩大有效投资');
    assert.equal(second.leader, '副市长甲');
    assert.equal(second.category, '一、着力扩大有效需求');
    const seventh = outcomes[6]!.parsed!;
    assert.equal(seventh.task, '促进消费提质扩容');
    assert.equal(seventh.leader, '副市长乙');
    const last = outcomes.at(-1)!.parsed!;
    assert.equal(last.category, '三、着力推进绿色发展');
  });

  test('units several to a cell resolve by short name; collective names are kept, not assigned', () => {
    const first = outcomes[0]!.parsed!;
    assert.equal(first.leadUnit.name, '示范市财政局');
    assert.deepEqual(first.helperUnits.map((unit) => unit.shortName), ['市教育局']);
    assert.equal(first.otherUnits, '各县区政府');
    const second = outcomes[1]!.parsed!;
    assert.equal(second.helperUnits.length, 2);
  });

  test('完成时限 phrases become the deadline and milestones; 长期坚持 is ongoing', () => {
    const stepped = outcomes.find((outcome) => outcome.parsed?.steps.length)!.parsed!;
    assert.deepEqual(stepped.steps.map((step) => step.due), ['2026-06-30', '2026-12-31']);
    assert.equal(stepped.deadline, '2026-12-31');
    const ongoing = outcomes.find((outcome) => outcome.parsed?.isOngoing)!.parsed!;
    assert.equal(ongoing.deadline, '2026-12-31');
  });

  test('the same measure keys the same across reads; a different plan year keys differently', () => {
    const again = parsePlanRows({ register: registerOf(plan.rows), mapping: suggestMapping(PLAN_HEADERS), year: 2026, units });
    assert.deepEqual(again.map((outcome) => outcome.parsed?.key), outcomes.map((outcome) => outcome.parsed?.key));
    const next = parsePlanRows({ register: registerOf(plan.rows), mapping: suggestMapping(PLAN_HEADERS), year: 2027, units });
    assert.notEqual(next[0]!.parsed?.key, outcomes[0]!.parsed?.key);
    assert.equal(new Set(outcomes.flatMap((outcome) => (outcome.parsed ? [outcome.parsed.key] : []))).size, plan.measures - plan.bad.length);
  });

  test('a measure under a category with no 重点工作 above, a missing 牵头单位, a collective 牵头单位', () => {
    const rows = parsePlanRows({
      register: registerOf([
        ['四、其他', null, null, null, null, null, null, null],
        [1, null, '无主的措施', null, '市财政局', null, '年底前', null],
        [2, '有任务', '措施', null, null, null, '年底前', null],
        [3, '另一任务', '措施', null, '各县区政府', null, '年底前', null],
      ]),
      mapping: suggestMapping(PLAN_HEADERS),
      year: 2026,
      units,
    });
    assert.match(rows[0]!.errors.join(), /缺少重点工作/);
    assert.match(rows[1]!.errors.join(), /缺少牵头单位/);
    assert.match(rows[2]!.errors.join(), /须是一个具体单位/);
  });
});

describe('unitResolver', () => {
  const resolve = unitResolver([...units, { id: 'x1', name: '示范市教育局机关服务中心', shortName: null }]);
  test('full name, short name, spaces and brackets, a unique part of a name; two candidates are not guessed between', () => {
    assert.equal(resolve('示范市财政局').unit?.id, 'u1');
    assert.equal(resolve(' 市 财政局 ').unit?.id, 'u1');
    assert.equal(resolve('市发展改革委（市粮食和储备局）').unit?.id, 'u0');
    assert.equal(resolve('生态环境局').unit?.id, 'u5');
    assert.equal(resolve('教育局').ambiguous?.length, 2);
    assert.equal(resolve('市大数据局').unit, undefined);
  });
  test('namesInCell splits on the separators plans use', () => {
    assert.deepEqual(namesInCell('市发展改革委、市财政局，各县区政府;市教育局'), ['市发展改革委', '市财政局', '各县区政府', '市教育局']);
  });
});
