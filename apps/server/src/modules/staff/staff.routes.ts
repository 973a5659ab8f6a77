import { idParams, listQuery, page, staffInput, staffUpdate, userSchema } from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as staff from './staff.service.js';

const tags = ['staff'];

export function staffRoutes(router: Router, deps: AppDeps): void {
  router.get(
    '/api/v1/staff',
    {
      ...access.can('staff:read'),
      schema: { tags, querystring: listQuery, response: { 200: page(userSchema) } },
    },
    (request) => staff.listStaff(contextOf(request, deps), request.query),
  );
  router.post(
    '/api/v1/staff',
    { ...access.can('staff:manage'), schema: { tags, body: staffInput, response: { 201: userSchema } } },
    async (request, reply) =>
      reply.status(201).send(await staff.createStaff(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/staff/:id',
    { ...access.can('staff:read'), schema: { tags, params: idParams, response: { 200: userSchema } } },
    (request) => staff.getStaff(contextOf(request, deps), request.params.id),
  );
  router.patch(
    '/api/v1/staff/:id',
    {
      ...access.can('staff:manage'),
      schema: { tags, params: idParams, body: staffUpdate, response: { 200: userSchema } },
    },
    (request) => staff.updateStaff(contextOf(request, deps), request.params.id, request.body),
  );
}
