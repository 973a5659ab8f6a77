import { auditEventSchema, auditListQuery, auditVerifyResult, page } from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import { listAuditEvents, verifyAuditTrail } from './audit.service.js';

const tags = ['audit'];

export function auditRoutes(router: Router, deps: AppDeps): void {
  router.get(
    '/api/v1/audit/events',
    {
      ...access.can('audit:read'),
      schema: { tags, querystring: auditListQuery, response: { 200: page(auditEventSchema) } },
    },
    (request) => listAuditEvents(contextOf(request, deps), request.query),
  );
  router.get(
    '/api/v1/audit/verify',
    { ...access.can('audit:read'), schema: { tags, response: { 200: auditVerifyResult } } },
    (request) => verifyAuditTrail(contextOf(request, deps)),
  );
}
