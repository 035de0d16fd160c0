/**
 * The signed-in shell: header (office, user, 退出), side menu from the access map, page area.
 * Below the lg breakpoint (tablets, phones) the menu moves into a drawer opened from the header.
 */
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BulbOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FireOutlined,
  FlagOutlined,
  FormOutlined,
  InboxOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuOutlined,
  GlobalOutlined,
  NumberOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SearchOutlined,
  SettingOutlined,
  SwapOutlined,
  TeamOutlined,
  ToolOutlined,
  UserOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { Alert, Badge, Button, Drawer, Flex, Grid, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate, useNavigationType } from 'react-router';
import { isAdminRole, menuFor } from '../../../common/access.js';
import type { CurrentUser } from '../../../common/schemas/auth.js';
import { useLogout, useMe } from '../modules/auth/api.js';
import { ForcedPasswordPage } from '../modules/auth/ForcedPasswordPage.js';
import { ledgerPath, useKinds } from '../modules/cases/api.js';
import { useInboxCounts } from '../modules/work/api.js';
import { productName, titleFor, useOfficeName } from './brand.js';
import { CurrentUserContext } from './current-user.js';
import { useHealth } from './health.js';
import './layout.css';

// Decorative: a menu item is named by its label alone (an icon's own name, "phone", would join it).
const menuIcons: Record<string, ReactNode> = {
  inbox: <InboxOutlined aria-hidden />,
  cases: <FileTextOutlined aria-hidden />,
  dashboard: <DashboardOutlined aria-hidden />,
  metrics: <BarChartOutlined aria-hidden />,
  meetings: <ScheduleOutlined aria-hidden />,
  supervision: <FlagOutlined aria-hidden />,
  proposals: <BulbOutlined aria-hidden />,
  summaries: <ProfileOutlined aria-hidden />,
  hotline: <PhoneOutlined aria-hidden />,
  hotspots: <FireOutlined aria-hidden />,
  'person-search': <SearchOutlined aria-hidden />,
  'password-resets': <KeyOutlined aria-hidden />,
  'doc-numbers': <NumberOutlined aria-hidden />,
  disclosure: <GlobalOutlined aria-hidden />,
  'outgoing-config': <FormOutlined aria-hidden />,
  delegations: <UserSwitchOutlined aria-hidden />,
  calendar: <CalendarOutlined aria-hidden />,
  units: <ApartmentOutlined aria-hidden />,
  users: <TeamOutlined aria-hidden />,
  roles: <SafetyCertificateOutlined aria-hidden />,
  settings: <ToolOutlined aria-hidden />,
  transfer: <SwapOutlined aria-hidden />,
  policy: <SettingOutlined aria-hidden />,
  audit: <AuditOutlined aria-hidden />,
  profile: <UserOutlined aria-hidden />,
};

const Brand = ({ officeName }: { officeName: string }) => (
  <div className="fb-brand" title={titleFor(officeName)}>
    <span className="fb-brand-mark" aria-hidden>
      府
    </span>
    <span className="fb-brand-name">{productName}</span>
    <span className="fb-brand-sep">·</span>
    <span className="fb-brand-office">{officeName}</span>
  </div>
);

const UserBox = ({ user }: { user: CurrentUser }) => {
  const navigate = useNavigate();
  const logout = useLogout();
  const signOut = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  return (
    <Space size="middle" className="fb-userbox">
      <span data-testid="current-user">
        <UserOutlined /> {user.displayName}
        <Typography.Text type="secondary" className="fb-userbox-unit">
          {user.unitName}
        </Typography.Text>
      </span>
      <Button icon={<LogoutOutlined aria-hidden />} onClick={signOut} loading={logout.isPending}>
        退出
      </Button>
    </Space>
  );
};

type SideEntry = { key: string; label: ReactNode; path: string; icon: ReactNode };

/** 待办 with the number of open items, or a dot for unread 待阅/催办 (polled every minute). */
const InboxLabel = ({ label }: { label: string }) => {
  const { data: counts } = useInboxCounts();
  const todo = counts?.todo ?? 0;
  const unread = (counts?.toread ?? 0) + (counts?.remind ?? 0);
  return (
    <Flex justify="space-between" align="center" gap={8}>
      {label}
      <Badge
        count={todo || unread}
        dot={todo === 0 && unread > 0}
        overflowCount={99}
        size="small"
        title={`待办 ${todo} 件，未读待阅和催办 ${unread} 条`}
      />
    </Flex>
  );
};

