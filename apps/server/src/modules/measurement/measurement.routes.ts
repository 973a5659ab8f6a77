import {
  drugScreenInput,
  drugScreenListSchema,
  drugScreenSchema,
  enteredInErrorInput,
  idParams,
  outcomesQuery,
  participantMeasurementSchema,
  programOutcomesSchema,
} from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as screens from './drug-screens.service.js';
import * as measurement from './measurement.service.js';

export function measurementRoutes(router: Router, deps: AppDeps): void {
  // Screens and scores are health information: the care team reads them; those who administer
  // instruments record screens.
  const read = access.can('clinical:read');
  const record = access.can('assessments:write');

  router.post(
    '/api/v1/participants/:id/drug-screens',
    {
      ...record,
      schema: {
        tags: ['drug-screens'],
        params: idParams,
        body: drugScreenInput,
        response: { 201: drugScreenSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await screens.recordScreen(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/drug-screens',
    {
      ...read,
      schema: { tags: ['drug-screens'], params: idParams, response: { 200: drugScreenListSchema } },
    },
    (request) => screens.listScreens(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/drug-screens/:id/entered-in-error',
    {
      ...record,
      schema: {
        tags: ['drug-screens'],
        params: idParams,
        body: enteredInErrorInput,
        response: { 200: drugScreenSchema },
      },
    },
    (request) => screens.markEnteredInError(contextOf(request, deps), request.params.id, request.body),
  );

  router.get(
    '/api/v1/participants/:id/measurement',
    {
      ...read,
      schema: { tags: ['measurement'], params: idParams, response: { 200: participantMeasurementSchema } },
    },
    (request) => measurement.participantMeasurement(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/programs/:id/outcomes',
    {
      // Counts and shares without names, but still derived from clinical records: clinical staff only.
      ...read,
      schema: {
        tags: ['measurement'],
        params: idParams,
        querystring: outcomesQuery,
        response: { 200: programOutcomesSchema },
      },
    },
    (request) => measurement.programOutcomes(contextOf(request, deps), request.params.id, request.query),
  );
}
