/** Security policy (安全管理员) and the audit log (审计管理员). */
import { z } from 'zod';
import { PermissionSchema, RoleSchema } from './access.js';
import { INT_MAX, safeLine, versionNumber } from './primitives.js';

export const SecurityPolicy = z.object({
  minLength: z.number().int().min(8, '密码长度不得少于 8 位').max(64),
  requireCharClasses: z.number().int().min(1).max(4), // of: lower, upper, digit, symbol
  rejectCommonPasswords: z.boolean(),
  maxAgeDays: z.number().int().min(0).max(3650), // 0 = never expires
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
  idleTimeoutMinutes: z.number().int().min(5).max(240),
  absoluteTimeoutHours: z.number().int().min(1).max(72),
});
export type SecurityPolicy = z.infer<typeof SecurityPolicy>;

export const defaultSecurityPolicy: SecurityPolicy = {
  minLength: 8,
  requireCharClasses: 3,
  rejectCommonPasswords: true,
  maxAgeDays: 90,
  lockoutThreshold: 5,
  lockoutMinutes: 5,
  idleTimeoutMinutes: 30,
  absoluteTimeoutHours: 8,
};

export const UpdateSecurityPolicyInput = SecurityPolicy.extend({ version: versionNumber() });
export type UpdateSecurityPolicyInput = z.infer<typeof UpdateSecurityPolicyInput>;

export const SecurityPolicyView = SecurityPolicy.extend({ version: z.number().int() });
export type SecurityPolicyView = z.infer<typeof SecurityPolicyView>;

export const AuditResult = z.enum(['success', 'failure']);

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(), // the login name, as typed (also for a failed sign-in)
  actorDisplayName: z.string().nullable(), // the account's name, when the row names an account
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  objectLabel: z.string().nullable(),
  result: AuditResult,
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  actor: safeLine().trim().max(64).optional(),
  action: safeLine().trim().max(64).optional(),
  result: AuditResult.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(INT_MAX).default(0),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntry), total: z.number().int() });
export type AuditPage = z.infer<typeof AuditPage>;

/** Audit action names with their Chinese labels, for the auditor's filter. */
export const auditActionLabels: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '登出',
  'auth.lockout': '账号锁定',
  'auth.password_change': '修改密码',
  'access.denied': '越权访问被拒绝',
  'user.create': '创建账号',
  'user.update': '修改账号',
  'user.password_reset': '重置密码（命令行）',
  'user.password_reset_request': '发起密码重置',
  'user.password_reset_approve': '批准密码重置',
  'user.password_reset_reject': '拒绝密码重置',
  'user.password_reset_expire': '密码重置申请失效',
  'user.lock': '锁定账号',
  'user.unlock': '解锁账号',
  'user.roles': '分配角色',
  'unit.create': '创建单位',
  'unit.update': '修改单位',
  'policy.update': '修改安全策略',
  'admin.init': '初始化管理员',
  'admin.grant': '授予管理员角色（命令行）',
  'admin.revoke': '撤销管理员角色（命令行）',
  'config.update': '修改系统配置',
  'calendar.override_set': '设置工作日历',
  'calendar.override_delete': '删除工作日历设置',
  'delegation.create': '设置AB角',
  'delegation.revoke': '撤销AB角',
  'work.transfer': '批量移交',
  'incoming.import': '导入历史收文',
  'docnumber.reserve': '预留文号',
  'docnumber.void': '作废文号',
  // Registers kept as records (会议, 议题, 督查通报, 指标数值, 总结模板 …): records.store writes `record.<action>`.
  'record.create': '新增记录',
  'record.update': '修改记录',
  'record.edit': '修改记录',
  'record.notice': '发送会议通知',
  'record.receipt': '会议回执',
  'record.hold': '确认会议已召开',
  'record.cancel': '取消会议',
  'record.reschedule': '会议改期',
  'record.set_agenda': '确定议程',
  'record.schedule': '议题列入议程',
  'record.unschedule': '议题移出议程',
  'record.legal_review': '议题合法性审查',
  'record.sign_in': '会议签到',
  'record.absence': '会议请假',
  'record.issue': '印发通报',
  'record.supersede': '指标数值被更正',
  'record.retire': '停用总结模板',
};

/** One role of the access map, as the 角色与权限 page shows it. */
export const RoleView = z.object({
  role: RoleSchema,
  label: z.string(),
  description: z.string(),
  scope: z.enum(['all', 'unit']),
  permissions: z.array(z.object({ code: PermissionSchema, label: z.string() })),
});
export type RoleView = z.infer<typeof RoleView>;
