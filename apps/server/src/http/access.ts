import { type Permission, rolesAllow } from '@stepwise/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app.js';
import { resolveBearer, resolveSession } from '../modules/auth/auth.service.js';
import { safeEqual } from '../modules/auth/secrets.js';
import { AppError } from './app-error.js';
import type { Actor, RequestMeta, ServiceContext } from './context.js';

/** Who may call a route; every /api route declares one next to its definition. */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed_in'; duringMfaEnrolment: boolean }
  | { kind: 'permission'; permission: Permission };

export const access = {
  /** Anyone, signed in or not. */
  public: { config: { access: { kind: 'public' } as Access } },
  /** Any signed-in user; `duringMfaEnrolment` lets users who still must enrol in MFA call it. */
  signedIn: (duringMfaEnrolment = false) => ({
    config: { access: { kind: 'signed_in', duringMfaEnrolment } as Access },
  }),
  /** Users whose roles grant the permission. */
  can: (permission: Permission) => ({ config: { access: { kind: 'permission', permission } as Access } }),
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    meta: RequestMeta;
    sessionToken: string | null;
  }
}

export const sessionCookie = 'stepwise_session';

/** Paths under /api served by the documentation plugin, which cannot carry route config. */
const publicDocsPrefix = '/api/docs';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller (session cookie or bearer token) and enforces the route's access rule before
 * anything reads data: 401 without credentials, 403 for a missing CSRF header on cookie mutations,
 * an unfinished MFA enrolment, or a role without the permission. A route without a rule is refused.
 */
export function registerAccessControl(app: FastifyInstance, deps: AppDeps): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('meta', null as unknown as RequestMeta);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request, reply) => {
    request.meta = { ip: request.ip, userAgent: request.headers['user-agent']?.slice(0, 300) ?? null };
    const path = request.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || path.startsWith(publicDocsPrefix) || request.is404) return;
    const rule = request.routeOptions.config.access;
    if (!rule) throw new AppError('forbidden', 'this route has no access rule');

    const { actor, viaCookie } = await identify(request, reply, deps);
    request.actor = actor;
    if (rule.kind === 'public') return;
    if (!actor) throw new AppError('unauthenticated', 'sign in to continue');
    if (viaCookie && !safeMethods.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !actor.csrfToken || !safeEqual(header, actor.csrfToken)) {
        throw new AppError('csrf_failed', 'missing or wrong x-csrf-token header');
      }
    }
    if (actor.mfaEnrolmentRequired && !(rule.kind === 'signed_in' && rule.duringMfaEnrolment)) {
      throw new AppError('mfa_enrolment_required', 'set up multi-factor authentication to continue');
    }
    if (rule.kind === 'permission' && !rolesAllow(actor.roles, rule.permission)) {
      throw new AppError('forbidden', 'your role does not allow this');
    }
  });
}

async function identify(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: AppDeps,
): Promise<{ actor: Actor | null; viaCookie: boolean }> {
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const actor = match?.[1] ? await resolveBearer(deps, match[1]) : null;
    if (!actor) throw new AppError('unauthenticated', 'the API token is invalid, expired or revoked');
    return { actor, viaCookie: false };
  }
  const token = request.cookies[sessionCookie];
  if (!token) return { actor: null, viaCookie: false };
  request.sessionToken = token;
  const actor = await resolveSession(deps, token);
  if (!actor) reply.clearCookie(sessionCookie, { path: '/' });
  return { actor, viaCookie: true };
}

/** The service context of a request that passed access control. */
export function contextOf(request: FastifyRequest, deps: AppDeps): ServiceContext {
  if (!request.actor) throw new AppError('unauthenticated', 'sign in to continue');
  return {
    database: deps.database,
    config: deps.config,
    sessionCache: deps.sessionCache,
    sharedTrips: deps.sharedTrips,
    actor: request.actor,
    meta: request.meta,
  };
}
