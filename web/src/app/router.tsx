/** Routes. Each page sits behind the permission its menu entry declares in common/access.ts. */
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { menu, type MenuEntry } from '../../../common/access.js';
import { AuditPage } from '../modules/admin/audit/AuditPage.js';
import { OutgoingConfigPage } from '../modules/admin/outgoing/OutgoingConfigPage.js';
import { PolicyPage } from '../modules/admin/policy/PolicyPage.js';
import { RolesPage } from '../modules/admin/roles/RolesPage.js';
import { SettingsPage } from '../modules/admin/settings/SettingsPage.js';
import { TransferPage } from '../modules/admin/transfer/TransferPage.js';
import { PasswordResetsPage } from '../modules/admin/password-resets/PasswordResetsPage.js';
import { UnitsPage } from '../modules/admin/units/UnitsPage.js';
import { UsersPage } from '../modules/admin/users/UsersPage.js';
import { LoginPage } from '../modules/auth/LoginPage.js';
import { CalendarPage } from '../modules/calendar/CalendarPage.js';
import { CaseDetailPage } from '../modules/cases/CaseDetailPage.js';
import { CasesIndexPage, LedgerPage } from '../modules/cases/LedgerPage.js';
import { DisclosurePage } from '../modules/disclosure/DisclosurePage.js';
import { DocNumbersPage } from '../modules/doc-numbers/DocNumbersPage.js';
import { ImportPage } from '../modules/incoming/ImportPage.js';
import { MetricsPage } from '../modules/metrics/MetricsPage.js';
import { MeetingDetailPage } from '../modules/meeting/MeetingDetailPage.js';
import { MeetingsPage } from '../modules/meeting/MeetingsPage.js';
import { SignInPage } from '../modules/meeting/SignInPage.js';
import { OutgoingImportPage } from '../modules/outgoing-import/OutgoingImportPage.js';
import { PlanImportPage } from '../modules/plan-import/PlanImportPage.js';
import { PersonSearchPage } from '../modules/person/PersonSearchPage.js';
import { ProfilePage } from '../modules/profile/ProfilePage.js';
import { DelegationsPage } from '../modules/work/DelegationsPage.js';
import { SupervisionPage } from '../modules/supervision/SupervisionPage.js';
import { HotlinePage } from '../modules/hotline/HotlinePage.js';
import { InboxPage } from '../modules/work/InboxPage.js';
import { useCurrentUser } from './current-user.js';
import { homePathFor, NotFound, RequirePermission } from './guards.js';
import { AppLayout } from './layout.js';

/** Page for each menu key (common/access.ts); an entry without a page here shows 404. */
const pages: Record<string, ReactNode> = {
  inbox: <InboxPage />,
  cases: <CasesIndexPage />,
  metrics: <MetricsPage />,
  'doc-numbers': <DocNumbersPage />,
  disclosure: <DisclosurePage />,
  meetings: <MeetingsPage />,
  'person-search': <PersonSearchPage />,
  delegations: <DelegationsPage />,
  calendar: <CalendarPage />,
  units: <UnitsPage />,
  users: <UsersPage />,
  roles: <RolesPage />,
  'password-resets': <PasswordResetsPage />,
  'outgoing-config': <OutgoingConfigPage />,
  settings: <SettingsPage />,
  transfer: <TransferPage />,
  policy: <PolicyPage />,
  audit: <AuditPage />,
  profile: <ProfilePage />,
  supervision: <SupervisionPage />,
  hotline: <HotlinePage />,
};

/**
 * Pages below a menu entry's path, behind the same permission: /cases/:kind (台账), /cases/:kind/:id
 * (详情); a fixed path such as /cases/incoming/import ranks before the :kind/:id pattern.
 */
const subPages: Record<string, Array<{ path: string; element: ReactNode }>> = {
  cases: [
    { path: 'incoming/import', element: <ImportPage /> },
    { path: 'outgoing/import', element: <OutgoingImportPage /> },
    { path: 'supervision/import', element: <PlanImportPage /> },
    { path: ':kind', element: <LedgerPage /> },
    { path: ':kind/:id', element: <CaseDetailPage /> },
  ],
  meetings: [
    { path: ':id', element: <MeetingDetailPage /> },
    { path: ':id/sign-in', element: <SignInPage /> },
  ],
};

const Guarded = ({ entry, page }: { entry: MenuEntry; page?: ReactNode }) => (
  <RequirePermission user={useCurrentUser()} permission={entry.permission}>
    {page ?? pages[entry.key] ?? <NotFoundHere />}
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
      ...menu.flatMap((entry) => [
        { path: entry.path, element: <Guarded entry={entry} /> },
        ...(subPages[entry.key] ?? []).map((sub) => ({
          path: `${entry.path}/${sub.path}`,
          element: <Guarded entry={entry} page={sub.element} />,
        })),
      ]),
      { path: '*', element: <NotFoundHere /> },
    ],
  },
]);
