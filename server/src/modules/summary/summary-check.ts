/**
 * What a save refuses: a token naming no metric of the catalogue, a token in a form the grammar does not
 * know, and (in a template) a placeholder that is not one of {机关} {上级} {年度} {下年} {期间} {信箱}.
 * A 400 naming each, where it is — and nothing is saved.
 */
import { findSourceProblems } from '../../../../common/documents/summary-source.js';
import { validationError } from '../../platform/errors.js';
import { isKnownMetric } from './summary-values.js';

export const assertSourceValid = (content: { title: string; sections: ReadonlyArray<{ heading: string; paragraphs: readonly string[] }> }, { placeholders }: { placeholders: boolean }): void => {
  const problems = findSourceProblems(content, { placeholders, isKnownMetric });
  if (problems.length === 0) return;
  const first = problems[0]!;
  const more = problems.length > 1 ? `等 ${problems.length} 处` : '';
  throw validationError(`${first.place}：${first.reason}${more}。请删除或改用“插入数字”选择指标`, { problems });
};
