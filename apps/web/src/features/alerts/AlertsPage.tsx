import {
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import {
  type Alert,
  alertResolveInput,
  alertRuleLabel,
  alertSchema,
  type User,
  userSchema,
} from '@stepwise/core';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PageTitle } from '../../ui/PageTitle';
import { useMe } from '../session/session-context';

const alertList = z.object({ items: z.array(alertSchema) });

const views = [
  { value: 'unresolved', label: 'Needs action' },
  { value: 'mine', label: 'Assigned to me' },
  { value: 'resolved', label: 'Resolved' },
] as const;
type View = (typeof views)[number]['value'];

const queries: Record<View, Record<string, string>> = {
  unresolved: { status: 'unresolved' },
  mine: { status: 'unresolved', assignedTo: 'me' },
  resolved: { status: 'resolved' },
};

const severityColours: Record<Alert['severity'], string> = {
  critical: 'red.9',
  high: 'orange.9',
  medium: 'yellow.4',
  low: 'gray.7',
};

/** Roles that may act on alerts, and so may be handed one (the server checks the same). */
const alertRoles = new Set(['director', 'intake', 'clinician', 'supervisor']);

/** Names of evidence values, in words; identifiers are left out. */
const evidenceNames: Record<string, string> = {
  checkIns: 'Check-ins',
  substances: 'Substances',
  date: 'Date',
  instrument: 'Instrument',
  total: 'Total',
  band: 'Band',
  item: 'Item',
  value: 'Answer',
  baseline: 'Baseline',
  latest: 'Latest',
  lastCheckIn: 'Last check-in',
  lastAttended: 'Last attended',
  episodeStart: 'Admitted',
  endorsed: 'Items endorsed',
  unexcusedInARow: 'Unexcused in a row',
};

function evidenceValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(evidenceValue).join(', ');
  if (value && typeof value === 'object') return Object.values(value).map(evidenceValue).join(' ');
  return String(value);
}

/** Evidence as the engine wrote it: a summary, then the values it read. */
function Evidence({ evidence }: { evidence: Record<string, unknown> }) {
  const { summary } = evidence;
  const lines = Object.entries(evidence).filter(
    ([name, value]) => name in evidenceNames && value !== null && value !== undefined,
  );
  return (
    <Box>
      {typeof summary === 'string' && <Text size="sm">{summary}</Text>}
      {lines.length > 0 && (
        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {lines.map(([name, value]) => `${evidenceNames[name]}: ${evidenceValue(value)}`).join(' · ')}
        </Text>
      )}
    </Box>
  );
}

/**
 * The alert inbox for clinicians and supervisors: what fired, on what evidence, what to do; most
 * severe first. Each alert is acknowledged ("I have it"), handed to a member of the care team, or
 * resolved with a note saying what was done. Opening the inbox marks its notifications read.
 */
