import {
  apiTokenCreated,
  apiTokenInput,
  apiTokenSchema,
  idParams,
  loginInput,
  loginResponse,
  mfaCodeInput,
  mfaDisableInput,
  mfaSetupResponse,
  passwordChangeInput,
  sessionResponse,
} from '@stepwise/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf, sessionCookie } from '../../http/access.js';
import * as auth from './auth.service.js';

const tags = ['auth'];
const noContent = { 204: z.null().describe('done') };

export function authRoutes(router: Router, deps: AppDeps): void {
  router.post(
    '/api/v1/auth/login',
    { ...access.public, schema: { tags, body: loginInput, response: { 200: loginResponse } } },
    async (request, reply) => {
      const result = await auth.login(deps, request.body, request.meta);
      reply.setCookie(sessionCookie, result.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie(request, deps),
        maxAge: deps.config.sessionMaxHours * 3600,
      });
      return { user: auth.describeMe(result.actor, deps.config), csrfToken: result.actor.csrfToken ?? '' };
    },
  );

  router.post(
    '/api/v1/auth/logout',
    { ...access.signedIn(true), schema: { tags, response: noContent } },
    async (request, reply) => {
      if (request.sessionToken) await auth.logout(contextOf(request, deps), request.sessionToken);
      clearSession(reply);
      return reply.status(204).send(null);
    },
  );

  router.get(
    '/api/v1/me',
    { ...access.signedIn(true), schema: { tags, response: { 200: sessionResponse } } },
    async (request) => {
      const ctx = contextOf(request, deps);
      return { user: auth.describeMe(ctx.actor, deps.config), csrfToken: ctx.actor.csrfToken };
    },
  );

  router.post(
    '/api/v1/me/password',
    { ...access.signedIn(true), schema: { tags, body: passwordChangeInput, response: noContent } },
    async (request, reply) => {
      await auth.changePassword(
        contextOf(request, deps),
        request.body.currentPassword,
        request.body.newPassword,
      );
      return reply.status(204).send(null);
    },
  );

  router.post(
    '/api/v1/me/mfa/setup',
    { ...access.signedIn(true), schema: { tags, response: { 200: mfaSetupResponse } } },
    async (request) => auth.setUpMfa(contextOf(request, deps)),
  );

  router.post(
    '/api/v1/me/mfa/enable',
    { ...access.signedIn(true), schema: { tags, body: mfaCodeInput, response: noContent } },
    async (request, reply) => {
      await auth.enableMfa(contextOf(request, deps), request.body.code);
      return reply.status(204).send(null);
    },
  );

  router.post(
    '/api/v1/me/mfa/disable',
    { ...access.signedIn(), schema: { tags, body: mfaDisableInput, response: noContent } },
    async (request, reply) => {
      await auth.disableMfa(contextOf(request, deps), request.body.password, request.body.code);
      return reply.status(204).send(null);
    },
  );

  router.get(
    '/api/v1/me/tokens',
    {
      ...access.signedIn(),
      schema: { tags, response: { 200: z.object({ items: z.array(apiTokenSchema) }) } },
    },
    async (request) => ({ items: await auth.listApiTokens(contextOf(request, deps)) }),
  );

  router.post(
    '/api/v1/me/tokens',
    { ...access.signedIn(), schema: { tags, body: apiTokenInput, response: { 201: apiTokenCreated } } },
    async (request, reply) =>
      reply.status(201).send(await auth.createApiToken(contextOf(request, deps), request.body)),
  );

  router.delete(
    '/api/v1/me/tokens/:id',
    { ...access.signedIn(), schema: { tags, params: idParams, response: noContent } },
    async (request, reply) => {
      await auth.revokeApiToken(contextOf(request, deps), request.params.id);
      return reply.status(204).send(null);
    },
  );
}

function secureCookie(request: FastifyRequest, deps: AppDeps): boolean {
  if (deps.config.secureCookies === 'auto') return request.protocol === 'https';
  return deps.config.secureCookies === 'true';
}

function clearSession(reply: FastifyReply): void {
  reply.clearCookie(sessionCookie, { path: '/' });
}
