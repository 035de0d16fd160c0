/** 交办: units with their roles (as the action declares them), 办理时限 previewed as a date, 交办要求. */
import { Form } from 'antd';
import type { AssignmentDetail } from '../../../../../common/schemas/cases.js';
import { type UnitAssignRow, UnitAssignInput } from '../UnitAssignInput.js';
import { itemProps, type WidgetProps } from './types.js';

type Role = AssignmentDetail['role'];

// required: true gives the field its red mark like every other required field; the validator words the message.
const unitsRule = (label: string) => ({
  required: true,
  validator: async (_rule: unknown, rows: UnitAssignRow[] | undefined) => {
    if (!rows?.length) throw new Error(`请至少选择一个${label}`);
  },
});

export const UnitAssignmentsWidget = ({ field, context }: WidgetProps<'unitAssignments'>) => {
  const roles = field.roles.map((role) => role.value as Role);
  const roleLabels = Object.fromEntries(field.roles.map((role) => [role.value, role.label])) as Record<Role, string>;
  // Units already handling the case cannot be given it again; one that returned it can.
  const handling = context.detail.assignments.filter((a) => a.isStanding).map((a) => a.unitId);
  const hasLead = context.detail.assignments.some((a) => a.role === 'lead' && a.isStanding);
  const basis = [field.help, context.deadlineBasis ? `时限依据：${context.deadlineBasis}` : undefined].filter(Boolean).join('；');
  return (
    <Form.Item {...itemProps(field)} rules={field.isRequired ? [unitsRule(field.label)] : []} extra={basis || undefined}>
      <UnitAssignInput excludeUnitIds={handling} roles={roles} roleLabels={roleLabels} label={field.label} caseId={context.detail.id} hasLead={hasLead} />
    </Form.Item>
  );
};
