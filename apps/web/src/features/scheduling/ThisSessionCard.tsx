import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import {
  type CurriculumModule,
  type Session,
  sessionCancelInput,
  sessionCancellationSchema,
  sessionModalityLabels,
  sessionSchema,
} from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { Notice } from '../../ui/Notice';
import { byModality, moduleName, useProgramModules } from '../curriculum/curriculum-data';
import { formatLongDay } from './week';

/** What cancelling did, in words: "Cancelled; 2 make-ups into it were cancelled." */
function cancelledSummary(makeupsCancelled: number): string {
  if (makeupsCancelled === 0) return 'The session is cancelled.';
  return makeupsCancelled === 1
    ? 'Cancelled; 1 make-up into it was cancelled.'
    : `Cancelled; ${makeupsCancelled} make-ups into it were cancelled.`;
}

/**
 * One occurrence of a series (the one opened from the week grid): its date, time, status and how many
 * people are expected. Schedulers can cancel it (illness, weather) with a reason; the people in it
 * keep their other sessions, and make-ups booked into it are cancelled so they can be offered another.
 * The care team opens its attendance from here: to take it, or to read what was recorded; and, once a
 * group has met, its group note. It names the curriculum module the session teaches, which schedulers
 * can change (the facilitator teaches another, or a make-up needs one).
 */
export function ThisSessionCard({
  sessionId,
  canManage,
  attendance,
  groupNote = false,
  version,
}: {
  sessionId: string;
  canManage: boolean;
  /** Whether the viewer may take the session's attendance or only read it; undefined for neither. */
  attendance: 'take' | 'read' | undefined;
  /** Whether the viewer may open a group session's note (clinical staff). */
  groupNote?: boolean;
  /** Changes when the series' roster changed, so the number expected loads again. */
  version: number;
}) {
  const loaded = useApiData(
    () => api.get(`/sessions/${sessionId}`, { schema: sessionSchema }),
    [sessionId, version],
  );
  const [cancelled, setCancelled] = useState<Session | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const current = loaded.data?.id === sessionId ? loaded.data : undefined;
  // The answer to cancelling shows until the session has loaded again in its cancelled state.
  const session = cancelled?.id === sessionId && current?.status !== 'cancelled' ? cancelled : current;
  const over = session ? Date.parse(session.endsAt) <= Date.now() : false;
  const modules = useProgramModules(session?.programId);
  const [choosingModule, setChoosingModule] = useState(false);
  const teaches = session ? moduleName(modules.data, session.moduleId) : undefined;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { reason };
    const invalid = schemaErrors(sessionCancelInput, input);
    setErrors(invalid);
    setFailure(undefined);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const result = await api.post(`/sessions/${sessionId}/cancel`, input, {
        schema: sessionCancellationSchema,
      });
      setCancelled(result.session);
      setAsking(false);
      loaded.reload();
      setNotice(cancelledSummary(result.makeupsCancelled));
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="this-session-heading">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Title order={2} size="h3" id="this-session-heading">
          This session
        </Title>
        <Group gap="xs">
          {attendance && session?.status === 'scheduled' && (
            <Button
              component={Link}
              to={`/schedule/sessions/${sessionId}/attendance`}
              size="xs"
              variant={over ? 'filled' : 'outline'}
            >
              {attendance === 'take' ? 'Take attendance' : 'Attendance'}
            </Button>
          )}
          {groupNote &&
            over &&
            session?.status === 'scheduled' &&
            (session.kind === 'group' || session.kind === 'makeup') && (
              <Button
                component={Link}
                to={`/schedule/sessions/${sessionId}/note`}
                size="xs"
                variant="outline"
              >
                Group note
              </Button>
            )}
          {canManage && session?.status === 'scheduled' && !over && (
            <Button
              color="red.9"
              variant="outline"
              size="xs"
              onClick={() => {
                setReason('');
                setErrors({});
                setFailure(undefined);
                setAsking(true);
              }}
            >
              Cancel this session
            </Button>
          )}
        </Group>
      </Group>
      <Notice onDismiss={() => setNotice(null)} mb="sm">
        {notice}
      </Notice>
      <ErrorAlert error={loaded.error} title="The session could not be loaded" />
      {!session && !loaded.error && <Loader size="sm" aria-label="Loading this session" />}
      {session && (
        <Facts cols={3}>
          <Fact label="Date">{formatLongDay(session.localDate)}</Fact>
          <Fact label="Time">
            {session.localStart}–{session.localEnd}
          </Fact>
          <Fact label="Status">
            {session.status === 'cancelled' ? (
              <Badge color="red.9" variant="filled">
                Cancelled
              </Badge>
            ) : over ? (
              'Taken place'
            ) : (
              'Scheduled'
            )}
          </Fact>
          <Fact label="People expected">
            {session.enrolled} of {session.capacity}
          </Fact>
          {session.status === 'cancelled' && (
            <Fact label="Reason for cancelling">{session.cancelReason ?? '—'}</Fact>
          )}
          <Fact label="Module">
            <Group gap="xs" component="span" wrap="wrap">
              <span>{session.moduleId ? (teaches ?? '…') : 'None'}</span>
              {canManage && session.status === 'scheduled' && modules.data && (
                <Button size="compact-xs" variant="outline" onClick={() => setChoosingModule(true)}>
                  Change module
                </Button>
              )}
            </Group>
          </Fact>
        </Facts>
      )}

      <Modal opened={choosingModule} onClose={() => setChoosingModule(false)} title="Module taught">
        {choosingModule && session && (
          <ModuleChoice
            session={session}
            modules={(modules.data ?? []).filter((module) => module.retiredAt === null)}
            onCancel={() => setChoosingModule(false)}
            onSaved={(updated) => {
              setChoosingModule(false);
              loaded.reload();
              const name = moduleName(modules.data, updated.moduleId);
              setNotice(name ? `This session teaches ${name}.` : 'This session teaches no module.');
            }}
          />
        )}
      </Modal>

      <Modal opened={asking} onClose={() => setAsking(false)} title="Cancel this session">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text>
              Cancel the session on{' '}
              {session ? `${formatLongDay(session.localDate)} at ${session.localStart}` : ''}? The people
              expected keep their other sessions; make-ups booked into this one are cancelled so they can be
              offered another.
            </Text>
            <ErrorAlert error={failure} title="The session could not be cancelled" />
            <Textarea
              label="Reason"
              description="Kept with the session, e.g. the facilitator is ill"
              required
              autosize
              minRows={2}
              maxLength={300}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.reason}
            />
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setAsking(false)}>
                Keep the session
              </Button>
              <Button type="submit" color="red.9" loading={busy}>
                Cancel session
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Card>
  );
}

