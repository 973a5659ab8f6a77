import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import { type Task, taskCompletionInput, taskKindLabels, taskSchema } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors, optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { formatDay, todayIn, viewerZone } from '../scheduling/week';

const taskList = z.object({ items: z.array(taskSchema) });

const views = [
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Done' },
] as const;
type View = (typeof views)[number]['value'];

/**
 * The signed-in user's own tasks (follow-ups after an unexcused absence, reviews of a run of them):
 * open ones by due date, overdue and due-today marked, each done with an optional note; or those done.
 * "Today" is the viewer's calendar day, which is the site's for staff who work there.
 */
export function TasksPage() {
  const [params, setParams] = useSearchParams();
  const view: View = params.get('view') === 'done' ? 'done' : 'open';
  const tasks = useApiData(() => api.get('/tasks', { query: { status: view }, schema: taskList }), [view]);
  const [completing, setCompleting] = useState<Task | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const today = todayIn(viewerZone());

  const complete = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!completing) return;
    const input = { note: optional(note) };
    const invalid = schemaErrors(taskCompletionInput, input);
    setErrors(invalid);
    setFailure(undefined);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const done = await api.post(`/tasks/${completing.id}/complete`, input, { schema: taskSchema });
      setCompleting(null);
      setNotice(`Done: ${done.title}.`);
      tasks.reload();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const shown = tasks.data?.items;
  return (
    <>
      <PageTitle>Tasks</PageTitle>
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Which tasks"
          data={[...views]}
          value={view}
          onChange={(next) => {
            setNotice(null);
            setParams(next === 'done' ? { view: 'done' } : {});
          }}
          maw={240}
        />
        <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>
        <ErrorAlert error={tasks.error} title="The tasks could not be loaded" />
        {tasks.loading && !shown && <Loader aria-label="Loading tasks" />}
        {shown && shown.length === 0 && (
          <Text>{view === 'open' ? 'No open tasks: nothing is waiting for you.' : 'No tasks done yet.'}</Text>
        )}
        {shown && shown.length > 0 && (
          <Stack
            component="ul"
            gap={0}
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
            aria-label={view === 'open' ? 'Open tasks' : 'Tasks done'}
          >
            {shown.map((task) => (
              <Group
                component="li"
                key={task.id}
                justify="space-between"
                align="center"
                gap="xs"
                py="sm"
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Box style={{ minWidth: 0, flex: '1 1 18rem', overflowWrap: 'break-word' }}>
                  <Group gap={6}>
                    <Text size="sm" fw={600}>
                      {taskKindLabels[task.kind]}
                    </Text>
                    {view === 'open' && task.dueDate < today && (
                      <Badge color="red.9" variant="filled" size="sm">
                        Overdue
                      </Badge>
                    )}
                    {view === 'open' && task.dueDate === today && (
                      <Badge color="yellow.4" variant="filled" size="sm">
                        Due today
                      </Badge>
                    )}
                  </Group>
                  <Text fw={700}>{task.title}</Text>
                  {task.participantId && (
                    <Text size="sm">
                      Participant:{' '}
                      <Anchor component={Link} to={`/participants/${task.participantId}`}>
                        {task.participantName ?? 'Open their record'}
                      </Anchor>
                    </Text>
                  )}
                  <Text size="sm">
                    {view === 'open'
                      ? `Due ${formatDay(task.dueDate)}`
                      : `Done ${formatDateTime(task.completedAt)} (was due ${formatDay(task.dueDate)})`}
                  </Text>
                  {task.completionNote && <Text size="sm">Note: {task.completionNote}</Text>}
                </Box>
                {view === 'open' && (
                  <Button
                    size="xs"
                    variant="outline"
                    aria-label={`Mark done: ${task.title}`}
                    onClick={() => {
                      setNote('');
                      setErrors({});
                      setFailure(undefined);
                      setCompleting(task);
                    }}
                  >
                    Mark done
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        )}
      </Stack>

      <Modal opened={completing !== null} onClose={() => setCompleting(null)} title="Mark done">
        <form onSubmit={complete} noValidate>
          <Stack>
            <Text style={{ overflowWrap: 'break-word' }}>{completing?.title}</Text>
            <ErrorAlert error={failure} title="The task could not be marked done" />
            <Textarea
              label="Note"
              description="Optional: what was done, e.g. reached by phone"
              autosize
              minRows={2}
              maxLength={500}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={errors.note}
            />
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setCompleting(null)}>
                Keep open
              </Button>
              <Button type="submit" loading={busy}>
                Mark done
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