export function AlertsPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: View = requested === 'mine' || requested === 'resolved' ? requested : 'unresolved';
  const alerts = useApiData(
    () => api.get('/alerts', { query: { ...queries[view], limit: 100 }, schema: alertList }),
    [view],
  );
  const staff = useApiData(
    () =>
      me.permissions.includes('staff:read') ? fetchAll('/staff', userSchema) : Promise.resolve([] as User[]),
    [],
  );
  const [resolving, setResolving] = useState<Alert | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void api
      .post('/me/notifications/read-all', undefined, { schema: z.object({ unread: z.number() }) })
      .catch(() => {
        // The badge simply stays until the next visit.
      });
  }, []);

  const act = async (alert: Alert, action: () => Promise<unknown>, done: string) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await action();
      setNotice(done);
      alerts.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
    return alert;
  };

  const resolve = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!resolving) return;
    const input = { note };
    const invalid = schemaErrors(alertResolveInput, input);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      await api.post(`/alerts/${resolving.id}/resolve`, input, { schema: alertSchema });
      setNotice(`Resolved: ${alertRuleLabel(resolving.rule)} for ${resolving.participantName}.`);
      setResolving(null);
      setNote('');
      alerts.reload();
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const assignable = (staff.data ?? []).filter(
    (user) => user.active && user.roles.some((role) => alertRoles.has(role)),
  );
  const shown = alerts.data?.items;
  return (
    <>
      <PageTitle>Alerts</PageTitle>
      <Stack gap="sm">
        <SegmentedControl
          aria-label="Which alerts"
          data={[...views]}
          value={view}
          onChange={(next) => {
            setNotice(null);
            setParams(next === 'unresolved' ? {} : { view: next });
          }}
          maw={420}
        />
        <Notice onDismiss={() => setNotice(null)}>{notice}</Notice>
        <ErrorAlert error={alerts.error} title="The alerts could not be loaded" />
        {!resolving && <ErrorAlert error={failure} title="That did not work" />}
        {alerts.loading && !shown && <Loader aria-label="Loading alerts" />}
        {shown && shown.length === 0 && (
          <Text>{view === 'resolved' ? 'No resolved alerts yet.' : 'No alerts need action.'}</Text>
        )}
        {shown && shown.length > 0 && (
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Alerts">
            {shown.map((alert) => (
              <Box
                component="li"
                key={alert.id}
                py="sm"
                style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
                aria-label={`${alert.severity} alert: ${alertRuleLabel(alert.rule)}, ${alert.participantName}`}
              >
                <Group gap={6}>
                  <Badge color={severityColours[alert.severity]} variant="filled" size="sm">
                    {alert.severity}
                  </Badge>
                  {alert.status === 'acknowledged' && (
                    <Badge color="blue.9" variant="outline" size="sm">
                      Acknowledged
                    </Badge>
                  )}
                  {alert.escalatedAt && alert.status !== 'resolved' && (
                    <Badge color="red.9" variant="outline" size="sm">
                      Escalated to supervisors
                    </Badge>
                  )}
                  <Text size="sm" c="dimmed">
                    {formatDateTime(alert.createdAt)}
                  </Text>
                </Group>
                <Text fw={700}>{alertRuleLabel(alert.rule)}</Text>
                <Text size="sm">
                  Participant:{' '}
                  <Anchor component={Link} to={`/participants/${alert.participantId}`}>
                    {alert.participantName}
                  </Anchor>
                </Text>
                <Evidence evidence={alert.evidence} />
                <Text size="sm">
                  <strong>Suggested action:</strong> {alert.suggestedAction}
                </Text>
                {alert.acknowledgedBy && (
                  <Text size="sm">
                    Acknowledged by {alert.acknowledgedBy.name}, {formatDateTime(alert.acknowledgedAt)}
                  </Text>
                )}
                {alert.assignedTo && <Text size="sm">Assigned to {alert.assignedTo.name}</Text>}
                {alert.status === 'resolved' && (
                  <Text size="sm">
                    Resolved by {alert.resolvedBy?.name ?? 'a former staff member'},{' '}
                    {formatDateTime(alert.resolvedAt)}: {alert.resolutionNote}
                  </Text>
                )}
                {alert.status !== 'resolved' && (
                  <Group gap="xs" mt="xs" align="end">
                    {alert.status === 'open' && (
                      <Button
                        size="xs"
                        disabled={busy}
                        aria-label={`Acknowledge: ${alertRuleLabel(alert.rule)}, ${alert.participantName}`}
                        onClick={() =>
                          void act(
                            alert,
                            () =>
                              api.post(`/alerts/${alert.id}/acknowledge`, undefined, { schema: alertSchema }),
                            `Acknowledged: ${alertRuleLabel(alert.rule)} for ${alert.participantName}.`,
                          )
                        }
                      >
                        Acknowledge
                      </Button>
                    )}
                    {assignable.length > 0 && (
                      <Select
                        size="xs"
                        w={200}
                        label={`Assign to (${alert.participantName})`}
                        placeholder="Choose someone"
                        data={assignable.map((user) => ({ value: user.id, label: user.displayName }))}
                        value={alert.assignedTo?.id ?? null}
                        disabled={busy}
                        onChange={(userId) => {
                          if (!userId || userId === alert.assignedTo?.id) return;
                          const who = assignable.find((user) => user.id === userId)?.displayName ?? 'them';
                          void act(
                            alert,
                            () => api.post(`/alerts/${alert.id}/assign`, { userId }, { schema: alertSchema }),
                            `Assigned to ${who}.`,
                          );
                        }}
                      />
                    )}
                    <Button
                      size="xs"
                      variant="outline"
                      disabled={busy}
                      aria-label={`Resolve: ${alertRuleLabel(alert.rule)}, ${alert.participantName}`}
                      onClick={() => {
                        setErrors({});
                        setFailure(undefined);
                        setNote('');
                        setResolving(alert);
                      }}
                    >
                      Resolve…
                    </Button>
                  </Group>
                )}
              </Box>
            ))}
          </Stack>
        )}
      </Stack>
      <Modal
        opened={resolving !== null}
        onClose={() => setResolving(null)}
        title={resolving ? `Resolve: ${alertRuleLabel(resolving.rule)}` : 'Resolve'}
      >
        <form onSubmit={resolve} noValidate>
          <Stack gap="sm">
            <Textarea
              label="What was done"
              description="Kept on the alert for the care team. Required."
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
              error={errors.note}
              autosize
              minRows={3}
              data-autofocus
            />
            <ErrorAlert error={failure} title="The alert was not resolved" />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setResolving(null)}>
                Cancel
              </Button>
              <Button type="submit" loading={busy}>
                Resolve alert
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