/** No module, as the choice reads (select values must not be empty). */
const noModule = 'none';

/**
 * Sets the module one session teaches, from the program's current modules (the session's own kind of
 * group first), or none. The rotation keeps this session's module from then on; the group's later
 * sessions take their turns without it.
 */
function ModuleChoice({
  session,
  modules,
  onCancel,
  onSaved,
}: {
  session: Session;
  modules: CurriculumModule[];
  onCancel: () => void;
  onSaved: (session: Session) => void;
}) {
  const [choice, setChoice] = useState<string>(session.moduleId ?? noModule);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const groups = byModality(modules).sort(
    (a, b) => Number(b.modality === session.modality) - Number(a.modality === session.modality),
  );
  const data = [
    { value: noModule, label: 'No module' },
    ...groups.map((group) => ({
      group: group.label,
      items: group.modules.map((module) => ({ value: module.id, label: module.name })),
    })),
  ];

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    setError(undefined);
    try {
      onSaved(
        await api.put(
          `/sessions/${session.id}/module`,
          { moduleId: choice === noModule ? null : choice },
          { schema: sessionSchema },
        ),
      );
    } catch (caught) {
      setError(apiFieldErrors(caught).moduleId);
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>
          The module taught on {formatLongDay(session.localDate)} at {session.localStart}. This session then
          keeps it; the group’s later sessions carry on through the {sessionModalityLabels[session.modality]}{' '}
          modules without it.
        </Text>
        <ErrorAlert error={failure} title="The module could not be changed" />
        <Select
          label="Module"
          data={data}
          value={choice}
          onChange={(value) => setChoice(value ?? noModule)}
          allowDeselect={false}
          error={error}
        />
        <Group justify="flex-end">
          <Button variant="subtle" onClick={onCancel}>
            Keep as it is
          </Button>
          <Button type="submit" loading={busy}>
            Save module
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
