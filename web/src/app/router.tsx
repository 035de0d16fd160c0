/** Routes. Each page sits behind the permission its menu entry declares in common/access.ts. */
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { menu, type MenuEntry } from '../../../common/access.js';
import { AuditPage } from '../modules/admin/audit/AuditPage.js';
import { PolicyPage } from '../modules/admin/policy/PolicyPage.js';
import { RolesPage } from '../modules/admin/roles/RolesPage.js';
import { UnitsPage } from '../modules/admin/units/UnitsPage.js';
import { UsersPage } from '../modules/admin/users/UsersPage.js';
import { LoginPage } from '../modules/auth/LoginPage.js';
import { ProfilePage } from '../modules/profile/ProfilePage.js';
import { useCurrentUser } from './current-user.js';
import { homePathFor, NotFound, RequirePermission } from './guards.js';
import { AppLayout } from './layout.js';

/** Page for each menu key (common/access.ts); an entry without a page here shows 404. */
const pages: Record<string, ReactNode> = {
  units: <UnitsPage />,
  users: <UsersPage />,
  roles: <RolesPage />,
  policy: <PolicyPage />,
  audit: <AuditPage />,
  profile: <ProfilePage />,
};

const Guarded = ({ entry }: { entry: MenuEntry }) => (
  <RequirePermission user={useCurrentUser()} permission={entry.permission}>
    {pages[entry.key] ?? <NotFoundHere />}
  </RequirePermission>
);

const HomeRedirect = () => <Navigate to={homePathFor(useCurrentUser())} replace />;

const NotFoundHere = () => <NotFound homePath={homePathFor(useCurrentUser())} />;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <HomeRedirect /> },
      ...menu.map((entry) => ({ path: entry.path, element: <Guarded entry={entry} /> })),
      { path: '*', element: <NotFoundHere /> },
    ],
  },
]);
