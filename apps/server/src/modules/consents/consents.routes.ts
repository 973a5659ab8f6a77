import {
  consentInput,
  consentRevocationInput,
  consentSchema,
  disclosureCheckQuery,
  disclosureDecisionSchema,
  idParams,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as consents from './consents.service.js';

const tags = ['consents'];

export function consentRoutes(router: Router, deps: AppDeps): void {
  const manage = access.can('intake:manage');
  const read = access.can('clinical:read');

  router.post(
    '/api/v1/participants/:id/consents',
    { ...manage, schema: { tags, params: idParams, body: consentInput, response: { 201: consentSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await consents.recordConsent(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/consents',
    {
      ...read,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(consentSchema) }) } },
    },
    (request) => consents.listConsents(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/consents/:id/revoke',
    {
      ...manage,
      schema: { tags, params: idParams, body: consentRevocationInput, response: { 200: consentSchema } },
    },
    (request) => consents.revokeConsent(contextOf(request, deps), request.params.id, request.body.reason),
  );
  router.get(
    '/api/v1/participants/:id/disclosure-check',
    {
      ...read,
      schema: {
        tags,
        params: idParams,
        querystring: disclosureCheckQuery,
        response: { 200: disclosureDecisionSchema },
      },
    },
    (request) => consents.checkDisclosure(contextOf(request, deps), request.params.id, request.query),
  );
}
