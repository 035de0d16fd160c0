/**
 * 分配角色: business roles only. The three administrator roles (三员) are granted and revoked
 * only from the server's command line (fuban grant-admin / revoke-admin); the server refuses them here.
 */
import { Alert, Checkbox, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { isAdminRole, Role, roles } from '../../../../../common/access.js';
import type { User } from '../../../../../common/schemas/org.js';
import { isConflict, notifySuccess } from '../../../app/request.js';
import { useSetRoles } from './api.js';

const businessRoles = Role.options.filter((role) => !isAdminRole(role));

export const RolesModal = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const [selected, setSelected] = useState<Role[]>(user.roles);
  const setRoles = useSetRoles();

  const save = () =>
    setRoles.mutate(
      { id: user.id, input: { version: user.version, roles: businessRoles.filter((role) => selected.includes(role)) } },
      {
        onSuccess: () => {
          notifySuccess(`已更新 ${user.displayName} 的角色`);
          onClose();
        },
        // The list has reloaded; reopening starts from the fresh version.
        onError: (error) => {
          if (isConflict(error)) onClose();
        },
      },
    );

  const renderOption = (role: Role) => (
    <Checkbox key={role} value={role}>
      <span>{roles[role].label}</span>
      <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
        {roles[role].description}
      </Typography.Text>
    </Checkbox>
  );

  return (
    <Modal
      open
      title={`分配角色：${user.displayName}（${user.username}）`}
      okText="保存"
      onOk={save}
      onCancel={onClose}
      confirmLoading={setRoles.isPending}
      mask={{ closable: false }}
      width={640}
    >
      <Alert
        type="info"
        showIcon
        title="系统管理员、安全管理员、审计管理员（三员）只能由服务器操作员使用命令行授予或撤销，此处只分配业务角色。"
        style={{ margin: '16px 0' }}
      />
      <Checkbox.Group value={selected} onChange={(next) => setSelected(next as Role[])} style={{ width: '100%' }}>
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Typography.Text strong>业务角色</Typography.Text>
          {businessRoles.map(renderOption)}
        </Space>
      </Checkbox.Group>
    </Modal>
  );
};
