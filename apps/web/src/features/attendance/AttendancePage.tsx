import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  type AttendanceStatus,
  attendanceInput,
  attendanceStatusLabels,
  attended,
  attendedMinutes,
  isoWeekOf,
  type SessionAttendance,
  sessionAttendanceSchema,
} from '@stepwise/core';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, sentence } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { moduleName, useProgramModules } from '../curriculum/curriculum-data';
import { sessionTitle } from '../scheduling/labels';
import { formatLongDay, formatMinutes } from '../scheduling/week';
import { useMe } from '../session/session-context';
import { StatusChoice } from './StatusChoice';
import { asksForMinutes, attendanceStatusColors } from './statuses';

type Attendee = SessionAttendance['attendees'][number];

/** One attendee's row as it is being filled in. */
interface Draft {
  status: AttendanceStatus | null;
  /** Minutes attended, asked for only when late or leaving early. */
  minutes: number | string;
  note: string;
}

/** The rows as recorded: the starting point of the form, and again after saving. */
function draftsFrom(attendance: SessionAttendance, sessionMinutes: number): Record<string, Draft> {
  return Object.fromEntries(
    attendance.attendees.map((attendee) => [
      attendee.participantId,
      {
        status: attendee.record?.status ?? null,
        minutes:
          attendee.record && asksForMinutes(attendee.record.status)
            ? attendee.record.minutes
            : sessionMinutes,
        note: attendee.record?.note ?? '',
      },
    ]),
  );
}

/** What a row sends: minutes only when fewer are asked for, the note only when there is one. */
function recordOf(participantId: string, draft: Draft & { status: AttendanceStatus }) {
  const note = draft.note.trim();
  return {
    participantId,
    status: draft.status,
    ...(asksForMinutes(draft.status) ? { minutes: Number(draft.minutes) } : {}),
    ...(note ? { note } : {}),
  };
}

/** Whether the row differs from what is recorded (only those are sent, so who recorded the rest stays). */
function changed(attendee: Attendee, draft: Draft | undefined, sessionMinutes: number): boolean {
  if (!draft?.status) return false;
  const record = attendee.record;
  if (!record) return true;
  const minutes = asksForMinutes(draft.status) ? Number(draft.minutes) : sessionMinutes;
  return (
    record.status !== draft.status ||
    (asksForMinutes(draft.status) && record.minutes !== minutes) ||
    (record.note ?? '') !== draft.note.trim()
  );
}

/** "Present, 3 h · by Dana Reyes, May 12, 2026, 9:14 PM". */
function recordedLine(record: NonNullable<Attendee['record']>): string {
  const minutes = record.minutes > 0 ? `, ${formatMinutes(record.minutes)}` : '';
  return `${attendanceStatusLabels[record.status]}${minutes} · by ${record.recordedBy.name}, ${formatDateTime(record.recordedAt)}`;
}

/**
 * Taking a session's attendance: one row per person expected that day (make-ups marked), each a tap
 * on a status; minutes for those late or leaving early; "Everyone present" for the rest. Saving sends
 * the rows that are new or changed. Before the session starts, or once cancelled, and for those who
 * may only read, the recorded attendance shows without the form. Once someone is recorded as having
 * come to a group, its group note opens from here.
 */
