import {
  idParams,
  levelOfCareAssessmentInput,
  levelOfCareAssessmentSchema,
  levelOfCareDecisionInput,
  levelOfCareRecommendationSchema,
  levelOfCareRequestSchema,
  levelOfCareRulesResponse,
  levelOfCareRulesSchema,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as levelOfCare from './level-of-care.service.js';

const tags = ['level of care'];

export function levelOfCareRoutes(router: Router, deps: AppDeps): void {
  const read = access.can('clinical:read');
  const write = access.can('assessments:write');

  // A calculator over ratings alone: nothing is stored and no one is identified.
  router.post(
    '/api/v1/level-of-care/recommend',
    {
      ...read,
      schema: { tags, body: levelOfCareRequestSchema, response: { 200: levelOfCareRecommendationSchema } },
    },
    (request) => levelOfCare.recommend(request.body),
  );

  router.get(
    '/api/v1/programs/:id/level-of-care-rules',
    { ...read, schema: { tags, params: idParams, response: { 200: levelOfCareRulesResponse } } },
    (request) => levelOfCare.getProgramRules(contextOf(request, deps), request.params.id),
  );
  router.put(
    '/api/v1/programs/:id/level-of-care-rules',
    {
      ...access.can('clinical_rules:manage'),
      schema: {
        tags,
        params: idParams,
        body: levelOfCareRulesSchema,
        response: { 200: levelOfCareRulesResponse },
      },
    },
    (request) => levelOfCare.updateProgramRules(contextOf(request, deps), request.params.id, request.body),
  );

  router.post(
    '/api/v1/participants/:id/level-of-care-assessments',
    {
      ...write,
      schema: {
        tags,
        params: idParams,
        body: levelOfCareAssessmentInput,
        response: { 201: levelOfCareAssessmentSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await levelOfCare.assessLevelOfCare(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/level-of-care-assessments',
    {
      ...read,
      schema: {
        tags,
        params: idParams,
        response: { 200: z.object({ items: z.array(levelOfCareAssessmentSchema) }) },
      },
    },
    (request) => levelOfCare.listAssessments(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/level-of-care-assessments/:id/decision',
    {
      ...write,
      schema: {
        tags,
        params: idParams,
        body: levelOfCareDecisionInput,
        response: { 200: levelOfCareAssessmentSchema },
      },
    },
    (request) => levelOfCare.decideLevelOfCare(contextOf(request, deps), request.params.id, request.body),
  );
}
