/**
 * The access map: roles, the permissions each grants, and the menu they open.
 * Server (route guards) and web (menu) both read this one declaration.
 */
import { z } from 'zod';

/** Permission codes, `<object>.<verb>`. */
export const Permission = z.enum([
  'org.read', // read the unit tree and the people in it (within the actor's scope)
  'unit.manage', // create, edit, disable units
  'user.read', // read user accounts (admin view)
  'user.manage', // create, edit, disable, reset password, lock/unlock accounts
  'role.read', // read the role and permission map
  'role.assign', // grant and revoke roles
  'policy.manage', // password, lockout and session policy
  'audit.read', // read the audit log
  'calendar.manage', // edit the working-day calendar's overrides
  'config.manage', // system configuration (e.g. when a case turns 临期)
  'work.transfer', // move all open work of one user to another (批量移交)
  'case.work', // take part in cases: 待办, ledgers, AB角 (every business role; no administrator)
  'calendar.read', // view the working-day calendar
  'docnumber.read', // read the 文号 ledger (文号登记簿): the office and the leaders
]);
export type Permission = z.infer<typeof Permission>;

/** Role codes. The first three are the separated administrators required by 等保 (三员分立). */
export const Role = z.enum([
  'sysadmin',
  'secadmin',
  'auditor',
  'leader',
  'director',
  'clerk',
  'inspector',
  'info_staff',
  'hotline_staff',
  'duty_staff',
  'legal_staff',
  'liaison',
]);
export type Role = z.infer<typeof Role>;

/** The 三员: at most one of these on an account, and never together with a business role. */
export const adminRoles: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export const isAdminRole = (role: Role): boolean => adminRoles.includes(role);

/** Whose records a role sees: every unit, or only the actor's own unit. */
export type Scope = 'all' | 'unit';

type RoleDefinition = {
  label: string;
  description: string;
  scope: Scope;
  permissions: readonly Permission[];
};

export const roles: Record<Role, RoleDefinition> = {
  sysadmin: {
    label: '系统管理员',
    description: '管理账号、单位和系统配置；不能授权，不能查看审计日志',
    scope: 'all',
    permissions: ['org.read', 'unit.manage', 'user.read', 'user.manage', 'role.read', 'calendar.read', 'calendar.manage', 'config.manage', 'work.transfer'],
  },
  secadmin: {
    label: '安全管理员',
    description: '管理角色授权和安全策略；不能管理账号，不能查看审计日志',
    scope: 'all',
    permissions: ['org.read', 'user.read', 'role.read', 'role.assign', 'policy.manage'],
  },
  auditor: {
    label: '审计管理员',
    description: '只读审计日志；不能修改任何数据，看不到业务内容',
    scope: 'all',
    permissions: ['audit.read'],
  },
  leader: {
    label: '政府领导',
    description: '市长、副市长、秘书长：阅批、签发、查看全局',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read'],
  },
  director: {
    label: '办公室主任',
    description: '办公室负责人：拟办、审核、调度',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read'],
  },
  clerk: {
    label: '秘书科工作人员',
    description: '收文、发文、文稿、会务',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read'],
  },
  inspector: {
    label: '督查室工作人员',
    description: '督查督办、领导批示件、建议提案',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read'],
  },
  info_staff: {
    label: '信息科工作人员',
    description: '政务信息、期刊',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read'],
  },
  hotline_staff: {
    label: '12345热线工作人员',
    description: '热线工单受理、派单、回访',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read'],
  },
  duty_staff: {
    label: '值班室工作人员',
    description: '值班、突发事件信息报送',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read'],
  },
  legal_staff: {
    label: '法制科工作人员',
    description: '合法性审查、规范性文件',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read'],
  },
  liaison: {
    label: '承办单位联络员',
    description: '只能看到并办理本单位的事项',
    scope: 'unit',
    permissions: ['org.read', 'case.work', 'calendar.read'],
  },
};

/** Permissions of a set of roles (union). */
export const permissionsOf = (roleList: readonly Role[]): Permission[] => [
  ...new Set(roleList.flatMap((role) => roles[role].permissions)),
];

/** Widest scope of a set of roles: one role with 'all' is enough. */
export const scopeOf = (roleList: readonly Role[]): Scope =>
  roleList.some((role) => roles[role].scope === 'all') ? 'all' : 'unit';

export const permissionLabels: Record<Permission, string> = {
  'org.read': '查看单位和人员',
  'unit.manage': '管理单位',
  'user.read': '查看账号',
  'user.manage': '管理账号',
  'role.read': '查看角色与权限',
  'role.assign': '分配角色',
  'policy.manage': '管理安全策略',
  'audit.read': '查看审计日志',
  'calendar.manage': '维护工作日历',
  'config.manage': '系统配置',
  'work.transfer': '批量移交工作',
  'case.work': '办理事项（待办、台账、AB角）',
  'calendar.read': '查看工作日历',
  'docnumber.read': '查看文号登记簿',
};

/**
 * Menu entries. An entry is shown when the user holds its permission; entries
 * without a permission are open to every signed-in user. Add an entry only for
 * a page that exists.
 */
export type MenuEntry = { key: string; label: string; path: string; permission?: Permission };

export const menu: readonly MenuEntry[] = [
  { key: 'inbox', label: '待办', path: '/inbox', permission: 'case.work' },
  // One item per kind the user may view (GET /api/kinds, canView), e.g. 领导批示件台账; hidden when none.
  { key: 'cases', label: '事项台账', path: '/cases', permission: 'case.work' },
  { key: 'metrics', label: '数据统计', path: '/metrics', permission: 'case.work' },
  { key: 'doc-numbers', label: '文号登记簿', path: '/doc-numbers', permission: 'docnumber.read' },
  { key: 'delegations', label: 'AB角设置', path: '/delegations', permission: 'case.work' },
  { key: 'units', label: '单位管理', path: '/admin/units', permission: 'unit.manage' },
  { key: 'users', label: '用户管理', path: '/admin/users', permission: 'user.read' },
  { key: 'roles', label: '角色与权限', path: '/admin/roles', permission: 'role.read' },
  { key: 'outgoing-config', label: '发文设置', path: '/admin/outgoing', permission: 'config.manage' },
  { key: 'policy', label: '安全策略', path: '/admin/policy', permission: 'policy.manage' },
  { key: 'audit', label: '审计日志', path: '/admin/audit', permission: 'audit.read' },
  { key: 'calendar', label: '工作日历', path: '/calendar', permission: 'calendar.read' },
  { key: 'profile', label: '个人设置', path: '/profile' },
];

export const menuFor = (permissionList: readonly Permission[]): MenuEntry[] =>
  menu.filter((entry) => !entry.permission || permissionList.includes(entry.permission));
