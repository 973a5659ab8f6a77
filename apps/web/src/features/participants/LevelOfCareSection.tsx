import { Card, Title } from '@mantine/core';
import { type LevelOfCareAssessment, levelOfCareLabels } from '@stepwise/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { formatDateTime } from '../../ui/format';
import { RecordTable } from '../../ui/RecordTable';
import { assessmentList } from '../intake/lists';

function decided(assessment: LevelOfCareAssessment): string {
  const { decision } = assessment;
  if (!decision) return 'Not decided yet';
  const level = levelOfCareLabels[decision.level];
  return decision.kind === 'confirmed'
    ? `${level} (confirmed)`
    : `${level} (overridden: ${decision.reason ?? ''})`;
}

/** Level-of-care assessments: what the rules recommended and what the clinician decided. */
export function LevelOfCareSection({ participantId }: { participantId: string }) {
  const assessments = useApiData(
    () => api.get(`/participants/${participantId}/level-of-care-assessments`, { schema: assessmentList }),
    [participantId],
  );
  const newestFirst = assessments.data?.items
    .slice()
    .sort((a, b) => b.assessedAt.localeCompare(a.assessedAt));
  return (
    <Card withBorder component="section" aria-labelledby="level-of-care-heading">
      <Title order={2} size="h3" id="level-of-care-heading" mb="sm">
        Level-of-care assessments
      </Title>
      <RecordTable
        label="Level-of-care assessments"
        minWidth={720}
        state={{ ...assessments, data: newestFirst }}
        errorTitle="The level-of-care assessments could not be loaded"
        emptyText="No level-of-care assessments yet."
        columns={[
          { header: 'Assessed', cell: (assessment) => formatDateTime(assessment.assessedAt) },
          { header: 'Recommended', cell: (assessment) => levelOfCareLabels[assessment.recommendation.level] },
          { header: 'Decided', cell: decided },
          { header: 'Assessed by', cell: (assessment) => assessment.assessedBy.name },
        ]}
      />
    </Card>
  );
}
