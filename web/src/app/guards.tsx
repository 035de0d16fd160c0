/** Route guards: the same access map (common/access.ts) decides menu entries and pages. */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { isAdminRole, menuFor, roles, type Permission } from '../../../common/access.js';
import type { CurrentUser } from '../../../common/schemas/auth.js';

/** Where a user lands after signing in: the first page the menu offers. */
export const homePathFor = (user: CurrentUser): string => menuFor(user.permissions)[0]?.path ?? '/profile';

/**
 * Whom to ask depends on who asks: business roles are granted by the 安全管理员, but the 三员 are
 * separated on purpose and their roles change only from the server's command line.
 */
export const forbiddenReason = (user: CurrentUser): string => {
  const adminRole = user.roles.find(isAdminRole);
  if (adminRole) return `此页面不属于${roles[adminRole].label}的职责（三员分立），管理员角色只能由服务器操作员使用命令行调整。`;
  return '您没有访问此页面的权限，如需使用请联系安全管理员授权。';
};

export const Forbidden = ({ user }: { user: CurrentUser }) => (
  <Result
    status="403"
    title="403"
    subTitle={forbiddenReason(user)}
    extra={
      <Link to={homePathFor(user)}>
        <Button type="primary">返回首页</Button>
      </Link>
    }
  />
);

export const NotFound = ({ homePath }: { homePath: string }) => (
  <Result
    status="404"
    title="404"
    subTitle="页面不存在。"
    extra={
      <Link to={homePath}>
        <Button type="primary">返回首页</Button>
      </Link>
    }
  />
);

/** Shows the page only when the user holds the permission (no permission = open to all). */
export const RequirePermission = ({
  user,
  permission,
  children,
}: {
  user: CurrentUser;
  permission?: Permission;
  children: ReactNode;
}) => {
  if (permission && !user.permissions.includes(permission)) return <Forbidden user={user} />;
  return <>{children}</>;
};
