/** The columns of a 分工方案 and the header names offices give them (most specific first). */
import { registerColumns, type HeaderAliases } from '../../../platform/registers/columns.js';
import { planFieldLabels, planImportFields, type PlanImportField } from '../../../../../common/schemas/plan-import.js';

export const requiredPlanFields: readonly PlanImportField[] = ['task', 'leadUnit', 'deadline'];

export const planHeaderAliases: HeaderAliases<PlanImportField> = {
  serial: ['序号', '编号', '序'],
  task: ['重点工作', '重点任务', '工作任务', '任务名称', '主要任务', '重点工作任务', '工作事项', '任务'],
  measures: ['具体措施或目标', '具体措施', '工作措施', '工作目标', '目标任务', '具体内容', '工作内容', '措施'],
  leader: ['牵头领导', '分管领导', '责任领导', '牵头市领导', '牵头县领导', '领导'],
  leadUnit: ['牵头单位', '主办单位', '牵头部门', '责任主体'],
  helperUnits: ['责任单位', '配合单位', '协办单位', '参与单位', '协同单位', '责任部门'],
  deadline: ['完成时限', '完成时间', '时间节点', '时限要求', '办结时限', '时限'],
  remarks: ['备注', '说明'],
};

export type PlanColumnMapping = Record<PlanImportField, number | null>;

export const { emptyMapping, suggestMapping, resolveMapping } = registerColumns({
  fields: planImportFields,
  labels: planFieldLabels,
  aliases: planHeaderAliases,
});
