/**
 * A session's 建议 list as the 人大常委会 选联工委 sends it: a title line, the headers, `count` rows with
 * numbers typed several ways, and four bad rows (no number, no title, no lead deputy, a number twice).
 */
import type { Cell } from './register-fixtures.js';

export const PROPOSAL_HEADERS = ['建议号', '建议标题', '领衔代表', '附议代表', '代表团', '类别', '建议内容', '是否重点'];
export const PROPOSAL_TITLE = '市十五届人大三次会议代表建议目录';

const categories = ['城乡建设', '教育', '医疗卫生', '交通', '生态环境', '民生保障'];
const delegations = ['城关区代表团', '东湖区代表团', '西山县代表团', '南岭县代表团'];

/** Rows of the list; `bad` are the Excel row numbers (title line and headers above) of the four bad rows. */
export const sessionList = (count = 300) => {
  const rows: Cell[][] = [];
  for (let index = 1; index <= count; index += 1) {
    const number = index % 3 === 0 ? `第${index}号` : index % 3 === 1 ? String(index).padStart(3, '0') : index;
    rows.push([number, `关于加强第${index}项民生工作的建议`, `代表${index}`, index % 4 === 0 ? `附议甲${index}、附议乙${index}` : '', delegations[index % 4]!, categories[index % 6]!, `建议内容：第${index}项民生工作需要加强。`, index % 50 === 0 ? '是' : '']);
  }
  // Four bad rows: the Excel row of data index i is i + 3.
  rows[9]![0] = null; // no number
  rows[99]![1] = ''; // no title
  rows[149]![2] = ''; // no lead deputy
  rows[199]![0] = 5; // number 5 written twice
  return { rows, bad: [12, 102, 152, 202], valid: count - 4 };
};
