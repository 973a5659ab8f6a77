import { Box, Button, Card, Group, Loader, Text, Title } from '@mantine/core';
import { programSchema, siteSchema, weekHoursSchema } from '@stepwise/core';
import { useState } from 'react';
import { ApiError, api, sentence } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { episodeList } from '../intake/lists';
import {
  currentWeek,
  formatDay,
  formatMinutes,
  formatWeekRange,
  shiftWeek,
  viewerZone,
  weekName,
} from './week';

/**
 * The zone of the site where the participant attends (their open episode's program), whose calendar
 * decides which week "this week" is; the viewer's own zone when they have no open episode.
 */
async function attendanceZone(participantId: string): Promise<string> {
  const episodes = await api.get(`/participants/${participantId}/episodes`, { schema: episodeList });
  const open = episodes.items.find((episode) => episode.status === 'open');
  if (!open) return viewerZone();
  const program = await api.get(`/programs/${open.programId}`, { schema: programSchema });
  const site = await api.get(`/sites/${program.siteId}`, { schema: siteSchema });
  return site.timeZone;
}

/**
 * A participant's week against the program's weekly minimum: hours scheduled (and attended) in all
 * and per day, a week at a time.
 */
export function HoursSection({ participantId }: { participantId: string }) {
  const zone = useApiData(() => attendanceZone(participantId), [participantId]);
  const [offset, setOffset] = useState(0);
  const thisWeek = zone.data ? currentWeek(zone.data) : undefined;
  const week = thisWeek ? shiftWeek(thisWeek, offset) : undefined;
  const hours = useApiData(
    () =>
      week
        ? api.get(`/participants/${participantId}/hours`, { query: { week }, schema: weekHoursSchema })
        : Promise.resolve(undefined),
    [participantId, week],
  );
  const noMinimum = hours.error instanceof ApiError && hours.error.code === 'conflict';
  const shown = hours.data && hours.data.week === week ? hours.data : undefined;
  const busiest = Math.max(60, ...(shown?.days.map((day) => day.scheduledMinutes) ?? []));

  return (
    <Card withBorder component="section" aria-labelledby="hours-heading">
      <Group justify="space-between" align="flex-start" mb="xs">
        <div>
          <Title order={2} size="h3" id="hours-heading">
            {week && thisWeek ? weekName(week, thisWeek) : 'This week'}
          </Title>
          {week && <Text size="sm">{formatWeekRange(week)}</Text>}
        </div>
        <Group gap="xs">
          <Button
            variant="outline"
            size="xs"
            leftSection={<span aria-hidden="true">←</span>}
            onClick={() => setOffset((value) => value - 1)}
            disabled={!week}
          >
            Previous week
          </Button>
          {offset !== 0 && (
            <Button variant="outline" size="xs" onClick={() => setOffset(0)}>
              This week
            </Button>
          )}
          <Button
            variant="outline"
            size="xs"
            rightSection={<span aria-hidden="true">→</span>}
            onClick={() => setOffset((value) => value + 1)}
            disabled={!week}
          >
            Next week
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={zone.error} title="The participant’s program could not be loaded" />
      {noMinimum && hours.error instanceof ApiError ? (
        <Text>{sentence(hours.error.message)}</Text>
      ) : (
        <ErrorAlert error={hours.error} title="The hours could not be loaded" />
      )}
      {!shown && !hours.error && !zone.error && <Loader size="sm" aria-label="Loading the week’s hours" />}
      {shown && (
        <>
          <Text size="lg" fw={700} role="status" c={shown.meetsMinimum ? undefined : 'red.9'}>
            {formatMinutes(shown.scheduledMinutes)} of {formatMinutes(shown.requiredMinutes)} —{' '}
            {shown.meetsMinimum ? 'meets minimum' : 'below minimum'}
          </Text>
          <Text size="sm" mb="sm">
            Scheduled against the program’s weekly minimum. Attended so far:{' '}
            {formatMinutes(shown.attendedMinutes)}.
          </Text>
          <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Hours by day">
            {shown.days.map((day) => (
              <Group component="li" key={day.date} gap="sm" wrap="nowrap" py={2}>
                <Text size="sm" w={96} style={{ flexShrink: 0 }}>
                  {formatDay(day.date)}
                </Text>
                <Box style={{ flex: 1 }} bg="gray.1" h={10} aria-hidden="true">
                  <Box bg="blue.8" h={10} w={`${Math.round((day.scheduledMinutes / busiest) * 100)}%`} />
                </Box>
                <Text size="sm" w={96} ta="right" style={{ flexShrink: 0 }}>
                  {day.scheduledMinutes === 0 ? 'none' : formatMinutes(day.scheduledMinutes)}
                </Text>
              </Group>
            ))}
          </Box>
        </>
      )}
    </Card>
  );
}
