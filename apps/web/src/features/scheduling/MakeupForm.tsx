import { Button, Group, Loader, Radio, Stack, Text, Textarea } from '@mantine/core';
import { type Makeup, type MakeupOption, makeupInput, makeupSchema, type Session } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { ApiError, api, sentence } from '../../api/client';
import { apiFieldErrors, type FieldErrors, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { AvailabilityOverride, availabilityProblem } from './AvailabilityOverride';
import { sessionTitle } from './labels';
import { makeupOptionList } from './lists';
import { formatSessionTime } from './week';

/** "Group Room A · 3 seats left · same kind of group". */
function optionFacts(option: MakeupOption, roomName: (id: string | null) => string): string {
  const seats = `${option.seatsLeft} seat${option.seatsLeft === 1 ? '' : 's'} left`;
  return [roomName(option.session.roomId), seats, option.sameModality ? 'same kind of group' : null]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Books a make-up for a session the participant misses: the server offers sessions with a free seat
 * that do not clash with theirs (the same kind of group first). A session outside their availability
 * needs a reason, asked for as soon as it is chosen, or when the server refuses for that reason.
 */
export function MakeupForm({
  participantId,
  missed,
  roomName,
  onBooked,
}: {
  participantId: string;
  missed: Session;
  roomName: (id: string | null) => string;
  onBooked: (makeup: Makeup) => void;
}) {
  const options = useApiData(
    () =>
      api.get(`/participants/${participantId}/makeup-options`, {
        query: { missedSessionId: missed.id },
        schema: makeupOptionList,
      }),
    [participantId, missed.id],
  );
  const [choice, setChoice] = useState('');
  const [note, setNote] = useState('');
  /** The server's availability refusal for the chosen session, when the option did not say so itself. */
  const [refused, setRefused] = useState<string | null>(null);
  const [override, setOverride] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const chosen = options.data?.items.find((option) => option.session.id === choice);
  const problem = chosen?.availabilityProblem ? sentence(chosen.availabilityProblem) : refused;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      missedSessionId: missed.id,
      sessionId: choice,
      note: optional(note),
      availabilityOverride: problem ? override.trim() : undefined,
    };
    const invalid = schemaErrors(makeupInput, input);
    if (!choice) invalid.sessionId = 'Choose the session to attend instead.';
    setErrors(invalid);
    setFailure(undefined);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      onBooked(await api.post(`/participants/${participantId}/makeups`, input, { schema: makeupSchema }));
    } catch (error) {
      const outside = availabilityProblem(error);
      if (outside) {
        setRefused(outside);
      } else {
        setErrors(apiFieldErrors(error));
        setFailure(error);
        // Seats and clashes change under our feet: offer what is possible now.
        if (error instanceof ApiError && error.code === 'conflict') options.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text>
          Missed:{' '}
          <Text component="span" fw={700}>
            {formatSessionTime(missed)}, {sessionTitle(missed)}
          </Text>
          {missed.status === 'cancelled' &&
            ` (cancelled${missed.cancelReason ? `: ${missed.cancelReason}` : ''})`}
        </Text>
        <ErrorAlert error={failure} title="The make-up could not be booked" />
        <ErrorAlert error={options.error} title="The sessions to make it up in could not be loaded" />
        {options.loading && !options.data && (
          <Loader size="sm" aria-label="Loading sessions to attend instead" />
        )}
        {options.data && options.data.items.length === 0 && (
          <Text>
            No session with a free seat fits around the participant’s other sessions in the next two weeks.
          </Text>
        )}
        {options.data && options.data.items.length > 0 && (
          <Radio.Group
            label="Attend instead"
            description="Sessions with a free seat that do not clash with theirs, the same kind of group first"
            value={choice}
            onChange={(value) => {
              setChoice(value);
              setRefused(null);
            }}
            error={errors.sessionId}
          >
            <Stack gap="xs" mt={6}>
              {options.data.items.map((option) => (
                <Radio
                  key={option.session.id}
                  value={option.session.id}
                  label={`${formatSessionTime(option.session)}, ${sessionTitle(option.session)}`}
                  description={
                    <>
                      {optionFacts(option, roomName)}
                      {option.availabilityProblem && (
                        <>
                          <br />
                          <Text component="span" size="xs" fw={700}>
                            Outside availability: {option.availabilityProblem}
                          </Text>
                        </>
                      )}
                    </>
                  }
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        <Textarea
          label="Note"
          description="Optional, e.g. why the session is missed"
          autosize
          minRows={2}
          maxLength={300}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={errors.note}
        />
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
          <Button type="submit" loading={busy} disabled={!options.data || options.data.items.length === 0}>
            {problem ? 'Book anyway' : 'Book make-up'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
