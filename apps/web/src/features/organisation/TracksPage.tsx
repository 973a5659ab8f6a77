import {
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type Program,
  programSchema,
  type Track,
  type TrackKind,
  trackInput,
  trackKinds,
  trackPresets,
  trackSchema,
} from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { useSaveForm } from '../../api/use-save-form';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDays, formatHours, weekdayName } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { useMe } from '../session/session-context';
import { trackKindLabels } from './labels';

interface TrackFormValues {
  programId: string;
  name: string;
  kind: TrackKind;
  days: string[];
  startTime: string;
  endTime: string;
}

const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

function toTrackInput(values: TrackFormValues) {
  return {
    programId: values.programId,
    name: values.name,
    kind: values.kind,
    days: values.days.map(Number).sort((a, b) => a - b),
    startTime: values.startTime.slice(0, 5),
    endTime: values.endTime.slice(0, 5),
  };
}

/** Tracks: when each program meets (morning, evening, weekend or custom) and the weekly hours that gives. */
export function TracksPage() {
  const me = useMe();
  const canManage = can(me, 'structure:manage');
  const [programFilter, setProgramFilter] = useState<string | null>(null);
  const programs = useApiData(() => fetchAll('/programs', programSchema), []);
  const tracks = useApiData(
    () => fetchAll('/tracks', trackSchema, { programId: programFilter ?? undefined }),
    [programFilter],
  );
  const [editing, setEditing] = useState<{ track: Track | null } | null>(null);
  const [deleting, setDeleting] = useState<Track | null>(null);
  const [deleteFailure, setDeleteFailure] = useState<unknown>(undefined);
  const programOf = (id: string): Program | undefined => programs.data?.find((program) => program.id === id);

  const confirmDelete = async () => {
    if (!deleting) return;
    setDeleteFailure(undefined);
    try {
      await api.delete(`/tracks/${deleting.id}`);
      setDeleting(null);
      tracks.reload();
    } catch (error) {
      setDeleteFailure(error);
    }
  };

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>Tracks</PageTitle>
        {canManage && (
          <Button onClick={() => setEditing({ track: null })} disabled={!programs.data?.length}>
            New track
          </Button>
        )}
      </Group>
      <Select
        label="Program"
        placeholder="All programs"
        data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
        value={programFilter}
        onChange={setProgramFilter}
        clearable
        maw={320}
        mb="md"
      />
      <RecordTable
        label="Tracks"
        minWidth={760}
        state={{ ...tracks, error: programs.error ?? tracks.error }}
        errorTitle="The tracks could not be loaded"
        emptyText="No tracks yet."
        columns={[
          { header: 'Name', cell: (track) => track.name },
          { header: 'Program', cell: (track) => programOf(track.programId)?.name ?? '—' },
          { header: 'Kind', cell: (track) => trackKindLabels[track.kind] },
          { header: 'Days', cell: (track) => formatDays(track.days) },
          { header: 'Times', cell: (track) => `${track.startTime.slice(0, 5)}–${track.endTime.slice(0, 5)}` },
          {
            header: 'Weekly hours',
            cell: (track) => <WeeklyHours track={track} program={programOf(track.programId)} />,
          },
        ]}
        actions={
          canManage
            ? (track) => {
                const name = `track ${track.name} of ${programOf(track.programId)?.name ?? 'program'}`;
                return (
                  <Group gap={6} wrap="nowrap">
                    <RowButton label={`Edit ${name}`} onClick={() => setEditing({ track })}>
                      Edit
                    </RowButton>
                    <RowButton label={`Delete ${name}`} danger onClick={() => setDeleting(track)}>
                      Delete
                    </RowButton>
                  </Group>
                );
              }
            : undefined
        }
      />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.track ? 'Edit track' : 'New track'}
        size="lg"
      >
        {editing && (
          <TrackForm
            track={editing.track}
            programs={programs.data ?? []}
            defaultProgramId={programFilter}
            onSaved={() => {
              setEditing(null);
              tracks.reload();
            }}
          />
        )}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete track">
        <Stack>
          <Text>Delete the track “{deleting?.name}”?</Text>
          <ErrorAlert error={deleteFailure} title="The track could not be deleted" />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setDeleting(null)}>
              Keep track
            </Button>
            <Button color="red.9" onClick={() => void confirmDelete()}>
              Delete track
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A track's weekly hours, flagged when they fall short of its program's minimum. */
function WeeklyHours({ track, program }: { track: Track; program: Program | undefined }) {
  const belowMinimum = program !== undefined && track.weeklyMinutes < program.weeklyHoursMinimum * 60;
  return (
    <>
      {formatHours(track.weeklyMinutes)}{' '}
      {belowMinimum && (
        <Badge color="yellow.4" variant="filled" size="sm">
          Below {program.weeklyHoursMinimum} h minimum
        </Badge>
      )}
    </>
  );
}

function TrackForm({
  track,
  programs,
  defaultProgramId,
  onSaved,
}: {
  track: Track | null;
  programs: Program[];
  defaultProgramId: string | null;
  onSaved: () => void;
}) {
  const preset = trackPresets.morning;
  const form = useForm<TrackFormValues>({
    initialValues: {
      programId: track?.programId ?? defaultProgramId ?? programs[0]?.id ?? '',
      name: track?.name ?? '',
      kind: track?.kind ?? 'morning',
      days: (track?.days ?? preset.days).map(String),
      startTime: (track?.startTime ?? preset.startTime).slice(0, 5),
      endTime: (track?.endTime ?? preset.endTime).slice(0, 5),
    },
    validate: (values) => schemaErrors(trackInput, toTrackInput(values)),
  });

  const chooseKind = (value: string | null) => {
    const kind = (value ?? 'custom') as TrackKind;
    form.setFieldValue('kind', kind);
    if (kind !== 'custom') {
      const times = trackPresets[kind];
      form.setFieldValue('days', times.days.map(String));
      form.setFieldValue('startTime', times.startTime);
      form.setFieldValue('endTime', times.endTime);
    }
  };

  const { submit, failure } = useSaveForm(form, async (values) => {
    const input = toTrackInput(values);
    if (track) {
      const { name, days, startTime, endTime } = input;
      await api.patch(`/tracks/${track.id}`, { name, days, startTime, endTime }, { schema: trackSchema });
    } else {
      await api.post('/tracks', input, { schema: trackSchema });
    }
    onSaved();
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The track could not be saved" />
        {form.errors.form && (
          <Text c="red.8" size="sm" role="alert">
            {form.errors.form}
          </Text>
        )}
        <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Program"
            required
            disabled={track !== null}
            data={programs.map((program) => ({ value: program.id, label: program.name }))}
            allowDeselect={false}
            {...form.getInputProps('programId')}
          />
          <Select
            label="Kind"
            description="Morning, evening and weekend fill in their usual pattern"
            disabled={track !== null}
            data={trackKinds.map((value) => ({ value, label: trackKindLabels[value] }))}
            allowDeselect={false}
            value={form.values.kind}
            onChange={chooseKind}
          />
        </SimpleGrid>
        <Checkbox.Group label="Days" {...form.getInputProps('days')}>
          <Group gap="sm" mt={6}>
            {isoWeekdays.map((day) => (
              <Checkbox key={day} value={String(day)} label={weekdayName(day)} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="Start time" type="time" required {...form.getInputProps('startTime')} />
          <TextInput label="End time" type="time" required {...form.getInputProps('endTime')} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {track ? 'Save track' : 'Create track'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
