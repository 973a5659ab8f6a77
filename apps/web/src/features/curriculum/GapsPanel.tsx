import { Anchor, Box, Button, Card, Group, List, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import {
  type CurriculumGaps,
  curriculumGapsSchema,
  makeupInput,
  makeupSchema,
  type Program,
  sessionModalityLabels,
} from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, sentence } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { AvailabilityOverride, availabilityProblem } from '../scheduling/AvailabilityOverride';
import { sessionTitle } from '../scheduling/labels';
import { formatDay, formatSessionTime } from '../scheduling/week';

type Person = CurriculumGaps['items'][number];
type Gap = Person['modules'][number];
type Option = Gap['options'][number];

/** A make-up being booked: who, for which module, in which session. */
interface Booking {
  person: Person;
  gap: Gap;
  option: Option;
}

/** "Tue, Dec 1, 09:00–10:30, DBT skills group". */
const sessionLine = (session: Option['session']) => `${formatSessionTime(session)}, ${sessionTitle(session)}`;

/** When their own groups next teach the module, which is after planned discharge or never in view. */
function nextLine(gap: Gap): string {
  return gap.next
    ? `Their groups next teach it on ${formatDay(gap.next.date)}, after planned discharge.`
    : 'Their groups do not teach it again in the weeks ahead.';
}

/**
 * Who in the program will miss a required module before planned discharge at the current rotation,
 * soonest discharge first: the modules, and up to three sessions that teach each in time, with seats
 * left and the one of their own sessions it would replace. Schedulers book one as a make-up (giving a
 * reason when it falls outside the participant's availability), and the list loads again.
 */
export function GapsPanel({
  program,
  canBook,
  version,
}: {
  program: Program;
  canBook: boolean;
  /** Changes when the curriculum changed, so the list loads again. */
  version: number;
}) {
  const [booked, setBooked] = useState(0);
  const gaps = useApiData(
    () => api.get(`/programs/${program.id}/curriculum/gaps`, { schema: curriculumGapsSchema }),
    [program.id, version, booked],
  );
  const [notice, setNotice] = useState<string | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="gaps-heading">
      <Title order={2} size="h3" id="gaps-heading" mb={4}>
        Who will miss a module
      </Title>
      <Text size="sm" mb="sm">
        Participants of {program.name} whose own groups will not teach a required module before their planned
        discharge, with sessions that could teach it to them as a make-up.
      </Text>
      <Notice onDismiss={() => setNotice(null)} mb="sm">
        {notice}
      </Notice>
      <ErrorAlert error={gaps.error} title="The list could not be loaded" />
      {!gaps.data && !gaps.error && <Loader size="sm" aria-label="Loading who will miss a module" />}
      {gaps.data && gaps.data.items.length === 0 && (
        <Text size="sm">Everyone’s groups teach them every required module before planned discharge.</Text>
      )}
      <Stack gap="md">
        {gaps.data?.items.map((person) => {
          const headingId = `gap-${person.participantId}`;
          return (
            <Box component="section" aria-labelledby={headingId} key={person.episodeId}>
              <Title order={3} size="h5" id={headingId}>
                <Anchor component={Link} to={`/participants/${person.participantId}`} inherit>
                  {person.participantName}
                </Anchor>
              </Title>
              <Text size="sm">Planned discharge {formatDate(person.plannedDischarge)}</Text>
              <Stack gap="sm" mt="xs">
                {person.modules.map((gap) => (
                  <Box
                    key={gap.module.id}
                    pl="sm"
                    style={{ borderLeft: '3px solid var(--mantine-color-red-9)' }}
                  >
                    <Text size="sm" fw={600}>
                      Will miss {gap.module.name}
                    </Text>
                    <Text size="sm">
                      {sessionModalityLabels[gap.module.modality]}. {nextLine(gap)}
                    </Text>
                    {gap.options.length === 0 ? (
                      <Text size="sm">
                        No session with a free seat teaches it before then in place of one of theirs. An
                        individual session can teach it: open that session from the schedule and change its
                        module.
                      </Text>
                    ) : (
                      <List
                        size="sm"
                        spacing={6}
                        mt={4}
                        aria-label={`Make-up options for ${person.participantName}: ${gap.module.name}`}
                      >
                        {gap.options.map((option) => (
                          <List.Item key={option.session.id}>
                            <Text size="sm" fw={600} component="span">
                              {sessionLine(option.session)}
                            </Text>
                            <Text size="sm">
                              {option.seatsLeft} seat{option.seatsLeft === 1 ? '' : 's'} left
                              {option.insteadOf ? ` · in place of ${sessionLine(option.insteadOf)}` : ''}
                            </Text>
                            {option.availabilityProblem && (
                              <Text size="sm" fw={700}>
                                Outside availability: {option.availabilityProblem}
                              </Text>
                            )}
                            {canBook && option.insteadOf && (
                              <Button
                                size="compact-xs"
                                variant="outline"
                                mt={4}
                                aria-label={`Book make-up: ${person.participantName}, ${gap.module.name}, ${formatSessionTime(option.session)}`}
                                onClick={() => setBooking({ person, gap, option })}
                              >
                                Book make-up
                              </Button>
                            )}
                          </List.Item>
                        ))}
                      </List>
                    )}
                  </Box>
                ))}
              </Stack>
            </Box>
          );
        })}
      </Stack>

      <Modal opened={booking !== null} onClose={() => setBooking(null)} title="Book a make-up">
        {booking && (
          <BookOptionForm
            booking={booking}
            onCancel={() => setBooking(null)}
            onBooked={(message) => {
              setBooking(null);
              setNotice(message);
              setBooked((count) => count + 1);
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

/**
 * Confirms one option: the participant attends it instead of their own session. A session outside
 * their availability needs a reason, asked for at once when the option says so, or when the server
 * refuses for that reason.
 */
function BookOptionForm({
  booking,
  onCancel,
  onBooked,
}: {
  booking: Booking;
  onCancel: () => void;
  onBooked: (message: string) => void;
}) {
  const { person, gap, option } = booking;
  const [override, setOverride] = useState('');
  const [refused, setRefused] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const problem = option.availabilityProblem ? sentence(option.availabilityProblem) : refused;
  const insteadOf = option.insteadOf;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!insteadOf) return;
    const input = {
      missedSessionId: insteadOf.id,
      sessionId: option.session.id,
      availabilityOverride: problem ? override.trim() : undefined,
    };
    const invalid = schemaErrors(makeupInput, input);
    setErrors(invalid);
    setFailure(undefined);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      await api.post(`/participants/${person.participantId}/makeups`, input, { schema: makeupSchema });
      onBooked(
        `Make-up booked for ${person.participantName}: ${sessionLine(option.session)}, for ${gap.module.name}, in place of ${sessionLine(insteadOf)}.`,
      );
    } catch (error) {
      const outside = availabilityProblem(error);
      if (outside) {
        setRefused(outside);
      } else {
        setErrors(apiFieldErrors(error));
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text>
          {person.participantName} attends{' '}
          <Text component="span" fw={700}>
            {sessionLine(option.session)}
          </Text>{' '}
          to cover {gap.module.name}
          {insteadOf ? `, in place of ${sessionLine(insteadOf)}` : ''}.
        </Text>
        <ErrorAlert error={failure} title="The make-up could not be booked" />
        {problem && (
          <AvailabilityOverride
            problem={problem}
            action="book"
            value={override}
            onChange={setOverride}
            error={errors.availabilityOverride}
          />
        )}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            Not now
          </Button>
          <Button type="submit" loading={busy}>
            {problem ? 'Book anyway' : 'Book make-up'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
