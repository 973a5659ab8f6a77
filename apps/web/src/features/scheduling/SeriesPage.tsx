import { Anchor, Badge, Button, Card, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import {
  type Enrolment,
  isoWeekOf,
  programSchema,
  type SessionSeries,
  sessionModalityLabels,
  sessionSeriesSchema,
  withdrawalSchema,
} from '@stepwise/core';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { orDash } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { useMe } from '../session/session-context';
import { EnrolForm } from './EnrolForm';
import { sessionKindLabels } from './labels';
import { roomList, rosterList } from './lists';
import { describeRrule } from './repeat';
import { ThisSessionCard } from './ThisSessionCard';
import { formatDay, formatMinutes } from './week';

/** "18:00–21:00 (3 h)": the local times of each session. */
function timesOf(series: SessionSeries): string {
  const [hours = 0, minutes = 0] = series.startTime.split(':').map(Number);
  const end = hours * 60 + minutes + series.durationMinutes;
  const clock = (total: number) =>
    `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return `${series.startTime}–${clock(end)} (${formatMinutes(series.durationMinutes)})`;
}

/** The place a participant is, in the roster's words. */
function placeOf(enrolment: Enrolment): string {
  if (enrolment.status === 'waitlisted') return `Waitlist, number ${enrolment.waitlistPosition ?? '?'}`;
  return enrolment.status === 'enrolled' ? 'Enrolled' : 'Withdrawn';
}

/**
 * One series of sessions: when and where it meets and who runs it; for those who read records its
 * roster in order (enrolled, then the waitlist), and for schedulers enrolment and withdrawal. Opened
 * from one session of the week (`?session=`), it shows that session first, which schedulers can cancel.
 */
export function SeriesPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const me = useMe();
  const series = useApiData(() => api.get(`/session-series/${id}`, { schema: sessionSeriesSchema }), [id]);
  const programId = series.data?.programId;
  const program = useApiData(
    () =>
      programId ? api.get(`/programs/${programId}`, { schema: programSchema }) : Promise.resolve(undefined),
    [programId],
  );
  const rooms = useApiData(() => api.get('/rooms', { schema: roomList }), []);
  const readsRoster = can(me, 'participants:read');
  const roster = useApiData(
    () =>
      readsRoster
        ? api.get(`/session-series/${id}/enrolments`, { schema: rosterList })
        : Promise.resolve(undefined),
    [id, readsRoster],
  );
  const canManage = can(me, 'schedule:manage');
  const [notice, setNotice] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<Enrolment | null>(null);
  const [withdrawFailure, setWithdrawFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  // Counts enrolments made here: a fresh enrol form follows each one.
  const [enrolments, setEnrolments] = useState(0);
  /** Counts roster changes, so the number expected at the session opened loads again. */
  const [rosterChanges, setRosterChanges] = useState(0);
  /** The occurrence opened from the week grid, if one was. */
  const sessionId = params.get('session');

  const week = params.get('week') ?? (series.data ? isoWeekOf(series.data.startDate) : null);
  const backTo = `/schedule?${new URLSearchParams({
    ...(programId ? { program: programId } : {}),
    ...(week ? { week } : {}),
  }).toString()}`;
  const back = (
    <Anchor component={Link} to={backTo} size="sm">
      ← Schedule
    </Anchor>
  );

  const changed = (message: string) => {
    setNotice(message);
    series.reload();
    roster.reload();
    setRosterChanges((count) => count + 1);
  };

  const confirmWithdraw = async () => {
    if (!withdrawing) return;
    setBusy(true);
    setWithdrawFailure(undefined);
    try {
      const result = await api.post(`/enrolments/${withdrawing.id}/withdraw`, undefined, {
        schema: withdrawalSchema,
      });
      setWithdrawing(null);
      changed(
        `${result.withdrawn.participantName} was withdrawn from this session.` +
          (result.promoted
            ? ` ${result.promoted.participantName} moved up from the waitlist and is now enrolled.`
            : withdrawing.status === 'enrolled'
              ? ' No one on the waitlist could take the seat.'
              : ''),
      );
    } catch (error) {
      setWithdrawFailure(error);
    } finally {
      setBusy(false);
    }
  };

  if (series.error) {
    return (
      <>
        {back}
        <PageTitle>Session</PageTitle>
        <ErrorAlert error={series.error} title="The session could not be opened" />
      </>
    );
  }
  const shown = series.data;
  if (!shown) return <Loader aria-label="Loading the session" />;

  const room = rooms.data?.items.find((candidate) => candidate.id === shown.roomId);
  const title = `${sessionModalityLabels[shown.modality]}${shown.topic ? `: ${shown.topic}` : ''}`;
  return (
    <>
      {back}
      <PageTitle>{title}</PageTitle>
      <Stack gap="lg">
        {sessionId && (
          <ThisSessionCard
            sessionId={sessionId}
            canManage={canManage}
            attendance={can(me, 'attendance:write') ? 'take' : can(me, 'clinical:read') ? 'read' : undefined}
            groupNote={can(me, 'clinical:read')}
            version={rosterChanges}
          />
        )}
        <Card withBorder component="section" aria-labelledby="series-heading">
          <Title order={2} size="h3" id="series-heading" mb="sm">
            Session
          </Title>
          <Facts cols={3}>
            <Fact label="Program">{program.data?.name ?? '…'}</Fact>
            <Fact label="Kind">{sessionKindLabels[shown.kind]}</Fact>
            <Fact label="Modality">{sessionModalityLabels[shown.modality]}</Fact>
            <Fact label="First session">{formatDay(shown.startDate)}</Fact>
            <Fact label="Time">{timesOf(shown)}</Fact>
            <Fact label="Repeats">{describeRrule(shown.rrule)}</Fact>
            <Fact label="Place">
              {shown.roomId ? (
                (room?.name ?? '…')
              ) : shown.telehealthUrl ? (
                <Anchor href={shown.telehealthUrl} target="_blank" rel="noreferrer">
                  Telehealth link
                </Anchor>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Facilitators">
              {orDash(shown.facilitators.map((person) => person.name).join(', '))}
            </Fact>
            <Fact label="Seats">
              {shown.enrolled} of {shown.capacity} taken
              {shown.waitlisted > 0 ? `, ${shown.waitlisted} waiting` : ''}
            </Fact>
            <Fact label="Time zone">{shown.timeZone}</Fact>
            <Fact label="Skipped dates">
              {shown.exceptions.length === 0 ? '—' : shown.exceptions.map(formatDay).join('; ')}
            </Fact>
          </Facts>
        </Card>

        <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>

        {readsRoster && (
          <Card withBorder component="section" aria-labelledby="roster-heading">
            <Title order={2} size="h3" id="roster-heading" mb="sm">
              Roster
            </Title>
            <RecordTable
              label="Roster"
              minWidth={620}
              state={{ data: roster.data?.items, error: roster.error, loading: roster.loading }}
              errorTitle="The roster could not be loaded"
              emptyText="No one is enrolled yet."
              columns={[
                {
                  header: 'Participant',
                  cell: (enrolment) => (
                    <Anchor component={Link} to={`/participants/${enrolment.participantId}`}>
                      {enrolment.participantName}
                    </Anchor>
                  ),
                },
                {
                  header: 'Place',
                  cell: (enrolment) => (
                    <Badge color={enrolment.status === 'enrolled' ? 'teal.9' : 'yellow.4'} variant="filled">
                      {placeOf(enrolment)}
                    </Badge>
                  ),
                },
                { header: 'From', cell: (enrolment) => formatDay(enrolment.fromDate) },
                {
                  header: 'Availability override',
                  cell: (enrolment) => orDash(enrolment.availabilityOverride),
                },
              ]}
              actions={
                canManage
                  ? (enrolment) => (
                      <RowButton
                        label={`Withdraw ${enrolment.participantName}`}
                        danger
                        onClick={() => {
                          setWithdrawFailure(undefined);
                          setWithdrawing(enrolment);
                        }}
                      >
                        Withdraw
                      </RowButton>
                    )
                  : undefined
              }
            />
          </Card>
        )}

        {canManage && (
          <Card withBorder component="section" aria-labelledby="enrol-heading">
            <Title order={2} size="h3" id="enrol-heading" mb={4}>
              Enrol a participant
            </Title>
            <Text size="sm" mb="sm">
              A participant with an open episode of care in this program takes a seat while one is free,
              otherwise a place on the waitlist.
            </Text>
            <EnrolForm
              key={enrolments}
              series={shown}
              onEnrolled={(enrolment) => {
                setEnrolments((count) => count + 1);
                changed(
                  enrolment.status === 'enrolled'
                    ? `${enrolment.participantName} is enrolled from ${formatDay(enrolment.fromDate)}.`
                    : `The session is full: ${enrolment.participantName} is number ${enrolment.waitlistPosition ?? '?'} on the waitlist.`,
                );
              }}
            />
          </Card>
        )}
      </Stack>

      <Modal opened={withdrawing !== null} onClose={() => setWithdrawing(null)} title="Withdraw from session">
        <Stack>
          <Text>
            Withdraw {withdrawing?.participantName} from every session of this series? A freed seat goes to
            the first person on the waitlist whose week allows it.
          </Text>
          <ErrorAlert error={withdrawFailure} title="The participant could not be withdrawn" />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setWithdrawing(null)}>
              Keep enrolled
            </Button>
            <Button color="red.9" loading={busy} onClick={() => void confirmWithdraw()}>
              Withdraw
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
