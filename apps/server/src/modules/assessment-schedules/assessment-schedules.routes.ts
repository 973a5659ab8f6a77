import {
  assessmentScheduleSchema,
  dueAssessmentListSchema,
  idParams,
  overdueAssessmentListSchema,
  portalInstrumentResponseInput,
  portalInstrumentResultSchema,
  programAssessmentScheduleSchema,
} from '@stepwise/core';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as schedules from './assessment-schedules.service.js';

const tags = ['assessment schedules'];

export function assessmentScheduleRoutes(router: Router, deps: AppDeps): void {
  const read = access.can('clinical:read');
  const portal = access.can('portal:self');

  router.get(
    '/api/v1/programs/:id/assessment-schedule',
    { ...read, schema: { tags, params: idParams, response: { 200: programAssessmentScheduleSchema } } },
    (request) => schedules.getSchedule(contextOf(request, deps), request.params.id),
  );
  router.put(
    '/api/v1/programs/:id/assessment-schedule',
    {
      // A program's clinical rules, like its level-of-care rules: the program director's to tune.
      ...access.can('clinical_rules:manage'),
      schema: {
        tags,
        params: idParams,
        body: assessmentScheduleSchema,
        response: { 200: programAssessmentScheduleSchema },
      },
    },
    (request) => schedules.updateSchedule(contextOf(request, deps), request.params.id, request.body),
  );
  router.get(
    '/api/v1/programs/:id/assessments/overdue',
    { ...read, schema: { tags, params: idParams, response: { 200: overdueAssessmentListSchema } } },
    (request) => schedules.programOverdue(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/participants/:id/assessments/due',
    { ...read, schema: { tags, params: idParams, response: { 200: dueAssessmentListSchema } } },
    (request) => schedules.participantDue(contextOf(request, deps), request.params.id),
  );

  router.get(
    '/api/v1/me/assessments/due',
    { ...portal, schema: { tags: ['portal'], response: { 200: dueAssessmentListSchema } } },
    (request) => schedules.myDue(contextOf(request, deps)),
  );
  router.post(
    '/api/v1/me/instrument-responses',
    {
      ...portal,
      schema: {
        tags: ['portal'],
        body: portalInstrumentResponseInput,
        response: { 201: portalInstrumentResultSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await schedules.answerDueQuestionnaire(contextOf(request, deps), request.body)),
  );
}
