import { clinicianDaySchema } from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import { clinicianDay } from './clinician-day.service.js';

export function clinicianDayRoutes(router: Router, deps: AppDeps): void {
  router.get(
    '/api/v1/me/day',
    {
      ...access.can('clinical:read'),
      schema: { tags: ['clinical day'], response: { 200: clinicianDaySchema } },
    },
    (request) => clinicianDay(contextOf(request, deps)),
  );
}
