import { Anchor, Badge, Card, Text, Title } from '@mantine/core';
import { attendanceStatusLabels, participantAttendanceSchema, sessionModalityLabels } from '@stepwise/core';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { Fact, Facts } from '../../ui/Fact';
import { RecordTable } from '../../ui/RecordTable';
import { formatDay, formatMinutes } from '../scheduling/week';
import { attendanceStatusColors } from './statuses';

/** How many of the latest recorded sessions the record lists. */
const latestCount = 10;

/** Unexcused absences in a row that call for attention (the server raises an alert at this many). */
const unexcusedRunOfConcern = 2;

/** "8 of 10 sessions attended (80%)"; "No attendance recorded yet." before any. */
function rateText(summary: { recorded: number; attended: number; rate: number | null }): string {
  if (summary.rate === null) return 'No attendance recorded yet.';
  const sessions = summary.recorded === 1 ? 'session' : 'sessions';
  return `${summary.attended} of ${summary.recorded} ${sessions} attended (${Math.round(summary.rate * 100)}%)`;
}

/** "None"; "1 (unexcused)"; "3 (2 unexcused)". */
function runText(misses: number, unexcused: number): string {
  if (misses === 0) return 'None';
  if (unexcused === 0) return String(misses);
  return unexcused === misses ? `${misses} (unexcused)` : `${misses} (${unexcused} unexcused)`;
}

/**
 * The participant's consistency of care: attendance rate over every recorded session, absences in a
 * row (a run of unexcused ones stands out), and their latest sessions with what was recorded.
 */
export function AttendanceSection({ participantId }: { participantId: string }) {
  const attendance = useApiData(
    () => api.get(`/participants/${participantId}/attendance`, { schema: participantAttendanceSchema }),
    [participantId],
  );
  const summary = attendance.data?.summary;
  const concern = summary !== undefined && summary.consecutiveUnexcused >= unexcusedRunOfConcern;
  const latest = attendance.data?.items
    .slice(0, latestCount)
    .map((item) => ({ ...item, id: item.sessionId }));

  return (
    <Card withBorder component="section" aria-labelledby="attendance-heading">
      <Title order={2} size="h3" id="attendance-heading" mb="sm">
        Attendance
      </Title>
      {summary && (
        <Facts cols={2}>
          <Fact label="Attendance rate">{rateText(summary)}</Fact>
          <Fact label="Absences in a row">
            {concern ? (
              <Text component="span" fw={700} c="red.9">
                {runText(summary.consecutiveMisses, summary.consecutiveUnexcused)} — follow up
              </Text>
            ) : (
              runText(summary.consecutiveMisses, summary.consecutiveUnexcused)
            )}
          </Fact>
        </Facts>
      )}
      {summary && summary.recorded > 0 && (
        <Title order={3} size="h5" mt="md" mb={4}>
          Latest sessions
        </Title>
      )}
      <RecordTable
        label="Latest sessions"
        minWidth={320}
        state={{
          data: summary?.recorded === 0 ? undefined : latest,
          error: attendance.error,
          loading: attendance.loading,
        }}
        errorTitle="The attendance could not be loaded"
        emptyText="No attendance recorded yet."
        columns={[
          {
            header: 'Date',
            cell: (item) => (
              <Anchor component={Link} to={`/schedule/sessions/${item.sessionId}/attendance`}>
                {formatDay(item.localDate)}, {item.localStart}
              </Anchor>
            ),
          },
          { header: 'Session', cell: (item) => sessionModalityLabels[item.modality] },
          {
            header: 'Status',
            cell: (item) => (
              <Badge color={attendanceStatusColors[item.status]} variant="filled">
                {attendanceStatusLabels[item.status]}
              </Badge>
            ),
          },
          { header: 'Attended', cell: (item) => (item.minutes > 0 ? formatMinutes(item.minutes) : '—') },
        ]}
      />
    </Card>
  );
}
