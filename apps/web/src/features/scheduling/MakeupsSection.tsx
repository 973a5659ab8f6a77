import { Box, Button, Card, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { type Makeup, makeupSchema } from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Notice } from '../../ui/Notice';
import { sessionTitle } from './labels';
import { makeupList } from './lists';
import { formatSessionTime } from './week';

/**
 * The participant's booked make-ups, each a missed session and the one attended instead. Schedulers
 * can cancel one: the participant is then expected at the missed session again.
 */
export function MakeupsSection({
  participantId,
  canManage,
  version,
  onChanged,
}: {
  participantId: string;
  canManage: boolean;
  /** Changes whenever the participant's schedule changed, so the list loads again. */
  version: number;
  onChanged: () => void;
}) {
  const makeups = useApiData(
    () => api.get(`/participants/${participantId}/makeups`, { schema: makeupList }),
    [participantId, version],
  );
  const [cancelling, setCancelling] = useState<Makeup | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const booked = makeups.data?.items.filter((makeup) => makeup.status === 'booked');

  const confirmCancel = async () => {
    if (!cancelling) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const cancelled = await api.post(`/makeups/${cancelling.id}/cancel`, undefined, {
        schema: makeupSchema,
      });
      setCancelling(null);
      setNotice(
        `Make-up cancelled: the participant is expected at ${formatSessionTime(cancelled.missed)} again.`,
      );
      onChanged();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="makeups-heading">
      <Title order={2} size="h3" id="makeups-heading" mb="sm">
        Make-ups
      </Title>
      <Notice onDismiss={() => setNotice(null)} mb="sm">
        {notice}
      </Notice>
      <ErrorAlert error={makeups.error} title="The make-ups could not be loaded" />
      {!makeups.data && !makeups.error && <Loader size="sm" aria-label="Loading make-ups" />}
      {booked && booked.length === 0 && <Text size="sm">No make-ups booked.</Text>}
      {booked && booked.length > 0 && (
        <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Booked make-ups">
          {booked.map((makeup) => (
            <Group
              component="li"
              key={makeup.id}
              justify="space-between"
              gap="xs"
              py={6}
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
            >
              <Box style={{ minWidth: 0, flex: '1 1 16rem', overflowWrap: 'break-word' }}>
                <Text size="sm">
                  Missed {formatSessionTime(makeup.missed)}, {sessionTitle(makeup.missed)}
                  {makeup.missed.status === 'cancelled' ? ' (cancelled)' : ''} → made up{' '}
                  {formatSessionTime(makeup.session)}, {sessionTitle(makeup.session)}
                </Text>
                {makeup.note && <Text size="sm">Note: {makeup.note}</Text>}
                {makeup.availabilityOverride && (
                  <Text size="sm">Outside availability because: {makeup.availabilityOverride}</Text>
                )}
              </Box>
              {canManage && (
                <Button
                  size="xs"
                  variant="outline"
                  color="red.9"
                  aria-label={`Cancel make-up on ${formatSessionTime(makeup.session)}`}
                  onClick={() => {
                    setFailure(undefined);
                    setCancelling(makeup);
                  }}
                >
                  Cancel make-up
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}

      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title="Cancel make-up">
        <Stack>
          <Text>
            Cancel the make-up on {cancelling ? formatSessionTime(cancelling.session) : ''}? The participant
            is then expected at the session they were to miss (
            {cancelling ? formatSessionTime(cancelling.missed) : ''}) again.
          </Text>
          <ErrorAlert error={failure} title="The make-up could not be cancelled" />
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setCancelling(null)}>
              Keep make-up
            </Button>
            <Button color="red.9" loading={busy} onClick={() => void confirmCancel()}>
              Cancel make-up
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
