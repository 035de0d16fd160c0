/** 个人设置: the signed-in account and the change-password form. */
import { Descriptions, Divider, Typography } from 'antd';
import { useCurrentUser } from '../../app/current-user.js';
import { formatDateTime } from '../../app/time.js';
import { PageContainer } from '../../components/PageContainer.js';
import { RoleTags } from '../../components/RoleTags.js';
import { ChangePasswordForm } from '../auth/ChangePasswordForm.js';

const scopeLabels = { all: '全部单位', unit: '本单位' } as const;

export const ProfilePage = () => {
  const user = useCurrentUser();
  return (
    <PageContainer title="个人设置">
      <Descriptions
        title="账号信息"
        column={{ xs: 1, md: 2 }}
        bordered
        size="middle"
        items={[
          { key: 'username', label: '用户名', children: user.username },
          { key: 'displayName', label: '姓名', children: user.displayName },
          { key: 'unit', label: '所属单位', children: user.unitName },
          { key: 'scope', label: '数据范围', children: scopeLabels[user.scope] },
          { key: 'roles', label: '角色', children: <RoleTags value={user.roles} />, span: 2 },
          {
            key: 'expires',
            label: '密码有效期至',
            children: user.passwordExpiresAt ? formatDateTime(user.passwordExpiresAt) : '长期有效',
            span: 2,
          },
        ]}
      />
      <Divider />
      <Typography.Title level={5}>修改密码</Typography.Title>
      <ChangePasswordForm />
    </PageContainer>
  );
};
