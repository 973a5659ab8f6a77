import {
  idParams,
  idSchema,
  listQuery,
  organisationSchema,
  organisationUpdate,
  page,
  programInput,
  programSchema,
  programUpdate,
  siteInput,
  siteSchema,
  siteUpdate,
  trackInput,
  trackSchema,
  trackUpdate,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as structure from './structure.service.js';

const tags = ['organisation'];

export function structureRoutes(router: Router, deps: AppDeps): void {
  const read = access.can('structure:read');
  const manage = access.can('structure:manage');

  router.get(
    '/api/v1/organisation',
    { ...read, schema: { tags, response: { 200: organisationSchema } } },
    (request) => structure.getOrganisation(contextOf(request, deps)),
  );
  router.patch(
    '/api/v1/organisation',
    { ...manage, schema: { tags, body: organisationUpdate, response: { 200: organisationSchema } } },
    (request) => structure.updateOrganisation(contextOf(request, deps), request.body),
  );

  router.get(
    '/api/v1/sites',
    { ...read, schema: { tags, querystring: listQuery, response: { 200: page(siteSchema) } } },
    (request) => structure.listSites(contextOf(request, deps), request.query),
  );
  router.post(
    '/api/v1/sites',
    { ...manage, schema: { tags, body: siteInput, response: { 201: siteSchema } } },
    async (request, reply) =>
      reply.status(201).send(await structure.createSite(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/sites/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: siteSchema } } },
    (request) => structure.getSite(contextOf(request, deps), request.params.id),
  );
  router.patch(
    '/api/v1/sites/:id',
    { ...manage, schema: { tags, params: idParams, body: siteUpdate, response: { 200: siteSchema } } },
    (request) => structure.updateSite(contextOf(request, deps), request.params.id, request.body),
  );

  const programQuery = listQuery.extend({ siteId: idSchema.optional() });
  router.get(
    '/api/v1/programs',
    { ...read, schema: { tags, querystring: programQuery, response: { 200: page(programSchema) } } },
    (request) => structure.listPrograms(contextOf(request, deps), request.query),
  );
  router.post(
    '/api/v1/programs',
    { ...manage, schema: { tags, body: programInput, response: { 201: programSchema } } },
    async (request, reply) =>
      reply.status(201).send(await structure.createProgram(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/programs/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: programSchema } } },
    (request) => structure.getProgram(contextOf(request, deps), request.params.id),
  );
  router.patch(
    '/api/v1/programs/:id',
    { ...manage, schema: { tags, params: idParams, body: programUpdate, response: { 200: programSchema } } },
    (request) => structure.updateProgram(contextOf(request, deps), request.params.id, request.body),
  );

  const trackQuery = listQuery.extend({ programId: idSchema.optional() });
  router.get(
    '/api/v1/tracks',
    { ...read, schema: { tags, querystring: trackQuery, response: { 200: page(trackSchema) } } },
    (request) => structure.listTracks(contextOf(request, deps), request.query),
  );
  router.post(
    '/api/v1/tracks',
    { ...manage, schema: { tags, body: trackInput, response: { 201: trackSchema } } },
    async (request, reply) =>
      reply.status(201).send(await structure.createTrack(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/tracks/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: trackSchema } } },
    (request) => structure.getTrack(contextOf(request, deps), request.params.id),
  );
  router.patch(
    '/api/v1/tracks/:id',
    { ...manage, schema: { tags, params: idParams, body: trackUpdate, response: { 200: trackSchema } } },
    (request) => structure.updateTrack(contextOf(request, deps), request.params.id, request.body),
  );
  router.delete(
    '/api/v1/tracks/:id',
    { ...manage, schema: { tags, params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await structure.deleteTrack(contextOf(request, deps), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
