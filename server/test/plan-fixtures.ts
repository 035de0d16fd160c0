/**
 * A 分工方案 as a 政府办 types it for print: a title line with the year, category rows across the table,
 * 重点工作 and 牵头领导 in merged cells (written once, empty below), units several to a cell, 完成时限 as
 * phrases. 30 measures; two of them are bad (a unit the office does not have, a date that does not exist).
 */
import type { Cell } from './register-fixtures.js';

export const PLAN_TITLE = '2026年政府工作报告重点工作任务分工方案';
export const PLAN_HEADERS = ['序号', '重点工作', '具体措施或目标', '牵头领导', '牵头单位', '责任单位', '完成时限', '备注'];
/** Units the plan names, as the office keeps them (name, short name). */
export const PLAN_UNITS: Array<{ name: string; shortName: string }> = [
  { name: '示范市发展和改革委员会', shortName: '市发展改革委' },
  { name: '示范市财政局', shortName: '市财政局' },
  { name: '示范市教育局', shortName: '市教育局' },
  { name: '示范市住房和城乡建设局', shortName: '市住建局' },
  { name: '示范市交通运输局', shortName: '市交通运输局' },
  { name: '示范市生态环境局', shortName: '市生态环境局' },
];

const themes = [
  { category: '一、着力扩大有效需求', tasks: ['扩大有效投资', '促进消费提质扩容'] },
  { category: '二、着力保障和改善民生', tasks: ['办好人民满意的教育', '改善群众居住条件'] },
  { category: '三、着力推进绿色发展', tasks: ['打好污染防治攻坚战'] },
];
const units = ['市发展改革委', '市财政局', '市教育局', '市住建局', '市交通运输局', '市生态环境局'];
const deadlines = ['6月底前', '三季度', '2026年9月30日', '年底前', '上半年', '6月底前完成方案，12月底前全面完成', '长期坚持'];

/** The rows (after the title and the headers), and which Excel rows are bad. */
export const messyPlan = () => {
  const rows: Cell[][] = [];
  const bad: number[] = [];
  let measureNo = 0;
  let taskNo = 0;
  for (const theme of themes) {
    rows.push([theme.category, null, null, null, null, null, null, null]);
    for (const task of theme.tasks) {
      taskNo += 1;
      const leader = `副市长${'甲乙丙丁戊'[taskNo - 1]}`;
      for (let i = 0; i < 6; i += 1) {
        measureNo += 1;
        const first = i === 0;
        let lead = units[(taskNo + i) % units.length]!;
        let deadline = deadlines[(measureNo - 1) % deadlines.length]!;
        if (measureNo === 8) {
          lead = '市大数据局'; // the office has no such unit
          bad.push(rows.length + 3);
        }
        if (measureNo === 21) {
          deadline = '2026年2月30日';
          bad.push(rows.length + 3);
        }
        const helpers = i % 3 === 0 ? `${units[(taskNo + i + 1) % units.length]}、各县区政府` : i % 3 === 1 ? `${units[(taskNo + i + 2) % units.length]}，${units[(taskNo + i + 3) % units.length]}` : '';
        rows.push([measureNo, first ? task : null, `${task}措施${measureNo}：完成年度目标的${10 + i * 15}%`, first ? leader : null, lead, helpers, deadline, null]);
      }
    }
  }
  return { rows, bad, measures: measureNo, tasks: taskNo };
};
