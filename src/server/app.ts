import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/executor.js';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { activityPlanRoutes } from '../features/activity-plans/routes.js';
import { apiTokenRoutes } from '../features/api-tokens/routes.js';
import { actorFromApiToken, bearerOf } from '../features/api-tokens/service.js';
import { auditRoutes } from '../features/audit/routes.js';
import { authRoutes, SESSION_COOKIE } from '../features/auth/routes.js';
import { actorFromToken } from '../features/auth/service.js';
import { backupRoutes } from '../features/backup/routes.js';
import { holidayCalendarRoutes } from '../features/calendar/routes.js';
import { cellCommitteeRoutes } from '../features/cell-committee/routes.js';
import { directiveRoutes } from '../features/directives/routes.js';
import { duesRoutes } from '../features/dues/routes.js';
import { exportRoutes } from '../features/exports/routes.js';
import { gradingDecisionRoutes } from '../features/grading/decision-routes.js';
import { gradingEvidenceRoutes } from '../features/grading/evidence-routes.js';
import { gradingReviewRoutes } from '../features/grading/review-routes.js';
import { gradingStatisticsRoutes } from '../features/grading/statistics-routes.js';
import { inspectionRoutes } from '../features/inspections/routes.js';
import { integrityRoutes } from '../features/integrity/routes.js';
import { invitationRoutes } from '../features/meetings/invitation-routes.js';
import { meRoutes } from '../features/meetings/me-routes.js';
import { meetingPlanRoutes } from '../features/meetings/plan-routes.js';
import { meetingRecordRoutes } from '../features/meetings/record-routes.js';
import { meetingRunRoutes } from '../features/meetings/run-routes.js';
import { memberImportRoutes } from '../features/members/import-routes.js';
import { memberExportRoutes, memberRoutes } from '../features/members/routes.js';
import { orgRoutes } from '../features/org/routes.js';
import { organisationRoutes } from '../features/organisations/routes.js';
import { overviewRoutes } from '../features/oversight/overview-routes.js';
import { alertActionRoutes, jobRoutes, oversightRoutes } from '../features/oversight/routes.js';
import { supervisionRoutes } from '../features/oversight/supervision.js';
import { planRoutes } from '../features/plans/routes.js';
import { recognitionRoutes } from '../features/recognition/routes.js';
import { reviewRoutes } from '../features/reviews/routes.js';
import { rulePackRoutes } from '../features/scoring/pack-routes.js';
import { scoringRoutes } from '../features/scoring/routes.js';
import { userRoutes } from '../features/users/routes.js';
import { createRouteIndex, JSON_BODY_LIMIT_BYTES, routeNotFound, toAppError } from './error-mapping.js';
import { AppError, ERRORS } from './errors.js';
import { installOpenapiRecorder, openapiTransform, openapiTransformObject } from './openapi.js';
import { databaseRateLimitStore } from './rate-limit-store.js';
import { markWrite } from './read-db.js';
import { danglingReference } from './reference-errors.js';
import { genRequestId, REQUEST_ID_HEADER } from './request-id.js';
import { shellPreloadLinks } from './shell-hints.js';
import { NO_CACHE, webStaticOptions } from './static-assets.js';
import { refuseUnsafeText } from './text-guard.js';

// Validation messages from zod in Vietnamese.
z.config(z.locales.vi());

const here = path.dirname(fileURLToPath(import.meta.url));
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface BuildOptions {
  config: Config;
  db: Db;
  /** Fastify's logger options (tests pass `false`, or a `stream` to read the lines); default: JSON at LOG_LEVEL. */
  logger?: FastifyServerOptions['logger'];
}

/** Extra feature route plugins registered by later modules (imports, meetings, …). */
export const featureRoutes = [
  authRoutes,
  orgRoutes,
  memberRoutes,
  memberExportRoutes,
  exportRoutes,
  memberImportRoutes,
  userRoutes,
  auditRoutes,
  meetingPlanRoutes,
  meetingRunRoutes,
  meetingRecordRoutes,
  invitationRoutes,
  meRoutes,
  scoringRoutes,
  oversightRoutes,
  alertActionRoutes,
  supervisionRoutes,
  rulePackRoutes,
  jobRoutes,
  holidayCalendarRoutes,
  integrityRoutes,
  backupRoutes,
  reviewRoutes,
  recognitionRoutes,
  overviewRoutes,
  gradingDecisionRoutes,
  duesRoutes,
  gradingStatisticsRoutes,
  gradingReviewRoutes,
  gradingEvidenceRoutes,
  inspectionRoutes,
  directiveRoutes,
  activityPlanRoutes,
  cellCommitteeRoutes,
  organisationRoutes,
  planRoutes,
  apiTokenRoutes,
];

