import {
  attendanceInput,
  idParams,
  participantAttendanceSchema,
  sessionAttendanceSchema,
} from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as attendance from './attendance.service.js';

const tags = ['attendance'];

export function attendanceRoutes(router: Router, deps: AppDeps): void {
  // Who attended a therapy group is health information: read by the care team, not billing.
  const read = access.can('clinical:read');

  router.get(
    '/api/v1/sessions/:id/attendance',
    { ...read, schema: { tags, params: idParams, response: { 200: sessionAttendanceSchema } } },
    (request) => attendance.sessionAttendance(contextOf(request, deps), request.params.id),
  );
  router.put(
    '/api/v1/sessions/:id/attendance',
    {
      ...access.can('attendance:write'),
      schema: { tags, params: idParams, body: attendanceInput, response: { 200: sessionAttendanceSchema } },
    },
    (request) => attendance.recordAttendance(contextOf(request, deps), request.params.id, request.body),
  );
  router.get(
    '/api/v1/participants/:id/attendance',
    { ...read, schema: { tags, params: idParams, response: { 200: participantAttendanceSchema } } },
    (request) => attendance.participantAttendance(contextOf(request, deps), request.params.id),
  );
}
