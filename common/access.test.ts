import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adminRoles, menu, menuFor, Permission, permissionsOf, Role, roles, scopeOf } from './access.js';
import { checkRoleCombination } from '../server/src/modules/org/users.service.js';

test('the audit administrator holds only audit.read; nobody else does', () => {
  assert.deepEqual(permissionsOf(['auditor']), ['audit.read']);
  for (const role of Role.options.filter((r) => r !== 'auditor')) {
    assert.ok(!roles[role].permissions.includes('audit.read'), role);
  }
});

test('account management and role assignment belong to different administrators', () => {
  const holders = (permission: string) => Role.options.filter((r) => (roles[r].permissions as readonly string[]).includes(permission));
  assert.deepEqual(holders('user.manage'), ['sysadmin']);
  assert.deepEqual(holders('unit.manage'), ['sysadmin']);
  assert.deepEqual(holders('role.assign'), ['secadmin']);
  assert.deepEqual(holders('policy.manage'), ['secadmin']);
});

test('no administrator takes part in cases', () => {
  for (const admin of adminRoles) assert.ok(!roles[admin].permissions.includes('case.work'), admin);
});

test('a 联络员 is scoped to their unit; any office role widens the scope', () => {
  assert.equal(scopeOf(['liaison']), 'unit');
  assert.equal(scopeOf(['liaison', 'clerk']), 'all');
});

test('the menu shows only entries the user may use', () => {
  assert.deepEqual(menuFor([]).map((e) => e.key), ['profile']);
  assert.deepEqual(menuFor(permissionsOf(['liaison'])).map((e) => e.key), ['inbox', 'cases', 'metrics', 'disclosure', 'meetings', 'supervision', 'proposals', 'hotline', 'hotspots', 'delegations', 'calendar', 'profile']);
  assert.deepEqual(menuFor(permissionsOf(['auditor'])).map((e) => e.key), ['audit', 'profile']);
  assert.deepEqual(menuFor(permissionsOf(['sysadmin'])).map((e) => e.key), ['units', 'users', 'roles', 'outgoing-config', 'settings', 'transfer', 'calendar', 'profile']);
  assert.deepEqual(menuFor(permissionsOf(['clerk'])).map((e) => e.key), ['inbox', 'cases', 'metrics', 'doc-numbers', 'disclosure', 'meetings', 'summaries', 'person-search', 'delegations', 'calendar', 'profile']);
  assert.deepEqual(menuFor(permissionsOf(['leader'])).map((e) => e.key), ['inbox', 'cases', 'dashboard', 'metrics', 'doc-numbers', 'disclosure', 'meetings', 'supervision', 'proposals', 'summaries', 'hotline', 'hotspots', 'delegations', 'calendar', 'profile']);
  assert.deepEqual(menuFor(permissionsOf(['secadmin'])).map((e) => e.key), ['users', 'password-resets', 'roles', 'policy', 'profile']);
});

test('every permission has a page: its own menu entry, or buttons on the page named here', () => {
  // Permissions that act inside another entry's page rather than opening one of their own.
  const actsOn: Partial<Record<Permission, string>> = {
    'org.read': 'users', // the unit tree and people lists every form picks from
    'user.manage': 'users',
    'user.reset_request': 'users',
    'role.assign': 'users',
    'calendar.manage': 'calendar',
    'disclosure.publish': 'disclosure', // 登记、修改、废止 on the 政务公开 page
    'meeting.manage': 'meetings', // 预订会议室、通知、签到 on the 会议 pages
    'agenda.submit': 'meetings',
    'agenda.review': 'meetings',
    'agenda.set': 'meetings',
    'supervision.manage': 'supervision', // 督办通知、督查通报、实地督查、督查建议 on the 督查督办 page
    'proposal.manage': 'proposals', // 导入、交办会、征询意见表 on the 建议提案 page
    'summary.write': 'summaries', // 生成、修改 on the 工作总结 pages
    'summary.template': 'summaries',
    'metric.enter': 'metrics', // 录入 on the 数据统计 cards of entered metrics
    'hotline.manage': 'hotline', // 诉求分类、职责清单 on the 12345热线 page
  };
  for (const permission of Permission.options) {
    const page = menu.find((entry) => entry.permission === permission)?.key ?? actsOn[permission];
    assert.ok(page && menu.some((entry) => entry.key === page), `${permission} has no page`);
  }
});

test('role combinations: one administrator role alone, or business roles', () => {
  assert.equal(checkRoleCombination(['clerk', 'inspector']), undefined);
  assert.equal(checkRoleCombination(['auditor']), undefined);
  for (const [a, b] of [['sysadmin', 'secadmin'], ['sysadmin', 'auditor'], ['secadmin', 'auditor']] as const) {
    assert.match(checkRoleCombination([a, b]) ?? '', /三员分立/);
  }
  for (const admin of adminRoles) assert.match(checkRoleCombination([admin, 'leader']) ?? '', /业务角色/);
});
