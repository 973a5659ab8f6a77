import {
  Badge,
  Box,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type DrugScreen,
  drugScreenInput,
  drugScreenListSchema,
  drugScreenSchema,
  screenMethods,
  screenResults,
  type ScreenTrend as Trend,
} from '@stepwise/core';
import { type ReactNode, useState } from 'react';
import { api } from '../../api/client';
import { optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, orDash } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { screenMethodLabels, screenResultLabels } from './labels';
import { ScreenTrend } from './ScreenTrend';

type Method = (typeof screenMethods)[number];
type Result = (typeof screenResults)[number];

interface ScreenFormValues {
  collectedOn: string;
  method: Method;
  results: { substance: string; result: Result }[];
  observed: boolean;
  labReference: string;
  note: string;
}

/** Today in the browser's zone, as `YYYY-MM-DD`. */
function localToday(): string {
  const now = new Date();
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const toInput = (values: ScreenFormValues) => ({
  collectedOn: values.collectedOn,
  method: values.method,
  results: values.results.map((item) => ({ substance: item.substance.trim(), result: item.result })),
  observed: values.observed,
  labReference: optional(values.labReference),
  note: optional(values.note),
});

/** A struck-through cell for a screen entered in error (its state is also said in words). */
function Struck({ screen, children }: { screen: DrugScreen; children: ReactNode }) {
  return screen.enteredInError ? <s>{children}</s> : children;
}

/**
 * The participant's drug and alcohol screens: the valid ones over time, every entry newest first
 * (those entered in error kept, struck through, with the reason), and for staff who record them a form
 * and a way to mark a wrong entry.
 */
export function DrugScreensSection({
  participantId,
  trend,
  canRecord,
  onChanged,
}: {
  participantId: string;
  trend: Trend | undefined;
  canRecord: boolean;
  onChanged: () => void;
}) {
  const screens = useApiData(
    () => api.get(`/participants/${participantId}/drug-screens`, { schema: drugScreenListSchema }),
    [participantId],
  );
  const [recording, setRecording] = useState(false);
  const [marking, setMarking] = useState<DrugScreen | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = (message: string) => {
    setNotice(message);
    screens.reload();
    onChanged();
  };

  return (
    <Card withBorder component="section" aria-labelledby="drug-screens-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="drug-screens-heading">
          Drug screens
        </Title>
        {canRecord && (
          <Button variant="outline" size="xs" onClick={() => setRecording(true)}>
            Record a screen
          </Button>
        )}
      </Group>
      <Notice mb="sm" onDismiss={() => setNotice(null)}>
        {notice}
      </Notice>
      <Title order={3} size="h4" mb="xs">
        Results over time
      </Title>
      {trend && <ScreenTrend trend={trend} />}
      <Title order={3} size="h4" mb="xs">
        All screens
      </Title>
      <RecordTable
        label="All drug screens"
        minWidth={760}
        state={{ ...screens, data: screens.data?.items }}
        errorTitle="The screens could not be loaded"
        emptyText="No screens recorded."
        columns={[
          {
            header: 'Collected',
            cell: (screen) => (
              <>
                <Struck screen={screen}>{formatDate(screen.collectedOn)}</Struck>
                {screen.enteredInError && (
                  <Box>
                    <Badge color="gray.7" variant="filled" size="sm">
                      Entered in error
                    </Badge>
                    <Text size="xs">{screen.enteredInError.reason}</Text>
                  </Box>
                )}
              </>
            ),
          },
          {
            header: 'Method',
            cell: (screen) => <Struck screen={screen}>{screenMethodLabels[screen.method]}</Struck>,
          },
          {
            header: 'Results',
            cell: (screen) => (
              <Struck screen={screen}>
                {screen.results
                  .map((item) => `${item.substance}: ${screenResultLabels[item.result].toLowerCase()}`)
                  .join(', ')}
              </Struck>
            ),
          },
          {
            header: 'Observed',
            cell: (screen) => (
              <Struck screen={screen}>{screen.observed ? 'Observed' : 'Not observed'}</Struck>
            ),
          },
          {
            header: 'Lab reference',
            cell: (screen) => <Struck screen={screen}>{orDash(screen.labReference)}</Struck>,
          },
          { header: 'Recorded by', cell: (screen) => screen.recordedBy.name },
        ]}
        actions={
          canRecord
            ? (screen) =>
                screen.enteredInError ? null : (
                  <RowButton
                    label={`Mark entered in error: the screen of ${formatDate(screen.collectedOn)}`}
                    onClick={() => setMarking(screen)}
                  >
                    Mark entered in error
                  </RowButton>
                )
            : undefined
        }
      />

      <Modal opened={recording} onClose={() => setRecording(false)} title="Record a screen" size="lg">
        {recording && (
          <ScreenForm
            participantId={participantId}
            onDone={() => {
              setRecording(false);
              changed('Screen recorded.');
            }}
          />
        )}
      </Modal>
      <Modal
        opened={marking !== null}
        onClose={() => setMarking(null)}
        title="Mark a screen entered in error"
      >
        {marking && (
          <EnteredInErrorForm
            screen={marking}
            onDone={() => {
              setMarking(null);
              changed('Screen marked entered in error.');
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function ScreenForm({ participantId, onDone }: { participantId: string; onDone: () => void }) {
  const form = useForm<ScreenFormValues>({
    initialValues: {
      collectedOn: localToday(),
      method: 'urine',
      results: [{ substance: '', result: 'negative' }],
      observed: true,
      labReference: '',
      note: '',
    },
    validate: (values) => schemaErrors(drugScreenInput, toInput(values)),
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    await api.post(`/participants/${participantId}/drug-screens`, toInput(values), {
      schema: drugScreenSchema,
    });
    onDone();
  });
  const resultsError = form.errors.results;

  return (
    <form onSubmit={submit} noValidate>
      <ErrorAlert error={failure} title="The screen could not be recorded" />
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Collected on" type="date" required {...form.getInputProps('collectedOn')} />
          <NativeSelect
            label="Method"
            data={screenMethods.map((value) => ({ value, label: screenMethodLabels[value] }))}
            {...form.getInputProps('method')}
          />
        </SimpleGrid>
        <Box component="fieldset" p={0} m={0} style={{ border: 0 }}>
          <Text component="legend" fw={500} size="sm" mb={4}>
            Substances tested
          </Text>
          <Stack gap="xs">
            {form.values.results.map((item, index) => (
              <Group key={form.key(`results.${index}`)} align="flex-end" gap="xs" wrap="nowrap">
                <TextInput
                  label={`Substance ${index + 1}`}
                  required
                  style={{ flex: 1 }}
                  {...form.getInputProps(`results.${index}.substance`)}
                />
                <NativeSelect
                  label={`Result for substance ${index + 1}`}
                  data={screenResults.map((value) => ({ value, label: screenResultLabels[value] }))}
                  {...form.getInputProps(`results.${index}.result`)}
                />
                {form.values.results.length > 1 && (
                  <Button
                    variant="subtle"
                    aria-label={`Remove substance ${index + 1}${item.substance ? ` (${item.substance})` : ''}`}
                    onClick={() => form.removeListItem('results', index)}
                  >
                    Remove
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
          {typeof resultsError === 'string' && (
            <Text size="sm" c="red.9" mt={4}>
              {resultsError}
            </Text>
          )}
          <Button
            variant="subtle"
            size="compact-sm"
            mt="xs"
            onClick={() => form.insertListItem('results', { substance: '', result: 'negative' })}
          >
            Add a substance
          </Button>
        </Box>
        <Checkbox label="Collection was observed" {...form.getInputProps('observed', { type: 'checkbox' })} />
        <TextInput label="Lab reference" {...form.getInputProps('labReference')} />
        <Textarea label="Note" autosize minRows={2} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button type="submit">Record screen</Button>
        </Group>
      </Stack>
    </form>
  );
}

function EnteredInErrorForm({ screen, onDone }: { screen: DrugScreen; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api.post(
        `/drug-screens/${screen.id}/entered-in-error`,
        { reason: reason.trim() },
        { schema: drugScreenSchema },
      );
      onDone();
    } catch (caught) {
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack>
      <Text>
        The screen of {formatDate(screen.collectedOn)} stays on the chart, struck through, and leaves the
        trend.
      </Text>
      <ErrorAlert error={failure} title="The screen could not be marked" />
      <Textarea
        label="Reason"
        required
        data-autofocus
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      <Group justify="flex-end">
        <Button color="red.9" loading={busy} disabled={reason.trim() === ''} onClick={() => void confirm()}>
          Mark entered in error
        </Button>
      </Group>
    </Stack>
  );
}
