/**
 * Security headers on every answer (helmet), plus two rules of our own:
 * - `Cache-Control: no-store` on every answer to a logged-in request and on the login answer (it carries the
 *   token): they show personal data or credentials, which no browser or proxy cache may keep;
 * - HSTS when the deployment is reached over HTTPS (`TLS=1`, or the request itself came over https).
 * One Content-Security-Policy serves the web app and the API docs (Swagger UI): both load only their own
 * scripts and stylesheets (the Vite build emits module scripts and stylesheet links, no inline code; React
 * sets `style` through the DOM, which CSP allows), images from the app or data:/blob: URLs.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';
import type { HttpSettings } from './settings.ts';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

export async function registerSecurityHeaders(app: FastifyInstance, settings: HttpSettings): Promise<void> {
  // Built once: @fastify/helmet rebuilt this middleware (parsing every directive) on every request, which
  // showed in the person-lookup profile; the headers are the same on every answer.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: settings.tls
        ? { ...CONTENT_SECURITY_POLICY, 'upgrade-insecure-requests': [] }
        : CONTENT_SECURITY_POLICY,
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Sent below, only when the deployment is reached over HTTPS: on plain HTTP it would be ignored at best.
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', (req, reply, done) => {
    securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    const config = req.routeOptions.config;
    if (req.actor || config?.loginAttempt || config?.citizen) reply.header('cache-control', 'no-store');
    if (req.overTls) reply.header('strict-transport-security', HSTS);
    done(null, payload);
  });
}
