import { Box, Button, Card, Group, Loader, Text, Title } from '@mantine/core';
import { weekHoursSchema } from '@stepwise/core';
import type { ReactNode } from 'react';
import { ApiError, api, sentence } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDay, formatMinutes, formatWeekRange, shiftWeek, weekName, weeksBetween } from './week';

/**
 * What was attended, from the attendance recorded at the week's sessions: nothing is said of a week
 * still ahead; this week's is "so far"; sessions whose attendance was never taken count nothing.
 */
function attendedText(minutes: number, weeksAhead: number): string {
  if (weeksAhead > 0) return '';
  const amount = minutes === 0 ? 'none recorded' : formatMinutes(minutes);
  return weeksAhead === 0 ? ` Attended so far: ${amount}.` : ` Attended: ${amount}.`;
}

/**
 * A participant's week against the program's weekly minimum: hours scheduled (and, as recorded,
 * attended) in all and per day, with buttons to move a week at a time. The week is the caller's, so what follows in
 * `children` (the week's sessions) moves with it.
 */
export function HoursSection({
  participantId,
  week,
  thisWeek,
  onWeek,
  version,
  zoneError,
  children,
}: {
  participantId: string;
  /** The ISO week shown; undefined while the participant's zone is loading. */
  week: string | undefined;
  /** The week that holds today where the participant attends. */
  thisWeek: string | undefined;
  onWeek: (week: string) => void;
  /** Changes whenever the participant's schedule changed, so the hours load again. */
  version: number;
  /** Why the participant's week could not be worked out, if it could not. */
  zoneError?: unknown;
  children?: ReactNode;
}) {
  const hours = useApiData(
    () =>
      week
        ? api.get(`/participants/${participantId}/hours`, { query: { week }, schema: weekHoursSchema })
        : Promise.resolve(undefined),
    [participantId, week, version],
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
            onClick={() => week && onWeek(shiftWeek(week, -1))}
            disabled={!week}
          >
            Previous week
          </Button>
          {thisWeek && week !== thisWeek && (
            <Button variant="outline" size="xs" onClick={() => onWeek(thisWeek)}>
              This week
            </Button>
          )}
          <Button
            variant="outline"
            size="xs"
            rightSection={<span aria-hidden="true">→</span>}
            onClick={() => week && onWeek(shiftWeek(week, 1))}
            disabled={!week}
          >
            Next week
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={zoneError} title="The participant’s program could not be loaded" />
      {noMinimum && hours.error instanceof ApiError ? (
        <Text>{sentence(hours.error.message)}</Text>
      ) : (
        <ErrorAlert error={hours.error} title="The hours could not be loaded" />
      )}
      {!shown && !hours.error && !zoneError && <Loader size="sm" aria-label="Loading the week’s hours" />}
      {shown && (
        <>
          <Text size="lg" fw={700} role="status" c={shown.meetsMinimum ? undefined : 'red.9'}>
            {formatMinutes(shown.scheduledMinutes)} of {formatMinutes(shown.requiredMinutes)} —{' '}
            {shown.meetsMinimum ? 'meets minimum' : 'below minimum'}
          </Text>
          <Text size="sm" mb="sm">
            Scheduled against the program’s weekly minimum.
            {attendedText(shown.attendedMinutes, week && thisWeek ? weeksBetween(thisWeek, week) : 0)}
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
                <Box w={112} ta="right" style={{ flexShrink: 0 }}>
                  <Text size="sm">
                    {day.scheduledMinutes === 0 ? 'none' : formatMinutes(day.scheduledMinutes)}
                  </Text>
                  {day.attendedMinutes > 0 && (
                    <Text size="xs">attended {formatMinutes(day.attendedMinutes)}</Text>
                  )}
                </Box>
              </Group>
            ))}
          </Box>
        </>
      )}
      {children}
    </Card>
  );
}
