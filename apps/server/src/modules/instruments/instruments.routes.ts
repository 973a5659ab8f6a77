import {
  idParams,
  instrumentCodeParams,
  instrumentCodes,
  instrumentResponseInput,
  instrumentResponseSchema,
  instrumentSchema,
  instrumentScoreSchema,
  scoreRequestSchema,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as instruments from './instruments.service.js';

const tags = ['instruments'];

export function instrumentRoutes(router: Router, deps: AppDeps): void {
  // The instruments themselves are published questionnaires, not anyone's health information.
  const signedIn = access.signedIn();

  router.get(
    '/api/v1/instruments',
    { ...signedIn, schema: { tags, response: { 200: z.object({ items: z.array(instrumentSchema) }) } } },
    () => instruments.listInstruments(),
  );
  router.get(
    '/api/v1/instruments/:code',
    { ...signedIn, schema: { tags, params: instrumentCodeParams, response: { 200: instrumentSchema } } },
    (request) => instruments.getInstrument(request.params.code),
  );
  router.post(
    '/api/v1/instruments/:code/score',
    {
      ...signedIn,
      schema: {
        tags,
        params: instrumentCodeParams,
        body: scoreRequestSchema,
        response: { 200: instrumentScoreSchema },
      },
    },
    (request) => instruments.scoreAnswers(request.params.code, request.body),
  );

  router.post(
    '/api/v1/participants/:id/instrument-responses',
    {
      ...access.can('assessments:write'),
      schema: {
        tags,
        params: idParams,
        body: instrumentResponseInput,
        response: { 201: instrumentResponseSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await instruments.recordResponse(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/instrument-responses',
    {
      ...access.can('clinical:read'),
      schema: {
        tags,
        params: idParams,
        querystring: z.strictObject({ instrument: z.enum(instrumentCodes).optional() }),
        response: { 200: z.object({ items: z.array(instrumentResponseSchema) }) },
      },
    },
    (request) =>
      instruments.listResponses(contextOf(request, deps), request.params.id, request.query.instrument),
  );
}
