import {
  Alert,
  Anchor,
  Button,
  Group,
  Loader,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  isoWeekDates,
  isoWeekOf,
  type Program,
  programSchema,
  programWeekSchema,
  type SessionSeries,
  sessionModalityLabels,
  siteSchema,
  trackSchema,
  userSchema,
} from '@stepwise/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { AssessmentSchedulePanel } from '../assessments/AssessmentSchedulePanel';
import { OverdueAssessmentsPanel } from '../assessments/OverdueAssessmentsPanel';
import { moduleName, useProgramModules } from '../curriculum/curriculum-data';
import { staffOptions } from '../intake/staff-options';
import { useMe } from '../session/session-context';
import { PlanReviewsPanel } from '../treatment-plans/PlanReviewsPanel';
import { BelowMinimumPanel } from './BelowMinimumPanel';
import { BookSessionForm } from './BookSessionForm';
import { ClosuresPanel } from './ClosuresPanel';
import { roomList } from './lists';
import { ProposalPanel } from './ProposalPanel';
import { type SessionNames, WeekGrid } from './WeekGrid';
import { currentWeek, formatDay, formatWeekRange, shiftWeek, todayIn, weekName } from './week';

const views = ['all', 'track', 'room', 'clinician'] as const;
type View = (typeof views)[number];

const viewLabels: Record<View, string> = {
  all: 'Whole program',
  track: 'One track',
  room: 'One room',
  clinician: 'One clinician',
};

/** The calendar's query parameter for each filtered view. */
const filterKeys = { track: 'trackId', room: 'roomId', clinician: 'facilitatorId' } as const;

const filterLabels = { track: 'Track', room: 'Room', clinician: 'Clinician' } as const;

function viewFrom(value: string | null): View {
  return views.find((view) => view === value) ?? 'all';
}

/**
 * The program's week of sessions: by track, room or clinician, a week at a time, in the site's zone;
 * each session opens its series (roster and enrolment) and names the curriculum module it teaches, and
 * the program's curriculum opens from here. Schedulers book sessions here, and everyone who
 * reads records sees who is scheduled below the weekly minimum (clinical staff also the treatment-plan
 * reviews due). The program, week and view live in the address, so a link or the back button returns
 * to the same view.
 */
