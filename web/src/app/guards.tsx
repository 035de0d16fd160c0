/** Route guards: the same access map (common/access.ts) decides menu entries and pages. */
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { menuFor, type Permission } from '../../../common/access.js';
import type { CurrentUser } from '../../../common/schemas/auth.js';

/** Where a user lands after signing in: the first page the menu offers. */
export const homePathFor = (user: CurrentUser): string => menuFor(user.permissions)[0]?.path ?? '/profile';

export const Forbidden = ({ homePath }: { homePath: string }) => (
  <Result
    status="403"
    title="403"
    subTitle="您没有访问此页面的权限，如需使用请联系安全管理员授权。"
    extra={
      <Link to={homePath}>
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
  if (permission && !user.permissions.includes(permission)) return <Forbidden homePath={homePathFor(user)} />;
  return <>{children}</>;
};
