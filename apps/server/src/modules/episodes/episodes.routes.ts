import { episodeInput, episodeSchema, idParams } from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as episodes from './episodes.service.js';

const tags = ['episodes'];

export function episodeRoutes(router: Router, deps: AppDeps): void {
  router.post(
    '/api/v1/participants/:id/episodes',
    {
      ...access.can('intake:manage'),
      schema: { tags, params: idParams, body: episodeInput, response: { 201: episodeSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await episodes.admit(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/episodes',
    {
      ...access.can('participants:read'),
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(episodeSchema) }) } },
    },
    (request) => episodes.listEpisodes(contextOf(request, deps), request.params.id),
  );
}
