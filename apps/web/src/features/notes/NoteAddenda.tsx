import { Box, Button, Group, Stack, Text, Textarea, Title, type TitleOrder } from '@mantine/core';
import { addendumInput, type Note, noteSchema } from '@stepwise/core';
import { type FormEvent, useId, useState } from 'react';
import { api } from '../../api/client';
import { apiFieldErrors, schemaErrors } from '../../api/form-errors';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';

/**
 * The addenda of a signed note, oldest first: the only way a signed note grows. Writers add one with
 * "Add an addendum"; it is kept with their name and the time.
 */
export function NoteAddenda({
  note,
  canWrite,
  order,
  onAdded,
}: {
  note: Note;
  /** 'notes:write': may add an addendum. */
  canWrite: boolean;
  order: TitleOrder;
  onAdded: (note: Note) => void;
}) {
  const headingId = useId();
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { text };
    const invalid = schemaErrors(addendumInput, input);
    setError(invalid.text ? 'Write the addendum.' : undefined);
    setFailure(undefined);
    if (invalid.text) return;
    setBusy(true);
    try {
      const saved = await api.post(`/notes/${note.id}/addenda`, input, { schema: noteSchema });
      setText('');
      setAdding(false);
      onAdded(saved);
    } catch (caught) {
      setError(apiFieldErrors(caught).text);
      setFailure(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb={4}>
        <Title order={order} size="h5" id={headingId}>
          Addenda
        </Title>
        {canWrite && !adding && (
          <Button variant="outline" size="xs" onClick={() => setAdding(true)}>
            Add an addendum
          </Button>
        )}
      </Group>
      {note.addenda.length === 0 && <Text size="sm">No addenda.</Text>}
      {note.addenda.length > 0 && (
        <Stack component="ol" gap="xs" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Addenda">
          {note.addenda.map((addendum) => (
            <Box
              component="li"
              key={addendum.id}
              pt={6}
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)', overflowWrap: 'break-word' }}
            >
              <Text size="sm" fw={600}>
                {addendum.author.name}, {formatDateTime(addendum.createdAt)}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {addendum.text}
              </Text>
            </Box>
          ))}
        </Stack>
      )}
      {adding && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs" mt="sm">
            <ErrorAlert error={failure} title="The addendum could not be added" />
            <Textarea
              label="Addendum"
              description="Added below the signed note with your name and the time; the note itself never changes."
              required
              autosize
              minRows={2}
              maxLength={4000}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              error={error}
            />
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setAdding(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Add addendum
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Box>
  );
}
