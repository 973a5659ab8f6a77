import {
  clinicianPlanSignatureInput,
  idParams,
  myRelapsePreventionPlanSchema,
  mySafetyPlanSchema,
  participantPlanSignatureInput,
  recoveryPlanDraftInput,
  relapsePreventionContentInput,
  relapsePreventionPlanSchema,
  relapsePreventionPlanVersionsSchema,
  safetyPlanContentInput,
  safetyPlanSchema,
  safetyPlanVersionsSchema,
} from '@stepwise/core';
import type { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import { relapsePreventionPlans, safetyPlans } from './recovery-plans.service.js';

/**
 * The routes of one kind of plan. For the care team: `/participants/:id/<plan>` (the version in
 * effect), `/versions`, `/drafts` (start the next version), and `/<plans>/:id` (read, change a draft,
 * sign, discard). For the participant: `/me/<plan>` and `/me/<plan>/sign`.
 */
function planRoutes(
  router: Router,
  deps: AppDeps,
  paths: { single: string; plural: string },
  // The kind's own schemas; typed loosely here so one function registers both kinds.
  schemas: { content: z.ZodType; version: z.ZodType; versions: z.ZodType; mine: z.ZodType },
  service: typeof safetyPlans | typeof relapsePreventionPlans,
) {
  const tags = ['recovery plans'];
  // The plans are health information: the care team reads them; those who write plans write and sign.
  const read = access.can('clinical:read');
  const write = access.can('plans:write');
  const portal = access.can('portal:self');

  router.get(
    `/api/v1/participants/:id/${paths.single}`,
    { ...read, schema: { tags, params: idParams, response: { 200: schemas.version } } },
    (request) => service.active(contextOf(request, deps), request.params.id),
  );
  router.get(
    `/api/v1/participants/:id/${paths.single}/versions`,
    { ...read, schema: { tags, params: idParams, response: { 200: schemas.versions } } },
    (request) => service.versions(contextOf(request, deps), request.params.id),
  );
  router.post(
    `/api/v1/participants/:id/${paths.single}/drafts`,
    {
      ...write,
      schema: { tags, params: idParams, body: recoveryPlanDraftInput, response: { 201: schemas.version } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.startDraft(contextOf(request, deps), request.params.id, request.body ?? {})),
  );
  router.get(
    `/api/v1/${paths.plural}/:id`,
    { ...read, schema: { tags, params: idParams, response: { 200: schemas.version } } },
    (request) => service.get(contextOf(request, deps), request.params.id),
  );
  router.put(
    `/api/v1/${paths.plural}/:id`,
    {
      ...write,
      schema: { tags, params: idParams, body: schemas.content, response: { 200: schemas.version } },
    },
    // The body was validated by the kind's own content schema, which this service takes.
    (request) => service.updateDraft(contextOf(request, deps), request.params.id, request.body as never),
  );
  router.post(
    `/api/v1/${paths.plural}/:id/sign`,
    {
      ...write,
      schema: {
        tags,
        params: idParams,
        body: clinicianPlanSignatureInput,
        response: { 200: schemas.version },
      },
    },
    (request) => service.signAsClinician(contextOf(request, deps), request.params.id, request.body.revision),
  );
  router.post(
    `/api/v1/${paths.plural}/:id/discard`,
    { ...write, schema: { tags, params: idParams, response: { 200: schemas.version } } },
    (request) => service.discard(contextOf(request, deps), request.params.id),
  );

  router.get(
    `/api/v1/me/${paths.single}`,
    { ...portal, schema: { tags: ['portal'], response: { 200: schemas.mine } } },
    (request) => service.mine(contextOf(request, deps)),
  );
  router.post(
    `/api/v1/me/${paths.single}/sign`,
    {
      ...portal,
      schema: { tags: ['portal'], body: participantPlanSignatureInput, response: { 200: schemas.version } },
    },
    (request) => service.signAsParticipant(contextOf(request, deps), request.body),
  );
}

export function recoveryPlanRoutes(router: Router, deps: AppDeps): void {
  planRoutes(
    router,
    deps,
    { single: 'safety-plan', plural: 'safety-plans' },
    {
      content: safetyPlanContentInput,
      version: safetyPlanSchema,
      versions: safetyPlanVersionsSchema,
      mine: mySafetyPlanSchema,
    },
    safetyPlans,
  );
  planRoutes(
    router,
    deps,
    { single: 'relapse-prevention-plan', plural: 'relapse-prevention-plans' },
    {
      content: relapsePreventionContentInput,
      version: relapsePreventionPlanSchema,
      versions: relapsePreventionPlanVersionsSchema,
      mine: myRelapsePreventionPlanSchema,
    },
    relapsePreventionPlans,
  );
}