export function AttendancePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const loaded = useApiData(
    () => api.get(`/sessions/${id}/attendance`, { schema: sessionAttendanceSchema }),
    [id],
  );
  const [attendance, setAttendance] = useState<SessionAttendance | undefined>(undefined);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const session = attendance?.session;
  const modules = useProgramModules(session?.programId);
  const teaches = session ? moduleName(modules.data, session.moduleId) : undefined;
  const sessionMinutes = session
    ? Math.round((Date.parse(session.endsAt) - Date.parse(session.startsAt)) / 60_000)
    : 0;

  useEffect(() => {
    if (!loaded.data) return;
    const length = Math.round(
      (Date.parse(loaded.data.session.endsAt) - Date.parse(loaded.data.session.startsAt)) / 60_000,
    );
    setAttendance(loaded.data);
    setDrafts(draftsFrom(loaded.data, length));
  }, [loaded.data]);

  const back = (
    <Anchor
      component={Link}
      to={
        session
          ? `/schedule/series/${session.seriesId}?${new URLSearchParams({ week: isoWeekOf(session.localDate), session: session.id }).toString()}`
          : '/schedule'
      }
      size="sm"
    >
      ← Session
    </Anchor>
  );

  if (loaded.error) {
    return (
      <>
        {back}
        <PageTitle>Attendance</PageTitle>
        <ErrorAlert error={loaded.error} title="The attendance could not be loaded" />
      </>
    );
  }
  if (!attendance || !session) return <Loader aria-label="Loading the attendance" />;

  const started = Date.parse(session.startsAt) <= Date.now();
  const cancelled = session.status === 'cancelled';
  const mayWrite = can(me, 'attendance:write');
  const editable = mayWrite && started && !cancelled;
  const attendees = attendance.attendees;
  const toSave = attendees.filter((attendee) =>
    changed(attendee, drafts[attendee.participantId], sessionMinutes),
  );
  const recorded = attendees.filter((attendee) => attendee.record).length;
  const cameCount = attendees.filter(
    (attendee) => attendee.record && attended(attendee.record.status),
  ).length;

  const update = (participantId: string, change: Partial<Draft>) => {
    setDrafts((current) => {
      const draft = current[participantId] ?? { status: null, minutes: sessionMinutes, note: '' };
      return { ...current, [participantId]: { ...draft, ...change } };
    });
    setErrors((current) => {
      const { [participantId]: _cleared, ...rest } = current;
      return rest;
    });
  };

  const everyonePresent = () => {
    setDrafts((current) =>
      Object.fromEntries(
        Object.entries(current).map(([participantId, draft]) => [
          participantId,
          draft.status ? draft : { ...draft, status: 'present' as const },
        ]),
      ),
    );
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFailure(undefined);
    setNotice(null);
    const rows = toSave.flatMap((attendee) => {
      const draft = drafts[attendee.participantId];
      return draft?.status
        ? [{ attendee, record: recordOf(attendee.participantId, { ...draft, status: draft.status }) }]
        : [];
    });
    // Errors are keyed by attendee: the API names records by their place in what was sent.
    const byAttendee = (found: FieldErrors): FieldErrors => {
      const keyed: FieldErrors = {};
      for (const [path, message] of Object.entries(found)) {
        const match = /^records\.(\d+)\.(\w+)$/.exec(path);
        const row = match ? rows[Number(match[1])] : undefined;
        if (row) keyed[row.attendee.participantId] ??= message;
      }
      return keyed;
    };
    const invalid: FieldErrors = {};
    for (const { attendee, record } of rows) {
      const minutes = attendedMinutes(record.status, sessionMinutes, record.minutes);
      if ('problem' in minutes) invalid[attendee.participantId] = sentence(minutes.problem);
      else if ('minutes' in record && !Number.isInteger(record.minutes))
        invalid[attendee.participantId] = 'Give the minutes attended as a whole number.';
    }
    const input = { records: rows.map((row) => row.record) };
    Object.assign(invalid, byAttendee(schemaErrors(attendanceInput, input)));
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const saved = await api.put(`/sessions/${id}/attendance`, input, { schema: sessionAttendanceSchema });
      setAttendance(saved);
      setDrafts(draftsFrom(saved, sessionMinutes));
      setNotice(
        rows.length === 1 ? 'Attendance saved for 1 person.' : `Attendance saved for ${rows.length} people.`,
      );
    } catch (error) {
      setErrors(byAttendee(apiFieldErrors(error)));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const title = sessionTitle(session);
  return (
    <>
      {back}
      <PageTitle>Attendance</PageTitle>
      <Stack gap="lg">
        <Card withBorder component="section" aria-labelledby="attendance-session-heading">
          <Title
            order={2}
            size="h3"
            id="attendance-session-heading"
            mb="sm"
            style={{ overflowWrap: 'break-word' }}
          >
            {title}
          </Title>
          <Facts cols={3}>
            <Fact label="Date">{formatLongDay(session.localDate)}</Fact>
            <Fact label="Time">
              {session.localStart}–{session.localEnd} ({formatMinutes(sessionMinutes)})
            </Fact>
            <Fact label="Recorded">
              {recorded} of {attendees.length}
            </Fact>
            {teaches && <Fact label="Module">{teaches}</Fact>}
          </Facts>
          {cameCount > 0 && (session.kind === 'group' || session.kind === 'makeup') && (
            <Group mt="sm">
              <Button component={Link} to={`/schedule/sessions/${id}/note`} variant="outline" size="xs">
                Group note
              </Button>
            </Group>
          )}
        </Card>

        {cancelled && (
          <Alert color="red" title="This session was cancelled">
            There is no attendance to take{session.cancelReason ? ` (reason: ${session.cancelReason})` : ''}.
          </Alert>
        )}
        {!cancelled && !started && (
          <Alert color="blue" title="Not started yet">
            Attendance can be taken once the session has started, at {session.localStart} on{' '}
            {formatLongDay(session.localDate)}.
          </Alert>
        )}
        {!mayWrite && !cancelled && started && (
          <Text size="sm">Your role may read the attendance recorded here, not take it.</Text>
        )}

        <Card withBorder component="section" aria-labelledby="attendees-heading">
          <form onSubmit={save} noValidate>
            <Group justify="space-between" align="center" mb="sm">
              <Title order={2} size="h3" id="attendees-heading">
                Attendees
              </Title>
              {editable && attendees.length > 0 && (
                <Button variant="outline" onClick={everyonePresent}>
                  Everyone present
                </Button>
              )}
            </Group>
            <Notice onDismiss={() => setNotice(null)} mb="sm">
              {notice}
            </Notice>
            {attendees.length === 0 && <Text>No one was expected at this session.</Text>}
            {attendees.length > 0 && (
              <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Attendees">
                {attendees.map((attendee) => (
                  <AttendeeRow
                    key={attendee.participantId}
                    attendee={attendee}
                    draft={drafts[attendee.participantId]}
                    editable={editable}
                    sessionMinutes={sessionMinutes}
                    unsaved={toSave.includes(attendee)}
                    error={errors[attendee.participantId]}
                    onChange={(change) => update(attendee.participantId, change)}
                  />
                ))}
              </Stack>
            )}
            {editable && attendees.length > 0 && (
              <Box
                pt="sm"
                pb="xs"
                bg="white"
                style={{
                  position: 'sticky',
                  bottom: 0,
                  borderTop: '1px solid var(--mantine-color-gray-3)',
                }}
              >
                <ErrorAlert error={failure} title="The attendance could not be saved" />
                <Group justify="space-between" align="center" gap="xs">
                  <Text size="sm">
                    {toSave.length === 0
                      ? 'Nothing to save.'
                      : toSave.length === 1
                        ? '1 change to save.'
                        : `${toSave.length} changes to save.`}
                  </Text>
                  <Button type="submit" loading={busy} disabled={toSave.length === 0}>
                    Save attendance
                  </Button>
                </Group>
              </Box>
            )}
          </form>
        </Card>
      </Stack>
    </>
  );
}

