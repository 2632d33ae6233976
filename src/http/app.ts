/**
 * buildApp(container): the HTTP face of the services. Order: framework plugins (zod type provider,
 * OpenAPI, cookies, security headers, rate limits), then the authentication boundary, then feature routes,
 * then the public files (API docs, the web app). One error handler turns every failure into problem+json
 * and hides 5xx details.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Container } from '../container.ts';
import { AppError } from '../domain/errors.ts';
import { isPublicPagePath } from '../domain/public-pages.ts';
import { aidSourceRoutes } from '../modules/aid-sources/aid-sources.routes.ts';
import { analyticsRoutes } from '../modules/analytics/analytics.routes.ts';
import { attachmentRoutes } from '../modules/attachments/attachments.routes.ts';
import { auditRoutes } from '../modules/audit/audit.routes.ts';
import { authRoutes } from '../modules/auth/auth.routes.ts';
import { bundlesRoutes } from '../modules/bundles/bundles.routes.ts';
import { chainRoutes } from '../modules/chain/chain.routes.ts';
import { citizenRoutes } from '../modules/citizen/citizen.routes.ts';
import { dciPartnerRoutes } from '../modules/dci/dci.partners.routes.ts';
import { dciRoutes, oauthRoutes } from '../modules/dci/dci.routes.ts';
import { distributionRoutes } from '../modules/distribution/distribution.routes.ts';
import { dukcapilRoutes } from '../modules/dukcapil/dukcapil.routes.ts';
import { duplicateRoutes } from '../modules/duplicates/duplicates.routes.ts';
import { citizenOptOutRoutes } from '../modules/eligibility/eligibility.citizen.routes.ts';
import { eligibilityRoutes } from '../modules/eligibility/eligibility.routes.ts';
import { householdRoutes } from '../modules/households/households.routes.ts';
import { jobRoutes } from '../modules/jobs/jobs.routes.ts';
import { musdesRoutes } from '../modules/musdes/musdes.routes.ts';
import { notificationRoutes } from '../modules/notifications/notifications.routes.ts';
import { opsRoutes } from '../modules/ops/ops.routes.ts';
import { penetapanRoutes } from '../modules/penetapan/penetapan.routes.ts';
import { submissionRoutes } from '../modules/pengesahan/pengesahan.routes.ts';
import { ppksRoutes } from '../modules/ppks/ppks.routes.ts';
import { programmeRoutes } from '../modules/programmes/programmes.routes.ts';
import { progressRoutes } from '../modules/progress/progress.routes.ts';
import { psksRoutes } from '../modules/psks/psks.routes.ts';
import { publicRoutes } from '../modules/public/public.routes.ts';
import { rankingRoutes } from '../modules/ranking/ranking.routes.ts';
import { receiptsRoutes } from '../modules/receipts/receipts.routes.ts';
import { recipientsRoutes } from '../modules/recipients/recipients.routes.ts';
import { regionRoutes } from '../modules/regions/regions.routes.ts';
import { reportsRoutes } from '../modules/reports/reports.routes.ts';
import { sanggahRoutes } from '../modules/sanggah/sanggah.routes.ts';
import { syncRoutes } from '../modules/sync/sync.routes.ts';
import { todoRoutes } from '../modules/todo/todo.routes.ts';
import { transferRoutes } from '../modules/transfer/transfer.routes.ts';
import { userRoutes } from '../modules/users/users.routes.ts';
import { citizenUsulanRoutes } from '../modules/usulan/usulan.citizen.routes.ts';
import { usulanRoutes } from '../modules/usulan/usulan.routes.ts';
import { verivaliRoutes } from '../modules/verivali/verivali.routes.ts';
import { wageRoutes } from '../modules/wages/wages.routes.ts';
import { isAppPageRequest, registerAuthBoundary, registerCitizenGate } from './auth-boundary.ts';
import { registerCompression } from './compression.ts';
import { checkMediaType } from './files.ts';
import { registerSecurityHeaders } from './headers.ts';
import {
  createLogger,
  type LogFormat,
  logFormat,
  REQUEST_ID_HEADER,
  RequestLogController,
  requestIdOf,
} from './logging.ts';
import { documentRoute, registerOpenApi } from './openapi.ts';
import { frameworkProblem, isAppError, problemFromAppError, sendProblem } from './problem.ts';
import { isNavigation, registerRateLimits, sendRateLimitPage } from './rate-limits.ts';
import { type HttpSettings, loadHttpSettings } from './settings.ts';

export interface AppOptions {
  /** Log requests and errors (src/http/logging.ts): off in tests unless a stream collects the lines. */
  logger?: boolean;
  /** Where log lines go (default stdout) and how they look (default: `logFormat()`, pretty on a terminal). */
  logStream?: DestinationStream;
  logFormat?: LogFormat;
  /** Folder with the built web app; served at / when present. */
  webRoot?: string;
  /** Overrides of the environment's settings (`loadHttpSettings`), e.g. rate limits in tests. */
  settings?: Partial<HttpSettings>;
  /** Called for every route as it is registered (tests walk the route table with it). */
  onRoute?: (route: RouteOptions) => void;
}