/** The menu of the access map, with the 'cases' entry expanded into one 台账 per kind the user may view. */
const useSideEntries = (user: CurrentUser): SideEntry[] => {
  const entries = menuFor(user.permissions);
  const hasCases = entries.some((entry) => entry.key === 'cases');
  const { data: kinds = [] } = useKinds(hasCases);
  return entries.flatMap((entry): SideEntry[] => {
    if (entry.key === 'cases') {
      return kinds
        .filter((kind) => kind.canView)
        .map((kind) => ({ key: `cases:${kind.id}`, label: `${kind.label}台账`, path: ledgerPath(kind.id), icon: menuIcons.cases }));
    }
    const label = entry.key === 'inbox' ? <InboxLabel label={entry.label} /> : entry.label;
    return [{ key: entry.key, label, path: entry.path, icon: menuIcons[entry.key] }];
  });
};

const SideMenu = ({ user, onNavigate }: { user: CurrentUser; onNavigate?: () => void }) => {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const entries = useSideEntries(user);
  const selected = entries.find((entry) => pathname === entry.path || pathname.startsWith(`${entry.path}/`));
  return (
    <Menu
      mode="inline"
      aria-label="主菜单"
      selectedKeys={selected ? [selected.key] : []}
      items={entries.map((entry) => ({ key: entry.key, icon: entry.icon, label: entry.label }))}
      onClick={({ key }) => {
        const entry = entries.find((item) => item.key === key);
        if (entry) navigate(entry.path);
        onNavigate?.();
      }}
    />
  );
};

const HealthNotice = () => {
  const { data } = useHealth(true);
  if (!data?.warnings.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      closable
      className="fb-health"
      title="系统提示"
      description={
        <ul className="fb-health-list">
          {data.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      }
    />
  );
};

/**
 * A new page opens at its top: the window keeps its scroll across client-side navigations, so after 签批 at the
 * foot of a long case the 待办 opened scrolled down. Back and Forward (POP) keep what the browser restores.
 */
const useScrollToTopOnNewPage = () => {
  const { pathname } = useLocation();
  const navigationType = useNavigationType();
  // On the path alone: a filter kept in the query (a REPLACE on the same page) leaves the scroll where it is.
  useEffect(() => {
    if (navigationType !== 'POP') window.scrollTo(0, 0);
  }, [pathname]);
};

const Shell = ({ user }: { user: CurrentUser }) => {
  useScrollToTopOnNewPage();
  const { data: health } = useHealth(true);
  const officeName = useOfficeName();
  const isForced = user.mustChangePassword;
  // Until the first measurement `lg` is undefined: the wide layout is assumed.
  const isNarrow = Grid.useBreakpoint().lg === false;
  const [isMenuOpen, setIsMenuOpen] = useState(false);
  return (
    <Layout className="fb-shell">
      <Layout.Header className="fb-header">
        <Flex align="center" gap={4} className="fb-header-start">
          {isNarrow && !isForced && (
            <Button type="text" icon={<MenuOutlined />} aria-label="打开菜单" className="fb-menu-button" onClick={() => setIsMenuOpen(true)} />
          )}
          <Brand officeName={officeName} />
        </Flex>
        <UserBox user={user} />
      </Layout.Header>
      {isNarrow && !isForced && (
        <Drawer
          open={isMenuOpen}
          placement="left"
          size={240}
          title={productName}
          onClose={() => setIsMenuOpen(false)}
          className="fb-menu-drawer"
          styles={{ body: { padding: 0 } }}
        >
          <SideMenu user={user} onNavigate={() => setIsMenuOpen(false)} />
        </Drawer>
      )}
      <Layout>
        {!isForced && !isNarrow && (
          <Layout.Sider width={208} className="fb-sider">
            <SideMenu user={user} />
          </Layout.Sider>
        )}
        <Layout.Content className="fb-content">
          {!isForced && user.roles.some(isAdminRole) && <HealthNotice />}
          {isForced ? <ForcedPasswordPage /> : <Outlet />}
          <div className="fb-footer">
            {titleFor(officeName)}
            {health?.version ? ` · v${health.version}` : ''}
          </div>
        </Layout.Content>
      </Layout>
    </Layout>
  );
};

/** Guards everything under it: no session → login page; must change password → only that page. */
export const AppLayout = () => {
  const { data: user, isPending, isError, refetch } = useMe();
  const location = useLocation();

  if (isPending) {
    return (
      <div className="fb-center">
        <Spin size="large" />
      </div>
    );
  }
  if (isError) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle="请检查网络或稍后重试。"
        extra={<Button onClick={() => void refetch()}>重试</Button>}
      />
    );
  }
  if (!user) return <Navigate to="/login" replace state={{ from: location.pathname }} />;

  return (
    <CurrentUserContext value={user}>
      <Shell user={user} />
    </CurrentUserContext>
  );
};
