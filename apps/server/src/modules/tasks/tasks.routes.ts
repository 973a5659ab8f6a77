import { idParams, taskCompletionInput, taskSchema, tasksQuery } from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as tasks from './tasks.service.js';

const tags = ['tasks'];

export function taskRoutes(router: Router, deps: AppDeps): void {
  const work = access.can('tasks:work');

  router.get(
    '/api/v1/tasks',
    {
      ...work,
      schema: { tags, querystring: tasksQuery, response: { 200: z.object({ items: z.array(taskSchema) }) } },
    },
    (request) => tasks.myTasks(contextOf(request, deps), request.query.status),
  );
  router.post(
    '/api/v1/tasks/:id/complete',
    {
      ...work,
      schema: { tags, params: idParams, body: taskCompletionInput, response: { 200: taskSchema } },
    },
    (request) => tasks.completeTask(contextOf(request, deps), request.params.id, request.body.note),
  );
}
