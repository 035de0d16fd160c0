/**
 * buildApp(): Fastify with the platform (errors, security headers, sessions, OpenAPI)
 * and every module's routes. main.ts starts it; tests drive it with app.inject().
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerSessionHook, authRoutes } from './modules/auth/auth.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { securityRoutes } from './modules/security/security.routes.js';
import { registerAllKinds } from './modules/kinds.js';
import { attachmentRoutes } from './engine/attachments/attachments.routes.js';
import { calendarRoutes } from './engine/calendar/calendar.routes.js';
import { caseRoutes } from './engine/cases/cases.routes.js';
import { workRoutes } from './engine/work/work.routes.js';
import { metricsRoutes } from './modules/metrics/metrics.routes.js';
import { incomingRoutes } from './modules/incoming/incoming.routes.js';
import { outgoingRoutes } from './modules/outgoing/outgoing.routes.js';
import { chainRoutes } from './modules/outgoing/chains.routes.js';
import { outgoingImportRoutes } from './modules/outgoing/import/outgoing-import.routes.js';
import fastifyMultipart from '@fastify/multipart';
import { healthRoutes } from './modules/system/system.routes.js';
import { settingsRoutes } from './modules/system/settings.routes.js';
import { appVersion } from './platform/config.js';
import { notFoundBody, registerErrorHandler } from './platform/errors.js';
import type { AppContext } from './platform/http.js';
import { loggerOptions } from './platform/logger.js';

export const webDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

export type BuildAppOptions = Omit<AppContext, 'clock'> & { clock?: () => Date; logger?: boolean };

export const buildApp = async (options: BuildAppOptions): Promise<FastifyInstance> => {
  const { config } = options;
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.decorate('ctx', {
    db: options.db,
    databaseKind: options.databaseKind,
    clock: options.clock ?? (() => new Date()),
    config,
    status: { isDemoDataPending: false },
  } satisfies AppContext);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"], // antd writes its styles at run time
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: config.cookieSecure === true ? { maxAge: 31_536_000 } : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { files: 1 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: '府办 Fuban API', description: '政府办公室运营平台接口。错误统一为 {code, message, details}。', version: appVersion },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fuban_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  registerSessionHook(app);
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(securityRoutes);
  await app.register(settingsRoutes);
  registerAllKinds();
  await app.register(calendarRoutes);
  await app.register(caseRoutes);
  await app.register(incomingRoutes);
  await app.register(outgoingRoutes);
  await app.register(chainRoutes);
  await app.register(outgoingImportRoutes);
  await app.register(metricsRoutes); // after registerAllKinds: metrics label their parts by kind
  await app.register(workRoutes);
  await app.register(attachmentRoutes);

  const hasWebApp = config.isProduction && (await serveWebApp(app));
  app.setNotFoundHandler((request, reply) => {
    // Paths of the client-side router get the web app; unknown API paths a JSON 404.
    if (hasWebApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
  return app;
};

/** The built web app's files; false when there is no build to serve. */
const serveWebApp = async (app: FastifyInstance): Promise<boolean> => {
  if (!fs.existsSync(path.join(webDistDir, 'index.html'))) {
    app.log.warn(`没有找到前端构建结果 ${webDistDir}，请先运行 npm run build:web`);
    return false;
  }
  await app.register(fastifyStatic, { root: webDistDir, wildcard: false, index: 'index.html' });
  return true;
};
