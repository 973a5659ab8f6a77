import { rotateModules } from '@stepwise/core';
import type { Db } from '../../db/database.js';
import * as repo from './curriculum.repository.js';

/**
 * Brings the module of each upcoming occurrence of the series up to date with the program's
 * curriculum (see core's rotateModules): run after occurrences are added or cancelled and after the
 * curriculum changes. Occurrences that have started keep the module they taught; pinned ones keep
 * theirs. Series other than groups do not rotate.
 */
export async function rotateSeries(tx: Db, orgId: string, seriesIds: readonly string[], now = new Date()) {
  if (seriesIds.length === 0) return;
  const series = (await repo.seriesByIds(tx, orgId, [...new Set(seriesIds)])).filter(
    (row) => row.kind === 'group',
  );
  const modulesByProgram = new Map<string, repo.ModuleRow[]>();
  for (const row of series) {
    const modules = modulesByProgram.get(row.programId) ?? (await repo.modulesOf(tx, orgId, row.programId));
    modulesByProgram.set(row.programId, modules);
    const taught = modules.filter((module) => module.modality === row.modality);
    const slots = await repo.upcomingOccurrences(tx, orgId, row.id, now);
    if (taught.length === 0 && slots.every((slot) => slot.moduleId === null || slot.pinned)) continue;
    const after = taught.length > 0 ? await repo.lastTaughtPosition(tx, orgId, row.id, now) : null;
    const assigned = rotateModules(
      taught,
      slots.map((slot) => ({ ...slot, cancelled: slot.status === 'cancelled' })),
      after,
    );
    await repo.setModules(
      tx,
      orgId,
      slots
        .filter((slot) => (assigned.get(slot.id) ?? null) !== slot.moduleId)
        .map((slot) => ({ id: slot.id, moduleId: assigned.get(slot.id) ?? null })),
    );
  }
}

/** After occurrences were cancelled: their series' later sessions take over the modules they would have taught. */
export async function rotateSeriesOfOccurrences(tx: Db, orgId: string, occurrenceIds: readonly string[]) {
  if (occurrenceIds.length === 0) return;
  await rotateSeries(tx, orgId, await repo.seriesOfOccurrences(tx, orgId, occurrenceIds));
}
