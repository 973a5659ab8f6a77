import {
  curriculumGapsSchema,
  curriculumModuleInput,
  curriculumModuleSchema,
  curriculumModuleUpdate,
  curriculumOrderInput,
  curriculumSchema,
  idParams,
  participantCurriculumSchema,
  sessionModuleInput,
  sessionSchema,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as curriculum from './curriculum.service.js';

const tags = ['curriculum'];

export function curriculumRoutes(router: Router, deps: AppDeps): void {
  // The curriculum is the program's, not anyone's health information; those who build schedules keep it.
  const manage = access.can('schedule:manage');
  // Who covered what, and who will miss a module, is: the care team reads it.
  const clinical = access.can('clinical:read');

  router.get(
    '/api/v1/programs/:id/curriculum',
    {
      ...access.can('structure:read'),
      schema: {
        tags,
        params: idParams,
        querystring: z.strictObject({ retired: z.enum(['true', 'false']).optional() }),
        response: { 200: curriculumSchema },
      },
    },
    (request) =>
      curriculum.listCurriculum(
        contextOf(request, deps),
        request.params.id,
        request.query.retired === 'true',
      ),
  );
  router.post(
    '/api/v1/programs/:id/curriculum/modules',
    {
      ...manage,
      schema: {
        tags,
        params: idParams,
        body: curriculumModuleInput,
        response: { 201: curriculumModuleSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await curriculum.addModule(contextOf(request, deps), request.params.id, request.body)),
  );
  router.patch(
    '/api/v1/curriculum-modules/:id',
    {
      ...manage,
      schema: {
        tags,
        params: idParams,
        body: curriculumModuleUpdate,
        response: { 200: curriculumModuleSchema },
      },
    },
    (request) => curriculum.updateModule(contextOf(request, deps), request.params.id, request.body),
  );
  router.put(
    '/api/v1/programs/:id/curriculum/order',
    {
      ...manage,
      schema: { tags, params: idParams, body: curriculumOrderInput, response: { 200: curriculumSchema } },
    },
    (request) =>
      curriculum.reorderCurriculum(contextOf(request, deps), request.params.id, request.body.moduleIds),
  );
  router.put(
    '/api/v1/sessions/:id/module',
    {
      ...manage,
      schema: { tags, params: idParams, body: sessionModuleInput, response: { 200: sessionSchema } },
    },
    (request) =>
      curriculum.setSessionModule(contextOf(request, deps), request.params.id, request.body.moduleId),
  );
  router.get(
    '/api/v1/participants/:id/curriculum',
    { ...clinical, schema: { tags, params: idParams, response: { 200: participantCurriculumSchema } } },
    (request) => curriculum.participantCurriculum(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/programs/:id/curriculum/gaps',
    { ...clinical, schema: { tags, params: idParams, response: { 200: curriculumGapsSchema } } },
    (request) => curriculum.curriculumGaps(contextOf(request, deps), request.params.id),
  );
}
