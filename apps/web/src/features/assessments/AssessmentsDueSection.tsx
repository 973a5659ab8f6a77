import { Card, Text, Title } from '@mantine/core';
import { dueAssessmentListSchema } from '@stepwise/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { DueAssessmentList } from './DueAssessmentList';

/**
 * On the participant's record: the questionnaires their program's schedule says they owe today. They
 * can answer them in the participant area, or staff administer them with the scores below.
 */
export function AssessmentsDueSection({ participantId }: { participantId: string }) {
  const due = useApiData(
    () => api.get(`/participants/${participantId}/assessments/due`, { schema: dueAssessmentListSchema }),
    [participantId],
  );
  return (
    <Card withBorder component="section" aria-labelledby="assessments-due-heading">
      <Title order={2} size="h3" id="assessments-due-heading" mb={4}>
        Assessments due
      </Title>
      <Text size="sm" mb="sm">
        From the program’s assessment schedule; the participant can answer them in the participant area.
      </Text>
      <ErrorAlert error={due.error} title="The assessments due could not be loaded" />
      {!due.data && !due.error && <Text size="sm">Loading…</Text>}
      {due.data && (
        <DueAssessmentList items={due.data.items} today={due.data.today} label="Assessments due" />
      )}
    </Card>
  );
}
