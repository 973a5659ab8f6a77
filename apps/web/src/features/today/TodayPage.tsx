import { Anchor, Badge, Box, Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import {
  attendanceStatusLabels,
  type ClinicianDay,
  clinicianDaySchema,
  sessionModalityLabels,
} from '@stepwise/core';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { DueAssessmentList } from '../assessments/DueAssessmentList';
import { attendanceStatusColors } from '../attendance/statuses';
import { noteStatusColors, noteStatusLabels } from '../notes/labels';
import { sessionKindLabels, sessionTitle } from '../scheduling/labels';
import { formatDay, formatLongDay } from '../scheduling/week';

type DaySession = ClinicianDay['sessions'][number];
type Attendee = DaySession['attendees'][number];
type OwedNote = ClinicianDay['notesOwed'][number];

const rowBorder = { borderTop: '1px solid var(--mantine-color-gray-3)' } as const;
const plainList = { listStyle: 'none' } as const;

/** Group notes are written once for the room; a make-up attendee's part sits in the group's note. */
function hasGroupNote(kind: DaySession['session']['kind']): boolean {
  return kind === 'group' || kind === 'makeup';
}

/** "2 overdue, 1 due today", or null when nothing is due. */
export function taskCountText(tasks: ClinicianDay['tasks']): string | null {
  const parts = [
    ...(tasks.overdue > 0 ? [`${tasks.overdue} overdue`] : []),
    ...(tasks.dueToday > 0 ? [`${tasks.dueToday} due today`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * The clinician's day at a glance, from one request: the sessions they run today with each attendee
 * and what matters about them in the room (alerts, a run of unexcused absences, an overdue plan
 * review), the notes they still owe with when each is due, how many of their tasks are due, and the
 * questionnaires their caseload owes.
 */
export function TodayPage() {
  const day = useApiData(() => api.get('/me/day', { schema: clinicianDaySchema }), []);

  if (day.error) {
    return (
      <>
        <PageTitle>Today</PageTitle>
        <ErrorAlert error={day.error} title="Your day could not be loaded" />
      </>
    );
  }
  if (!day.data) {
    return (
      <>
        <PageTitle>Today</PageTitle>
        <Loader aria-label="Loading your day" />
      </>
    );
  }
  const { today, sessions, notesOwed, tasks, assessmentsDue } = day.data;
  const taskText = taskCountText(tasks);
  return (
    <>
      <PageTitle>Today</PageTitle>
      <Stack gap="lg">
        <Group justify="space-between" align="center" gap="xs">
          <Text fw={600}>{formatLongDay(today)}</Text>
          <Text size="sm">
            Tasks: {taskText ?? 'nothing due'} ·{' '}
            <Anchor component={Link} to="/tasks">
              Open tasks
            </Anchor>{' '}
            ·{' '}
            <Anchor component={Link} to="/outcomes">
              Program outcomes
            </Anchor>
          </Text>
        </Group>

        <Box component="section" aria-labelledby="today-sessions-heading">
          <Title order={2} size="h3" id="today-sessions-heading" mb="sm">
            My sessions today
          </Title>
          {sessions.length === 0 ? (
            <Text>No sessions today.</Text>
          ) : (
            <Stack gap="md">
              {sessions.map((item) => (
                <SessionCard key={item.session.id} item={item} />
              ))}
            </Stack>
          )}
        </Box>

        <Card withBorder component="section" aria-labelledby="notes-owed-heading">
          <Title order={2} size="h3" id="notes-owed-heading" mb="sm">
            Notes I owe
          </Title>
          {notesOwed.length === 0 ? (
            <Text>No notes owed.</Text>
          ) : (
            <Stack component="ul" gap={0} m={0} p={0} style={plainList} aria-label="Notes I owe">
              {notesOwed.map((note) => (
                <OwedNoteRow key={`${note.sessionId}:${note.participantId ?? 'group'}`} note={note} />
              ))}
            </Stack>
          )}
        </Card>

        <Card withBorder component="section" aria-labelledby="assessments-due-heading">
          <Title order={2} size="h3" id="assessments-due-heading" mb={4}>
            Assessments due on my caseload
          </Title>
          <Text size="sm" mb="sm">
            Questionnaires owed by the participants whose primary clinician you are, the most overdue first.
          </Text>
          {assessmentsDue.length === 0 ? (
            <Text>Nothing due.</Text>
          ) : (
            <Stack
              component="ul"
              gap={0}
              m={0}
              p={0}
              style={plainList}
              aria-label="Assessments due on my caseload"
            >
              {assessmentsDue.map((entry) => (
                <Box component="li" key={entry.participantId} py="sm" style={rowBorder}>
                  <Anchor component={Link} to={`/participants/${entry.participantId}`} fw={600}>
                    {entry.participantName}
                  </Anchor>
                  <DueAssessmentList
                    items={entry.items}
                    today={today}
                    label={`Assessments due: ${entry.participantName}`}
                  />
                </Box>
              ))}
            </Stack>
          )}
        </Card>
      </Stack>
    </>
  );
}

/** One of today's sessions: when and how it meets, links to act on it, and who is expected. */
function SessionCard({ item }: { item: DaySession }) {
  const { session, attendees, groupNote } = item;
  const title = sessionTitle(session);
  const headingId = `today-session-${session.id}`;
  const cancelled = session.status === 'cancelled';
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId} style={{ overflowWrap: 'break-word' }}>
        {title}
      </Title>
      <Group gap={6} mt={4}>
        <Text size="sm">
          {session.localStart}–{session.localEnd} · {sessionKindLabels[session.kind]}
          {session.telehealthUrl ? ' · Telehealth' : ''}
        </Text>
        {cancelled && (
          <Badge color="red.9" variant="filled" size="sm">
            Cancelled
          </Badge>
        )}
      </Group>
      {cancelled && session.cancelReason && <Text size="sm">Reason: {session.cancelReason}</Text>}
      {!cancelled && (
        <Group gap="xs" mt="sm">
          <Button
            component={Link}
            to={`/schedule/sessions/${session.id}/attendance`}
            size="xs"
            aria-label={`Take attendance: ${title}`}
          >
            Take attendance
          </Button>
          {hasGroupNote(session.kind) && (
            <Button
              component={Link}
              to={`/schedule/sessions/${session.id}/note`}
              size="xs"
              variant="outline"
              aria-label={`Group note: ${title}`}
            >
              Group note
            </Button>
          )}
          {hasGroupNote(session.kind) && (
            <Text size="sm">
              Note:{' '}
              {groupNote ? (
                <Badge color={noteStatusColors[groupNote.status]} variant="filled" size="sm">
                  {noteStatusLabels[groupNote.status]}
                </Badge>
              ) : (
                'not started'
              )}
            </Text>
          )}
        </Group>
      )}
      {attendees.length === 0 ? (
        <Text size="sm" mt="sm">
          No one is expected.
        </Text>
      ) : (
        <Stack
          component="ul"
          gap={0}
          mt="sm"
          mb={0}
          p={0}
          style={plainList}
          aria-label={`Attendees: ${title}`}
        >
          {attendees.map((attendee) => (
            <AttendeeRow key={attendee.participantId} attendee={attendee} />
          ))}
        </Stack>
      )}
    </Card>
  );
}

/** An attendee: their name, attendance once recorded, and flags worth knowing before the group. */
function AttendeeRow({ attendee }: { attendee: Attendee }) {
  const otherAlerts = attendee.openAlerts - attendee.criticalAlerts;
  return (
    <Group component="li" gap={6} py={6} style={rowBorder}>
      <Anchor
        component={Link}
        to={`/participants/${attendee.participantId}`}
        fw={600}
        style={{ overflowWrap: 'anywhere' }}
      >
        {attendee.participantName}
      </Anchor>
      {attendee.makeup && (
        <Badge color="teal.9" variant="filled" size="sm">
          Make-up
        </Badge>
      )}
      {attendee.attendance && (
        <Badge color={attendanceStatusColors[attendee.attendance]} variant="filled" size="sm">
          {attendanceStatusLabels[attendee.attendance]}
        </Badge>
      )}
      {attendee.criticalAlerts > 0 && (
        <Badge color="red.9" variant="filled" size="sm">
          {attendee.criticalAlerts === 1 ? '1 critical alert' : `${attendee.criticalAlerts} critical alerts`}
        </Badge>
      )}
      {otherAlerts > 0 && (
        <Badge color="yellow.4" variant="filled" size="sm">
          {attendee.criticalAlerts > 0
            ? `${otherAlerts} other open`
            : otherAlerts === 1
              ? '1 open alert'
              : `${otherAlerts} open alerts`}
        </Badge>
      )}
      {attendee.unexcusedInARow >= 2 && (
        <Badge color="red.9" variant="outline" size="sm">
          {attendee.unexcusedInARow} unexcused in a row
        </Badge>
      )}
      {attendee.planReviewOverdue && (
        <Badge color="violet.9" variant="filled" size="sm">
          Plan review overdue
        </Badge>
      )}
    </Group>
  );
}

/** A note still owed: the session it documents, when it is due, and where to write it. */
function OwedNoteRow({ note }: { note: OwedNote }) {
  const overdue = Date.parse(note.dueBy) < Date.now();
  const group = note.kind === 'group' || (note.kind === 'makeup' && !note.participantId);
  const what = `${sessionKindLabels[note.kind]} · ${sessionModalityLabels[note.modality]}`;
  const when = `${formatDay(note.localDate)}, ${note.localStart}`;
  const target = group
    ? `/schedule/sessions/${note.sessionId}/note`
    : note.participantId
      ? `/participants/${note.participantId}#notes`
      : `/schedule/sessions/${note.sessionId}/attendance`;
  return (
    <Group component="li" justify="space-between" align="center" gap="xs" py="sm" style={rowBorder}>
      <Box style={{ minWidth: 0, flex: '1 1 16rem', overflowWrap: 'break-word' }}>
        <Text fw={600}>
          {when} · {what}
        </Text>
        {!group && note.participantName && <Text size="sm">{note.participantName}</Text>}
        <Group gap={6}>
          <Text size="sm" c={overdue ? 'red.9' : undefined} fw={overdue ? 600 : undefined}>
            Due {formatDateTime(note.dueBy)}
          </Text>
          {overdue && (
            <Badge color="red.9" variant="filled" size="sm">
              Overdue
            </Badge>
          )}
          {note.noteId && <Text size="sm">(draft started)</Text>}
        </Group>
      </Box>
      <Button
        component={Link}
        to={target}
        size="xs"
        variant="outline"
        aria-label={`${group ? 'Group note' : 'Write note'}: ${when}${note.participantName && !group ? `, ${note.participantName}` : ''}`}
      >
        {group ? 'Group note' : 'Write note'}
      </Button>
    </Group>
  );
}
