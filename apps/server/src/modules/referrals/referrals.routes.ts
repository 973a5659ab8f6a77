import {
  idParams,
  referralInput,
  referralListQuery,
  referralSchema,
  referralStatusInput,
  referralUpdate,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as referrals from './referrals.service.js';

const tags = ['referrals'];

export function referralRoutes(router: Router, deps: AppDeps): void {
  const manage = access.can('intake:manage');

  router.post(
    '/api/v1/referrals',
    { ...manage, schema: { tags, body: referralInput, response: { 201: referralSchema } } },
    async (request, reply) =>
      reply.status(201).send(await referrals.createReferral(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/referrals',
    {
      ...manage,
      schema: {
        tags,
        querystring: referralListQuery,
        response: { 200: z.object({ items: z.array(referralSchema) }) },
      },
    },
    (request) => referrals.listReferrals(contextOf(request, deps), request.query),
  );
  router.get(
    '/api/v1/referrals/:id',
    { ...manage, schema: { tags, params: idParams, response: { 200: referralSchema } } },
    (request) => referrals.getReferral(contextOf(request, deps), request.params.id),
  );
  router.patch(
    '/api/v1/referrals/:id',
    {
      ...manage,
      schema: { tags, params: idParams, body: referralUpdate, response: { 200: referralSchema } },
    },
    (request) => referrals.updateReferral(contextOf(request, deps), request.params.id, request.body),
  );
  router.post(
    '/api/v1/referrals/:id/status',
    {
      ...manage,
      schema: { tags, params: idParams, body: referralStatusInput, response: { 200: referralSchema } },
    },
    (request) => referrals.moveReferral(contextOf(request, deps), request.params.id, request.body),
  );
}