export function SchedulePage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const programs = useApiData(() => fetchAll('/programs', programSchema), []);
  const sites = useApiData(() => fetchAll('/sites', siteSchema), []);
  const rooms = useApiData(() => api.get('/rooms', { schema: roomList }), []);
  const seesStaff = can(me, 'staff:read');
  const staff = useApiData(
    () => (seesStaff ? fetchAll('/staff', userSchema) : Promise.resolve([])),
    [seesStaff],
  );
  const [booking, setBooking] = useState(false);
  const [booked, setBooked] = useState<SessionSeries | null>(null);
  /** Counts applied proposals, so the lists that depend on enrolments load again. */
  const [applied, setApplied] = useState(0);

  const program: Program | undefined =
    programs.data?.find((candidate) => candidate.id === params.get('program')) ?? programs.data?.[0];
  const programId = program?.id;
  const site = sites.data?.find((candidate) => candidate.id === program?.siteId);
  const thisWeek = site ? currentWeek(site.timeZone) : undefined;
  const asked = params.get('week');
  const week = asked && isoWeekDates(asked) ? asked : thisWeek;
  const view = viewFrom(params.get('view'));
  const filterId = view === 'all' ? null : params.get('of');

  const tracks = useApiData(
    () => (programId ? fetchAll('/tracks', trackSchema, { programId }) : Promise.resolve([])),
    [programId],
  );
  const modules = useProgramModules(programId);
  const calendar = useApiData(
    () =>
      programId && week && (view === 'all' || filterId)
        ? api.get(`/programs/${programId}/calendar`, {
            query: { week, ...(view !== 'all' && filterId ? { [filterKeys[view]]: filterId } : {}) },
            schema: programWeekSchema,
          })
        : Promise.resolve(undefined),
    [programId, week, view, filterId],
  );

  const update = (changes: Record<string, string | null>) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });

  const siteRooms = (rooms.data?.items ?? []).filter((room) => room.siteId === program?.siteId);
  const filterOptions: Record<Exclude<View, 'all'>, { value: string; label: string }[]> = {
    track: (tracks.data ?? []).map((track) => ({ value: track.id, label: track.name })),
    room: siteRooms.map((room) => ({ value: room.id, label: room.name })),
    clinician: staffOptions(staff.data),
  };
  const chooseView = (value: string | null) => {
    const next = viewFrom(value);
    update({
      view: next === 'all' ? null : next,
      of: next === 'all' ? null : (filterOptions[next][0]?.value ?? null),
    });
  };

  const names: SessionNames = {
    roomName: (id) => rooms.data?.items.find((room) => room.id === id)?.name ?? 'Room',
    facilitatorNames: (ids) =>
      ids
        .map((id) => staff.data?.find((user) => user.id === id)?.displayName)
        .filter(Boolean)
        .join(', '),
    sessionPath: (session) =>
      `/schedule/series/${session.seriesId}?${new URLSearchParams({ week: week ?? '', session: session.id }).toString()}`,
    moduleName: (id) => moduleName(modules.data, id),
  };

  const canBook = can(me, 'schedule:manage');
  const loadError = programs.error ?? sites.error ?? rooms.error;
  // While another week or view loads, the previous one is not shown under the new heading.
  const shown = !calendar.loading && calendar.data?.week === week ? calendar.data?.items : undefined;
  const cancelled = shown?.filter((session) => session.status === 'cancelled').length ?? 0;

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>Schedule</PageTitle>
        <Group gap="xs">
          {program && (
            <Button
              component={Link}
              to={`/schedule/curriculum?${new URLSearchParams({ program: program.id }).toString()}`}
              variant="outline"
            >
              Curriculum
            </Button>
          )}
          {canBook && (
            <Button
              onClick={() => setBooking(true)}
              disabled={!program || !site || !staff.data || !rooms.data}
            >
              Book a session
            </Button>
          )}
        </Group>
      </Group>
      <ErrorAlert error={loadError} title="The schedule could not be loaded" />
      {booked && (
        <Alert
          color="green"
          role="status"
          mb="md"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setBooked(null)}
        >
          Session booked: {sessionModalityLabels[booked.modality]}
          {booked.topic ? ` (${booked.topic})` : ''} from {formatDay(booked.startDate)} at {booked.startTime}.{' '}
          <Anchor
            component={Link}
            to={`/schedule/series/${booked.id}?week=${isoWeekOf(booked.startDate)}`}
            c="inherit"
            underline="always"
            fw={600}
          >
            Open the session
          </Anchor>
        </Alert>
      )}
      {programs.data && programs.data.length === 0 && (
        <Text>No programs yet: a program is needed before sessions can be scheduled.</Text>
      )}
      {(!programs.data || !sites.data) && !loadError && <Loader aria-label="Loading the schedule" />}
      {program && site && week && thisWeek && (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <Select
              label="Program"
              data={(programs.data ?? []).map((candidate) => ({
                value: candidate.id,
                label: candidate.name,
              }))}
              value={program.id}
              onChange={(value) => update({ program: value, view: null, of: null })}
              allowDeselect={false}
            />
            <Select
              label="View"
              data={views
                .filter((candidate) => candidate !== 'clinician' || seesStaff)
                .map((value) => ({ value, label: viewLabels[value] }))}
              value={view}
              onChange={chooseView}
              allowDeselect={false}
            />
            {view !== 'all' && (
              <Select
                label={filterLabels[view]}
                data={filterOptions[view]}
                value={filterId}
                onChange={(value) => update({ of: value })}
                allowDeselect={false}
                nothingFoundMessage="None in this program"
                placeholder={filterOptions[view].length === 0 ? 'None in this program' : undefined}
              />
            )}
          </SimpleGrid>

          <Stack gap={6}>
            <Title order={2} size="h3">
              {weekName(week, thisWeek)}: {formatWeekRange(week)}
            </Title>
            <Text size="sm">
              Times are local to {site.name} ({site.timeZone}), where today is{' '}
              {formatDay(todayIn(site.timeZone))}.
            </Text>
            <Group gap="xs">
              <Button
                variant="outline"
                size="xs"
                leftSection={<span aria-hidden="true">←</span>}
                onClick={() => update({ week: shiftWeek(week, -1) })}
              >
                Previous week
              </Button>
              {week !== thisWeek && (
                <Button variant="outline" size="xs" onClick={() => update({ week: null })}>
                  This week
                </Button>
              )}
              <Button
                variant="outline"
                size="xs"
                rightSection={<span aria-hidden="true">→</span>}
                onClick={() => update({ week: shiftWeek(week, 1) })}
              >
                Next week
              </Button>
            </Group>
          </Stack>

          <section aria-label="Sessions of the week">
            <ErrorAlert error={calendar.error} title="The sessions could not be loaded" />
            <Text size="sm" role="status" mb="xs">
              {view !== 'all' && !filterId
                ? `Choose the ${filterLabels[view].toLowerCase()} to see its sessions.`
                : !shown
                  ? 'Loading sessions…'
                  : `${shown.length} session${shown.length === 1 ? '' : 's'}${cancelled ? `, ${cancelled} cancelled` : ''}.`}
            </Text>
            {shown && <WeekGrid week={week} today={todayIn(site.timeZone)} sessions={shown} names={names} />}
          </section>

          <ClosuresPanel
            site={site}
            today={todayIn(site.timeZone)}
            canDeclare={can(me, 'structure:manage')}
            onDeclared={() => calendar.reload()}
          />

          {canBook && can(me, 'participants:read') && (
            <ProposalPanel
              key={`${program.id}-${week}`}
              program={program}
              week={week}
              canApprove={can(me, 'schedule:approve')}
              onApplied={() => {
                setApplied((count) => count + 1);
                calendar.reload();
              }}
            />
          )}

          {can(me, 'participants:read') && (
            <BelowMinimumPanel program={program} week={week} thisWeek={thisWeek} version={applied} />
          )}

          {can(me, 'clinical:read') && <PlanReviewsPanel program={program} />}

          {can(me, 'clinical:read') && <OverdueAssessmentsPanel program={program} />}

          {can(me, 'clinical:read') && (
            <AssessmentSchedulePanel program={program} canEdit={can(me, 'clinical_rules:manage')} />
          )}
        </Stack>
      )}
      <Modal opened={booking} onClose={() => setBooking(false)} title="Book a session" size="xl">
        {booking && program && site && (
          <BookSessionForm
            program={program}
            rooms={siteRooms}
            tracks={tracks.data ?? []}
            staff={staff.data}
            firstDate={todayIn(site.timeZone)}
            onBooked={(series) => {
              setBooking(false);
              setBooked(series);
              update({ week: isoWeekOf(series.startDate) });
              calendar.reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}
