import {
  Accordion,
  Box,
  Button,
  Card,
  em,
  Group,
  getBreakpointValue,
  Loader,
  Modal,
  Stack,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type ReactNode, useState } from 'react';
import type { z } from 'zod';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import type { AnyPlanVersion } from './plan-kinds';

/** Where a version stands with its two signatures, in words. */
export function signatureWords(plan: AnyPlanVersion): string[] {
  return [
    plan.clinicianSignature
      ? `Signed by ${plan.clinicianSignature.by.name}, ${formatDateTime(plan.clinicianSignature.at)}.`
      : 'Not yet signed by a clinician.',
    plan.participantSignature
      ? `Signed by the participant as “${plan.participantSignature.name}”, ${formatDateTime(plan.participantSignature.at)}.`
      : 'Not yet signed by the participant (they sign from their own account).',
  ];
}

/**
 * One of the participant's two plans on the chart: the version in effect, the draft being written
 * with the participant (edit it until someone signs, sign it as clinician, or set it aside), and the
 * versions before. A version takes effect once both the clinician and the participant have signed.
 */
export function RecoveryPlanCard<V extends AnyPlanVersion>({
  participantId,
  canWrite,
  config,
  renderView,
  renderEditor,
}: {
  participantId: string;
  /** 'plans:write': start, edit, sign and discard drafts; others only read. */
  canWrite: boolean;
  config: {
    title: string;
    single: string;
    plural: string;
    version: z.ZodType<V>;
    versions: z.ZodType<{ items: V[] }>;
  };
  /** The version's content, read-only; `idPrefix` keeps heading ids unique on the page. */
  renderView: (plan: V, idPrefix: string) => ReactNode;
  /** The editor of a draft's content; `save` sends what it returns. */
  renderEditor: (plan: V, save: (content: unknown) => Promise<void>) => ReactNode;
}) {
  const theme = useMantineTheme();
  const isPhone = useMediaQuery(`(max-width: ${em(getBreakpointValue('sm', theme.breakpoints) - 0.1)})`);
  const versions = useApiData(
    () => api.get(`/participants/${participantId}/${config.single}/versions`, { schema: config.versions }),
    [participantId],
  );
  const [editing, setEditing] = useState<V | null>(null);
  const [signing, setSigning] = useState<V | null>(null);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const items = versions.data?.items ?? [];
  const active = items.find((plan) => plan.status === 'active');
  const draft = items.find((plan) => plan.status === 'draft');
  const earlier = items.filter((plan) => plan.status === 'superseded' || plan.status === 'discarded');
  const headingId = `${config.single}-heading`;

  const act = async (action: () => Promise<string>) => {
    setBusy(true);
    setFailure(undefined);
    try {
      setNotice(await action());
      versions.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const startDraft = () =>
    act(async () => {
      const started = await api.post(
        `/participants/${participantId}/${config.single}/drafts`,
        {},
        {
          schema: config.version,
        },
      );
      setEditing(started);
      return `Draft version ${started.version} started${active ? ` from version ${active.version}` : ''}.`;
    });

  const save = async (content: unknown) => {
    if (!editing) return;
    const saved = await api.put(`/${config.plural}/${editing.id}`, content, { schema: config.version });
    setEditing(null);
    setNotice(`Draft version ${saved.version} saved.`);
    versions.reload();
  };

  const sign = () =>
    act(async () => {
      if (!signing) return '';
      const signed = await api.post(
        `/${config.plural}/${signing.id}/sign`,
        { revision: signing.revision },
        {
          schema: config.version,
        },
      );
      setSigning(null);
      return signed.status === 'active'
        ? `Version ${signed.version} is in effect: signed by you and the participant.`
        : `You signed version ${signed.version}. It takes effect once the participant signs it too.`;
    });

  const discard = (plan: V) =>
    act(async () => {
      await api.post(`/${config.plural}/${plan.id}/discard`, undefined, { schema: config.version });
      return `Draft version ${plan.version} set aside.`;
    });

  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id={headingId}>
          {config.title}
        </Title>
        {canWrite && versions.data && !draft && (
          <Button variant="outline" size="xs" loading={busy} onClick={startDraft}>
            {active ? 'Start a new version' : `Start a ${config.title.toLowerCase()}`}
          </Button>
        )}
      </Group>
      <Notice mb="sm" onDismiss={() => setNotice(null)}>
        {notice}
      </Notice>
      <ErrorAlert error={versions.error} title={`The ${config.title.toLowerCase()} could not be loaded`} />
      <ErrorAlert error={failure} title="That did not work" />
      {versions.loading && !versions.data && (
        <Loader aria-label={`Loading the ${config.title.toLowerCase()}`} />
      )}
      {versions.data && items.length === 0 && <Text>No {config.title.toLowerCase()} yet.</Text>}

      <Stack gap="lg">
        {active && (
          <Box component="section" aria-labelledby={`${config.single}-active-heading`}>
            <Title order={3} size="h4" id={`${config.single}-active-heading`} mb="xs">
              In effect: version {active.version}
            </Title>
            <Text size="sm" mb="sm">
              In effect since {formatDateTime(active.activatedAt)}. {signatureWords(active).join(' ')}
            </Text>
            {renderView(active, `${config.single}-active`)}
          </Box>
        )}

        {draft && (
          <Box component="section" aria-labelledby={`${config.single}-draft-heading`}>
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4" id={`${config.single}-draft-heading`}>
                Draft: version {draft.version}
              </Title>
              {canWrite && (
                <Group gap="xs">
                  {!draft.clinicianSignature && !draft.participantSignature && (
                    <Button variant="outline" size="xs" onClick={() => setEditing(draft)}>
                      Edit draft
                    </Button>
                  )}
                  {!draft.clinicianSignature && (
                    <Button size="xs" onClick={() => setSigning(draft)}>
                      Sign as clinician
                    </Button>
                  )}
                  <Button
                    variant="outline"
                    color="red.9"
                    size="xs"
                    loading={busy}
                    onClick={() => discard(draft)}
                  >
                    Discard draft
                  </Button>
                </Group>
              )}
            </Group>
            <Text size="sm" mb="sm">
              Written by {draft.createdBy.name}; last changed by {draft.updatedBy.name},{' '}
              {formatDateTime(draft.updatedAt)}. {signatureWords(draft).join(' ')}
            </Text>
            {renderView(draft, `${config.single}-draft`)}
          </Box>
        )}

        {earlier.length > 0 && (
          <Box component="section" aria-labelledby={`${config.single}-earlier-heading`}>
            <Title order={3} size="h4" id={`${config.single}-earlier-heading`} mb="xs">
              Earlier versions
            </Title>
            <Accordion variant="contained" order={4}>
              {earlier.map((plan) => (
                <Accordion.Item key={plan.id} value={plan.id}>
                  <Accordion.Control>
                    Version {plan.version},{' '}
                    {plan.status === 'discarded'
                      ? 'set aside as a draft'
                      : `in effect ${formatDateTime(plan.activatedAt)} to ${formatDateTime(plan.supersededAt)}`}
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Text size="sm" mb="sm">
                      {signatureWords(plan).join(' ')}
                    </Text>
                    {renderView(plan, `${config.single}-v${plan.version}`)}
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </Box>
        )}
      </Stack>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={`Edit draft version ${editing?.version ?? ''} of the ${config.title.toLowerCase()}`}
        size="xl"
        fullScreen={isPhone === true}
      >
        {editing && renderEditor(editing, save)}
      </Modal>

      <Modal
        opened={signing !== null}
        onClose={() => setSigning(null)}
        title={`Sign version ${signing?.version ?? ''} of the ${config.title.toLowerCase()}`}
      >
        {signing && (
          <Stack>
            <ErrorAlert error={failure} title="Your signature could not be recorded" />
            <Text>
              You sign the plan as written with the participant. Once anyone has signed it, its words never
              change; it takes effect when the participant has signed it too
              {active ? `, and version ${active.version} is then superseded` : ''}.
            </Text>
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setSigning(null)}>
                Not yet
              </Button>
              <Button loading={busy} onClick={sign}>
                Sign
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
