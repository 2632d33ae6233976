import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from '../../container.ts';
import { actorOf, clientOf, SESSION_COOKIE } from '../../http/context.ts';
import { ProblemSchema, problems } from '../../http/schemas.ts';

const PublicUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  status: z.string(),
  permissions: z.array(z.string()).optional(),
});

/** `GET /auth/me`: the user with what their role may do (the web app's session). */
export const Me = PublicUser.extend({ permissions: z.array(z.string()) });
export type Me = z.infer<typeof Me>;

export const authRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.post(
    '/auth/login',
    {
      config: { public: true, loginAttempt: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in; answers a bearer token and sets the session cookie',
        body: z.strictObject({ username: z.string().min(1).max(60), password: z.string().min(1).max(200) }),
        response: {
          200: z.object({ token: z.string(), user: PublicUser }),
          400: ProblemSchema,
          401: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      const result = await container.auth.login(req.body.username, req.body.password, clientOf(req));
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: req.overTls,
        maxAge: 12 * 3600,
      });
      return result;
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { partners: true },
      schema: { tags: ['auth'], summary: 'End this session', response: { 204: z.null(), ...problems } },
    },
    async (req, reply) => {
      await container.auth.logout(req.sessionToken!, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { partners: true },
      schema: {
        tags: ['auth'],
        summary: 'The logged-in user and what they may do',
        response: { 200: Me, ...problems },
      },
    },
    async (req) => {
      const { permissionsOf } = await import('../../domain/access/roles.ts');
      const actor = actorOf(req);
      return { ...(await container.auth.me(actor)), permissions: permissionsOf(actor.role) };
    },
  );
};
