import {
  addendumInput,
  idParams,
  idSchema,
  noteInput,
  notePartContent,
  noteSchema,
  noteUpdate,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as notes from './notes.service.js';

const tags = ['notes'];

export function noteRoutes(router: Router, deps: AppDeps): void {
  const read = access.can('clinical:read');
  const write = access.can('notes:write');

  router.post(
    '/api/v1/participants/:id/notes',
    { ...write, schema: { tags, params: idParams, body: noteInput, response: { 201: noteSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await notes.createNote(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/notes',
    {
      ...read,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(noteSchema) }) } },
    },
    (request) => notes.chart(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/sessions/:id/group-note',
    { ...write, schema: { tags, params: idParams, response: { 201: noteSchema } } },
    async (request, reply) =>
      reply.status(201).send(await notes.createGroupNote(contextOf(request, deps), request.params.id)),
  );
  router.get(
    '/api/v1/sessions/:id/group-note',
    { ...read, schema: { tags, params: idParams, response: { 200: noteSchema } } },
    (request) => notes.sessionGroupNote(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/notes/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: noteSchema } } },
    (request) => notes.getNote(contextOf(request, deps), request.params.id),
  );
  router.put(
    '/api/v1/notes/:id',
    { ...write, schema: { tags, params: idParams, body: noteUpdate, response: { 200: noteSchema } } },
    (request) => notes.updateNote(contextOf(request, deps), request.params.id, request.body),
  );
  router.put(
    '/api/v1/notes/:id/parts/:participantId',
    {
      ...write,
      schema: {
        tags,
        params: z.strictObject({ id: idSchema, participantId: idSchema }),
        body: notePartContent,
        response: { 200: noteSchema },
      },
    },
    (request) =>
      notes.updatePart(
        contextOf(request, deps),
        request.params.id,
        request.params.participantId,
        request.body,
      ),
  );
  router.post(
    '/api/v1/notes/:id/sign',
    { ...write, schema: { tags, params: idParams, response: { 200: noteSchema } } },
    (request) => notes.signNote(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/notes/:id/cosign',
    { ...access.can('notes:cosign'), schema: { tags, params: idParams, response: { 200: noteSchema } } },
    (request) => notes.cosignNote(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/notes/:id/addenda',
    { ...write, schema: { tags, params: idParams, body: addendumInput, response: { 201: noteSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await notes.addAddendum(contextOf(request, deps), request.params.id, request.body.text)),
  );
}
