import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RawServerDefault } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { SharedTrips } from './db/shared-trips.js';
import { type Access, registerAccessControl } from './http/access.js';
import { registerErrorHandler, registerNotFound } from './http/error-handler.js';
import { alertRoutes } from './modules/alerts/alerts.routes.js';
import { assessmentScheduleRoutes } from './modules/assessment-schedules/assessment-schedules.routes.js';
import { attendanceRoutes } from './modules/attendance/attendance.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { SessionCache } from './modules/auth/session-cache.js';
import { calendarFeedRoutes } from './modules/calendar-feeds/calendar-feeds.routes.js';
import { checkInRoutes } from './modules/check-ins/check-ins.routes.js';
import { clinicianDayRoutes } from './modules/clinician-day/clinician-day.routes.js';
import { consentRoutes } from './modules/consents/consents.routes.js';
import { curriculumRoutes } from './modules/curriculum/curriculum.routes.js';
import { episodeRoutes } from './modules/episodes/episodes.routes.js';
import { healthRoutes } from './modules/health/health.routes.js';
import { instrumentRoutes } from './modules/instruments/instruments.routes.js';
import { levelOfCareRoutes } from './modules/level-of-care/level-of-care.routes.js';
import { measurementRoutes } from './modules/measurement/measurement.routes.js';
import { noteRoutes } from './modules/notes/notes.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { participantRoutes } from './modules/participants/participants.routes.js';
import { recoveryPlanRoutes } from './modules/recovery-plans/recovery-plans.routes.js';
import { referralRoutes } from './modules/referrals/referrals.routes.js';
import { schedulingRoutes } from './modules/scheduling/scheduling.routes.js';
import { staffRoutes } from './modules/staff/staff.routes.js';
import { structureRoutes } from './modules/structure/structure.routes.js';
import { taskRoutes } from './modules/tasks/tasks.routes.js';
import { treatmentPlanRoutes } from './modules/treatment-plans/treatment-plans.routes.js';
import { serverVersion } from './version.js';

export interface AppDeps {
  database: Database;
  config: Config;
  sessionCache: SessionCache;
  sharedTrips: SharedTrips;
}

/** A Fastify instance whose routes validate and serialise with zod schemas from @stepwise/core. */
export type Router = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A registered route as the access-control and robustness tests walk them. */
export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
  /** The zod schema of the request body, when the route takes one. */
  body: unknown;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, in registration order. */
    routeCatalog: RouteInfo[];
  }
}

export interface BuildOptions {
  /** Log to stdout (the server does; tests pass false). */
  logger?: boolean;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
}

/** Largest accepted request body. */
export const bodyLimitBytes = 1024 * 1024;

/** Builds the HTTP application: security headers, access control, every module's routes, the web app. */
export async function buildApp(
  base: { database: Database; config: Config },
  options: BuildOptions = {},
): Promise<Router> {
  const deps: AppDeps = {
    ...base,
    sessionCache: new SessionCache(base.config.sessionCacheMs),
    sharedTrips: new SharedTrips(base.database),
  };
  const app = Fastify({
    logger: options.logger
      ? {
          level: deps.config.logLevel,
          ...(options.logStream ? { stream: options.logStream } : {}),
          // Log the matched route pattern, never the URL: query strings can carry a search for a name.
          serializers: {
            req: (request) => ({
              method: request.method,
              route: request.routeOptions?.url ?? 'unmatched',
              id: request.id,
            }),
            res: (reply) => ({ statusCode: reply.statusCode }),
          },
        }
      : false,
    genReqId: () => randomUUID(),
    bodyLimit: bodyLimitBytes,
    trustProxy: deps.config.trustProxy,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  const routeCatalog: RouteInfo[] = [];
  app.decorate('routeCatalog', routeCatalog);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeCatalog.push({ method, url: route.url, access: route.config?.access, body: route.schema?.body });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  // Security headers on every response. The middleware is built once: the Fastify plugin for it built
  // it again, parsing the policy, on every request.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets inline style attributes and injects its CSS variables at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // The service worker that keeps the app shell for reading one's plans offline (apps/web).
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: deps.config.secureCookies === 'true',
  });
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    ),
  );
  await app.register(fastifyCookie);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Stepwise API',
        version: serverVersion,
        description:
          'Intensive Outpatient Program platform. Authenticate with the session cookie from POST /api/v1/auth/login ' +
          '(mutations then need the x-csrf-token header) or with a personal API token as `Authorization: Bearer`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'stepwise_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAccessControl(app, deps);
  closeConnectionsOnShutdown(app);

  app.get(
    '/api/v1/openapi.json',
    { config: { access: { kind: 'public' } }, schema: { hide: true } },
    async () => app.swagger(),
  );
  healthRoutes(app, deps);
  authRoutes(app, deps);
  structureRoutes(app, deps);
  staffRoutes(app, deps);
  participantRoutes(app, deps);
  instrumentRoutes(app, deps);
  levelOfCareRoutes(app, deps);
  alertRoutes(app, deps);
  referralRoutes(app, deps);
  episodeRoutes(app, deps);
  consentRoutes(app, deps);
  schedulingRoutes(app, deps);
  curriculumRoutes(app, deps);
  calendarFeedRoutes(app, deps);
  attendanceRoutes(app, deps);
  taskRoutes(app, deps);
  treatmentPlanRoutes(app, deps);
  noteRoutes(app, deps);
  clinicianDayRoutes(app, deps);
  checkInRoutes(app, deps);
  notificationRoutes(app, deps);
  measurementRoutes(app, deps);
  assessmentScheduleRoutes(app, deps);
  recoveryPlanRoutes(app, deps);
  auditRoutes(app, deps);

  await serveWebApp(app, deps.config.webDistDir);
  return app;
}

/**
 * During shutdown, responses to requests still in flight ask the client to close the connection, so a
 * kept-alive socket does not hold the server open after its last request has been answered.
 */
function closeConnectionsOnShutdown(app: Router): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
}

/** Serves the built web app, when there is one, with index.html for client-side routes. */
async function serveWebApp(app: Router, distDir: string): Promise<void> {
  const built = fs.existsSync(path.join(distDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: distDir,
      wildcard: false,
      index: ['index.html'],
      // The service worker (served at the root, so its scope is the whole app) and the page that loads
      // everything else are checked for a new version on every visit; the built assets carry a
      // content hash in their names and never change.
      setHeaders(reply, filePath) {
        const name = path.basename(filePath);
        if (name === 'sw.js' || name === 'index.html') reply.header('cache-control', 'no-cache');
      },
    });
  }
  registerNotFound(app, built);
}
