import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { calendarLinkSchema } from '@stepwise/core';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';

/**
 * A private iCalendar subscription link: created (replacing any earlier one), shown once with a copy
 * button, and revoked. `path` is the API's link resource, the participant's or one's own.
 */
export function CalendarLinkSection({
  path,
  holds,
}: {
  path: string;
  /** What the calendar holds, in the explanation: "the participant’s sessions", "the sessions you run". */
  holds: string;
}) {
  const [url, setUrl] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<'create' | 'revoke' | null>(null);

  const create = async () => {
    setBusy('create');
    setFailure(undefined);
    setNotice(null);
    try {
      setUrl((await api.post(path, undefined, { schema: calendarLinkSchema })).url);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(null);
    }
  };

  const revoke = async () => {
    setBusy('revoke');
    setFailure(undefined);
    try {
      await api.delete(path);
      setUrl(null);
      setNotice('The calendar link is revoked: calendars subscribed to it stop updating.');
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') {
        setUrl(null);
        setNotice('There was no calendar link to revoke.');
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="sm">
      <Text size="sm">
        A private link that a calendar app (Google, Outlook, Apple) can subscribe to, holding {holds} from the
        last 30 days to four months ahead. Each event shows only “Stepwise session”, the time and the place:
        no names, groups or clinical details. Anyone who has the link can see those times, so share it with
        care. Creating a new link stops the old one.
      </Text>
      <ErrorAlert error={failure} title="The calendar link could not be changed" />
      {notice && (
        <Alert color="gray" role="status">
          {notice}
        </Alert>
      )}
      {url && (
        <Alert color="green" role="status" title="Calendar link created">
          <Text size="sm" mb={4}>
            Copy it now: it will not be shown again.
          </Text>
          <Code
            block
            data-testid="calendar-link"
            style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}
            mb="xs"
          >
            {url}
          </Code>
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="xs" onClick={copy}>
                {copied ? 'Copied' : 'Copy link'}
              </Button>
            )}
          </CopyButton>
        </Alert>
      )}
      <Group gap="xs">
        <Button variant="outline" size="xs" loading={busy === 'create'} onClick={() => void create()}>
          {url ? 'Create a new link' : 'Create calendar link'}
        </Button>
        <Button
          variant="outline"
          size="xs"
          color="red.9"
          loading={busy === 'revoke'}
          onClick={() => void revoke()}
        >
          Revoke link
        </Button>
      </Group>
    </Stack>
  );
}
