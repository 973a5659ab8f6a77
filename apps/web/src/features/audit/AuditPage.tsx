import { Alert, Button, Code, Group, List, Stack, Table, Text, TextInput } from '@mantine/core';
import {
  type AuditEvent,
  type AuditVerifyResult,
  auditEventSchema,
  auditVerifyResult,
  idSchema,
  page,
} from '@stepwise/core';
import { type FormEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useCursorPages } from '../../api/use-cursor-pages';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { ScrollTable } from '../../ui/ScrollTable';

const eventPage = page(auditEventSchema);

function describeDetails(details: AuditEvent['details']): string {
  if (!details || Object.keys(details).length === 0) return '';
  return JSON.stringify(details);
}

/** The tamper-evident audit trail: every read and write of health information, with a chain check. */
export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const participantId = searchParams.get('participantId') ?? '';
  const [filterText, setFilterText] = useState(participantId);
  const [filterError, setFilterError] = useState<string | undefined>(undefined);
  const [verification, setVerification] = useState<AuditVerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(undefined);
  const [verifying, setVerifying] = useState(false);
  const { items, nextCursor, loading, error, loadMore } = useCursorPages(
    (participant, cursor) =>
      api.get('/audit/events', {
        query: { limit: 50, cursor, participantId: participant },
        schema: eventPage,
      }),
    participantId,
  );

  useEffect(() => {
    setFilterText(participantId);
  }, [participantId]);

  const applyFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = filterText.trim();
    if (value && !idSchema.safeParse(value).success) {
      setFilterError(
        'Enter a participant ID such as 0b6f…-…; it is shown in the address of the participant’s page.',
      );
      return;
    }
    setFilterError(undefined);
    setSearchParams(value ? { participantId: value } : {});
  };

  const verify = async () => {
    setVerifying(true);
    setVerifyError(undefined);
    setVerification(null);
    try {
      setVerification(await api.get('/audit/verify', { schema: auditVerifyResult }));
    } catch (caught) {
      setVerifyError(caught);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageTitle>Audit trail</PageTitle>
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <form onSubmit={applyFilter} noValidate>
            <Group align="flex-start" gap="sm">
              <TextInput
                label="Participant ID"
                description="Show only events about one participant"
                value={filterText}
                onChange={(event) => setFilterText(event.currentTarget.value)}
                error={filterError}
                w={340}
                maw="100%"
              />
              <Group gap="xs" mt={{ base: 0, xs: 46 }}>
                <Button type="submit" variant="outline">
                  Filter
                </Button>
                {participantId && (
                  <Button variant="subtle" onClick={() => setSearchParams({})}>
                    Show all events
                  </Button>
                )}
              </Group>
            </Group>
          </form>
          <Button onClick={() => void verify()} loading={verifying}>
            Verify chain
          </Button>
        </Group>
        <ErrorAlert error={verifyError} title="The chain could not be checked" />
        {verification &&
          (verification.ok ? (
            <Alert color="green" role="status" title="Audit chain intact">
              {verification.eventsChecked} events checked; none has been changed, removed or reordered.
            </Alert>
          ) : (
            <Alert color="red" role="alert" title="Audit chain broken">
              <Text size="sm">
                {verification.eventsChecked} events checked; {verification.problems.length} problem
                {verification.problems.length === 1 ? '' : 's'} found:
              </Text>
              <List size="sm">
                {verification.problems.map((problem) => (
                  <List.Item key={`${problem.seq ?? 'none'}-${problem.problem}`}>
                    {problem.seq === null ? '' : `Event ${problem.seq}: `}
                    {problem.problem}
                  </List.Item>
                ))}
              </List>
            </Alert>
          ))}
        <ErrorAlert error={error} title="The audit trail could not be loaded" />
        <Text size="sm" role="status" aria-live="polite">
          {loading
            ? 'Loading…'
            : `Showing ${items.length} event${items.length === 1 ? '' : 's'}, newest first.`}
        </Text>
        {items.length > 0 && (
          <ScrollTable label="Audit events" minWidth={980}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>#</Table.Th>
                <Table.Th>When</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>Action</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Participant</Table.Th>
                <Table.Th>From</Table.Th>
                <Table.Th>Details</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td>{event.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
                  <Table.Td>{event.actorName ?? event.actorKind}</Table.Td>
                  <Table.Td>
                    <Code>{event.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    {event.subjectType}
                    {event.subjectId ? ` ${event.subjectId.slice(0, 8)}` : ''}
                  </Table.Td>
                  <Table.Td>
                    {event.participantId ? (
                      <Button
                        variant="subtle"
                        size="compact-xs"
                        onClick={() =>
                          event.participantId && setSearchParams({ participantId: event.participantId })
                        }
                        aria-label={`Show events for participant ${event.participantId}`}
                      >
                        {event.participantId.slice(0, 8)}
                      </Button>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{event.ip ?? '—'}</Text>
                    <Text size="xs" lineClamp={1} title={event.userAgent ?? undefined} maw={200}>
                      {event.userAgent ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" style={{ wordBreak: 'break-word' }} maw={260}>
                      {describeDetails(event.details)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        {nextCursor && !loading && (
          <Button variant="outline" onClick={loadMore} style={{ alignSelf: 'flex-start' }}>
            Load more
          </Button>
        )}
      </Stack>
    </>
  );
}
