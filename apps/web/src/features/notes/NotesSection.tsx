import {
  Anchor,
  Button,
  Card,
  em,
  Group,
  getBreakpointValue,
  Modal,
  Stack,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type Note, noteKindLabels, noteSchema } from '@stepwise/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { useMe } from '../session/session-context';
import { planList } from '../treatment-plans/lists';
import { privateNoteLabel } from './labels';
import { noteList } from './lists';
import { NoteAddenda } from './NoteAddenda';
import { NoteForm } from './NoteForm';
import { NoteContent, NoteFacts, NoteStatusBadge } from './NoteView';
import { signRefusalOf } from './sign-refusal';

/** What the note dialog shows: a new note being written, or a note read (and, a draft of one's own, edited). */
type Open =
  | { kind: 'new' }
  | { kind: 'read'; note: Note }
  | { kind: 'edit'; note: Note; refused?: { error: unknown; missing: readonly string[] } };

/**
 * The participant's chart of notes, newest first: individual, family and contact notes about them, and
 * the group notes they have a part in (their part only). Private Part 2 counseling notes are listed for
 * their author alone, and marked so. Writers start an individual, family or contact note here, go on
 * with their drafts, sign them, and add addenda to signed notes.
 */
export function NotesSection({ participantId }: { participantId: string }) {
  const me = useMe();
  const canWrite = can(me, 'notes:write');
  const theme = useMantineTheme();
  const isPhone = useMediaQuery(`(max-width: ${em(getBreakpointValue('sm', theme.breakpoints) - 0.1)})`);
  const chart = useApiData(
    () => api.get(`/participants/${participantId}/notes`, { schema: noteList }),
    [participantId],
  );
  const [open, setOpen] = useState<Open | null>(null);
  // Linked to as "#notes" (from the Today page's notes owed): once the notes are in, bring them into view.
  const { hash } = useLocation();
  const section = useRef<HTMLElement>(null);
  const loaded = chart.data !== undefined;
  useEffect(() => {
    if (hash === '#notes' && loaded) section.current?.scrollIntoView({ block: 'start' });
  }, [hash, loaded]);
  // A group note's part names goals by id: their statements come from the participant's plans.
  const groupOpen = open?.kind === 'read' && open.note.kind === 'group';
  const plans = useApiData(
    () =>
      groupOpen
        ? api.get(`/participants/${participantId}/treatment-plans`, { schema: planList })
        : Promise.resolve(undefined),
    [participantId, groupOpen],
  );
  const statements = new Map(
    (plans.data?.items ?? []).flatMap((plan) =>
      plan.problems.flatMap((problem) => problem.goals.map((goal) => [goal.id, goal.statement] as const)),
    ),
  );
  const [confirmSign, setConfirmSign] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const show = (note: Note) => {
    setOpen({ kind: 'read', note });
    setConfirmSign(false);
    setFailure(undefined);
  };
  const changed = (note: Note, message?: string) => {
    // A group note comes back whole; this chart shows only this participant's part of it.
    show(
      note.kind === 'group'
        ? { ...note, parts: note.parts.filter((part) => part.participantId === participantId), absent: [] }
        : note,
    );
    if (message) setNotice(message);
    chart.reload();
  };

  const act = async (path: 'sign' | 'cosign', note: Note) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const done = await api.post(`/notes/${note.id}/${path}`, undefined, { schema: noteSchema });
      changed(
        done,
        path === 'sign'
          ? 'Note signed. It never changes now; add an addendum to correct it.'
          : 'Note co-signed.',
      );
    } catch (error) {
      // Fields still to write: back to the draft, each marked where it is written.
      const missing = path === 'sign' && note.kind !== 'group' ? signRefusalOf(error)?.missing : undefined;
      if (missing?.length) setOpen({ kind: 'edit', note, refused: { error, missing } });
      else setFailure(error);
    } finally {
      setBusy(false);
      setConfirmSign(false);
    }
  };

  const note = open && open.kind !== 'new' ? open.note : undefined;
  const ownDraft = note?.status === 'draft' && note.author.id === me.id && canWrite;
  const mayCosign =
    note?.requiresCosign === true &&
    note.status === 'signed' &&
    note.author.id !== me.id &&
    can(me, 'notes:cosign');

  return (
    <Card withBorder component="section" aria-labelledby="notes-heading" id="notes" ref={section}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="notes-heading">
          Notes
        </Title>
        {canWrite && (
          <Button variant="outline" size="xs" onClick={() => setOpen({ kind: 'new' })}>
            Write a note
          </Button>
        )}
      </Group>
      <Notice mb="sm" onDismiss={() => setNotice(null)}>
        {notice}
      </Notice>
      <RecordTable
        label="Notes"
        minWidth={640}
        state={{ data: chart.data?.items, error: chart.error, loading: chart.loading }}
        errorTitle="The notes could not be loaded"
        emptyText="No notes yet."
        columns={[
          { header: 'Written', cell: (item) => formatDateTime(item.createdAt) },
          {
            header: 'Kind',
            cell: (item) => (
              <>
                {noteKindLabels[item.kind]}
                {item.private && (
                  <Text size="xs" fw={700} c="red.9">
                    {privateNoteLabel}
                  </Text>
                )}
              </>
            ),
          },
          { header: 'Author', cell: (item) => item.author.name },
          { header: 'Status', cell: (item) => <NoteStatusBadge status={item.status} /> },
          { header: 'Service code', cell: (item) => item.serviceCode ?? '—' },
        ]}
        actions={(item) => (
          <RowButton
            label={`Open ${noteKindLabels[item.kind].toLowerCase()} note of ${formatDateTime(item.createdAt)}`}
            onClick={() => show(item)}
          >
            Open
          </RowButton>
        )}
      />

      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={
          open?.kind === 'new'
            ? 'Write a note'
            : open
              ? `${noteKindLabels[open.note.kind]} note${open.kind === 'edit' ? ': edit draft' : ''}`
              : ''
        }
        size="lg"
        fullScreen={isPhone === true}
      >
        {open?.kind === 'new' && (
          <NoteForm
            participantId={participantId}
            onSaved={(saved) => changed(saved, 'Draft saved. Sign it once it is complete.')}
            onCancel={() => setOpen(null)}
          />
        )}
        {open?.kind === 'edit' && (
          <NoteForm
            participantId={participantId}
            editing={open.note}
            {...(open.refused ? { refused: open.refused } : {})}
            onSaved={(saved) => changed(saved, 'Draft saved.')}
            onCancel={() => show(open.note)}
          />
        )}
        {open?.kind === 'read' && (
          <Stack gap="md">
            <ErrorAlert error={failure} title="That did not work" />
            <NoteFacts note={open.note} />
            <NoteContent note={open.note} order={3} goalStatements={statements} />
            {open.note.kind === 'group' && open.note.sessionId && (
              <Anchor component={Link} to={`/schedule/sessions/${open.note.sessionId}/note`}>
                Open the whole group note
              </Anchor>
            )}
            {ownDraft && open.note.kind !== 'group' && !confirmSign && (
              <Group justify="flex-end">
                <Button variant="outline" onClick={() => setOpen({ kind: 'edit', note: open.note })}>
                  Edit draft
                </Button>
                <Button onClick={() => setConfirmSign(true)}>Sign note</Button>
              </Group>
            )}
            {ownDraft && confirmSign && (
              <Stack gap="xs">
                <Text>Sign this note? A signed note never changes: corrections are added as addenda.</Text>
                <Group justify="flex-end">
                  <Button variant="subtle" onClick={() => setConfirmSign(false)}>
                    Keep as draft
                  </Button>
                  <Button loading={busy} onClick={() => act('sign', open.note)}>
                    Sign
                  </Button>
                </Group>
              </Stack>
            )}
            {mayCosign && (
              <Group justify="flex-end">
                <Button loading={busy} onClick={() => act('cosign', open.note)}>
                  Co-sign note
                </Button>
              </Group>
            )}
            {open.note.status !== 'draft' && (
              <NoteAddenda
                note={open.note}
                canWrite={canWrite}
                order={3}
                onAdded={(saved) => changed(saved, 'Addendum added.')}
              />
            )}
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
