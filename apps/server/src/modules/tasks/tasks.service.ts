import type { Task, TaskKind } from '@stepwise/core';
import type { Db } from '../../db/database.js';
import { withOrg } from '../../db/org-scope.js';
import { AppError, notFound } from '../../http/app-error.js';
import type { ServiceContext } from '../../http/context.js';
import { recordAudit } from '../audit/audit-log.js';
import * as repo from './tasks.repository.js';

export type { TaskDraft } from './tasks.repository.js';

/**
 * Creates tasks inside another module's transaction (a follow-up after an unexcused absence): each
 * once per evidence and assignee; one cancelled earlier for the same evidence opens again.
 */
export async function createTasks(tx: Db, ctx: ServiceContext, drafts: repo.TaskDraft[]): Promise<void> {
  for (const draft of drafts) {
    const id = await repo.upsertTask(tx, ctx.actor.orgId, draft);
    if (!id) continue;
    await recordAudit(tx, ctx, {
      action: 'task.created',
      subjectType: 'task',
      subjectId: id,
      participantId: draft.participantId,
      details: { kind: draft.kind, assigneeId: draft.assigneeId },
    });
  }
}

/** Cancels the open tasks of a kind raised from a record whose reason went away (a corrected absence). */
export function cancelTasksFrom(
  tx: Db,
  ctx: ServiceContext,
  kind: TaskKind,
  source: { type: string; id: string },
): Promise<void> {
  return closeTasksFrom(tx, ctx, kind, source, 'cancelled');
}

/** Marks done the open tasks of a kind raised from a record, when the work was done elsewhere (a review). */
export function completeTasksFrom(
  tx: Db,
  ctx: ServiceContext,
  kind: TaskKind,
  source: { type: string; id: string },
): Promise<void> {
  return closeTasksFrom(tx, ctx, kind, source, 'done');
}

async function closeTasksFrom(
  tx: Db,
  ctx: ServiceContext,
  kind: TaskKind,
  source: { type: string; id: string },
  status: 'done' | 'cancelled',
): Promise<void> {
  const closed = await repo.closeTasksFrom(tx, ctx.actor.orgId, kind, source, ctx.actor.userId, status);
  for (const task of closed) {
    await recordAudit(tx, ctx, {
      action: status === 'done' ? 'task.completed' : 'task.cancelled',
      subjectType: 'task',
      subjectId: task.id,
      participantId: task.participantId,
    });
  }
}

/** The signed-in staff member's task inbox: open tasks by due date, or the latest done. */
export function myTasks(ctx: ServiceContext, status: 'open' | 'done'): Promise<{ items: Task[] }> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const items = await repo.inbox(tx, ctx.actor.orgId, ctx.actor.userId, status);
    await recordAudit(tx, ctx, {
      action: 'task.listed',
      subjectType: 'task',
      details: { status, shown: [...new Set(items.map((task) => task.participantId).filter(Boolean))] },
    });
    return { items };
  });
}

/** Marks one of one's own open tasks done, with an optional note. Others' tasks are not found. */
export function completeTask(
  ctx: ServiceContext,
  id: string,
  note: string | null | undefined,
): Promise<Task> {
  return withOrg(ctx.database, ctx.actor.orgId, async (tx) => {
    const task = await repo.findTask(tx, ctx.actor.orgId, id);
    if (!task || task.assigneeId !== ctx.actor.userId) throw notFound('task');
    if (task.status !== 'open') throw new AppError('conflict', `the task is already ${task.status}`);
    await repo.completeTask(tx, ctx.actor.orgId, id, ctx.actor.userId, note ?? null);
    await recordAudit(tx, ctx, {
      action: 'task.completed',
      subjectType: 'task',
      subjectId: id,
      participantId: task.participantId,
    });
    const done = await repo.findTask(tx, ctx.actor.orgId, id);
    if (!done) throw notFound('task');
    const { assigneeId: _assignee, ...shown } = done;
    return shown;
  });
}
