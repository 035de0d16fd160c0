/** 用户管理: search and page through accounts; account actions need user.manage, roles need role.assign. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Popconfirm, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { isAdminRole, Role, roles } from '../../../../../common/access.js';
import type { User } from '../../../../../common/schemas/org.js';
import { useCan } from '../../../app/current-user.js';
import { formatDateTime } from '../../../app/time.js';
import { notifySuccess } from '../../../app/request.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { RoleTags } from '../../../components/RoleTags.js';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect.js';
import { type UserSearch, useSetLocked, useUpdateUser, useUsers } from './api.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { RolesModal } from './RolesModal.js';
import { UserFormModal } from './UserFormModal.js';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'reset'; user: User }
  | { kind: 'roles'; user: User };

const roleOptions = Role.options.map((role) => ({ value: role, label: roles[role].label }));

const UserStatus = ({ user }: { user: User }) => {
  if (!user.isActive) return <Tag>停用</Tag>;
  return (
    <>
      {user.isLocked ? (
        <Tooltip title={user.lockedUntil ? `锁定至 ${formatDateTime(user.lockedUntil)}` : '已由管理员锁定'}>
          <Tag color="red">已锁定</Tag>
        </Tooltip>
      ) : (
        <Tag color="green">启用</Tag>
      )}
      {user.mustChangePassword && <Tag color="orange">需改密</Tag>}
    </>
  );
};

export const UsersPage = () => {
  const canManage = useCan('user.manage');
  const canAssign = useCan('role.assign');
  const [filters, setFilters] = useState<Omit<UserSearch, 'limit' | 'offset'>>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const search: UserSearch = { ...filters, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const { data, isFetching } = useUsers(search);
  const updateUser = useUpdateUser();
  const setLocked = useSetLocked();

  const applyFilters = (patch: Partial<typeof filters>) => {
    setFilters((previous) => ({ ...previous, ...patch }));
    setPage((previous) => ({ ...previous, current: 1 }));
  };

  const setActive = (user: User, isActive: boolean) =>
    updateUser.mutate(
      { id: user.id, input: { version: user.version, isActive } },
      { onSuccess: () => notifySuccess(isActive ? '账号已启用' : '账号已停用') },
    );

  const lock = (user: User, isLocked: boolean) =>
    setLocked.mutate({ user, isLocked }, { onSuccess: () => notifySuccess(isLocked ? '账号已锁定' : '账号已解锁') });

  // The server says per row what this reader may do (三员分立, not oneself): only those buttons show.
  const renderActions = (user: User) => {
    const allowed = new Set(user.allowedActions);
    if (allowed.size === 0) {
      const why = user.roles.some(isAdminRole) ? '管理员账号只能由服务器操作员使用命令行 fuban 工具管理' : '自己的账号请到个人设置修改';
      return (
        <Tooltip title={why}>
          <Typography.Text type="secondary">{user.roles.some(isAdminRole) ? '命令行管理' : '—'}</Typography.Text>
        </Tooltip>
      );
    }
    return (
      <Space size={0} wrap>
        {allowed.has('edit') && (
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user })}>
            编辑
          </Button>
        )}
        {allowed.has('reset_password') && (
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user })}>
            重置密码
          </Button>
        )}
        {allowed.has('unlock') && (
          <Button type="link" size="small" onClick={() => lock(user, false)}>
            解锁
          </Button>
        )}
        {allowed.has('lock') && (
          <Popconfirm title={`锁定 ${user.displayName} 的账号？`} okText="锁定" cancelText="取消" onConfirm={() => lock(user, true)}>
            <Button type="link" size="small">
              锁定
            </Button>
          </Popconfirm>
        )}
        {allowed.has('deactivate') && (
          <Popconfirm
            title={`停用 ${user.displayName} 的账号？`}
            description="停用后该账号不能登录。"
            okText="停用"
            cancelText="取消"
            onConfirm={() => setActive(user, false)}
          >
            <Button type="link" size="small" danger>
              停用
            </Button>
          </Popconfirm>
        )}
        {allowed.has('activate') && (
          <Button type="link" size="small" onClick={() => setActive(user, true)}>
            启用
          </Button>
        )}
        {allowed.has('roles') && (
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', user })}>
            分配角色
          </Button>
        )}
      </Space>
    );
  };

  const columns: TableColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username', width: 140 },
    {
      title: '姓名',
      dataIndex: 'displayName',
      key: 'displayName',
      width: 140,
      render: (name: string, user) => (user.title ? `${name}（${user.title}）` : name),
    },
    { title: '单位', dataIndex: 'unitName', key: 'unitName' },
    { title: '角色', dataIndex: 'roles', key: 'roles', render: (value: User['roles']) => <RoleTags value={value} /> },
    { title: '状态', key: 'status', width: 130, render: (_value, user) => <UserStatus user={user} /> },
    { title: '最近登录', dataIndex: 'lastLoginAt', key: 'lastLoginAt', width: 170, render: formatDateTime },
    ...(canManage || canAssign
      ? [{ title: '操作', key: 'actions', width: canManage ? 260 : 100, render: (_value: unknown, user: User) => renderActions(user) }]
      : []),
  ];

  return (
    <PageContainer
      title="用户管理"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            新建账号
          </Button>
        )
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="用户名或姓名"
          aria-label="搜索用户"
          allowClear
          style={{ width: 240 }}
          onSearch={(value) => applyFilters({ q: value.trim() || undefined })}
        />
        <UnitTreeSelect
          isFilter
          aria-label="按单位筛选"
          placeholder="全部单位"
          allowClear
          style={{ width: 240 }}
          value={filters.unitId}
          onChange={(unitId) => applyFilters({ unitId: unitId ?? undefined })}
        />
        <Select<Role>
          aria-label="按角色筛选"
          placeholder="全部角色"
          allowClear
          style={{ width: 200 }}
          options={roleOptions}
          value={filters.role}
          onChange={(role) => applyFilters({ role: role ?? undefined })}
        />
      </Flex>
      <Table<User>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: page.current,
          pageSize: page.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => `共 ${total} 个账号`,
          onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
        }}
      />
      {dialog?.kind === 'create' && <UserFormModal user={null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <UserFormModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'roles' && <RolesModal user={dialog.user} onClose={() => setDialog(null)} />}
    </PageContainer>
  );
};
