import { Radio, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { type Participant, page, participantSchema } from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { participantName } from './participant-form';

const participantPage = page(participantSchema);

/** Finds a registered participant by the start of a name or record number, and picks one. */
export function ParticipantPicker({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error: unknown;
}) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const [chosen, setChosen] = useState<Participant | null>(null);
  const found = useApiData(
    () =>
      query
        ? api.get('/participants', { query: { q: query, limit: 8 }, schema: participantPage })
        : Promise.resolve(undefined),
    [query],
  );
  const matches = found.data?.items ?? [];
  const options = chosen && !matches.some((match) => match.id === chosen.id) ? [chosen, ...matches] : matches;

  return (
    <Stack gap="xs">
      <TextInput
        type="search"
        label="Find participant"
        description="Start of a given name, family name or record number"
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        data-autofocus
      />
      <ErrorAlert error={found.error} title="The participants could not be searched" />
      <Text size="sm" role="status" aria-live="polite">
        {!query
          ? 'Type to search.'
          : found.loading
            ? 'Searching…'
            : matches.length === 0
              ? `No participants match “${query}”.`
              : `${matches.length} match${matches.length === 1 ? '' : 'es'}.`}
      </Text>
      {options.length > 0 && (
        <Radio.Group
          label="Participant"
          value={value}
          onChange={(id) => {
            setChosen(options.find((option) => option.id === id) ?? null);
            onChange(id);
          }}
          error={typeof error === 'string' ? error : undefined}
        >
          <Stack gap={6} mt={4}>
            {options.map((participant) => (
              <Radio
                key={participant.id}
                value={participant.id}
                label={`${participantName(participant)} · ${participant.recordNumber} · born ${participant.dateOfBirth}`}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
      {options.length === 0 && typeof error === 'string' && (
        <Text size="sm" c="var(--mantine-color-error)" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
