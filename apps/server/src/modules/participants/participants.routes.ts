import {
  contactInput,
  contactParams,
  contactSchema,
  contactUpdate,
  idParams,
  listQuery,
  page,
  participantInput,
  participantSchema,
  participantUpdate,
  portalAccountInput,
  portalRecordSchema,
  userSchema,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import { sendJson } from '../../http/json-text.js';
import * as participants from './participants.service.js';

const tags = ['participants'];

export function participantRoutes(router: Router, deps: AppDeps): void {
  const read = access.can('participants:read');
  const write = access.can('participants:write');

  router.get(
    '/api/v1/participants',
    { ...read, schema: { tags, querystring: listQuery, response: { 200: page(participantSchema) } } },
    async (request, reply) =>
      sendJson(reply, await participants.listParticipantsJson(contextOf(request, deps), request.query)),
  );
  router.post(
    '/api/v1/participants',
    { ...write, schema: { tags, body: participantInput, response: { 201: participantSchema } } },
    async (request, reply) =>
      reply.status(201).send(await participants.createParticipant(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/participants/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: participantSchema } } },
    async (request, reply) =>
      sendJson(reply, await participants.getParticipantJson(contextOf(request, deps), request.params.id)),
  );
  router.patch(
    '/api/v1/participants/:id',
    {
      ...write,
      schema: { tags, params: idParams, body: participantUpdate, response: { 200: participantSchema } },
    },
    (request) => participants.updateParticipant(contextOf(request, deps), request.params.id, request.body),
  );

  router.get(
    '/api/v1/participants/:id/contacts',
    {
      ...read,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(contactSchema) }) } },
    },
    async (request) => ({
      items: await participants.listContacts(contextOf(request, deps), request.params.id),
    }),
  );
  router.post(
    '/api/v1/participants/:id/contacts',
    { ...write, schema: { tags, params: idParams, body: contactInput, response: { 201: contactSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await participants.createContact(contextOf(request, deps), request.params.id, request.body)),
  );
  router.patch(
    '/api/v1/participants/:id/contacts/:contactId',
    {
      ...write,
      schema: { tags, params: contactParams, body: contactUpdate, response: { 200: contactSchema } },
    },
    (request) =>
      participants.updateContact(
        contextOf(request, deps),
        request.params.id,
        request.params.contactId,
        request.body,
      ),
  );
  router.delete(
    '/api/v1/participants/:id/contacts/:contactId',
    { ...write, schema: { tags, params: contactParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await participants.deleteContact(contextOf(request, deps), request.params.id, request.params.contactId);
      return reply.status(204).send(null);
    },
  );

  const accounts = access.can('participants:accounts');
  router.get(
    '/api/v1/participants/:id/accounts',
    {
      ...accounts,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(userSchema) }) } },
    },
    async (request) => ({
      items: await participants.listAccounts(contextOf(request, deps), request.params.id),
    }),
  );
  router.post(
    '/api/v1/participants/:id/accounts',
    {
      ...accounts,
      schema: { tags, params: idParams, body: portalAccountInput, response: { 201: userSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await participants.createPortalAccount(contextOf(request, deps), request.params.id, request.body),
        ),
  );

  router.get(
    '/api/v1/me/record',
    { ...access.can('portal:self'), schema: { tags: ['portal'], response: { 200: portalRecordSchema } } },
    (request) => participants.getPortalRecord(contextOf(request, deps)),
  );
}
