/** Routes: the role map, the security policy and the audit log. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { permissionLabels, Role, roles } from '../../../../common/access.js';
import { AuditPage, AuditQuery, RoleView, SecurityPolicyView, UpdateSecurityPolicyInput } from '../../../../common/schemas/security.js';
import { requireActor, typed } from '../../platform/http.js';
import { listAuditEntries } from './audit.service.js';
import { getSecurityPolicy, updateSecurityPolicy } from './security.service.js';

export const securityRoutes = async (app: FastifyInstance) => {
  const api = typed(app);
  const { db } = app.ctx;
  const tags = ['安全'];

  api.get('/api/roles', {
    config: { access: 'role.read' },
    schema: { tags, summary: '角色与权限', response: { 200: z.array(RoleView) } },
    handler: async () => {
      return Role.options.map((role) => ({
        role,
        label: roles[role].label,
        description: roles[role].description,
        scope: roles[role].scope,
        permissions: roles[role].permissions.map((code) => ({ code, label: permissionLabels[code] })),
      }));
    },
  });

  api.get('/api/security-policy', {
    config: { access: 'policy.manage' },
    schema: { tags, summary: '安全策略', response: { 200: SecurityPolicyView } },
    handler: () => getSecurityPolicy({ db }),
  });
  api.put('/api/security-policy', {
    config: { access: 'policy.manage' },
    schema: { tags, summary: '修改安全策略', body: UpdateSecurityPolicyInput, response: { 200: SecurityPolicyView } },
    handler: (request) => updateSecurityPolicy({ db, actor: requireActor(request), input: request.body }),
  });

  api.get('/api/audit', {
    config: { access: 'audit.read' },
    schema: { tags, summary: '审计日志', querystring: AuditQuery, response: { 200: AuditPage } },
    handler: (request) => listAuditEntries({ db, actor: requireActor(request), query: request.query }),
  });
};
