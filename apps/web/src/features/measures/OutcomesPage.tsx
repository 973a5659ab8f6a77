import {
  Box,
  Card,
  Group,
  Loader,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { type InstrumentOutcome, programOutcomesSchema, programSchema } from '@stepwise/core';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';

const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value);

const rows = [
  { key: 'improved', label: 'Improved', color: 'var(--mantine-color-teal-8)' },
  { key: 'unchanged', label: 'Unchanged', color: 'var(--mantine-color-gray-6)' },
  { key: 'worse', label: 'Worse', color: 'var(--mantine-color-red-8)' },
] as const;

const percent = (share: number) => `${Math.round(share * 100)} %`;

/**
 * A program's outcomes: per instrument, of the participants measured twice or more in their episode,
 * the share improved, unchanged and worse beyond the instrument's reliable change. Counts only, no
 * names. Open episodes always; those discharged within a period when one is given.
 */
export function OutcomesPage() {
  const [params, setParams] = useSearchParams();
  const programs = useApiData(() => fetchAll('/programs', programSchema), []);
  const programId = params.get('program') ?? programs.data?.[0]?.id ?? null;
  const closedFrom = params.get('closedFrom');
  const closedTo = params.get('closedTo');
  const outcomes = useApiData(
    () =>
      programId
        ? api.get(`/programs/${programId}/outcomes`, {
            query: {
              closedFrom: isDate(closedFrom) ? closedFrom : undefined,
              closedTo: isDate(closedTo) ? closedTo : undefined,
            },
            schema: programOutcomesSchema,
          })
        : Promise.resolve(undefined),
    [programId, closedFrom, closedTo],
  );
  const setParam = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };

  return (
    <>
      <PageTitle>Program outcomes</PageTitle>
      <Text mb="md">
        Change from each participant’s first score in their episode to their latest, judged against the
        instrument’s reliable change. Participants measured once are not yet counted.
      </Text>
      <ErrorAlert error={programs.error} title="The programs could not be loaded" />
      <Group align="flex-end" mb="lg" gap="md">
        <NativeSelect
          label="Program"
          data={(programs.data ?? []).map((program) => ({ value: program.id, label: program.name }))}
          value={programId ?? ''}
          onChange={(event) => setParam('program', event.currentTarget.value)}
          miw={260}
        />
        <TextInput
          label="Also discharged from"
          type="date"
          value={closedFrom ?? ''}
          onChange={(event) => setParam('closedFrom', event.currentTarget.value)}
        />
        <TextInput
          label="Discharged until"
          type="date"
          value={closedTo ?? ''}
          onChange={(event) => setParam('closedTo', event.currentTarget.value)}
        />
      </Group>
      <ErrorAlert error={outcomes.error} title="The outcomes could not be loaded" />
      {outcomes.loading && !outcomes.data && <Loader aria-label="Loading outcomes" />}
      {outcomes.data && (
        <Stack gap="md">
          <Text>
            {outcomes.data.programName}: {outcomes.data.episodes} episode
            {outcomes.data.episodes === 1 ? '' : 's'} of care counted
            {outcomes.data.closedFrom || outcomes.data.closedTo
              ? ' (open, and discharged within the period)'
              : ' (open now)'}
            .
          </Text>
          {outcomes.data.instruments.length === 0 && <Text>No participant has a score to compare yet.</Text>}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            {outcomes.data.instruments.map((outcome) => (
              <OutcomeCard key={outcome.instrument} outcome={outcome} />
            ))}
          </SimpleGrid>
        </Stack>
      )}
    </>
  );
}

function OutcomeCard({ outcome }: { outcome: InstrumentOutcome }) {
  const headingId = `outcome-${outcome.instrument}-heading`;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb={4}>
        {outcome.title}
      </Title>
      <Text size="sm" mb="sm">
        {outcome.measured} of {outcome.participants} participant{outcome.participants === 1 ? '' : 's'} with
        scores measured twice or more.
      </Text>
      <Stack component="dl" gap={6} m={0}>
        {rows.map((row) => {
          const count = outcome[row.key];
          const share = outcome.shares[row.key];
          return (
            <Group key={row.key} gap="sm" wrap="nowrap" align="center">
              <Text component="dt" w={90} fw={600} size="sm">
                {row.label}
              </Text>
              <Box component="dd" m={0} style={{ flex: 1, display: 'flex', alignItems: 'center', gap: 8 }}>
                <Box
                  aria-hidden
                  style={{
                    flex: 1,
                    height: 14,
                    background: 'var(--mantine-color-gray-1)',
                    border: '1px solid var(--mantine-color-gray-4)',
                  }}
                >
                  <Box style={{ width: `${share * 100}%`, height: '100%', background: row.color }} />
                </Box>
                <Text component="span" size="sm" miw={110}>
                  {count} of {outcome.measured} ({percent(share)})
                </Text>
              </Box>
            </Group>
          );
        })}
      </Stack>
    </Card>
  );
}
