/**
 * The access map: roles, the permissions each grants, and the menu they open.
 * Server (route guards) and web (menu) both read this one declaration. Plain lists, no zod: the web
 * shell reads this file before any page, and the schemas that check a role or permission in a request
 * (common/schemas/access.ts) load with the pages that need them.
 */

/** Permission codes, `<object>.<verb>`. */
const permissionCodes = [
  'org.read', // read the unit tree and the people in it (within the actor's scope)
  'unit.manage', // create, edit, disable units
  'user.read', // read user accounts (admin view)
  'user.manage', // create, edit, disable, lock/unlock accounts
  'user.reset_request', // ask for a password reset (two-person rule: half of the temporary password)
  'user.reset_approve', // approve or reject a password reset (the other half)
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
  'disclosure.read', // read the 主动公开 register and the 政府信息公开工作年度报告
  'disclosure.publish', // register, edit and repeal 主动公开 entries (a 联络员 for their own unit)
  'pii.reveal', // show a citizen's masked personal data in full (audited) and find a person's cases by phone or ID number
  'supervision.read', // the 督查督办 page: items with their light (a 联络员 sees their unit's only)
  'supervision.manage', // what the 督查室 sends and records: 督办通知, 督查通报, 实地督查, 督查建议
  'meeting.read', // see meetings, rooms, 议题 and the leaders' week (领导日程)
  'meeting.manage', // arrange meetings: book rooms, send 会议通知, sign-in, absences, 会风会纪通报, meeting types (秘书科)
  'agenda.submit', // submit 议题 with materials for a meeting (a 联络员 for their own unit)
  'agenda.review', // 合法性审查 of 议题 (法制科)
  'agenda.set', // set a meeting's agenda (秘书长, 办公室主任)
  'dashboard.read', // the 领导驾驶舱: headline figures, this year against last, units ranked, what is red today
  'summary.read', // read the 年度工作总结 and other drafts written from the metrics, and their templates
  'summary.write', // make and edit such drafts (综合科, 秘书科, 信息科, the director)
  'summary.template', // edit the office's summary templates (the director)
  'metric.enter', // enter the figures that are reported to the office rather than counted (info.score, info.rank, costs.yoy), with their source
  'proposal.read', // the 建议提案 board: 人大代表建议 and 政协提案 (a 联络员 sees those given to their unit)
  'proposal.manage', // register and import 建议提案, hold the 交办会, send the deputy's 征询意见表 link
  'hotline.read', // 12345 热线: the ticket ledger and the 三率 (a 联络员 sees their unit's tickets only)
  'hotline.manage', // 12345 热线: the category tree and each unit's 职责清单
] as const;
export type Permission = (typeof permissionCodes)[number];
export const Permission = { options: permissionCodes } as const;

