import { alertAssignInput, alertListQuery, alertResolveInput, alertSchema, idParams } from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as alerts from './alerts.service.js';

const tags = ['alerts'];

export function alertRoutes(router: Router, deps: AppDeps): void {
  const respond = access.can('alerts:respond');

  router.get(
    '/api/v1/alerts',
    {
      ...respond,
      schema: {
        tags,
        querystring: alertListQuery,
        response: { 200: z.object({ items: z.array(alertSchema) }) },
      },
    },
    (request) => alerts.listAlerts(contextOf(request, deps), request.query),
  );
  router.post(
    '/api/v1/alerts/:id/acknowledge',
    { ...respond, schema: { tags, params: idParams, response: { 200: alertSchema } } },
    (request) => alerts.acknowledgeAlert(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/alerts/:id',
    { ...respond, schema: { tags, params: idParams, response: { 200: alertSchema } } },
    (request) => alerts.getAlert(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/alerts/:id/assign',
    {
      ...respond,
      schema: { tags, params: idParams, body: alertAssignInput, response: { 200: alertSchema } },
    },
    (request) => alerts.assignAlert(contextOf(request, deps), request.params.id, request.body.userId),
  );
  router.post(
    '/api/v1/alerts/:id/resolve',
    {
      ...respond,
      schema: { tags, params: idParams, body: alertResolveInput, response: { 200: alertSchema } },
    },
    (request) => alerts.resolveAlert(contextOf(request, deps), request.params.id, request.body.note),
  );
}
