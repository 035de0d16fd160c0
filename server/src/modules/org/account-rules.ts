/**
 * Which account actions a reader may take on an account: the one rule the use cases enforce and the
 * user list exposes per row, so the page shows only buttons that will be accepted (三员分立).
 */
import { isAdminRole, type Role } from '../../../../common/access.js';
import type { UserAction } from '../../../../common/schemas/org.js';
import type { Actor } from '../../platform/actor.js';
import { can } from '../../platform/scope.js';

type Account = { id: string; roles: readonly Role[]; isActive: boolean; isLocked: boolean };

/**
 * Administrator accounts (系统、安全、审计管理员) are looked after only from the command line by whoever
 * runs the server, so that no administrator can take over, lock out or strip another through the web.
 */
export const adminAccountRefusal = '管理员（三员）账号只能由服务器操作员使用命令行 fuban 工具管理';

/** Why the reader may not change this account through the web, or undefined when they may. */
export const whyCannotManageAccount = (reader: Pick<Actor, 'userId'>, target: Pick<Account, 'id' | 'roles'>): string | undefined => {
  if (target.id === reader.userId) return '不能在此处修改自己的账号，请到个人设置';
  if (target.roles.some(isAdminRole)) return adminAccountRefusal;
  return undefined;
};

/** The actions the reader may take on this account now, in the order the page shows them. */
export const allowedAccountActions = (reader: Actor, target: Account): UserAction[] => {
  if (whyCannotManageAccount(reader, target)) return [];
  const actions: UserAction[] = [];
  if (can(reader, 'user.manage')) actions.push('edit');
  if (can(reader, 'user.reset_request')) actions.push('reset_password');
  if (can(reader, 'user.manage')) actions.push(target.isLocked ? 'unlock' : 'lock', target.isActive ? 'deactivate' : 'activate');
  if (can(reader, 'role.assign')) actions.push('roles');
  return actions;
};