/** One attendee: name (make-up marked), what is recorded, and when editable the status and its details. */
function AttendeeRow({
  attendee,
  draft,
  editable,
  sessionMinutes,
  unsaved,
  error,
  onChange,
}: {
  attendee: Attendee;
  draft: Draft | undefined;
  editable: boolean;
  sessionMinutes: number;
  /** The row differs from what is recorded. */
  unsaved: boolean;
  error: string | undefined;
  onChange: (change: Partial<Draft>) => void;
}) {
  const makeup = attendee.makeup ? (
    <Badge color="teal.9" variant="filled" size="sm" component="span">
      Make-up
    </Badge>
  ) : null;
  const record = attendee.record;
  const recordedText = (
    <Text size="sm" mt={4}>
      {record ? `Recorded: ${recordedLine(record)}` : 'Not recorded yet.'}
      {unsaved ? ' Changed, not saved yet.' : ''}
    </Text>
  );
  return (
    <Box component="li" py="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      {editable ? (
        <>
          <StatusChoice
            label={attendee.participantName}
            description={attendee.makeup ? <>{makeup} attending in place of another session</> : undefined}
            value={draft?.status ?? null}
            onChange={(status) => onChange({ status })}
          />
          {recordedText}
          <Group gap="sm" mt={6} align="flex-start">
            {asksForMinutes(draft?.status ?? null) && (
              <NumberInput
                label="Minutes attended"
                description={`Of ${sessionMinutes}`}
                min={1}
                max={sessionMinutes}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                value={draft?.minutes ?? sessionMinutes}
                onChange={(minutes) => onChange({ minutes })}
                error={error}
                w={150}
              />
            )}
            <TextInput
              label="Note"
              value={draft?.note ?? ''}
              maxLength={500}
              onChange={(event) => onChange({ note: event.currentTarget.value })}
              style={{ flex: '1 1 12rem' }}
            />
          </Group>
          {error && !asksForMinutes(draft?.status ?? null) && (
            <Text size="sm" c="red.9" mt={4}>
              {error}
            </Text>
          )}
        </>
      ) : (
        <>
          <Group gap={6}>
            <Text fw={700}>{attendee.participantName}</Text>
            {makeup}
            {record && (
              <Badge color={attendanceStatusColors[record.status]} variant="filled">
                {attendanceStatusLabels[record.status]}
              </Badge>
            )}
          </Group>
          {recordedText}
          {record?.note && <Text size="sm">Note: {record.note}</Text>}
        </>
      )}
    </Box>
  );
}
