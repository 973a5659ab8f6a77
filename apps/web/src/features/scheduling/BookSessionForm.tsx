import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import {
  type Program,
  type Room,
  type SessionKind,
  type SessionModality,
  type SessionSeries,
  sessionKinds,
  sessionModalities,
  sessionModalityLabels,
  sessionSeriesInput,
  sessionSeriesSchema,
  type Track,
  type User,
} from '@stepwise/core';
import { useState } from 'react';
import { ApiError, api, sentence } from '../../api/client';
import { apiFieldErrors, type FieldErrors, optional, schemaErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { weekdayName } from '../../ui/format';
import { staffOptions } from '../intake/staff-options';
import { sessionKindLabels } from './labels';
import {
  buildRrule,
  dayOfDate,
  type RepeatChoice,
  type RepeatValues,
  repeatChoices,
  repeatErrors,
  repeatLabels,
} from './repeat';

interface BookingValues extends RepeatValues {
  kind: SessionKind;
  modality: SessionModality | '';
  topic: string;
  /** Null when left empty: a clearable select shows its clear button for any other value. */
  trackId: string | null;
  place: 'room' | 'telehealth';
  roomId: string | null;
  telehealthUrl: string;
  facilitatorIds: string[];
  capacity: number | string;
  startDate: string;
  startTime: string;
  durationMinutes: number | string;
  /** Local dates the series skips (holidays the organisation has not closed for, say). */
  exceptions: string[];
}

function toSeriesInput(values: BookingValues) {
  return {
    kind: values.kind,
    trackId: values.trackId || undefined,
    modality: values.modality || undefined,
    topic: optional(values.topic),
    roomId: values.place === 'room' ? values.roomId || undefined : undefined,
    telehealthUrl: values.place === 'telehealth' ? optional(values.telehealthUrl) : undefined,
    facilitatorIds: values.facilitatorIds,
    capacity: values.capacity === '' ? undefined : Number(values.capacity),
    startDate: values.startDate,
    startTime: values.startTime.slice(0, 5),
    durationMinutes: values.durationMinutes === '' ? undefined : Number(values.durationMinutes),
    rrule: buildRrule(values) ?? undefined,
    exceptions: values.repeat === 'none' ? [] : values.exceptions,
  };
}

/**
 * Puts each message where the person filling the form looks: the schema's room-or-link rule on the
 * input in use, a facilitator the server refused on the facilitator picker, rule problems on "Repeat".
 */
function placeErrors(errors: FieldErrors, values: BookingValues): FieldErrors {
  const placed: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    if (key === 'roomId' && values.place === 'telehealth') placed.telehealthUrl ??= message;
    else if (key.startsWith('facilitatorIds')) placed.facilitatorIds ??= message;
    else if (key === 'rrule') placed.repeat ??= message;
    else placed[key] ??= message;
  }
  return placed;
}

/** The schema's messages, with the ones for empty pickers said in the form's words and at once. */
function bookingErrors(values: BookingValues): FieldErrors {
  const errors = { ...schemaErrors(sessionSeriesInput, toSeriesInput(values)), ...repeatErrors(values) };
  if (!values.modality) errors.modality = 'Choose the modality.';
  if (values.place === 'room' && !values.roomId) errors.roomId = 'Choose the room.';
  if (values.place === 'telehealth' && !values.telehealthUrl.trim())
    errors.telehealthUrl = 'Give the https:// link of the video session.';
  if (values.durationMinutes === '') errors.durationMinutes = 'Give the length in minutes.';
  return placeErrors(errors, values);
}

/** The modality a one-to-one or family session usually is, chosen for the scheduler. */
const usualModality: Partial<Record<SessionKind, SessionModality>> = {
  individual: 'individual_therapy',
  family: 'family_therapy',
};

/**
 * Books a session or a recurring series in the program. A clash with a booked room or facilitator, or
 * a facilitator off work, is refused by the server; the form says which, beside the button.
 */
