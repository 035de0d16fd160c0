/** Words and shapes of an approval chain as the 系统管理员 reads it. */
import type { z } from 'zod';
import { isAdminRole, Role, roles } from '../../../../../common/access.js';
import type { ChainStep } from '../../../../../common/schemas/outgoing.js';

export const stepTypeLabels: Record<ChainStep['type'], string> = { review: '审核', countersign: '会签', sign: '签发' };

export const stepTypeOptions = (Object.keys(stepTypeLabels) as Array<ChainStep['type']>).map((type) => ({
  value: type,
  label: stepTypeLabels[type],
}));

/** Only business roles take part in a document's approval; the 三员 never do. */
export const businessRoleOptions = Role.options
  .filter((role) => !isAdminRole(role))
  .map((role) => ({ value: role, label: roles[role].label }));

export const rolesText = (roleList: readonly Role[]): string => roleList.map((role) => roles[role].label).join('、');

/** "任意" stands for a criterion the chain leaves open. */
export const anyText = (value: string | null): string => value ?? '任意';

/** Steps grouped into stages, as the server walks them: a parallel step joins the stage before it. */
export const stagesOf = <Step extends Pick<ChainStep, 'parallel'>>(steps: readonly Step[]): Step[][] => {
  const stages: Step[][] = [];
  for (const step of steps) {
    const last = stages.at(-1);
    if (step.parallel && last) last.push(step);
    else stages.push([step]);
  }
  return stages;
};

/** The shared schema's messages, with the step they are about named (the schema's own are generic). */
export const chainIssueMessages = (issues: z.ZodError['issues']) => {
  const general: string[] = [];
  const byStep = new Map<number, string[]>();
  for (const issue of issues) {
    const [head, index, field] = issue.path;
    if (head === 'steps' && typeof index === 'number') {
      // Shown under the step itself, so the step need not name itself (its label may be the problem).
      const text = field === 'label' ? '步骤名称为 2–20 个字' : field === 'roles' ? '须指定办理角色' : issue.message;
      byStep.set(index, [...(byStep.get(index) ?? []), text]);
      continue;
    }
    if (head === 'name') continue; // shown under the name field by the form itself
    general.push(head === 'steps' && issue.code === 'too_small' ? '至少需要一个步骤' : issue.message);
  }
  return { general: [...new Set(general)], byStep };
};
