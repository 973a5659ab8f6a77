import { Badge, Box, Button, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { participantSessionsSchema } from '@stepwise/core';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiError, api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Notice } from '../../ui/Notice';
import { sessionTitle } from './labels';
import { MakeupForm } from './MakeupForm';
import { formatSessionTime } from './week';

/** One of the participant's sessions in a week; `makeup` when they attend it in place of another. */
export type ParticipantSession = z.infer<typeof participantSessionsSchema>['items'][number];

/**
 * The participant's sessions in one week, cancelled ones included and make-ups marked. Schedulers can
 * arrange a make-up for any of them that is not itself one.
 */
export function WeekSessions({
  participantId,
  week,
  canManage,
  version,
  roomName,
  onChanged,
}: {
  participantId: string;
  week: string;
  canManage: boolean;
  /** Changes whenever the participant's schedule changed, so the sessions load again. */
  version: number;
  roomName: (id: string | null) => string;
  onChanged: () => void;
}) {
  const sessions = useApiData(
    () =>
      api.get(`/participants/${participantId}/sessions`, {
        query: { week },
        schema: participantSessionsSchema,
      }),
    [participantId, week, version],
  );
  const [missed, setMissed] = useState<ParticipantSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  // Without an open episode there is no week to show; the hours above already say so.
  if (sessions.error instanceof ApiError && sessions.error.code === 'conflict') return null;
  const shown =
    sessions.data?.week === week
      ? [...sessions.data.items].sort((a, b) => a.startsAt.localeCompare(b.startsAt))
      : undefined;

  return (
    <Box component="section" aria-labelledby="week-sessions-heading" mt="md">
      <Title order={3} size="h4" id="week-sessions-heading" mb="xs">
        Sessions
      </Title>
      <Notice onDismiss={() => setNotice(null)} mb="sm">
        {notice}
      </Notice>
      <ErrorAlert error={sessions.error} title="The sessions could not be loaded" />
      {!shown && !sessions.error && <Loader size="sm" aria-label="Loading the week’s sessions" />}
      {shown && shown.length === 0 && <Text size="sm">No sessions this week.</Text>}
      {shown && shown.length > 0 && (
        <Stack
          component="ul"
          gap={0}
          m={0}
          p={0}
          style={{ listStyle: 'none' }}
          aria-label="Sessions of the week"
        >
          {shown.map((session) => {
            const cancelled = session.status === 'cancelled';
            const when = formatSessionTime(session);
            return (
              <Group
                component="li"
                key={session.id}
                justify="space-between"
                align="center"
                gap="xs"
                py={6}
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Box style={{ minWidth: 0, flex: '1 1 16rem' }}>
                  <Group gap={6}>
                    <Text size="sm" fw={700} td={cancelled ? 'line-through' : undefined}>
                      {when}
                    </Text>
                    {session.makeup && (
                      <Badge color="teal.9" variant="filled" size="sm">
                        Make-up
                      </Badge>
                    )}
                    {cancelled && (
                      <Badge color="red.9" variant="filled" size="sm">
                        Cancelled
                      </Badge>
                    )}
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'break-word' }}>
                    {sessionTitle(session)} · {roomName(session.roomId)}
                  </Text>
                  {cancelled && session.cancelReason && <Text size="sm">Reason: {session.cancelReason}</Text>}
                </Box>
                {canManage && !session.makeup && (
                  <Button
                    size="xs"
                    variant="outline"
                    aria-label={`Arrange a make-up for ${when} ${sessionTitle(session)}`}
                    onClick={() => setMissed(session)}
                  >
                    Arrange a make-up
                  </Button>
                )}
              </Group>
            );
          })}
        </Stack>
      )}

      <Modal opened={missed !== null} onClose={() => setMissed(null)} title="Arrange a make-up" size="lg">
        {missed && (
          <MakeupForm
            participantId={participantId}
            missed={missed}
            roomName={roomName}
            onBooked={(makeup) => {
              setMissed(null);
              setNotice(
                `Make-up booked: ${formatSessionTime(makeup.session)}, ${sessionTitle(makeup.session)}, ` +
                  `in place of ${formatSessionTime(makeup.missed)}.`,
              );
              onChanged();
            }}
          />
        )}
      </Modal>
    </Box>
  );
}