export function BookSessionForm({
  program,
  rooms,
  tracks,
  staff,
  firstDate,
  onBooked,
}: {
  program: Program;
  /** The rooms at the program's site. */
  rooms: Room[];
  tracks: Track[];
  staff: User[] | undefined;
  /** The date the form starts on: today at the site. */
  firstDate: string;
  onBooked: (series: SessionSeries) => void;
}) {
  const [failure, setFailure] = useState<unknown>(undefined);
  const form = useForm<BookingValues>({
    initialValues: {
      kind: 'group',
      modality: '',
      topic: '',
      trackId: null,
      place: 'room',
      roomId: null,
      telehealthUrl: '',
      facilitatorIds: [],
      capacity: '',
      startDate: firstDate,
      startTime: '09:00',
      durationMinutes: 180,
      repeat: 'none',
      days: [],
      ends: 'never',
      until: '',
      count: '',
      exceptions: [],
    },
    validate: bookingErrors,
  });

  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      onBooked(
        await api.post(`/programs/${program.id}/session-series`, toSeriesInput(values), {
          schema: sessionSeriesSchema,
        }),
      );
    } catch (error) {
      form.setErrors(placeErrors(apiFieldErrors(error), values));
      setFailure(error);
    }
  });
  const conflict = failure instanceof ApiError && failure.code === 'conflict' ? failure : null;

  const chooseKind = (value: string | null) => {
    const kind = (value ?? 'group') as SessionKind;
    form.setFieldValue('kind', kind);
    const usual = usualModality[kind];
    if (usual && !form.values.modality) form.setFieldValue('modality', usual);
  };
  const chooseRepeat = (value: string | null) => {
    const repeat = (value ?? 'none') as RepeatChoice;
    form.setFieldValue('repeat', repeat);
    if ((repeat === 'weekly' || repeat === 'fortnightly') && form.values.days.length === 0)
      form.setFieldValue('days', dayOfDate(form.values.startDate));
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={conflict ? undefined : failure} title="The session could not be booked" />
        <Text size="sm">For {program.name}. Dates and times are local to the program’s site.</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Kind"
            data={sessionKinds.map((value) => ({ value, label: sessionKindLabels[value] }))}
            allowDeselect={false}
            value={form.values.kind}
            onChange={chooseKind}
            error={form.errors.kind}
          />
          <Select
            label="Modality"
            required
            data={sessionModalities.map((value) => ({ value, label: sessionModalityLabels[value] }))}
            {...form.getInputProps('modality')}
          />
          <TextInput
            label="Topic"
            description="What this session covers, e.g. Coping with cravings"
            {...form.getInputProps('topic')}
          />
          <Select
            label="Track"
            placeholder={tracks.length === 0 ? 'The program has no tracks' : 'No track'}
            clearable
            data={tracks.map((track) => ({ value: track.id, label: track.name }))}
            {...form.getInputProps('trackId')}
          />
        </SimpleGrid>

        <div>
          <Text component="span" size="sm" fw={500} id="booking-place-label">
            Where
          </Text>
          <SegmentedControl
            fullWidth
            aria-labelledby="booking-place-label"
            data={[
              { value: 'room', label: 'In a room' },
              { value: 'telehealth', label: 'By telehealth' },
            ]}
            {...form.getInputProps('place')}
          />
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {form.values.place === 'room' ? (
            <Select
              label="Room"
              required
              data={rooms.map((room) => ({
                value: room.id,
                label: room.capacity ? `${room.name} (holds ${room.capacity})` : room.name,
              }))}
              nothingFoundMessage="The site has no rooms yet"
              {...form.getInputProps('roomId')}
            />
          ) : (
            <TextInput
              label="Telehealth link"
              description="The https:// address of the video session"
              type="url"
              required
              {...form.getInputProps('telehealthUrl')}
            />
          )}
          <NumberInput
            label="Capacity"
            description={`Leave blank for ${program.groupCapacity} in a group, 1 individual, 6 family`}
            min={1}
            max={30}
            allowDecimal={false}
            {...form.getInputProps('capacity')}
          />
        </SimpleGrid>
        <MultiSelect
          label="Facilitators"
          description="Up to four staff who run the session"
          required
          searchable
          maxValues={4}
          data={staffOptions(staff)}
          {...form.getInputProps('facilitatorIds')}
        />

        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Start date" type="date" required {...form.getInputProps('startDate')} />
          <TextInput label="Start time" type="time" required {...form.getInputProps('startTime')} />
          <NumberInput
            label="Duration (minutes)"
            required
            min={15}
            max={480}
            step={15}
            allowDecimal={false}
            {...form.getInputProps('durationMinutes')}
          />
        </SimpleGrid>

        <RepeatFields form={form} onRepeatChange={chooseRepeat} />

        {conflict && (
          <Alert color="red" role="alert" title="This time is taken">
            {sentence(conflict.message)} Choose another time, room or facilitator.
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Book session
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** Repeat: none, weekly or two-weekly on chosen days, or daily; until a date or a number of sessions; skipped dates. */
function RepeatFields({
  form,
  onRepeatChange,
}: {
  form: UseFormReturnType<BookingValues>;
  onRepeatChange: (value: string | null) => void;
}) {
  const { repeat, ends, exceptions } = form.values;
  return (
    <Stack gap="sm">
      <Select
        label="Repeat"
        data={repeatChoices.map((value) => ({ value, label: repeatLabels[value] }))}
        allowDeselect={false}
        value={repeat}
        onChange={onRepeatChange}
        error={form.errors.repeat}
        maw={320}
      />
      {(repeat === 'weekly' || repeat === 'fortnightly') && (
        <Checkbox.Group label="On" required {...form.getInputProps('days')}>
          <Group gap="sm" mt={6}>
            {weekdays.map((day) => (
              <Checkbox key={day} value={String(day)} label={weekdayName(day)} />
            ))}
          </Group>
        </Checkbox.Group>
      )}
      {repeat !== 'none' && (
        <>
          <Radio.Group label="Ends" {...form.getInputProps('ends')}>
            <Stack gap={6} mt={6}>
              <Radio value="never" label="No end date (booked 26 weeks ahead, then kept ahead)" />
              <Radio value="until" label="On a date" />
              <Radio value="count" label="After a number of sessions" />
            </Stack>
          </Radio.Group>
          {ends === 'until' && (
            <TextInput label="Last date" type="date" required maw={220} {...form.getInputProps('until')} />
          )}
          {ends === 'count' && (
            <NumberInput
              label="Number of sessions"
              required
              min={1}
              max={1000}
              allowDecimal={false}
              maw={220}
              {...form.getInputProps('count')}
            />
          )}
          <Stack gap="xs" component="fieldset" m={0} p={0} style={{ border: 0 }}>
            <Text component="legend" size="sm" fw={500} p={0}>
              Dates to skip
            </Text>
            {exceptions.length === 0 && <Text size="sm">None.</Text>}
            {exceptions.map((_date, index) => (
              // Dates have no identity of their own; the position is their key while the form is open.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <Group key={index} align="flex-start" gap="xs">
                <TextInput
                  label={`Skipped date ${index + 1}`}
                  type="date"
                  required
                  {...form.getInputProps(`exceptions.${index}`)}
                />
                <ActionIcon
                  variant="outline"
                  color="red.9"
                  size="lg"
                  mt={25}
                  aria-label={`Remove skipped date ${index + 1}`}
                  onClick={() => form.removeListItem('exceptions', index)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="outline" size="xs" onClick={() => form.insertListItem('exceptions', '')}>
                Add a date to skip
              </Button>
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
}
