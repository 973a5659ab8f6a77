import type { Task, TaskKind } from '@stepwise/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/database.js';
import { participants, tasks } from '../../db/schema.js';

export interface TaskDraft {
  assigneeId: string;
  participantId: string | null;
  kind: TaskKind;
  title: string;
  dueDate: string;
  sourceType: string;
  sourceId: string;
}

/**
 * Creates the task, or opens again one cancelled for the same evidence; returns its id when it was
 * created or reopened, undefined when it already existed open or done.
 */
export async function upsertTask(tx: Db, orgId: string, draft: TaskDraft): Promise<string | undefined> {
  const [row] = await tx
    .insert(tasks)
    .values({ orgId, ...draft })
    .onConflictDoUpdate({
      target: [tasks.orgId, tasks.kind, tasks.sourceType, tasks.sourceId, tasks.assigneeId],
      set: { status: 'open', completedAt: null, completedBy: null, completionNote: null },
      setWhere: sql`${tasks.status} = 'cancelled'`,
    })
    .returning({ id: tasks.id });
  return row?.id;
}

/** Closes (done or cancelled) the open tasks of a kind raised from a record; returns those closed. */
export async function closeTasksFrom(
  tx: Db,
  orgId: string,
  kind: TaskKind,
  source: { type: string; id: string },
  by: string,
  status: 'done' | 'cancelled',
) {
  return tx
    .update(tasks)
    .set({ status, completedAt: new Date(), completedBy: by })
    .where(
      and(
        eq(tasks.orgId, orgId),
        eq(tasks.kind, kind),
        eq(tasks.sourceType, source.type),
        eq(tasks.sourceId, source.id),
        eq(tasks.status, 'open'),
      ),
    )
    .returning({ id: tasks.id, participantId: tasks.participantId });
}

const taskColumns = {
  task: tasks,
  givenName: participants.givenName,
  preferredName: participants.preferredName,
  familyName: participants.familyName,
};

type TaskRow = {
  task: typeof tasks.$inferSelect;
  givenName: string | null;
  preferredName: string | null;
  familyName: string | null;
};

function toTask(row: TaskRow): Task {
  const { task } = row;
  return {
    id: task.id,
    kind: task.kind as TaskKind,
    title: task.title,
    dueDate: task.dueDate,
    status: task.status as Task['status'],
    participantId: task.participantId,
    participantName: row.familyName ? `${row.preferredName ?? row.givenName} ${row.familyName}` : null,
    sourceType: task.sourceType,
    sourceId: task.sourceId,
    createdAt: task.createdAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
    completionNote: task.completionNote,
  };
}

/** A staff member's tasks: open ones by due date, or the latest 100 done. */
export async function inbox(tx: Db, orgId: string, assigneeId: string, status: 'open' | 'done') {
  const rows = await tx
    .select(taskColumns)
    .from(tasks)
    .leftJoin(participants, eq(participants.id, tasks.participantId))
    .where(and(eq(tasks.orgId, orgId), eq(tasks.assigneeId, assigneeId), eq(tasks.status, status)))
    .orderBy(
      ...(status === 'open'
        ? [asc(tasks.dueDate), asc(tasks.createdAt), asc(tasks.id)]
        : [desc(tasks.completedAt), desc(tasks.id)]),
    )
    .limit(status === 'open' ? 500 : 100);
  return rows.map(toTask);
}

export async function findTask(
  tx: Db,
  orgId: string,
  id: string,
): Promise<(Task & { assigneeId: string }) | undefined> {
  const [row] = await tx
    .select(taskColumns)
    .from(tasks)
    .leftJoin(participants, eq(participants.id, tasks.participantId))
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)));
  return row ? { ...toTask(row), assigneeId: row.task.assigneeId } : undefined;
}

export async function completeTask(tx: Db, orgId: string, id: string, by: string, note: string | null) {
  await tx
    .update(tasks)
    .set({ status: 'done', completedAt: new Date(), completedBy: by, completionNote: note })
    .where(and(eq(tasks.orgId, orgId), eq(tasks.id, id)));
}
