import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  List,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import { availabilityInput, availabilitySchema, type BlackoutReason, blackoutReasons } from '@stepwise/core';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { apiFieldErrors, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { blackoutReasonLabel, weekdayLabel, weekdayOptions } from './labels';

type Availability = z.infer<typeof availabilitySchema>;

interface WindowRow {
  weekday: string;
  startTime: string;
  endTime: string;
}

interface BlackoutRow extends WindowRow {
  reason: BlackoutReason;
  note: string;
}

interface AvailabilityValues {
  windows: WindowRow[];
  blackouts: BlackoutRow[];
}

const byWeekAndTime = (
  a: { weekday: number; startTime: string },
  b: { weekday: number; startTime: string },
) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime);

function formFrom(availability: Availability): AvailabilityValues {
  return {
    windows: availability.windows.map((window) => ({
      weekday: String(window.weekday),
      startTime: window.startTime.slice(0, 5),
      endTime: window.endTime.slice(0, 5),
    })),
    blackouts: availability.blackouts.map((blackout) => ({
      weekday: String(blackout.weekday),
      startTime: blackout.startTime.slice(0, 5),
      endTime: blackout.endTime.slice(0, 5),
      reason: blackout.reason,
      note: blackout.note ?? '',
    })),
  };
}

function toAvailabilityInput(values: AvailabilityValues) {
  return {
    windows: values.windows.map((window) => ({
      weekday: Number(window.weekday),
      startTime: window.startTime.slice(0, 5),
      endTime: window.endTime.slice(0, 5),
    })),
    blackouts: values.blackouts.map((blackout) => ({
      weekday: Number(blackout.weekday),
      startTime: blackout.startTime.slice(0, 5),
      endTime: blackout.endTime.slice(0, 5),
      reason: blackout.reason,
      note: optional(blackout.note),
    })),
  };
}

const times = (window: { startTime: string; endTime: string }) =>
  `${window.startTime.slice(0, 5)}–${window.endTime.slice(0, 5)}`;

/**
 * When the participant can come (weekly windows) and what they cannot move (blackouts for work,
 * school, childcare…). Enrolment and the optimizer respect both; schedulers edit them.
 */