/** Role codes. The first three are the separated administrators required by 等保 (三员分立). */
const roleCodes = [
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
] as const;
export type Role = (typeof roleCodes)[number];
export const Role = { options: roleCodes } as const;

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (roleCodes as readonly string[]).includes(value);

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
    description: '管理账号、单位、工作日历、系统配置和发文设置，批量移交工作；不能授权，不能查看审计日志',
    scope: 'all',
    permissions: ['org.read', 'unit.manage', 'user.read', 'user.manage', 'user.reset_request', 'role.read', 'calendar.read', 'calendar.manage', 'config.manage', 'work.transfer'],
  },
  secadmin: {
    label: '安全管理员',
    description: '分配业务角色、管理安全策略、批准密码重置；不能管理账号，不能查看审计日志',
    scope: 'all',
    permissions: ['org.read', 'user.read', 'role.read', 'role.assign', 'policy.manage', 'user.reset_approve'],
  },
  auditor: {
    label: '审计管理员',
    description: '只读审计日志；不能修改任何数据，看不到业务内容',
    scope: 'all',
    permissions: ['audit.read'],
  },
  leader: {
    label: '政府领导',
    description: '市长、副市长、秘书长：收文批示、发文签发、批示件审阅，查看台账和统计',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read', 'disclosure.read', 'supervision.read', 'meeting.read', 'agenda.set', 'summary.read', 'dashboard.read', 'proposal.read', 'hotline.read'],
  },
  director: {
    label: '办公室主任',
    description: '办公室负责人：收文拟办、发文审核、批示件交办、文稿',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read', 'disclosure.read', 'disclosure.publish', 'pii.reveal', 'supervision.read', 'meeting.read', 'meeting.manage', 'agenda.set', 'supervision.manage', 'metric.enter', 'summary.read', 'summary.write', 'summary.template', 'dashboard.read', 'proposal.read', 'proposal.manage', 'hotline.read', 'hotline.manage'],
  },
  clerk: {
    label: '秘书科工作人员',
    description: '收文登记与办理、发文拟稿至归档、领导批示件、文稿',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read', 'disclosure.read', 'disclosure.publish', 'pii.reveal', 'meeting.read', 'meeting.manage', 'agenda.submit', 'summary.read', 'summary.write'],
  },
  inspector: {
    label: '督查室工作人员',
    description: '领导批示件登记、交办和跟踪，起草文稿，查阅收文和发文',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'docnumber.read', 'pii.reveal', 'supervision.read', 'meeting.read', 'supervision.manage', 'proposal.read', 'proposal.manage'],
  },
  info_staff: {
    label: '信息科工作人员',
    description: '起草文稿（政务信息模块尚未上线）',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'disclosure.read', 'disclosure.publish', 'pii.reveal', 'meeting.read', 'metric.enter', 'summary.read', 'summary.write'],
  },
  hotline_staff: {
    label: '12345热线工作人员',
    description: '12345热线：登记工单、派单、退单审核与改派、延期审批、回访，维护诉求分类和职责清单',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'pii.reveal', 'meeting.read', 'hotline.read', 'hotline.manage'],
  },
  duty_staff: {
    label: '值班室工作人员',
    description: '值班模块尚未上线，目前没有可办理的事项',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'pii.reveal', 'meeting.read'],
  },
  legal_staff: {
    label: '法制科工作人员',
    description: '查阅发文（合法性审查模块尚未上线）',
    scope: 'all',
    permissions: ['org.read', 'case.work', 'calendar.read', 'disclosure.read', 'pii.reveal', 'meeting.read', 'agenda.review'],
  },
  liaison: {
    label: '承办单位联络员',
    description: '只能看到并办理本单位的事项：签收、办理答复',
    scope: 'unit',
    permissions: ['org.read', 'case.work', 'calendar.read', 'disclosure.read', 'disclosure.publish', 'supervision.read', 'meeting.read', 'agenda.submit', 'proposal.read', 'hotline.read'],
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
  'user.reset_request': '发起密码重置',
  'user.reset_approve': '批准密码重置',
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
  'disclosure.read': '查看主动公开登记和政府信息公开年度报告',
  'disclosure.publish': '登记、修改、废止主动公开事项',
  'pii.reveal': '查看个人信息全文（留审计记录）、按电话或身份证号查找当事人',
  'supervision.read': '查看督查督办事项及其亮灯（联络员只看本单位）',
  'supervision.manage': '发督办通知、编督查通报、登记实地督查和督查建议',
  'meeting.read': '查看会议、会议室、议题和领导日程',
  'meeting.manage': '安排会议：预订会议室、发送会议通知、签到、缺席登记、会风会纪通报',
  'agenda.submit': '报送会议议题',
  'agenda.review': '议题合法性审查',
  'agenda.set': '确定会议议程',
  'dashboard.read': '查看领导驾驶舱',
  'summary.read': '查看工作总结、简报草稿及其模板',
  'summary.write': '生成和修改工作总结、简报草稿',
  'summary.template': '修改本办的总结模板',
  'metric.enter': '录入上报而非统计得出的指标数值（如政务信息考核得分、排名），注明来源',
  'proposal.read': '查看人大代表建议和政协提案（联络员只看交本单位办理的）',
  'proposal.manage': '登记、导入、交办建议提案，发送征询意见表',
  'hotline.read': '查看12345热线工单台账和三率排名（联络员只看本单位）',
  'hotline.manage': '维护12345热线诉求分类和各单位职责清单',
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
  { key: 'dashboard', label: '领导驾驶舱', path: '/dashboard', permission: 'dashboard.read' },
  { key: 'metrics', label: '数据统计', path: '/metrics', permission: 'case.work' },
  { key: 'doc-numbers', label: '文号登记簿', path: '/doc-numbers', permission: 'docnumber.read' },
  { key: 'disclosure', label: '政务公开', path: '/disclosure', permission: 'disclosure.read' },
  { key: 'meetings', label: '会议', path: '/meetings', permission: 'meeting.read' },
  { key: 'supervision', label: '督查督办', path: '/supervision', permission: 'supervision.read' },
  { key: 'proposals', label: '建议提案', path: '/proposals', permission: 'proposal.read' },
  { key: 'summaries', label: '工作总结', path: '/summaries', permission: 'summary.read' },
  { key: 'hotline', label: '12345热线', path: '/hotline', permission: 'hotline.read' },
  { key: 'hotspots', label: '热线热点', path: '/hotspots', permission: 'hotline.read' },
  { key: 'person-search', label: '当事人查询', path: '/person-search', permission: 'pii.reveal' },
  { key: 'delegations', label: 'AB角设置', path: '/delegations', permission: 'case.work' },
  { key: 'units', label: '单位管理', path: '/admin/units', permission: 'unit.manage' },
  { key: 'users', label: '用户管理', path: '/admin/users', permission: 'user.read' },
  { key: 'password-resets', label: '密码重置审批', path: '/admin/password-resets', permission: 'user.reset_approve' },
  { key: 'roles', label: '角色与权限', path: '/admin/roles', permission: 'role.read' },
  { key: 'outgoing-config', label: '发文设置', path: '/admin/outgoing', permission: 'config.manage' },
  { key: 'settings', label: '系统配置', path: '/admin/settings', permission: 'config.manage' },
  { key: 'transfer', label: '批量移交', path: '/admin/transfer', permission: 'work.transfer' },
  { key: 'policy', label: '安全策略', path: '/admin/policy', permission: 'policy.manage' },
  { key: 'audit', label: '审计日志', path: '/admin/audit', permission: 'audit.read' },
  { key: 'calendar', label: '工作日历', path: '/calendar', permission: 'calendar.read' },
  { key: 'profile', label: '个人设置', path: '/profile' },
];

export const menuFor = (permissionList: readonly Permission[]): MenuEntry[] =>
  menu.filter((entry) => !entry.permission || permissionList.includes(entry.permission));
