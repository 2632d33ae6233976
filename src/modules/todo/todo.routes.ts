import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Container } from '../../container.ts';
import { actorOf } from '../../http/context.ts';
import { problems } from '../../http/schemas.ts';
import { Todo, TodoQuery } from './todo.schemas.ts';

export const todoRoutes: FastifyPluginAsyncZod<{ container: Container }> = async (app, { container }) => {
  app.get(
    '/todo',
    {
      schema: {
        tags: ['todo'],
        summary:
          "What waits for the user, counted in their territory (per role: visits to review, proposals to approve, villages without a signed Berita Acara, open Dukcapil findings, the proposal window's days left…), each with a link to the filtered list",
        querystring: TodoQuery,
        response: { 200: Todo, ...problems },
      },
    },
    async (req) => container.todo.list(actorOf(req)),
  );
};
