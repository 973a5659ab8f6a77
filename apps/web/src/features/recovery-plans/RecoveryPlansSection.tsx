import type {
  CurriculumModule,
  RelapsePreventionContentInput,
  RelapsePreventionPlan,
  SafetyPlan,
  SafetyPlanContentInput,
} from '@stepwise/core';
import { curriculumSchema } from '@stepwise/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { episodeList } from '../intake/lists';
import { RelapsePreventionPlanView, SafetyPlanView } from './PlanViews';
import { relapsePreventionPlanKind, safetyPlanKind } from './plan-kinds';
import { RecoveryPlanCard } from './RecoveryPlanCard';
import { RelapsePreventionPlanForm } from './RelapsePreventionPlanForm';
import { SafetyPlanForm } from './SafetyPlanForm';

/** The participant's safety plan and relapse-prevention plan on their chart. */
export function RecoveryPlansSection({
  participantId,
  canWrite,
}: {
  participantId: string;
  canWrite: boolean;
}) {
  // Coping skills are linked to the curriculum of the participant's open program.
  const modules = useApiData(async (): Promise<CurriculumModule[]> => {
    if (!canWrite) return [];
    const episodes = await api.get(`/participants/${participantId}/episodes`, { schema: episodeList });
    const open = episodes.items.find((episode) => episode.status === 'open');
    if (!open) return [];
    return (await api.get(`/programs/${open.programId}/curriculum`, { schema: curriculumSchema })).items;
  }, [participantId, canWrite]);

  return (
    <>
      <RecoveryPlanCard<SafetyPlan>
        participantId={participantId}
        canWrite={canWrite}
        config={safetyPlanKind}
        renderView={(plan, idPrefix) => (
          <SafetyPlanView content={plan.content} order={4} idPrefix={idPrefix} />
        )}
        renderEditor={(plan, save) => (
          <SafetyPlanForm initial={plan.content} save={(content: SafetyPlanContentInput) => save(content)} />
        )}
      />
      <RecoveryPlanCard<RelapsePreventionPlan>
        participantId={participantId}
        canWrite={canWrite}
        config={relapsePreventionPlanKind}
        renderView={(plan, idPrefix) => (
          <RelapsePreventionPlanView content={plan.content} order={4} idPrefix={idPrefix} />
        )}
        renderEditor={(plan, save) => (
          <RelapsePreventionPlanForm
            initial={plan.content}
            modules={modules.data ?? []}
            save={(content: RelapsePreventionContentInput) => save(content)}
          />
        )}
      />
    </>
  );
}
