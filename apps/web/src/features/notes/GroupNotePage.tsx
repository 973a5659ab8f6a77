import { Alert, Anchor, Box, Button, Card, Group, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import {
  attended,
  groupContent,
  type Note,
  notePartContent,
  noteSchema,
  noteTemplates,
  sessionAttendanceSchema,
  templateFieldProblems,
} from '@stepwise/core';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api, sentence } from '../../api/client';
import { type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { sessionTitle } from '../scheduling/labels';
import { formatLongDay } from '../scheduling/week';
import { useMe } from '../session/session-context';
import { planList } from '../treatment-plans/lists';
import { GroupSharedFields } from './GroupSharedFields';
import {
  type PartDraft,
  type PartGoal,
  partChanged,
  partDraftsOf,
  partInput,
  type SharedDraft,
  sharedChanged,
  sharedDraftOf,
  sharedInput,
} from './group-note-drafts';
import { NoteAddenda } from './NoteAddenda';
import { AbsentList, NoteContent, NoteFacts } from './NoteView';
import { PartCard } from './PartCard';
import { missingFieldText, partProblemText, signRefusalOf } from './sign-refusal';

/** The session's group note; null while none is written. */
async function groupNoteOf(sessionId: string): Promise<Note | null> {
  try {
    return await api.get(`/sessions/${sessionId}/group-note`, { schema: noteSchema });
  } catch (error) {
    if (error instanceof ApiError && error.code === 'not_found') return null;
    throw error;
  }
}

/** Each attendee's goals: those of the plan in effect (a part reports on these), and every statement known. */
interface AttendeeGoals {
  active: PartGoal[];
  statements: Map<string, string>;
}

async function goalsOf(participantId: string): Promise<AttendeeGoals> {
  const plans = await api.get(`/participants/${participantId}/treatment-plans`, { schema: planList });
  const goals = (status?: string) =>
    plans.items
      .filter((plan) => status === undefined || plan.status === status)
      .flatMap((plan) => plan.problems.flatMap((problem) => problem.goals));
  return {
    active: goals('active').map((goal) => ({ id: goal.id, statement: goal.statement })),
    statements: new Map(goals().map((goal) => [goal.id, goal.statement])),
  };
}

/**
 * A group session's note: written once for the group (topic, curriculum module, interventions,
 * narrative, and the fields of the session modality's template, such as skills taught and homework
 * given), with a part for each attendee who came on their participation,
 * response and progress on their own goals. Its author saves the draft as often as needed and signs
 * it for everyone at once; the server refuses parts copied across attendees or reporting on none of
 * the person's goals, and the refusal shows on each named attendee's card. Signed, the note is
 * read-only and grows only by addenda.
 */
export function GroupNotePage() {
  const { id = '' } = useParams();
  const me = useMe();
  const mayWrite = can(me, 'notes:write');
  const loaded = useApiData(async () => {
    const [attendance, note] = await Promise.all([
      api.get(`/sessions/${id}/attendance`, { schema: sessionAttendanceSchema }),
      groupNoteOf(id),
    ]);
    return { attendance, note };
  }, [id]);
  const [note, setNote] = useState<Note | null>(null);
  const [shared, setShared] = useState<SharedDraft | null>(null);
  const [parts, setParts] = useState<Record<string, PartDraft>>({});
  const [errors, setErrors] = useState<Record<string, FieldErrors>>({});
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<{ error: unknown; title: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  // A note written before templates is put on its session modality's.
  const modality = loaded.data?.attendance.session.modality ?? 'group_therapy';
  const startFrom = (next: Note) => {
    setNote(next);
    setShared(sharedDraftOf(next, modality));
    setParts(partDraftsOf(next));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: start again only when a note loads.
  useEffect(() => {
    if (loaded.data?.note) startFrom(loaded.data.note);
  }, [loaded.data]);

  const attendeeIds = note?.parts.map((part) => part.participantId).join(',') ?? '';
  const goals = useApiData(async () => {
    const ids = attendeeIds ? attendeeIds.split(',') : [];
    return new Map(await Promise.all(ids.map(async (pid) => [pid, await goalsOf(pid)] as const)));
  }, [attendeeIds]);

  const attendancePath = `/schedule/sessions/${id}/attendance`;
  const back = (
    <Anchor component={Link} to={attendancePath} size="sm">
      ← Attendance
    </Anchor>
  );
  if (loaded.error) {
    return (
      <>
        {back}
        <PageTitle>Group note</PageTitle>
        <ErrorAlert error={loaded.error} title="The group note could not be loaded" />
      </>
    );
  }
  if (!loaded.data) return <Loader aria-label="Loading the group note" />;

  const { attendance } = loaded.data;
  const session = attendance.session;
  const came = attendance.attendees.filter((attendee) => attendee.record && attended(attendee.record.status));
  const groupSession = session.kind === 'group' || session.kind === 'makeup';
  const editable = note !== null && mayWrite && note.status === 'draft' && note.author.id === me.id;

  /** The goals a part reports on: the plan in effect, or what the part names when plans could not be read. */
  const goalsFor = (participantId: string): PartGoal[] | undefined => {
    const known = goals.data?.get(participantId);
    if (known) return known.active;
    if (!goals.error) return undefined;
    const part = note?.parts.find((item) => item.participantId === participantId);
    return part?.content.goalProgress.map((item) => ({ id: item.goalId, statement: null }));
  };
  const statements = new Map(
    [...(goals.data?.values() ?? [])].flatMap((attendee) => [...attendee.statements]),
  );

  const sharedToSave = note && shared && editable ? sharedChanged(note, shared, modality) : false;
  const partsToSave = (note?.parts ?? []).filter((part) =>
    partChanged(part.content, parts[part.participantId], goalsFor(part.participantId) ?? []),
  );
  const changes = (sharedToSave ? 1 : 0) + partsToSave.length;

  const write = async () => {
    setBusy(true);
    setFailure(null);
    try {
      startFrom(await api.post(`/sessions/${id}/group-note`, undefined, { schema: noteSchema }));
    } catch (error) {
      // Written meanwhile (in another tab, by a colleague): open that one.
      if (
        error instanceof ApiError &&
        error.code === 'conflict' &&
        /already has a group note/.test(error.message)
      )
        loaded.reload();
      else setFailure({ error, title: 'The group note could not be started' });
    } finally {
      setBusy(false);
    }
  };

  /** Checks what would be sent with the core schemas; field errors keyed by part ("" for the shared one). */
  const invalidFields = (): Record<string, FieldErrors> => {
    const found: Record<string, FieldErrors> = {};
    if (shared) {
      const input = sharedInput(shared);
      const sharedErrors = schemaErrors(groupContent, input);
      const keyed: FieldErrors = {};
      // A template field's error stays on its field ("fields.<key>"); others on the top-level field.
      for (const [path, message] of Object.entries(sharedErrors))
        keyed[/^fields\.[^.]+/.exec(path)?.[0] ?? path.split('.')[0] ?? path] ??= message;
      for (const problem of templateFieldProblems(noteTemplates[input.template], input.fields))
        keyed[`fields.${problem.key}`] ??= sentence(problem.message);
      if (Object.keys(keyed).length > 0) found[''] = keyed;
    }
    for (const part of partsToSave) {
      const partGoals = goalsFor(part.participantId) ?? [];
      const draft = parts[part.participantId];
      if (!draft) continue;
      const partErrors = schemaErrors(notePartContent, partInput(draft, partGoals));
      const keyed: FieldErrors = {};
      for (const [path, message] of Object.entries(partErrors)) {
        const match = /^goalProgress\.(\d+)\./.exec(path);
        const goal = match ? partGoals[Number(match[1])] : undefined;
        keyed[goal ? `progress.${goal.id}` : path] ??= message;
      }
      if (Object.keys(keyed).length > 0) found[part.participantId] = keyed;
    }
    return found;
  };

  /** Saves the shared part if changed, then each changed part; the note as last saved. */
  const saveChanges = async (current: Note): Promise<Note> => {
    let latest = current;
    if (shared && sharedToSave) {
      latest = await api.put(
        `/notes/${current.id}`,
        { content: sharedInput(shared) },
        { schema: noteSchema },
      );
    }
    for (const part of partsToSave) {
      const draft = parts[part.participantId];
      if (!draft) continue;
      latest = await api.put(
        `/notes/${current.id}/parts/${part.participantId}`,
        partInput(draft, goalsFor(part.participantId) ?? []),
        { schema: noteSchema },
      );
    }
    return latest;
  };

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!note) return;
    setFailure(null);
    setNotice(null);
    const invalid = invalidFields();
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      startFrom(await saveChanges(note));
      setNotice('Draft saved.');
    } catch (error) {
      setFailure({ error, title: 'The draft could not be saved' });
    } finally {
      setBusy(false);
    }
  };

  const sign = async () => {
    if (!note) return;
    setFailure(null);
    setNotice(null);
    const invalid = invalidFields();
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) {
      setConfirming(false);
      return;
    }
    setBusy(true);
    try {
      // Saved first, and kept even when the signature is refused.
      startFrom(await saveChanges(note));
      const signed = await api.post(`/notes/${note.id}/sign`, undefined, { schema: noteSchema });
      startFrom(signed);
      setProblems({});
      setNotice(
        signed.parts.length === 1
          ? 'Signed. The note is filed in the attendee’s chart.'
          : `Signed for all ${signed.parts.length} attendees. The note is filed in each one’s chart.`,
      );
    } catch (error) {
      const refusal = signRefusalOf(error);
      const byPart: Record<string, string[]> = {};
      for (const problem of refusal?.parts ?? []) {
        byPart[problem.participantId] = [
          ...(byPart[problem.participantId] ?? []),
          partProblemText(problem, note.parts),
        ];
      }
      setProblems(byPart);
      if (refusal?.missing?.length) {
        const template = shared ? noteTemplates[shared.template] : undefined;
        setErrors({
          '': Object.fromEntries(refusal.missing.map((field) => [field, missingFieldText(field, template)])),
        });
      }
      setFailure({ error, title: 'The note was not signed' });
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const updatePart = (participantId: string, change: Partial<PartDraft>) => {
    setParts((current) => {
      const draft = current[participantId];
      return draft ? { ...current, [participantId]: { ...draft, ...change } } : current;
    });
    setProblems(({ [participantId]: _cleared, ...rest }) => rest);
    setErrors(({ [participantId]: _cleared, ...rest }) => rest);
  };

  return (
    <>
      {back}
      <PageTitle>Group note</PageTitle>
      <Stack gap="lg">
        <Card withBorder component="section" aria-labelledby="note-session-heading">
          <Title order={2} size="h3" id="note-session-heading" mb="sm" style={{ overflowWrap: 'break-word' }}>
            {sessionTitle(session)}
          </Title>
          <Facts cols={3}>
            <Fact label="Date">{formatLongDay(session.localDate)}</Fact>
            <Fact label="Time">
              {session.localStart}–{session.localEnd}
            </Fact>
            <Fact label="Attended">
              {came.length} of {attendance.attendees.length}
            </Fact>
          </Facts>
        </Card>

        <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>
        {!editable && failure && <ErrorAlert error={failure.error} title={failure.title} />}

        {!note && !groupSession && (
          <Alert color="blue" title="Not a group session">
            Notes for individual and family sessions are written on the participant’s page.
          </Alert>
        )}
        {!note && groupSession && came.length === 0 && (
          <Alert color="blue" title="Take the attendance first">
            The note has a part for each person who came, so it is written once the attendance is taken.{' '}
            <Anchor component={Link} to={attendancePath}>
              Take attendance
            </Anchor>
          </Alert>
        )}
        {!note && groupSession && came.length > 0 && (
          <Card withBorder>
            {mayWrite ? (
              <Group justify="space-between" gap="sm">
                <Text>No group note yet. It starts from the session and each attendee’s goals.</Text>
                <Button loading={busy} onClick={write}>
                  Write the group note
                </Button>
              </Group>
            ) : (
              <Text>No group note has been written for this session yet.</Text>
            )}
          </Card>
        )}

        {note && !editable && (
          <Card withBorder component="section" aria-labelledby="note-heading">
            <Title order={2} size="h3" id="note-heading" mb="sm">
              {note.status === 'draft' ? 'Draft note' : 'Signed note'}
            </Title>
            {note.status === 'draft' && (
              <Text size="sm" mb="sm">
                {note.author.name} is writing this note; only its author changes or signs it.
              </Text>
            )}
            <Stack gap="md">
              <NoteFacts note={note} />
              <NoteContent note={note} order={3} goalStatements={statements} />
              {note.status !== 'draft' && (
                <NoteAddenda note={note} canWrite={mayWrite} order={3} onAdded={startFrom} />
              )}
            </Stack>
          </Card>
        )}

        {note && editable && shared && (
          <form onSubmit={save} noValidate>
            <Stack gap="lg">
              <GroupSharedFields
                draft={shared}
                errors={errors[''] ?? {}}
                unsaved={sharedToSave}
                onChange={(change) => {
                  setShared((current) => (current ? { ...current, ...change } : current));
                  setErrors(({ '': _cleared, ...rest }) => rest);
                }}
              />
              <Box component="section" aria-labelledby="parts-heading">
                <Title order={2} size="h3" id="parts-heading" mb="xs">
                  Attendees’ parts
                </Title>
                <Text size="sm" mb="sm">
                  Write each person’s part in their own terms: parts copied from one attendee to another, or
                  reporting on none of the person’s goals, cannot be signed.
                </Text>
                <Stack gap="md">
                  {note.parts.map((part) => {
                    const draft = parts[part.participantId];
                    if (!draft) return null;
                    return (
                      <PartCard
                        key={part.participantId}
                        name={part.participantName}
                        draft={draft}
                        goals={goalsFor(part.participantId)}
                        errors={errors[part.participantId] ?? {}}
                        problems={problems[part.participantId] ?? []}
                        unsaved={partsToSave.includes(part)}
                        onChange={(change) => updatePart(part.participantId, change)}
                      />
                    );
                  })}
                  {note.absent.length > 0 && <AbsentList absent={note.absent} />}
                </Stack>
              </Box>
              <Box
                pt="sm"
                pb="xs"
                bg="white"
                style={{ position: 'sticky', bottom: 0, borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                {failure && <ErrorAlert error={failure.error} title={failure.title} />}
                <Group justify="space-between" align="center" gap="xs">
                  <Text size="sm">
                    {changes === 0
                      ? 'Nothing to save.'
                      : changes === 1
                        ? '1 change to save.'
                        : `${changes} changes to save.`}
                  </Text>
                  <Group gap="xs">
                    <Button type="submit" variant="outline" loading={busy} disabled={changes === 0}>
                      Save draft
                    </Button>
                    <Button onClick={() => setConfirming(true)} disabled={busy}>
                      Sign note for everyone
                    </Button>
                  </Group>
                </Group>
              </Box>
            </Stack>
          </form>
        )}
      </Stack>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Sign the group note">
        <Stack>
          <Text>
            Signing signs the shared part and the parts of all {note?.parts.length ?? 0} attendees at once,
            and files the note in each one’s chart. A signed note never changes: corrections are added as
            addenda.
            {changes > 0 ? ' Your unsaved changes are saved first.' : ''}
          </Text>
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setConfirming(false)}>
              Keep as draft
            </Button>
            <Button loading={busy} onClick={sign}>
              Sign for everyone
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
