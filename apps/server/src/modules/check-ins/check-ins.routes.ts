import { checkInInput, checkInListSchema, checkInResultSchema, idParams } from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as checkIns from './check-ins.service.js';

export function checkInRoutes(router: Router, deps: AppDeps): void {
  const portal = access.can('portal:self');
  router.post(
    '/api/v1/me/check-ins',
    {
      ...portal,
      schema: { tags: ['portal'], body: checkInInput, response: { 201: checkInResultSchema } },
    },
    async (request, reply) =>
      reply.code(201).send(await checkIns.submitCheckIn(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/me/check-ins',
    { ...portal, schema: { tags: ['portal'], response: { 200: checkInListSchema } } },
    (request) => checkIns.myCheckIns(contextOf(request, deps)),
  );
  router.get(
    '/api/v1/participants/:id/check-ins',
    {
      // How someone's days went, their cravings and any use, are health information: the care team only.
      ...access.can('clinical:read'),
      schema: { tags: ['check-ins'], params: idParams, response: { 200: checkInListSchema } },
    },
    (request) => checkIns.participantCheckIns(contextOf(request, deps), request.params.id),
  );
}
