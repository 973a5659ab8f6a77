import { Anchor, Box, Card, List, Text, Title } from '@mantine/core';
import type { Program } from '@stepwise/core';
import { Link } from 'react-router';
import { api, sentence } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { belowMinimumList } from './lists';
import { formatMinutes, formatWeekRange, shiftWeek, weekName } from './week';

/**
 * The reason without its first clause when that clause only repeats the hours ("scheduled 6.8 h of 9 h;
 * not possible: Saturday: work shift" → "not possible: Saturday: work shift"); the hours are shown
 * beside it already. Any other reason ("no groups scheduled this week") is kept whole.
 */
function limits(reason: string): string {
  return reason.replace(/^scheduled [\d.]+ h of [\d.]+ h;?\s*/, '');
}

/**
 * Who in the program is scheduled below its weekly minimum in the week shown and the next, with the
 * reason (nothing enrolled, hours short, blackouts in the way), each linked to their record.
 */
export function BelowMinimumPanel({
  program,
  week,
  thisWeek,
  version = 0,
}: {
  program: Program;
  week: string;
  /** Today's week at the site, to name the weeks ("This week", "Next week"). */
  thisWeek: string;
  /** Raised after a change to many enrolments at once (an applied proposal), to load the list again. */
  version?: number;
}) {
  const below = useApiData(
    () => api.get(`/programs/${program.id}/below-minimum`, { query: { week }, schema: belowMinimumList }),
    [program.id, week, version],
  );
  const weeks = [week, shiftWeek(week, 1)];
  return (
    <Card withBorder component="section" aria-labelledby="below-minimum-heading">
      <Title order={2} size="h3" id="below-minimum-heading" mb={4}>
        Below minimum
      </Title>
      <Text size="sm" mb="sm">
        Participants of {program.name} scheduled for less than its weekly minimum of{' '}
        {formatMinutes(program.weeklyHoursMinimum * 60)}.
      </Text>
      <ErrorAlert error={below.error} title="The list could not be loaded" />
      {!below.data && !below.error && <Text size="sm">Loading…</Text>}
      {below.data &&
        weeks.map((shown) => {
          const items = below.data?.items.filter((item) => item.week === shown) ?? [];
          const headingId = `below-minimum-${shown}`;
          return (
            <Box component="section" aria-labelledby={headingId} key={shown} mt="sm">
              <Title order={3} size="h5" id={headingId}>
                {weekName(shown, thisWeek)} · {formatWeekRange(shown)}
              </Title>
              {items.length === 0 ? (
                <Text size="sm">Everyone is scheduled for the minimum.</Text>
              ) : (
                <List size="sm" spacing={4} mt={4}>
                  {items.map((item) => (
                    <List.Item key={`${item.week}-${item.episodeId}`}>
                      <Anchor component={Link} to={`/participants/${item.participantId}`} fw={600}>
                        {item.participantName}
                      </Anchor>
                      : {formatMinutes(item.scheduledMinutes)} of {formatMinutes(item.requiredMinutes)}
                      {limits(item.reason) ? `. ${sentence(limits(item.reason))}` : '.'}
                    </List.Item>
                  ))}
                </List>
              )}
            </Box>
          );
        })}
    </Card>
  );
}
