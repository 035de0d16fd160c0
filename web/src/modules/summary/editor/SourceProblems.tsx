/**
 * Tokens that will not save, told where they are: flagged as the office types (the catalogue knows every
 * metric), and the server's 400 on save shown the same way — each place and why — instead of a toast alone.
 */
import { Alert } from 'antd';
import { findSourceProblems, type SourceProblem } from '../../../../../common/documents/summary-source.js';
import type { MetricDefinitionView } from '../../../../../common/schemas/metrics.js';
import { isApiError } from '../../../app/request.js';

type Content = { title: string; sections: ReadonlyArray<{ heading: string; paragraphs: readonly string[] }> };

/** What the server would refuse in this content; nothing until the catalogue has loaded. */
export const problemsOf = (content: Content, { placeholders, catalogue }: { placeholders: boolean; catalogue: readonly MetricDefinitionView[] }): SourceProblem[] => {
  if (catalogue.length === 0) return [];
  const ids = new Set(catalogue.map((definition) => definition.id));
  return findSourceProblems(content, { placeholders, isKnownMetric: (id) => ids.has(id) });
};

/** The problems a save's 400 names, if it was that. */
export const problemsOfError = (error: unknown): SourceProblem[] | null => {
  if (!isApiError(error) || error.code !== 'VALIDATION') return null;
  const problems = (error.details as { problems?: SourceProblem[] } | undefined)?.problems;
  return Array.isArray(problems) ? problems : null;
};

export const ProblemsAlert = ({ problems, title }: { problems: readonly SourceProblem[]; title: string }) =>
  problems.length === 0 ? null : (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ margin: '8px 0' }}
      title={title}
      description={
        <ul className="fb-summary-problems">
          {problems.map((problem, index) => (
            <li key={index}>
              {problem.place ? `${problem.place}：` : ''}
              {problem.reason}
            </li>
          ))}
        </ul>
      }
    />
  );
