import {
  type CurriculumModule,
  curriculumSchema,
  type ModuleStatus,
  type SessionModality,
  sessionModalities,
  sessionModalityLabels,
} from '@stepwise/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';

/**
 * A program's modules, retired ones included so a session that taught one still shows its name;
 * nothing while the program is unknown.
 */
export function useProgramModules(programId: string | undefined, version = 0) {
  return useApiData(
    () =>
      programId
        ? api
            .get(`/programs/${programId}/curriculum`, {
              query: { retired: 'true' },
              schema: curriculumSchema,
            })
            .then((curriculum) => curriculum.items)
        : Promise.resolve(undefined),
    [programId, version],
  );
}

/** The name of the module a session teaches, or undefined when it teaches none (or it is unknown). */
export function moduleName(
  modules: readonly CurriculumModule[] | undefined,
  moduleId: string | null,
): string | undefined {
  if (!moduleId) return undefined;
  return modules?.find((module) => module.id === moduleId)?.name;
}

/** Current modules by the modality whose groups teach them, in the modalities' usual order. */
export function byModality(
  modules: readonly CurriculumModule[],
): { modality: SessionModality; label: string; modules: CurriculumModule[] }[] {
  return sessionModalities
    .map((modality) => ({
      modality,
      label: sessionModalityLabels[modality],
      modules: modules.filter((module) => module.modality === modality),
    }))
    .filter((group) => group.modules.length > 0);
}

/** A module that will be missed stands out in red; one scheduled in blue (readable with auto contrast). */
export const moduleStatusColors: Record<ModuleStatus, string> = {
  covered: 'teal.9',
  scheduled: 'blue.9',
  at_risk: 'red.9',
  optional: 'gray.7',
};
