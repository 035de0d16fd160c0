/** Sign-in and the current user. */
import { z } from 'zod';
import { PermissionSchema, RoleSchema } from './access.js';
import { safeLine } from './primitives.js';

export const LoginInput = z.object({
  username: safeLine().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const CurrentUser = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string().uuid(),
  unitName: z.string(),
  roles: z.array(RoleSchema),
  permissions: z.array(PermissionSchema),
  scope: z.enum(['all', 'unit']),
  mustChangePassword: z.boolean(),
  passwordExpiresAt: z.string().nullable(),
  /** Shown at sign-in while a reset password is still in use: when, and by whom. */
  passwordReset: z
    .object({ at: z.string(), via: z.enum(['approval', 'cli']), requestedByName: z.string().nullable(), approvedByName: z.string().nullable() })
    .nullable(),
});
export type CurrentUser = z.infer<typeof CurrentUser>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, '请输入原密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

/** What a new password must be, as the security policy says now: shown beside the field before a first try. */
export const PasswordRules = z.object({ minLength: z.number().int(), requireCharClasses: z.number().int(), rejectCommonPasswords: z.boolean() });
export type PasswordRules = z.infer<typeof PasswordRules>;
