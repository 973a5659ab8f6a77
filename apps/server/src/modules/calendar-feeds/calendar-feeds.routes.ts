import { calendarLinkSchema, idParams } from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as feeds from './calendar-feeds.service.js';

const tags = ['calendar feeds'];
const link = calendarLinkSchema;

export function calendarFeedRoutes(router: Router, deps: AppDeps): void {
  const origin = (request: { protocol: string; host: string }) => `${request.protocol}://${request.host}`;

  router.post(
    '/api/v1/participants/:id/calendar-link',
    { ...access.can('schedule:manage'), schema: { tags, params: idParams, response: { 201: link } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await feeds.createParticipantLink(contextOf(request, deps), request.params.id, origin(request)),
        ),
  );
  router.delete(
    '/api/v1/participants/:id/calendar-link',
    { ...access.can('schedule:manage'), schema: { tags, params: idParams } },
    async (request, reply) => {
      await feeds.revokeParticipantLink(contextOf(request, deps), request.params.id);
      return reply.status(204).send();
    },
  );
  router.post(
    '/api/v1/me/calendar-link',
    { ...access.signedIn(), schema: { tags, response: { 201: link } } },
    async (request, reply) =>
      reply.status(201).send(await feeds.createOwnLink(contextOf(request, deps), origin(request))),
  );
  router.delete(
    '/api/v1/me/calendar-link',
    { ...access.signedIn(), schema: { tags } },
    async (request, reply) => {
      await feeds.revokeOwnLink(contextOf(request, deps));
      return reply.status(204).send();
    },
  );

  // The link is the credential: calendar applications send no cookie or token.
  router.get(
    '/api/v1/calendar-feeds/:file',
    { ...access.public, schema: { tags, params: z.strictObject({ file: z.string().max(100) }) } },
    async (request, reply) => {
      const text = await feeds.renderFeed(deps, request.params.file, request.meta);
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(text);
    },
  );
}
