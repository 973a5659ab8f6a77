import { idParams, notificationListSchema, notificationSchema } from '@stepwise/core';
import { z } from 'zod';
import type { AppDeps, Router } from '../../app.js';
import { access, contextOf } from '../../http/access.js';
import * as notifications from './notifications.service.js';

const tags = ['notifications'];

export function notificationRoutes(router: Router, deps: AppDeps): void {
  const signedIn = access.signedIn();
  router.get(
    '/api/v1/me/notifications',
    { ...signedIn, schema: { tags, response: { 200: notificationListSchema } } },
    (request) => notifications.myNotifications(contextOf(request, deps)),
  );
  router.post(
    '/api/v1/me/notifications/:id/read',
    { ...signedIn, schema: { tags, params: idParams, response: { 200: notificationSchema } } },
    (request) => notifications.markRead(contextOf(request, deps), request.params.id),
  );
  router.post(
    '/api/v1/me/notifications/read-all',
    { ...signedIn, schema: { tags, response: { 200: z.object({ unread: z.number() }) } } },
    (request) => notifications.markAllRead(contextOf(request, deps)),
  );
}
