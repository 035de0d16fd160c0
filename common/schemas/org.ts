/** Units (科室 and 承办单位) and user accounts. */
import { z } from 'zod';
import { RoleSchema } from './access.js';
import { INT_MAX, safeLine, versionNumber } from './primitives.js';

export const UnitType = z.enum(['office', 'section', 'department', 'district', 'township', 'other']);
export type UnitType = z.infer<typeof UnitType>;

export const unitTypeLabels: Record<UnitType, string> = {
  office: '本机关',
  section: '内设科室',
  department: '市直部门',
  district: '县区政府',
  township: '乡镇街道',
  other: '其他单位',
};

const uuid = z.string().uuid('编号格式不正确');

export const Unit = z.object({
  id: uuid,
  parentId: uuid.nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  code: z.string(),
  type: UnitType,
  sortOrder: z.number().int(),
  isActive: z.boolean(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;

const unitName = safeLine().trim().min(2, '单位名称至少 2 个字').max(60, '单位名称最多 60 个字');
const unitCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{2,32}$/, '单位代码为 2–32 位字母、数字、下划线或连字符');

export const CreateUnitInput = z.object({
  parentId: uuid.nullable(),
  name: unitName,
  shortName: safeLine().trim().max(20).nullable().optional(),
  code: unitCode,
  type: UnitType,
  sortOrder: z.number().int().min(0).max(100000).default(0),
});
export type CreateUnitInput = z.infer<typeof CreateUnitInput>;

export const UpdateUnitInput = z.object({
  version: versionNumber(),
  parentId: uuid.nullable().optional(),
  name: unitName.optional(),
  shortName: safeLine().trim().max(20).nullable().optional(),
  code: unitCode.optional(),
  type: UnitType.optional(),
  sortOrder: z.number().int().min(0).max(100000).optional(),
  isActive: z.boolean().optional(),
});
export type UpdateUnitInput = z.infer<typeof UpdateUnitInput>;

/** What a reader may do to an account (the user list shows only these buttons). */
export const UserAction = z.enum(['edit', 'reset_password', 'lock', 'unlock', 'deactivate', 'activate', 'roles']);
export type UserAction = z.infer<typeof UserAction>;

export const User = z.object({
  id: uuid,
  username: z.string(),
  displayName: z.string(),
  title: z.string().nullable(),
  unitId: uuid,
  unitName: z.string(),
  phone: z.string().nullable(), // masked unless the reader manages accounts
  roles: z.array(RoleSchema),
  isActive: z.boolean(),
  isLocked: z.boolean(),
  lockedUntil: z.string().nullable(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  allowedActions: z.array(UserAction),
});
export type User = z.infer<typeof User>;

const username = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名为 3–32 位小写字母、数字、点、下划线或连字符，以字母开头');
const displayName = safeLine().trim().min(2, '姓名至少 2 个字').max(30);
const phone = z
  .string()
  .trim()
  .regex(/^1\d{10}$/, '手机号应为 11 位数字')
  .nullable()
  .optional();

export const CreateUserInput = z.object({
  username,
  displayName,
  title: safeLine().trim().max(30).nullable().optional(),
  unitId: uuid,
  phone,
  initialPassword: z.string().min(1, '请输入初始密码').max(256),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  version: versionNumber(),
  displayName: displayName.optional(),
  title: safeLine().trim().max(30).nullable().optional(),
  unitId: uuid.optional(),
  phone,
  isActive: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

/** 发起重置 (系统管理员): why; the temporary password is made later, in two halves. */
export const RequestPasswordResetInput = z.object({
  reason: z.string().trim().min(2, '请填写重置原因').max(200, '原因最多 200 个字'),
});
export type RequestPasswordResetInput = z.infer<typeof RequestPasswordResetInput>;

export const PasswordResetStatus = z.enum(['pending', 'approved', 'rejected', 'expired', 'completed']);

export const PasswordResetRequest = z.object({
  id: uuid,
  userId: uuid,
  username: z.string(),
  displayName: z.string(),
  reason: z.string().nullable(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  status: PasswordResetStatus,
});
export type PasswordResetRequest = z.infer<typeof PasswordResetRequest>;

/** What one administrator is shown: the request and their half only; neither half signs in alone. */
export const PasswordResetHalf = z.object({ request: PasswordResetRequest, half: z.string().nullable() });
export type PasswordResetHalf = z.infer<typeof PasswordResetHalf>;

export const SetRolesInput = z.object({
  version: versionNumber(),
  roles: z.array(RoleSchema).max(12),
});
export type SetRolesInput = z.infer<typeof SetRolesInput>;

export const VersionInput = z.object({ version: versionNumber() });
export type VersionInput = z.infer<typeof VersionInput>;

export const UserQuery = z.object({
  q: safeLine().trim().max(60).optional(),
  unitId: uuid.optional(),
  role: RoleSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(INT_MAX).default(0),
});
export type UserQuery = z.infer<typeof UserQuery>;

export const UserPage = z.object({ items: z.array(User), total: z.number().int() });
export type UserPage = z.infer<typeof UserPage>;
