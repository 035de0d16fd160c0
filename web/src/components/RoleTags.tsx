/** Role codes shown as labelled tags; the three administrator roles stand out. */
import { Tag, Typography } from 'antd';
import { isAdminRole, type Role, roles } from '../../../common/access.js';

export const RoleTags = ({ value }: { value: readonly Role[] }) => {
  if (value.length === 0) return <Typography.Text type="secondary">未分配</Typography.Text>;
  return (
    <>
      {value.map((role) => (
        <Tag key={role} color={isAdminRole(role) ? 'volcano' : 'blue'} title={roles[role].description}>
          {roles[role].label}
        </Tag>
      ))}
    </>
  );
};
