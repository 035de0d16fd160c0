/** Routes: /api/units and /api/users. Thin: schema → guard → one use case. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  CreateUnitInput,
  CreateUserInput,
  PasswordResetHalf,
  PasswordResetRequest,
  RequestPasswordResetInput,
  SetRolesInput,
  Unit,
  UpdateUnitInput,
  UpdateUserInput,
  User,
  UserPage,
  UserQuery,
  VersionInput,
} from '../../../../common/schemas/org.js';
import { requireActor, typed } from '../../platform/http.js';
import { listColleagues, listSigners, listLeaders } from './directory.service.js';
import { approvePasswordReset, listPendingResets, rejectPasswordReset, requestPasswordReset } from './password-resets.service.js';
import { createUnit, getUnit, listUnits, updateUnit } from './units.service.js';
import {
  createUser,
  getUser,
  listUsers,
  lockUser,
  setUserRoles,
  unlockUser,
  updateUser,
} from './users.service.js';

const IdParams = z.object({ id: z.string().uuid('编号格式不正确') });

export const orgRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db, clock } = app.ctx;
  const unitTags = ['单位'];
  const userTags = ['用户'];

  api.get('/api/units', {
    config: { access: 'org.read' },
    schema: { tags: unitTags, summary: '单位列表（按权限范围）', response: { 200: z.array(Unit) } },
    handler: (request) => listUnits({ db, actor: requireActor(request) }),
  });
  api.get('/api/units/:id', {
    config: { access: 'org.read' },
    schema: { tags: unitTags, summary: '单位详情', params: IdParams, response: { 200: Unit } },
    handler: (request) => getUnit({ db, actor: requireActor(request), unitId: request.params.id }),
  });
  api.post('/api/units', {
    config: { access: 'unit.manage' },
    schema: { tags: unitTags, summary: '新建单位', body: CreateUnitInput, response: { 200: Unit } },
    handler: (request) => createUnit({ db, actor: requireActor(request), input: request.body }),
  });
  api.patch('/api/units/:id', {
    config: { access: 'unit.manage' },
    schema: { tags: unitTags, summary: '修改、停用或启用单位', params: IdParams, body: UpdateUnitInput, response: { 200: Unit } },
    handler: (request) =>
      updateUnit({ db, actor: requireActor(request), unitId: request.params.id, input: request.body, now: clock() }),
  });

  const PersonOption = z.object({ id: z.string(), displayName: z.string(), title: z.string().nullable(), unitName: z.string() });
  api.get('/api/leaders', {
    config: { access: 'org.read' },
    schema: { tags: userTags, summary: '政府领导（批示领导选择）', response: { 200: z.array(PersonOption) } },
    handler: (request) => listLeaders({ db, actor: requireActor(request) }),
  });
  api.get('/api/signers', {
    config: { access: 'case.work' },
    schema: {
      tags: userTags,
      summary: '可选的签发人（持有签发步骤所列角色的在职人员）',
      querystring: z.object({ roles: z.string().regex(/^[a-z_]+(,[a-z_]+)*$/, '角色列表格式不正确').max(200) }),
      response: { 200: z.array(PersonOption) },
    },
    handler: (request) => listSigners({ db, actor: requireActor(request), roles: request.query.roles.split(',') }),
  });
  api.get('/api/colleagues', {
    config: { access: 'case.work' },
    schema: { tags: userTags, summary: '可委托的同事（AB角）', response: { 200: z.array(PersonOption) } },
    // The staff directory serves business work (AB角, 传阅, naming a 签发人): administrators have no need of it.
    handler: (request) => listColleagues({ db, actor: requireActor(request) }),
  });

  api.get('/api/users', {
    config: { access: 'user.read' },
    schema: { tags: userTags, summary: '查询用户', querystring: UserQuery, response: { 200: UserPage } },
    handler: (request) => listUsers({ db, actor: requireActor(request), query: request.query, now: clock() }),
  });
  api.get('/api/users/:id', {
    // One's own account needs org.read, another's user.read: the use case tells which; the guard refuses a caller with neither.
    config: { access: { anyOf: ['user.read', 'org.read'] } },
    schema: { tags: userTags, summary: '用户详情', params: IdParams, response: { 200: User } },
    handler: (request) => getUser({ db, actor: requireActor(request), userId: request.params.id, now: clock() }),
  });
  api.post('/api/users', {
    config: { access: 'user.manage' },
    schema: { tags: userTags, summary: '新建用户', body: CreateUserInput, response: { 200: User } },
    handler: (request) => createUser({ db, actor: requireActor(request), input: request.body, now: clock() }),
  });
  api.patch('/api/users/:id', {
    config: { access: 'user.manage' },
    schema: { tags: userTags, summary: '修改、停用或启用用户', params: IdParams, body: UpdateUserInput, response: { 200: User } },
    handler: (request) =>
      updateUser({ db, actor: requireActor(request), userId: request.params.id, input: request.body, now: clock() }),
  });
  api.post('/api/users/:id/password-resets', {
    config: { access: 'user.reset_request' },
    schema: { tags: userTags, summary: '发起密码重置（须安全管理员批准；只返回前半段）', params: IdParams, body: RequestPasswordResetInput, response: { 200: PasswordResetHalf } },
    handler: (request) =>
      requestPasswordReset({ db, actor: requireActor(request), userId: request.params.id, input: request.body, now: clock() }),
  });
  api.get('/api/password-resets', {
    config: { access: 'user.reset_approve' },
    schema: { tags: userTags, summary: '待批准的密码重置', response: { 200: z.array(PasswordResetRequest) } },
    handler: (request) => listPendingResets({ db, actor: requireActor(request) }),
  });
  api.post('/api/password-resets/:id/approve', {
    config: { access: 'user.reset_approve' },
    schema: { tags: userTags, summary: '批准密码重置（只返回后半段）', params: IdParams, response: { 200: PasswordResetHalf } },
    handler: (request) =>
      approvePasswordReset({ db, actor: requireActor(request), requestId: request.params.id, now: clock() }),
  });
  api.post('/api/password-resets/:id/reject', {
    config: { access: 'user.reset_approve' },
    schema: { tags: userTags, summary: '拒绝密码重置', params: IdParams, response: { 200: PasswordResetRequest } },
    handler: (request) =>
      rejectPasswordReset({ db, actor: requireActor(request), requestId: request.params.id, now: clock() }),
  });
  api.post('/api/users/:id/lock', {
    config: { access: 'user.manage' },
    schema: { tags: userTags, summary: '锁定账号', params: IdParams, body: VersionInput, response: { 200: User } },
    handler: (request) =>
      lockUser({ db, actor: requireActor(request), userId: request.params.id, version: request.body.version, now: clock() }),
  });
  api.post('/api/users/:id/unlock', {
    config: { access: 'user.manage' },
    schema: { tags: userTags, summary: '解锁账号', params: IdParams, body: VersionInput, response: { 200: User } },
    handler: (request) =>
      unlockUser({ db, actor: requireActor(request), userId: request.params.id, version: request.body.version, now: clock() }),
  });
  api.put('/api/users/:id/roles', {
    config: { access: 'role.assign' },
    schema: { tags: userTags, summary: '分配角色', params: IdParams, body: SetRolesInput, response: { 200: User } },
    handler: (request) =>
      setUserRoles({ db, actor: requireActor(request), userId: request.params.id, input: request.body, now: clock() }),
  });
};