export function AvailabilitySection({ participantId, canEdit }: { participantId: string; canEdit: boolean }) {
  const availability = useApiData(
    () => api.get(`/participants/${participantId}/availability`, { schema: availabilitySchema }),
    [participantId],
  );
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const data = availability.data;

  return (
    <Card withBorder component="section" aria-labelledby="availability-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="availability-heading">
          Availability
        </Title>
        {canEdit && !editing && data && (
          <Button
            variant="outline"
            size="xs"
            onClick={() => {
              setSaved(false);
              setEditing(true);
            }}
          >
            Edit availability
          </Button>
        )}
      </Group>
      {saved && (
        <Alert color="green" role="status" mb="sm">
          Availability saved.
        </Alert>
      )}
      <ErrorAlert error={availability.error} title="The availability could not be loaded" />
      {data && editing && (
        <AvailabilityForm
          participantId={participantId}
          availability={data}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSaved(true);
            availability.reload();
          }}
        />
      )}
      {data && !editing && (
        <Stack gap="sm">
          <div>
            <Text size="sm" fw={600}>
              Can attend
            </Text>
            {data.windows.length === 0 ? (
              <Text size="sm">No windows recorded: any time outside the blackouts is possible.</Text>
            ) : (
              <List size="sm" spacing={2}>
                {[...data.windows].sort(byWeekAndTime).map((window) => (
                  <List.Item key={`${window.weekday}-${window.startTime}`}>
                    {weekdayLabel(window.weekday)} {times(window)}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          <div>
            <Text size="sm" fw={600}>
              Cannot attend
            </Text>
            {data.blackouts.length === 0 ? (
              <Text size="sm">No blackouts recorded.</Text>
            ) : (
              <List size="sm" spacing={2}>
                {[...data.blackouts].sort(byWeekAndTime).map((blackout) => (
                  <List.Item key={`${blackout.weekday}-${blackout.startTime}-${blackout.reason}`}>
                    {weekdayLabel(blackout.weekday)} {times(blackout)} ·{' '}
                    {blackoutReasonLabel(blackout.reason)}
                    {blackout.note ? ` · ${blackout.note}` : ''}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
        </Stack>
      )}
    </Card>
  );
}

function AvailabilityForm({
  participantId,
  availability,
  onCancel,
  onSaved,
}: {
  participantId: string;
  availability: Availability;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const [failure, setFailure] = useState<unknown>(undefined);
  const form = useForm<AvailabilityValues>({
    initialValues: formFrom(availability),
    validate: (values) => schemaErrors(availabilityInput, toAvailabilityInput(values)),
  });
  const submit = form.onSubmit(async (values) => {
    setFailure(undefined);
    try {
      await api.put(`/participants/${participantId}/availability`, toAvailabilityInput(values), {
        schema: availabilitySchema,
      });
      onSaved();
    } catch (error) {
      form.setErrors(apiFieldErrors(error));
      setFailure(error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={failure} title="The availability could not be saved" />
        <Rows
          form={form}
          list="windows"
          legend="Can attend"
          hint="Leave empty when any time is possible."
          noun="Window"
          empty={{ weekday: '1', startTime: '09:00', endTime: '17:00' }}
        />
        <Rows
          form={form}
          list="blackouts"
          legend="Cannot attend (blackouts)"
          hint="Work shifts, school, childcare and other fixed commitments."
          noun="Blackout"
          empty={{ weekday: '1', startTime: '09:00', endTime: '17:00', reason: 'work', note: '' }}
        />
        <Group>
          <Button type="submit" loading={form.submitting}>
            Save availability
          </Button>
          <Button variant="subtle" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The rows of one list (windows or blackouts), each with day and times, blackouts with a reason. */
function Rows({
  form,
  list,
  legend,
  hint,
  noun,
  empty,
}: {
  form: UseFormReturnType<AvailabilityValues>;
  list: 'windows' | 'blackouts';
  legend: string;
  hint: string;
  noun: string;
  empty: WindowRow | BlackoutRow;
}) {
  const rows = form.values[list];
  return (
    <Stack gap="xs" component="fieldset" m={0} p={0} style={{ border: 0 }}>
      <Text component="legend" size="sm" fw={600} p={0}>
        {legend}
      </Text>
      <Text size="sm">{hint}</Text>
      {rows.length === 0 && <Text size="sm">None.</Text>}
      {rows.map((_row, index) => {
        const name = `${noun} ${index + 1}`;
        return (
          // Rows have no identity of their own; the position is their key while the form is open.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <Group key={index} align="flex-start" gap="xs" wrap="wrap">
            <Select
              label={`${name} day`}
              data={weekdayOptions}
              allowDeselect={false}
              w={150}
              {...form.getInputProps(`${list}.${index}.weekday`)}
            />
            <TextInput
              label={`${name} from`}
              type="time"
              w={120}
              {...form.getInputProps(`${list}.${index}.startTime`)}
            />
            <TextInput
              label={`${name} until`}
              type="time"
              w={120}
              {...form.getInputProps(`${list}.${index}.endTime`)}
            />
            {list === 'blackouts' && (
              <>
                <Select
                  label={`${name} reason`}
                  data={blackoutReasons.map((value) => ({ value, label: blackoutReasonLabel(value) }))}
                  allowDeselect={false}
                  w={170}
                  {...form.getInputProps(`${list}.${index}.reason`)}
                />
                <TextInput
                  label={`${name} note`}
                  style={{ flex: '1 1 160px' }}
                  {...form.getInputProps(`${list}.${index}.note`)}
                />
              </>
            )}
            <ActionIcon
              variant="outline"
              color="red.9"
              size="lg"
              mt={25}
              aria-label={`Remove ${name.toLowerCase()}`}
              onClick={() => form.removeListItem(list, index)}
            >
              ×
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button variant="outline" size="xs" onClick={() => form.insertListItem(list, { ...empty })}>
          {list === 'windows' ? 'Add a window' : 'Add a blackout'}
        </Button>
      </Group>
    </Stack>
  );
}
