import { Anchor, Button, Group, Loader, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { page, participantSchema } from '@stepwise/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useCursorPages } from '../../api/use-cursor-pages';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { orDash } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { ScrollTable } from '../../ui/ScrollTable';
import { useMe } from '../session/session-context';
import { participantName } from './participant-form';

const participantPage = page(participantSchema);
const pageSize = 25;

/** Searchable, paged list of the organisation's participants. */
export function ParticipantListPage() {
  const me = useMe();
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search.trim(), 300);
  const { items, nextCursor, loading, error, loadMore } = useCursorPages(
    (q, cursor) =>
      api.get('/participants', { query: { q, limit: pageSize, cursor }, schema: participantPage }),
    query,
  );

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>Participants</PageTitle>
        {can(me, 'participants:write') && (
          <Button component={Link} to="/participants/new">
            New participant
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        <TextInput
          type="search"
          label="Search participants"
          description="Start of a given name, family name or record number"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={420}
        />
        <ErrorAlert error={error} title="The participants could not be loaded" />
        <Text size="sm" role="status" aria-live="polite">
          {loading
            ? 'Loading…'
            : items.length === 0
              ? query
                ? `No participants match “${query}”.`
                : 'No participants yet.'
              : `Showing ${items.length} participant${items.length === 1 ? '' : 's'}${nextCursor ? ' (more available)' : ''}.`}
        </Text>
        {items.length > 0 && (
          <ScrollTable label="Participants" minWidth={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Record number</Table.Th>
                <Table.Th>Date of birth</Table.Th>
                <Table.Th>Phone</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((participant) => (
                <Table.Tr key={participant.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/participants/${participant.id}`}>
                      {participantName(participant)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{participant.recordNumber}</Table.Td>
                  <Table.Td>{participant.dateOfBirth}</Table.Td>
                  <Table.Td>{orDash(participant.phone)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        {loading && items.length > 0 && <Loader size="sm" aria-label="Loading more participants" />}
        {nextCursor && !loading && (
          <Button variant="outline" onClick={loadMore} style={{ alignSelf: 'flex-start' }}>
            Load more
          </Button>
        )}
      </Stack>
    </>
  );
}
