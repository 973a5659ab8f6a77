import {
  availabilityInput,
  availabilitySchema,
  belowMinimumSchema,
  calendarQuery,
  closureCreatedSchema,
  closureInput,
  closureSchema,
  closuresQuery,
  enrolmentInput,
  enrolmentSchema,
  hoursQuery,
  idParams,
  idSchema,
  isoWeekSchema,
  leaveInput,
  makeupInput,
  makeupOptionSchema,
  makeupOptionsQuery,
  makeupSchema,
  participantSessionsSchema,
  programWeekSchema,
  proposalInput,
  proposalSchema,
  roomInput,
  roomSchema,
  sessionCancelInput,
  sessionCancellationSchema,
  sessionSchema,
  sessionSeriesInput,
  sessionSeriesSchema,
  staffWeekSchema,
  trackEnrolmentSchema,
  weekHoursSchema,
  withdrawalSchema,
  workingHoursInput,
} from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import { sendJson } from '../../http/json-text.js';
import * as makeups from './makeups.service.js';
import * as proposals from './proposals.service.js';
import * as scheduling from './scheduling.service.js';

const tags = ['scheduling'];

export function schedulingRoutes(router: Router, deps: AppDeps): void {
  const manage = access.can('schedule:manage');
  // The calendar shows groups, times, rooms and seat counts, never who attends.
  const read = access.can('structure:read');
  const rosterRead = access.can('participants:read');

  router.post(
    '/api/v1/rooms',
    { ...access.can('structure:manage'), schema: { tags, body: roomInput, response: { 201: roomSchema } } },
    async (request, reply) =>
      reply.status(201).send(await scheduling.createRoom(contextOf(request, deps), request.body)),
  );
  router.get(
    '/api/v1/rooms',
    { ...read, schema: { tags, response: { 200: z.object({ items: z.array(roomSchema) }) } } },
    (request) => scheduling.listRooms(contextOf(request, deps)),
  );
  router.post(
    '/api/v1/closures',
    {
      ...access.can('structure:manage'),
      schema: { tags, body: closureInput, response: { 201: closureCreatedSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await scheduling.createClosure(contextOf(request, deps), request.body)),
  );

  router.get(
    '/api/v1/closures',
    {
      ...read,
      schema: {
        tags,
        querystring: closuresQuery,
        response: { 200: z.object({ items: z.array(closureSchema) }) },
      },
    },
    (request) => scheduling.listClosures(contextOf(request, deps), request.query.from),
  );

  router.post(
    '/api/v1/programs/:id/session-series',
    {
      ...manage,
      schema: { tags, params: idParams, body: sessionSeriesInput, response: { 201: sessionSeriesSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await scheduling.createSeries(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/session-series/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: sessionSeriesSchema } } },
    (request) => scheduling.getSeries(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/programs/:id/calendar',
    {
      ...read,
      schema: {
        tags,
        params: idParams,
        querystring: calendarQuery,
        response: { 200: programWeekSchema },
      },
    },
    async (request, reply) =>
      sendJson(
        reply,
        await scheduling.programCalendarJson(contextOf(request, deps), request.params.id, request.query),
      ),
  );

  router.post(
    '/api/v1/session-series/:id/enrolments',
    {
      ...manage,
      schema: { tags, params: idParams, body: enrolmentInput, response: { 201: enrolmentSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await scheduling.enrol(contextOf(request, deps), request.params.id, request.body)),
  );
  router.post(
    '/api/v1/tracks/:id/enrolments',
    {
      ...manage,
      schema: { tags, params: idParams, body: enrolmentInput, response: { 201: trackEnrolmentSchema } },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await scheduling.enrolInTrack(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/sessions/:id',
    { ...read, schema: { tags, params: idParams, response: { 200: sessionSchema } } },
    (request) => scheduling.getSession(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/participants/:id/sessions',
    {
      ...rosterRead,
      schema: {
        tags,
        params: idParams,
        querystring: hoursQuery,
        response: { 200: participantSessionsSchema },
      },
    },
    (request) =>
      scheduling.participantSessions(contextOf(request, deps), request.params.id, request.query.week),
  );
  router.post(
    '/api/v1/sessions/:id/cancel',
    {
      ...manage,
      schema: {
        tags,
        params: idParams,
        body: sessionCancelInput,
        response: { 200: sessionCancellationSchema },
      },
    },
    (request) => scheduling.cancelSession(contextOf(request, deps), request.params.id, request.body.reason),
  );
  router.get(
    '/api/v1/participants/:id/makeup-options',
    {
      ...rosterRead,
      schema: {
        tags,
        params: idParams,
        querystring: makeupOptionsQuery,
        response: { 200: z.object({ items: z.array(makeupOptionSchema) }) },
      },
    },
    (request) =>
      makeups.makeupOptions(contextOf(request, deps), request.params.id, request.query.missedSessionId),
  );
  router.post(
    '/api/v1/participants/:id/makeups',
    { ...manage, schema: { tags, params: idParams, body: makeupInput, response: { 201: makeupSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await makeups.bookMakeup(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/participants/:id/makeups',
    {
      ...rosterRead,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(makeupSchema) }) } },
    },
    (request) => makeups.listMakeups(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/makeups/:id/cancel',
    { ...manage, schema: { tags, params: idParams, response: { 200: makeupSchema } } },
    (request) => makeups.cancelMakeup(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/session-series/:id/enrolments',
    {
      ...rosterRead,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(enrolmentSchema) }) } },
    },
    (request) => scheduling.listRoster(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/enrolments/:id/withdraw',
    {
      ...manage,
      schema: {
        tags,
        params: idParams,
        response: { 200: withdrawalSchema },
      },
    },
    (request) => scheduling.withdraw(contextOf(request, deps), request.params.id),
  );

  router.put(
    '/api/v1/participants/:id/availability',
    {
      ...manage,
      schema: { tags, params: idParams, body: availabilityInput, response: { 200: availabilitySchema } },
    },
    (request) => scheduling.setAvailability(contextOf(request, deps), request.params.id, request.body),
  );
  router.get(
    '/api/v1/participants/:id/availability',
    { ...rosterRead, schema: { tags, params: idParams, response: { 200: availabilitySchema } } },
    (request) => scheduling.getAvailability(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/staff/:id/availability',
    { ...read, schema: { tags, params: idParams, response: { 200: staffWeekSchema } } },
    (request) => scheduling.getStaffWeek(contextOf(request, deps), request.params.id),
  );
  router.put(
    '/api/v1/staff/:id/working-hours',
    {
      ...manage,
      schema: { tags, params: idParams, body: workingHoursInput, response: { 200: staffWeekSchema } },
    },
    (request) =>
      scheduling.setWorkingHours(contextOf(request, deps), request.params.id, request.body.windows),
  );
  router.post(
    '/api/v1/staff/:id/leave',
    { ...manage, schema: { tags, params: idParams, body: leaveInput, response: { 201: staffWeekSchema } } },
    async (request, reply) =>
      reply
        .status(201)
        .send(await scheduling.addLeave(contextOf(request, deps), request.params.id, request.body)),
  );

  const proposalParams = z.strictObject({ id: idSchema, proposalId: idSchema });
  router.post(
    '/api/v1/programs/:id/schedule/proposals',
    { ...manage, schema: { tags, params: idParams, body: proposalInput, response: { 202: proposalSchema } } },
    async (request, reply) =>
      reply
        .status(202)
        .send(await proposals.requestProposal(contextOf(request, deps), request.params.id, request.body)),
  );
  router.get(
    '/api/v1/programs/:id/schedule/proposals',
    {
      ...read,
      schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(proposalSchema) }) } },
    },
    (request) => proposals.listProposals(contextOf(request, deps), request.params.id),
  );
  router.get(
    '/api/v1/programs/:id/schedule/proposals/:proposalId',
    { ...rosterRead, schema: { tags, params: proposalParams, response: { 200: proposalSchema } } },
    (request) =>
      proposals.getProposal(contextOf(request, deps), request.params.id, request.params.proposalId),
  );
  router.post(
    '/api/v1/programs/:id/schedule/proposals/:proposalId/apply',
    {
      ...access.can('schedule:approve'),
      schema: { tags, params: proposalParams, response: { 200: proposalSchema } },
    },
    (request) =>
      proposals.applyProposal(contextOf(request, deps), request.params.id, request.params.proposalId),
  );

  router.get(
    '/api/v1/programs/:id/below-minimum',
    {
      ...rosterRead,
      schema: {
        tags,
        params: idParams,
        querystring: z.strictObject({ week: isoWeekSchema.optional() }),
        response: { 200: z.object({ items: z.array(belowMinimumSchema) }) },
      },
    },
    (request) => scheduling.belowMinimum(contextOf(request, deps), request.params.id, request.query.week),
  );
  router.get(
    '/api/v1/participants/:id/hours',
    {
      ...rosterRead,
      schema: { tags, params: idParams, querystring: hoursQuery, response: { 200: weekHoursSchema } },
    },
    (request) => scheduling.participantHours(contextOf(request, deps), request.params.id, request.query.week),
  );
}