export async function buildApp({ config, db, logger }: BuildOptions) {
  const limits = { bodyLimitBytes: JSON_BODY_LIMIT_BYTES, uploadLimitMb: config.uploadLimitMb };
  const routes = createRouteIndex();
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    // A safe incoming X-Request-Id, else a random UUID; echoed on every answer (request-id.ts, ADR 034).
    requestIdHeader: false,
    genReqId: genRequestId,
    // X-Forwarded-For is believed only from the proxy named by TRUST_PROXY (off by default, ADR 016).
    trustProxy: config.trustProxy,
    bodyLimit: limits.bodyLimitBytes,
    // Malformed URLs are answered before any hook: through the same mapping (error-mapping.ts).
    frameworkErrors: (err, req, reply) => {
      const e = toAppError(err, limits) ?? new AppError('INTERNAL');
      (reply as FastifyReply).header(REQUEST_ID_HEADER, req.id).code(e.status).send(body(e));
    },
    ajv: undefined,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', { db, config });
  app.decorateRequest('actorOrNull', null);
  app.addHook('onRoute', (r) => routes.add(r));
  // First hook of every request, so the answer carries the id whatever ends it (401, 404, 429, 500).
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  // NUL and lone surrogates in params, query or body: a Vietnamese 400 before zod and the database.
  app.addHook('preValidation', refuseUnsafeText);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // After body parsing, so the login limit can key on the username as well as the address.
    hook: 'preHandler',
    // Counted in the database, so every process shares one count (ADR 030).
    store: databaseRateLimitStore(db),
    errorResponseBuilder: () => ({ statusCode: 429, ...body(new AppError('RATE_LIMITED')) }),
  });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitMb * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'chibo API',
        version: '0.1.0',
        description:
          'API của chibo (quản lý sinh hoạt chi bộ). Đăng nhập: `POST /api/auth/login` đặt cookie httpOnly ' +
          '`chibo_session` và trả về `csrfToken`; gửi nó trong tiêu đề `X-CSRF-Token` với mọi yêu cầu ' +
          'POST/PUT/PATCH/DELETE (`GET /api/me` cũng trả về). Lỗi: `{ code, message, details }`, `message` ' +
          'bằng tiếng Việt. Đối tượng ngoài phạm vi của người gọi trả về 404, như không tồn tại. Máy chủ gọi ' +
          'máy chủ: mã truy cập API cá nhân (tạo bằng `POST /api/me/api-tokens` từ phiên trình duyệt, chỉ hiện ' +
          'một lần) gửi dạng `Authorization: Bearer chibo_pat_…`, hành động như chính người dùng đó với cùng ' +
          'phạm vi, không cần mã CSRF; trả về 401 khi mã sai, hết hạn, đã thu hồi hoặc tài khoản bị khóa ' +
          '(docs/api-tokens.md).',
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Phiên đăng nhập trình duyệt (cookie httpOnly)',
          },
          bearer: { type: 'http', scheme: 'bearer', description: 'Mã truy cập API cá nhân `chibo_pat_…`' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: openapiTransform,
    transformObject: openapiTransformObject,
  });
  installOpenapiRecorder(app, config.openapiRecordFile);
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    if (req.routeOptions.config?.public) return;
    // A personal API token (ADR 039) decides alone, cookie or not: no cookie is involved, so no CSRF.
    const bearer = bearerOf(req.headers.authorization);
    if (bearer !== undefined) {
      req.actorOrNull = await actorFromApiToken(db, bearer).catch((err) => {
        reply.header('WWW-Authenticate', 'Bearer');
        throw err;
      });
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (!token) throw new AppError('UNAUTHENTICATED');
    const actor = await actorFromToken(
      db,
      { ttlMinutes: config.sessionTtlMinutes, idleMinutes: config.sessionIdleMinutes },
      token,
    );
    if (UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== actor.csrfToken)
      throw new AppError('CSRF_MISMATCH');
    req.actorOrNull = actor;
  });

  // Personal data must stay out of browser and proxy caches (Nghị định 13/2023): every API answer,
  // errors included, is no-store, so a new route cannot forget it (ADR 016). Swagger UI's assets excepted.
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.url.startsWith('/api/') && !req.url.startsWith('/api/docs'))
      reply.header('Cache-Control', 'no-store');
    // With a replica: this browser's next reads go to the primary for a while (read-db.ts).
    markWrite(req, reply);
    return payload;
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    // Fastify, multipart, zod and PostgreSQL errors → a code from ERRORS, in Vietnamese.
    const known = toAppError(err, limits) ?? danglingReference(err);
    if (known) return reply.code(known.status).send(body(known));
    if (isDatabaseUnavailable(err)) {
      req.log.warn({ err }, 'database unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send(body(new AppError('DATABASE_UNAVAILABLE')));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(body(new AppError('INTERNAL')));
  });

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: 'Tình trạng máy chủ' } },
    async (req) => {
      // Any failure of the probe means the database cannot serve requests: 503, whatever the cause.
      await db.query('SELECT 1').catch((err) => {
        req.log.warn({ err }, 'health: database unavailable');
        throw new AppError('DATABASE_UNAVAILABLE', undefined, { db: db.kind });
      });
      return { status: 'ok', db: db.kind };
    },
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  for (const plugin of featureRoutes) await app.register(plugin);

  const webDir = config.webDir ?? findWebDir();
  if (webDir) {
    await app.register(fastifyStatic, webStaticOptions(webDir));
    const indexHtml = readFileSync(path.join(webDir, 'index.html'), 'utf8');
    const shellLinks = shellPreloadLinks(webDir, indexHtml);
    app.setNotFoundHandler((req, reply) => {
      // A missing hashed asset (a chunk of an older release) is a 404, never index.html as script.
      if (req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')) {
        reply.type('text/html; charset=utf-8').header('Cache-Control', NO_CACHE).header('Vary', 'Cookie');
        // Signed in: the shell and /api/me load beside the entry (shell-hints.ts).
        if (shellLinks && req.cookies[SESSION_COOKIE]) reply.header('Link', shellLinks);
        return reply.send(indexHtml);
      }
      const e = routeNotFound(req, reply, routes);
      return reply.code(e.status).send(body(e));
    });
  } else {
    app.setNotFoundHandler((req, reply) => {
      const e = routeNotFound(req, reply, routes);
      return reply.code(e.status).send(body(e));
    });
  }
  return app;
}

function body(err: AppError) {
  return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
}

function findWebDir(): string | undefined {
  for (const dir of [
    path.resolve(here, '../../web'),
    path.resolve(here, '../../dist/web'),
    path.resolve(here, '../../../dist/web'),
  ]) {
    if (existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets'))) return dir;
  }
  return undefined;
}

export { ERRORS };
