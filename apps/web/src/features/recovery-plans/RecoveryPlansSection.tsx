import { Loader } from '@mantine/core';
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
import { ErrorAlert } from '../../ui/ErrorAlert';
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
          <RelapsePreventionEditor
            participantId={participantId}
            plan={plan}
            save={(content: RelapsePreventionContentInput) => save(content)}
          />
        )}
      />
    </>
  );
}

/**
 * The relapse-prevention plan's editor, with the curriculum of the participant's open program to link
 * coping skills to (loaded when the editor opens, not with every record).
 */
function RelapsePreventionEditor({
  participantId,
  plan,
  save,
}: {
  participantId: string;
  plan: RelapsePreventionPlan;
  save: (content: RelapsePreventionContentInput) => Promise<void>;
}) {
  const modules = useApiData(async (): Promise<CurriculumModule[]> => {
    const episodes = await api.get(`/participants/${participantId}/episodes`, { schema: episodeList });
    const open = episodes.items.find((episode) => episode.status === 'open');
    if (!open) return [];
    return (await api.get(`/programs/${open.programId}/curriculum`, { schema: curriculumSchema })).items;
  }, [participantId]);
  if (modules.loading && !modules.data) return <Loader aria-label="Loading the program’s curriculum" />;
  return (
    <>
      <ErrorAlert error={modules.error} title="The program’s curriculum could not be loaded" />
      <RelapsePreventionPlanForm initial={plan.content} modules={modules.data ?? []} save={save} />
    </>
  );
}
