import { Card, List, Text, Title } from '@mantine/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { EpisodeFacts } from '../intake/EpisodeFacts';
import { episodeList } from '../intake/lists';

/** The participant's open episode of care, and earlier episodes in one line each. */
export function EpisodeSection({ participantId }: { participantId: string }) {
  const episodes = useApiData(
    () => api.get(`/participants/${participantId}/episodes`, { schema: episodeList }),
    [participantId],
  );
  const items = episodes.data?.items ?? [];
  const open = items.find((episode) => episode.status === 'open');
  const earlier = items.filter((episode) => episode !== open);
  return (
    <Card withBorder component="section" aria-labelledby="episode-heading">
      <Title order={2} size="h3" id="episode-heading" mb="sm">
        Episode of care
      </Title>
      <ErrorAlert error={episodes.error} title="The episodes of care could not be loaded" />
      {episodes.data && !open && <Text>No open episode of care.</Text>}
      {open && <EpisodeFacts episode={open} />}
      {earlier.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="md">
            Earlier episodes
          </Text>
          <List size="sm" spacing={2}>
            {earlier.map((episode) => (
              <List.Item key={episode.id}>
                {episode.programName}, {episode.startDate} to {episode.expectedEndDate}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}
