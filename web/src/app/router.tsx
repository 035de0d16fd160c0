/** Routes. Each page sits behind the permission its menu entry declares in common/access.ts. */
import type { ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { menu, type MenuEntry } from '../../../common/access.js';
import { LoginPage } from '../modules/auth/LoginPage.js';
import { InboxPage } from '../modules/work/InboxPage.js';
import { useCurrentUser } from './current-user.js';

import { homePathFor, NotFound, RequirePermission } from './guards.js';
import { AppLayout } from './layout.js';
import { lazyPage, PageSuspense } from './lazy-page.js';

// Every page but 登录 and 待办 (the landing page) is fetched when first opened: see lazy-page.tsx.
const AuditPage = lazyPage(() => import('../modules/admin/audit/AuditPage.js'), 'AuditPage');
const OutgoingConfigPage = lazyPage(() => import('../modules/admin/outgoing/OutgoingConfigPage.js'), 'OutgoingConfigPage');
const PolicyPage = lazyPage(() => import('../modules/admin/policy/PolicyPage.js'), 'PolicyPage');
const RolesPage = lazyPage(() => import('../modules/admin/roles/RolesPage.js'), 'RolesPage');
const SettingsPage = lazyPage(() => import('../modules/admin/settings/SettingsPage.js'), 'SettingsPage');
const TransferPage = lazyPage(() => import('../modules/admin/transfer/TransferPage.js'), 'TransferPage');
const PasswordResetsPage = lazyPage(() => import('../modules/admin/password-resets/PasswordResetsPage.js'), 'PasswordResetsPage');
const UnitsPage = lazyPage(() => import('../modules/admin/units/UnitsPage.js'), 'UnitsPage');
const UsersPage = lazyPage(() => import('../modules/admin/users/UsersPage.js'), 'UsersPage');
const CalendarPage = lazyPage(() => import('../modules/calendar/CalendarPage.js'), 'CalendarPage');
const CaseDetailPage = lazyPage(() => import('../modules/cases/CaseDetailPage.js'), 'CaseDetailPage');
const CasesIndexPage = lazyPage(() => import('../modules/cases/LedgerPage.js'), 'CasesIndexPage');
const LedgerPage = lazyPage(() => import('../modules/cases/LedgerPage.js'), 'LedgerPage');
const DisclosurePage = lazyPage(() => import('../modules/disclosure/DisclosurePage.js'), 'DisclosurePage');
const DocNumbersPage = lazyPage(() => import('../modules/doc-numbers/DocNumbersPage.js'), 'DocNumbersPage');
const ImportPage = lazyPage(() => import('../modules/incoming/ImportPage.js'), 'ImportPage');
const MetricsPage = lazyPage(() => import('../modules/metrics/MetricsPage.js'), 'MetricsPage');
const MeetingDetailPage = lazyPage(() => import('../modules/meeting/MeetingDetailPage.js'), 'MeetingDetailPage');
const MeetingsPage = lazyPage(() => import('../modules/meeting/MeetingsPage.js'), 'MeetingsPage');
const SignInPage = lazyPage(() => import('../modules/meeting/SignInPage.js'), 'SignInPage');
const OutgoingImportPage = lazyPage(() => import('../modules/outgoing-import/OutgoingImportPage.js'), 'OutgoingImportPage');
const PlanImportPage = lazyPage(() => import('../modules/plan-import/PlanImportPage.js'), 'PlanImportPage');
const PersonSearchPage = lazyPage(() => import('../modules/person/PersonSearchPage.js'), 'PersonSearchPage');
const ProfilePage = lazyPage(() => import('../modules/profile/ProfilePage.js'), 'ProfilePage');
const DelegationsPage = lazyPage(() => import('../modules/work/DelegationsPage.js'), 'DelegationsPage');
const SupervisionPage = lazyPage(() => import('../modules/supervision/SupervisionPage.js'), 'SupervisionPage');
const SummariesPage = lazyPage(() => import('../modules/summary/SummariesPage.js'), 'SummariesPage');
const SummaryPage = lazyPage(() => import('../modules/summary/SummaryPage.js'), 'SummaryPage');
const SummaryTemplatesPage = lazyPage(() => import('../modules/summary/TemplatesPage.js'), 'TemplatesPage');
const SummaryTemplatePage = lazyPage(() => import('../modules/summary/TemplatePage.js'), 'TemplatePage');
// ECharts is drawn on the 领导驾驶舱 only: it travels with this page.
const DashboardPage = lazyPage(() => import('../modules/dashboard/DashboardPage.js'), 'DashboardPage');
const ProposalsPage = lazyPage(() => import('../modules/proposal/ProposalsPage.js'), 'ProposalsPage');
const ProposalImportPage = lazyPage(() => import('../modules/proposal/ProposalImportPage.js'), 'ProposalImportPage');
const SurveyPage = lazyPage(() => import('../modules/proposal/SurveyPage.js'), 'SurveyPage');
const HotlinePage = lazyPage(() => import('../modules/hotline/HotlinePage.js'), 'HotlinePage');
// The 热点 chart's ECharts travels in a chunk of its own, fetched by this page.
const HotspotsPage = lazyPage(() => import('../modules/hotline/HotspotsPage.js'), 'HotspotsPage');
const MailboxPage = lazyPage(() => import('../modules/hotline/mailbox/MailboxPage.js'), 'MailboxPage');
const MailboxQueryPage = lazyPage(() => import('../modules/hotline/mailbox/MailboxQueryPage.js'), 'MailboxQueryPage');

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
  summaries: <SummariesPage />,
  dashboard: <DashboardPage />,
  proposals: <ProposalsPage />,
  hotline: <HotlinePage />,
  hotspots: <HotspotsPage />,
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
    { path: 'proposal/import', element: <ProposalImportPage /> },
    { path: ':kind', element: <LedgerPage /> },
    { path: ':kind/:id', element: <CaseDetailPage /> },
  ],
  meetings: [
    { path: ':id', element: <MeetingDetailPage /> },
    { path: ':id/sign-in', element: <SignInPage /> },
  ],
  summaries: [
    { path: 'templates', element: <SummaryTemplatesPage /> },
    { path: 'templates/:key', element: <SummaryTemplatePage /> },
    { path: ':id', element: <SummaryPage /> },
  ],
};

const Guarded = ({ entry, page }: { entry: MenuEntry; page?: ReactNode }) => (
  <RequirePermission user={useCurrentUser()} permission={entry.permission}>
    <PageSuspense>{page ?? pages[entry.key] ?? <NotFoundHere />}</PageSuspense>
  </RequirePermission>
);

const HomeRedirect = () => <Navigate to={homePathFor(useCurrentUser())} replace />;

const NotFoundHere = () => <NotFound homePath={homePathFor(useCurrentUser())} />;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // The deputy's 征询意见表: a one-time link, no account, no layout.
  { path: '/survey/:token', element: <PageSuspense><SurveyPage /></PageSuspense> },
  // 市长信箱 for citizens: no account, no layout.
  { path: '/mailbox', element: <PageSuspense><MailboxPage /></PageSuspense> },
  { path: '/mailbox/query', element: <PageSuspense><MailboxQueryPage /></PageSuspense> },
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
