import { Card, Title } from '@mantine/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { responseList } from '../intake/lists';
import { ScoresTable } from '../intake/ScoresTable';

/** How many of the newest scores the record shows. */
const recentCount = 10;

/** The participant's most recent instrument scores. */
export function ScoresSection({ participantId }: { participantId: string }) {
  const responses = useApiData(
    () => api.get(`/participants/${participantId}/instrument-responses`, { schema: responseList }),
    [participantId],
  );
  return (
    <Card withBorder component="section" aria-labelledby="scores-heading">
      <Title order={2} size="h3" id="scores-heading" mb="sm">
        Recent scores
      </Title>
      <ScoresTable
        label="Recent scores"
        state={{ ...responses, data: responses.data?.items.slice(0, recentCount) }}
      />
    </Card>
  );
}
