import {
  idParams,
  planAcknowledgementInput,
  planContentInput,
  planReviewDueSchema,
  planReviewInput,
  planReviewSchema,
  treatmentPlanInput,
  treatmentPlanSchema,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as plans from './treatment-plans.service.js';

const tags = ['treatment plans'];

export function treatmentPlanRoutes(router: Router, deps: AppDeps): void {
  const read = access.can('clinical:read');
  const write = access.can('plans:write');

  router.post(
    '/api/v1/participants/:id/treatment-plans',
    {
      ...write,
      schema: { tags, params: idParams, body: treatmentPlanInput, response: { 201: treatmentPlanSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await plans.draftPlan(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/treatment-plans',
    {
      ...read,
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(treatmentPlanSchema) }) },
      },
    },
    (request) => plans.listPlans(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/treatment-plans/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: treatmentPlanSchema } } },
    (request) => plans.getPlan(contextOf(request, deps), request.params.id),
  );
  router.put(
    '/api/v1/treatment-plans/:id',
    {
      ...write,
      schema: { tags, params: idParams, body: planContentInput, response: { 200: treatmentPlanSchema } },
    },
    (request) => plans.updateDraft(contextOf(request, deps), request.params.id, request.body),
  );
  router.delete(
    '/api/v1/treatment-plans/:id',
    { ...write, schema: { tags, params: idParams } },
    async (request, reply) => {
      await plans.discardDraft(contextOf(request, deps), request.params.id);
      return reply.status(204).send();
    },
  );
  router.post(
    '/api/v1/treatment-plans/:id/activate',
    { ...write, schema: { tags, params: idParams, response: { 200: treatmentPlanSchema } } },
    (request) => plans.activatePlan(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/treatment-plans/:id/reviews',
    {
      ...write,
      schema: { tags, params: idParams, body: planReviewInput, response: { 201: planReviewSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await plans.reviewPlan(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/treatment-plans/:id/reviews',
    {
      ...read,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(planReviewSchema) }) } },
    },
    (request) => plans.listReviews(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/programs/:id/plan-reviews',
    {
      ...read,
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(planReviewDueSchema) }) },
      },
    },
    (request) => plans.programReviews(contextOf(request, deps), request.params.id),
  );

  const portal = access.can('portal:self');
  router.get(
    '/api/v1/me/treatment-plan',
    { ...portal, schema: { tags: ['portal'], response: { 200: treatmentPlanSchema } } },
    (request) => plans.myPlan(contextOf(request, deps)),
  );
  router.post(
    '/api/v1/me/treatment-plan/acknowledge',
    {
      ...portal,
      schema: { tags: ['portal'], body: planAcknowledgementInput, response: { 200: treatmentPlanSchema } },
    },
    (request) => plans.acknowledgePlan(contextOf(request, deps), request.body.typedName),
  );
}
