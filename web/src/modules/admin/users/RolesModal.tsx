/**
 * 分配角色. The three administrator roles (三员) are exclusive: at most one, and never
 * with a business role. The checkboxes follow that rule; the server enforces it.
 */
import { Alert, Checkbox, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { isAdminRole, Role, roles } from '../../../../../common/access.js';
import type { User } from '../../../../../common/schemas/org.js';
import { isConflict, notifySuccess } from '../../../app/request.js';
import { useSetRoles } from './api.js';

const allRoles = Role.options;

const isBlocked = (role: Role, selected: readonly Role[]): boolean => {
  if (selected.includes(role)) return false;
  if (isAdminRole(role)) return selected.length > 0;
  return selected.some(isAdminRole);
};

export const RolesModal = ({ user, onClose }: { user: User; onClose: () => void }) => {
  const [selected, setSelected] = useState<Role[]>(user.roles);
  const setRoles = useSetRoles();

  const save = () =>
    setRoles.mutate(
      { id: user.id, input: { version: user.version, roles: allRoles.filter((role) => selected.includes(role)) } },
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
    <Checkbox key={role} value={role} disabled={isBlocked(role, selected)}>
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
        title="系统管理员、安全管理员、审计管理员三员分立：一个账号至多担任其一，且不能兼任业务角色。"
        style={{ margin: '16px 0' }}
      />
      <Checkbox.Group value={selected} onChange={(next) => setSelected(next as Role[])} style={{ width: '100%' }}>
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <Typography.Text strong>管理角色</Typography.Text>
          {allRoles.filter(isAdminRole).map(renderOption)}
          <Typography.Text strong style={{ marginTop: 8 }}>
            业务角色
          </Typography.Text>
          {allRoles.filter((role) => !isAdminRole(role)).map(renderOption)}
        </Space>
      </Checkbox.Group>
    </Modal>
  );
};
