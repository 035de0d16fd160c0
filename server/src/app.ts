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
import { registerPublicRateLimit } from './platform/public-routes.js';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerSessionHook, authRoutes } from './modules/auth/auth.routes.js';
import { orgRoutes } from './modules/org/org.routes.js';
import { securityRoutes } from './modules/security/security.routes.js';
import { registerAllKinds } from './modules/kinds.js';
import { registerAllRecordTypes } from './modules/record-types.js';
import { recordRoutes } from './engine/records/records.routes.js';
import { meetingRoutes } from './modules/meeting/meeting.routes.js';
import { attachmentRoutes } from './engine/attachments/attachments.routes.js';
import { calendarRoutes } from './engine/calendar/calendar.routes.js';
import { caseRoutes } from './engine/cases/cases.routes.js';
import { personalRoutes } from './engine/personal/personal.routes.js';
import { workRoutes } from './engine/work/work.routes.js';
import { reminderRoutes } from './engine/reminders/reminders.routes.js';
import { metricsRoutes } from './modules/metrics/metrics.routes.js';
import { summaryRoutes } from './modules/summary/summary.routes.js';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.js';
import { disclosureRoutes } from './modules/disclosure/disclosure.routes.js';
import { supervisionRoutes } from './modules/supervision/supervision.routes.js';
import { proposalRoutes } from './modules/proposal/proposal.routes.js';
import { hotlineRoutes } from './modules/hotline/hotline.routes.js';
import { incomingRoutes } from './modules/incoming/incoming.routes.js';
import { outgoingRoutes } from './modules/outgoing/outgoing.routes.js';
import { chainRoutes } from './modules/outgoing/chains.routes.js';
import { outgoingImportRoutes } from './modules/outgoing/import/outgoing-import.routes.js';
import fastifyMultipart from '@fastify/multipart';
import { healthRoutes } from './modules/system/system.routes.js';
import { settingsRoutes } from './modules/system/settings.routes.js';
import { appVersion } from './platform/config.js';
import { notFoundBody, registerErrorHandler } from './platform/errors.js';
import { auditRefusal, registerEdgeGuards, registerRouteGuard, requireRouteAccess, type AppContext } from './platform/http.js';
import { loggerOptions } from './platform/logger.js';

export const webDistDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** `logStream`: where the log goes instead of stdout (e.g. a file, or a test reading what was logged). */
export type BuildAppOptions = Omit<AppContext, 'clock' | 'caseSavedListeners'> & {
  clock?: () => Date;
  logger?: boolean;
  logStream?: DestinationStream;
  /** The built web app to serve in production; web/dist unless told otherwise. */
  webDir?: string;
};

export const buildApp = async (options: BuildAppOptions): Promise<FastifyInstance> => {
  const { config } = options;
  const app = Fastify({
    logger: options.logger === false ? false : { ...(loggerOptions(config.logLevel) as object), ...(options.logStream ? { stream: options.logStream } : {}) },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  app.decorate('ctx', {
    db: options.db,
    databaseKind: options.databaseKind,
    clock: options.clock ?? (() => new Date()),
    config,
    status: { isDemoDataPending: false },
    caseSavedListeners: [],
  } satisfies AppContext);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, auditRefusal(options.db));
  requireRouteAccess(app); // before any route: each /api/ route declares who may call it (config.access)
  await registerPublicRateLimit(app, { perMinute: config.publicRequestsPerMinute });

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

  registerEdgeGuards(app, { publicOrigin: config.publicOrigin }); // before the session hook: a refused request touches no session
  registerSessionHook(app);
  registerRouteGuard(app); // after the session hook, before any body is read: 401/403 whatever the input
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(securityRoutes);
  await app.register(settingsRoutes);
  registerAllKinds();
  registerAllRecordTypes();
  await app.register(calendarRoutes);
  await app.register(caseRoutes);
  await app.register(personalRoutes);
  await app.register(incomingRoutes);
  await app.register(outgoingRoutes);
  await app.register(chainRoutes);
  await app.register(outgoingImportRoutes);
  await app.register(metricsRoutes); // after registerAllKinds: metrics label their parts by kind
  await app.register(summaryRoutes);
  await app.register(dashboardRoutes);
  await app.register(workRoutes);
  await app.register(reminderRoutes);
  await app.register(disclosureRoutes);
  await app.register(supervisionRoutes);
  await app.register(hotlineRoutes);
  await app.register(attachmentRoutes);
  await app.register(recordRoutes);
  await app.register(meetingRoutes);
  await app.register(proposalRoutes);

  const hasWebApp = config.isProduction && (await serveWebApp(app, options.webDir ?? webDistDir));
  app.setNotFoundHandler((request, reply) => {
    // Paths of the client-side router get the web app; unknown API paths a JSON 404.
    if (hasWebApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
  return app;
};

/** Hashed asset names change with their content: a browser may keep them for a year without asking. */
const immutable = 'public, max-age=31536000, immutable';

/**
 * The built web app's files; false when there is no build to serve. The build writes .br and .gz
 * beside each asset (scripts/precompress.ts), sent as they are to browsers that accept them;
 * index.html is always revalidated, so a new release is picked up at the next visit.
 */
const serveWebApp = async (app: FastifyInstance, root: string): Promise<boolean> => {
  if (!fs.existsSync(path.join(root, 'index.html'))) {
    app.log.warn(`没有找到前端构建结果 ${root}，请先运行 npm run build:web`);
    return false;
  }
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: 'index.html',
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => {
      const relative = path.relative(root, file).split(path.sep).join('/');
      reply.header('cache-control', relative.startsWith('assets/') ? immutable : 'no-cache');
    },
  });
  return true;
};