/**
 * Where a route may declare `public: true`: the login, the probes (/healthz, /readyz), the metrics (which
 * check their own token), the OpenAPI document, and
 * anything under /api/v1/public/, and the DCI API (its token endpoint, its JWKS and /dci/registry/…, which
 * check their own bearer tokens). (The API docs and the web app's files are made public by the scope they
 * are registered in.) Checked as routes are registered, so a public route elsewhere stops the server.
 */
const PUBLIC_ROUTES =
  /^(\/api\/v1\/auth\/login|\/healthz|\/readyz|\/metrics|\/api\/openapi\.json|\/api\/v1\/public\/.*|\/api\/v1\/oauth\/token|\/\.well-known\/jwks\.json|\/dci\/registry\/.*)$/;

export async function buildApp(container: Container, opts: AppOptions = {}): Promise<FastifyInstance> {
  const settings: HttpSettings = { ...loadHttpSettings(), ...opts.settings };
  const app = Fastify({
    loggerInstance: opts.logger
      ? createLogger({
          level: process.env.LOG_LEVEL ?? 'info',
          format: opts.logFormat ?? logFormat(),
          stream: opts.logStream,
        })
      : undefined,
    genReqId: requestIdOf,
    logController: new RequestLogController(),
    bodyLimit: 1024 * 1024,
    trustProxy: settings.trustProxy,
    routerOptions: { maxParamLength: 200 },
    // No HEAD twin of every GET route: a HEAD runs the GET's handler and drops the body, so on an audited
    // read (an export, a person, a household) it would audit a read that delivered nothing and make the
    // server do an export's work for nothing. HEAD is kept where it is harmless and useful: the probes, the
    // web build's files (@fastify/static registers its own) and the offline shell files (below).
    exposeHeadRoutes: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // First hook of all: every answer carries the id, even a refusal by the rate limit or the auth boundary.
  // Callback-style hooks (no promise per request): they run on every request, the hot lookups included.
  app.addHook('onRequest', (req, reply, done) => {
    reply.header(REQUEST_ID_HEADER, req.id);
    done();
  });
  const { metrics } = container;
  if (opts.logger) container.metrics.enableProcessMetrics();
  app.addHook('onResponse', (req, reply, done) => {
    metrics.observeRequest(req.method, req.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  app.addHook('onRoute', (route) => {
    if (route.config?.public) {
      if (!PUBLIC_ROUTES.test(route.url)) {
        throw new Error(`${route.url}: public routes live under /api/v1/public/ (or are the login)`);
      }
    }
    // OpenAPI: security (public routes go without credentials) and every error answer as problem+json.
    documentRoute(route);
    opts.onRoute?.(route);
  });

  await registerOpenApi(app);
  await app.register(fastifyCookie);
  await registerSecurityHeaders(app, settings);
  registerCompression(app);

  // Uploads (photos, scans) arrive as the raw file: the route streams it to the blob store, which enforces
  // the size limit and checks the real type by content. Which of these types a route takes, it declares
  // (`fileBody`); `checkMediaType` refuses the rest with 415.
  app.addContentTypeParser(
    ['image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'application/octet-stream'],
    (_req, payload, done) => done(null, payload),
  );

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('sessionVia', null);
  app.decorateRequest('overTls', false);
  app.decorateRequest('citizen', null);
  app.decorateRequest('citizenToken', null);
  app.addHook('onRequest', (req, _reply, done) => {
    req.overTls = settings.tls || req.protocol === 'https';
    done();
  });
  const limiters = await registerRateLimits(app, settings);
  registerAuthBoundary(app, container, limiters, settings);
  registerCitizenGate(app);
  // After authentication, so an anonymous caller learns nothing of a route's body types.
  app.addHook('onRequest', checkMediaType);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isAppError(err)) {
      // A browser's page load over the limit gets a page saying when to come back, not a JSON document.
      if (err.code === 'rate.limited' && isNavigation(req)) return sendRateLimitPage(reply, err);
      // A rate limit says when to come back (e.g. identity.probe_limit), in seconds.
      if (typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
      return sendProblem(reply, problemFromAppError(err, req));
    }
    const problem = frameworkProblem(err, req);
    if (problem.status >= 500) req.log.error(err);
    return sendProblem(reply, problem);
  });

  await app.register(opsRoutes, { ops: container.ops, metrics, settings });
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const deps = { container };
  await app.register(authRoutes, { prefix: '/api/v1', ...deps });
  await app.register(regionRoutes, { prefix: '/api/v1', ...deps });
  await app.register(householdRoutes, { prefix: '/api/v1', ...deps });
  await app.register(duplicateRoutes, { prefix: '/api/v1', service: container.duplicates });
  await app.register(ppksRoutes, { prefix: '/api/v1', ...deps });
  await app.register(psksRoutes, { prefix: '/api/v1', ...deps });
  await app.register(auditRoutes, { prefix: '/api/v1', ...deps });
  await app.register(userRoutes, { prefix: '/api/v1', ...deps });
  await app.register(attachmentRoutes, { prefix: '/api/v1', ...deps });
  await app.register(notificationRoutes, { prefix: '/api/v1', ...deps });
  await app.register(usulanRoutes, { prefix: '/api/v1', ...deps });
  await app.register(submissionRoutes, { prefix: '/api/v1', ...deps });
  await app.register(chainRoutes, { prefix: '/api/v1', chain: container.chain });
  await app.register(penetapanRoutes, { prefix: '/api/v1', ...deps });
  await app.register(musdesRoutes, { prefix: '/api/v1', ...deps });
  await app.register(transferRoutes, { prefix: '/api/v1', ...deps });
  await app.register(verivaliRoutes, { prefix: '/api/v1', ...deps });
  await app.register(dukcapilRoutes, { prefix: '/api/v1', ...deps });
  await app.register(eligibilityRoutes, { prefix: '/api/v1', ...deps });
  await app.register(progressRoutes, { prefix: '/api/v1', ...deps });
  await app.register(todoRoutes, { prefix: '/api/v1', ...deps });
  await app.register(jobRoutes, { prefix: '/api/v1', jobs: container.jobs });
  await app.register(wageRoutes, { prefix: '/api/v1', wages: container.wages });
  await app.register(rankingRoutes, { prefix: '/api/v1', ranking: container.ranking });
  await app.register(programmeRoutes, { prefix: '/api/v1', programmes: container.programmes });
  await app.register(publicRoutes, { prefix: '/api/v1', ...deps });
  await app.register(citizenRoutes, { prefix: '/api/v1', citizen: container.citizen });
  await app.register(sanggahRoutes, { prefix: '/api/v1', sanggah: container.sanggah });
  await app.register(bundlesRoutes, { prefix: '/api/v1', bundles: container.bundles, jobs: container.jobs });
  await app.register(syncRoutes, { prefix: '/api/v1', sync: container.sync });
  await app.register(citizenUsulanRoutes, { prefix: '/api/v1', usulan: container.usulan });
  await app.register(citizenOptOutRoutes, { prefix: '/api/v1', eligibility: container.eligibility });
  await app.register(distributionRoutes, {
    prefix: '/api/v1',
    distribution: container.distribution,
    jobs: container.jobs,
  });
  await app.register(receiptsRoutes, { prefix: '/api/v1', receipts: container.receipts });
  await app.register(recipientsRoutes, {
    prefix: '/api/v1',
    recipients: container.recipients,
    jobs: container.jobs,
  });
  await app.register(aidSourceRoutes, {
    prefix: '/api/v1',
    aidSources: container.aidSources,
    jobs: container.jobs,
  });
  await app.register(analyticsRoutes, { prefix: '/api/v1', analytics: container.analytics });
  await app.register(reportsRoutes, { prefix: '/api/v1', reports: container.reports });
  await app.register(oauthRoutes, { dci: container.dci });
  await app.register(dciRoutes, { prefix: '/dci', dci: container.dci, limiters });
  await app.register(dciPartnerRoutes, { prefix: '/api/v1', dci: container.dci });

  const webRoot = opts.webRoot ?? resolve('dist/web');
  const hasWeb = existsSync(resolve(webRoot, 'index.html'));
  // `reply.sendFile` for the not-found handler's web-app page; the files themselves are served below.
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, serve: false, preCompressed: true });
  await app.register(async (publicFiles) => {
    publicFiles.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await publicFiles.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });
  await app.register(async (webFiles) => {
    webFiles.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true, webFile: true };
    });
    // The build's files live under /assets/ (index.html is the not-found handler's page), so no wildcard
    // route at / swallows unknown API paths. wildcard: files are looked up per request, so a rebuilt web
    // app is served without a restart.
    if (hasWeb) {
      // The installable app's service worker, manifest and icon (web/vite.config.ts): at the root, so the
      // worker's scope is the whole app; revalidated every time, so a new build replaces the old one.
      for (const [file, type] of Object.entries(OFFLINE_SHELL_FILES)) {
        webFiles.get(`/${file}`, { schema: { hide: true }, exposeHeadRoute: true }, (_req, reply) =>
          reply
            .header('cache-control', 'no-cache')
            .type(type)
            .sendFile(file, webRoot, { cacheControl: false }),
        );
      }
      await webFiles.register(fastifyStatic, {
        root: resolve(webRoot, 'assets'),
        prefix: '/assets/',
        wildcard: true,
        decorateReply: false,
        // The build writes .br/.gz beside each text asset (web/vite.config.ts): sent when the client accepts them.
        preCompressed: true,
        // Every file name carries a hash of its content (Vite build): a browser may keep it for good.
        cacheControl: true,
        maxAge: '365d',
        immutable: true,
      });
    }
  });
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes get the app — the public pages (Cek Bansos, statistics, citizen pages) their own
    // light entry, every other path the staff app; a missing asset or API route gets a 404 problem, never a page.
    if (hasWeb && isAppPageRequest(req)) {
      // The page names the current build's hashed files: always revalidated, so a new build is picked up.
      return reply
        .header('cache-control', 'no-cache')
        .sendFile(isPublicPagePath(req.url) ? 'public.html' : 'index.html', { cacheControl: false });
    }
    return sendProblem(
      reply,
      problemFromAppError(
        new AppError('not_found', 'route.not_found', { method: req.method, path: req.url.split('?')[0]! }),
        req,
      ),
    );
  });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;

/** Files of the web build served at the root (not under /assets/), with their types. */
const OFFLINE_SHELL_FILES: Record<string, string> = {
  'sw.js': 'text/javascript; charset=utf-8',
  'manifest.webmanifest': 'application/manifest+json',
  'icon.svg': 'image/svg+xml',
};
