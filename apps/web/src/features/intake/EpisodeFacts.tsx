import { List } from '@mantine/core';
import { type Episode, trackSchema } from '@stepwise/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { Fact, Facts } from '../../ui/Fact';
import { orDash } from '../../ui/format';

/** An episode of care: program and track, phase, dates, care team, payer and diagnoses. */
export function EpisodeFacts({ episode }: { episode: Episode }) {
  const { trackId } = episode;
  const track = useApiData(
    () => (trackId ? api.get(`/tracks/${trackId}`, { schema: trackSchema }) : Promise.resolve(undefined)),
    [trackId],
  );
  const { careTeam } = episode;
  return (
    <Facts cols={3}>
      <Fact label="Program">{episode.programName}</Fact>
      <Fact label="Track">{trackId ? (track.data?.name ?? '…') : '—'}</Fact>
      <Fact label="Phase">{episode.phase}</Fact>
      <Fact label="Start date">{episode.startDate}</Fact>
      <Fact label="Expected end">
        {episode.expectedEndDate} ({episode.expectedLengthDays} days)
      </Fact>
      <Fact label="Status">{episode.status === 'open' ? 'Open' : 'Closed'}</Fact>
      <Fact label="Primary clinician">{careTeam.primaryClinician.name}</Fact>
      <Fact label="Supervisor">{orDash(careTeam.supervisor?.name)}</Fact>
      <Fact label="Prescriber">{orDash(careTeam.prescriber?.name)}</Fact>
      <Fact label="Payer">{orDash(episode.payer)}</Fact>
      <Fact label="Authorization number">{orDash(episode.authorizationNumber)}</Fact>
      <Fact label="Diagnoses">
        {episode.diagnoses.length === 0 ? (
          '—'
        ) : (
          <List size="sm" listStyleType="none" spacing={2}>
            {episode.diagnoses.map((diagnosis) => (
              <List.Item key={diagnosis.code}>
                {diagnosis.code}
                {diagnosis.description ? ` — ${diagnosis.description}` : ''}
              </List.Item>
            ))}
          </List>
        )}
      </Fact>
    </Facts>
  );
}
