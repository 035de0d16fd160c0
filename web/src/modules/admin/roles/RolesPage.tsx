/** 角色与权限: read-only view of what each role may do. */
import { Table, type TableColumnsType, Tag, Typography } from 'antd';
import { isAdminRole } from '../../../../../common/access.js';
import { PageContainer } from '../../../components/PageContainer.js';
import { type RoleView, useRoles } from './api.js';

const scopeLabels = { all: '全部单位', unit: '本单位' } as const;

const columns: TableColumnsType<RoleView> = [
  {
    title: '角色',
    dataIndex: 'label',
    key: 'label',
    width: 200,
    render: (label: string, row) => <Tag color={isAdminRole(row.role) ? 'volcano' : 'blue'}>{label}</Tag>,
  },
  { title: '说明', dataIndex: 'description', key: 'description', width: 260 },
  { title: '数据范围', dataIndex: 'scope', key: 'scope', width: 110, render: (scope: RoleView['scope']) => scopeLabels[scope] },
  {
    title: '权限',
    dataIndex: 'permissions',
    key: 'permissions',
    render: (permissions: RoleView['permissions']) =>
      permissions.length ? (
        permissions.map((permission) => (
          <Tag key={permission.code}>
            {permission.label}
          </Tag>
        ))
      ) : (
        <Typography.Text type="secondary">无管理权限</Typography.Text>
      ),
  },
];

export const RolesPage = () => {
  const { data, isPending } = useRoles();
  return (
    <PageContainer title="角色与权限">
      <Typography.Paragraph type="secondary">
        角色及其权限由系统统一定义。系统管理员、安全管理员、审计管理员三员分立，互不兼任；角色的授予和撤销由安全管理员在“用户管理”中进行。
      </Typography.Paragraph>
      <Table<RoleView> rowKey="role" size="middle" columns={columns} dataSource={data} loading={isPending} pagination={false} scroll={{ x: 900 }} />
    </PageContainer>
  );
};
