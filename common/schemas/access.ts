/** The roles and permissions as schemas, for requests and views that carry them (common/access.ts holds the lists). */
import { z } from 'zod';
import { Permission, Role } from '../access.js';

export const PermissionSchema = z.enum(Permission.options);
export const RoleSchema = z.enum(Role.options);
