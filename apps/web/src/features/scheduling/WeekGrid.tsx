import { Badge, Box, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { isoWeekDates, type Session, sessionModalityLabels } from '@stepwise/core';
import { Link } from 'react-router';
import { formatDay } from './week';

/** How the grid names rooms and staff, and where a session leads. */
export interface SessionNames {
  roomName: (id: string | null) => string;
  facilitatorNames: (ids: readonly string[]) => string;
  /** The session's page: its series, opened at this occurrence. */
  sessionPath: (session: Session) => string;
  /** The name of the curriculum module a session teaches, if known. */
  moduleName?: (id: string | null) => string | undefined;
}

/**
 * A week of sessions: the days side by side on a wide screen, one under the other on a phone. Each
 * day is a named region with its sessions as links to their series, opened at that session.
 */
export function WeekGrid({
  week,
  today,
  sessions,
  names,
}: {
  week: string;
  /** Today's date at the site, marked in the grid. */
  today: string;
  sessions: readonly Session[];
  names: SessionNames;
}) {
  const dates = isoWeekDates(week) ?? [];
  return (
    <SimpleGrid cols={{ base: 1, lg: 7 }} spacing="xs" verticalSpacing="xs">
      {dates.map((date) => (
        <Day
          key={date}
          date={date}
          isToday={date === today}
          sessions={sessions.filter((session) => session.localDate === date)}
          names={names}
        />
      ))}
    </SimpleGrid>
  );
}

function Day({
  date,
  isToday,
  sessions,
  names,
}: {
  date: string;
  isToday: boolean;
  sessions: Session[];
  names: SessionNames;
}) {
  const headingId = `day-${date}`;
  return (
    <Box
      component="section"
      aria-labelledby={headingId}
      aria-current={isToday ? 'date' : undefined}
      bg={isToday ? 'blue.0' : 'gray.0'}
      p={6}
      style={{ borderRadius: 'var(--mantine-radius-sm)', minWidth: 0 }}
    >
      <Title order={3} size="h6" id={headingId} mb={4}>
        {formatDay(date)}
        {isToday && (
          <Text component="span" size="xs" fw={600} c="blue.9">
            {' '}
            · today
          </Text>
        )}
      </Title>
      {sessions.length === 0 ? (
        <Text size="sm">No sessions</Text>
      ) : (
        <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }}>
          {sessions.map((session) => (
            <li key={session.id}>
              <SessionCard session={session} names={names} />
            </li>
          ))}
        </Stack>
      )}
    </Box>
  );
}

function SessionCard({ session, names }: { session: Session; names: SessionNames }) {
  const cancelled = session.status === 'cancelled';
  const facilitators = names.facilitatorNames(session.facilitatorIds);
  // A cancelled session teaches nothing: its module moved to the group's next session.
  const teaches = cancelled ? undefined : names.moduleName?.(session.moduleId);
  return (
    <Paper
      component={Link}
      to={names.sessionPath(session)}
      withBorder
      p={6}
      bg={cancelled ? 'gray.1' : 'white'}
      style={{ display: 'block', color: 'inherit', textDecoration: 'none', overflowWrap: 'break-word' }}
    >
      <Text size="sm" fw={700} td={cancelled ? 'line-through' : undefined}>
        {session.localStart}–{session.localEnd}
      </Text>
      {cancelled && (
        <Badge color="red.9" variant="filled" size="xs">
          Cancelled
        </Badge>
      )}
      <Text size="sm" fw={600} c="blue.9">
        {sessionModalityLabels[session.modality]}
      </Text>
      {session.topic && <Text size="xs">{session.topic}</Text>}
      {teaches && <Text size="xs">Module: {teaches}</Text>}
      <Text size="xs">{session.roomId ? names.roomName(session.roomId) : 'Telehealth'}</Text>
      {facilitators && <Text size="xs">{facilitators}</Text>}
      <Text size="xs">
        {session.enrolled}/{session.capacity} enrolled
      </Text>
    </Paper>
  );
}
