import { participantMeasurementSchema } from '@stepwise/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { DrugScreensSection } from './DrugScreensSection';
import { MeasuresSection } from './MeasuresSection';

/** The chart's measures and drug screens, from one read of the participant's trends. */
export function ParticipantMeasures({
  participantId,
  canRecord,
}: {
  participantId: string;
  canRecord: boolean;
}) {
  const measurement = useApiData(
    () => api.get(`/participants/${participantId}/measurement`, { schema: participantMeasurementSchema }),
    [participantId],
  );
  return (
    <>
      <MeasuresSection measurement={measurement} />
      <DrugScreensSection
        participantId={participantId}
        trend={measurement.data?.screens}
        canRecord={canRecord}
        onChanged={measurement.reload}
      />
    </>
  );
}
