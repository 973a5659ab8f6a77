import { Alert, Badge, Button, Card, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type Consent,
  type Contact,
  consentKindLabels,
  consentRevocationInput,
  consentSchema,
} from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { formatDateTime, orDash } from '../../ui/format';
import { RecordTable, RowButton } from '../../ui/RecordTable';
import { ConsentForm } from './ConsentForm';
import {
  consentStatusColors,
  consentStatusLabels,
  disclosurePurposeLabels,
  recipientTypeLabels,
  type SignerRelationship,
  signerRelationshipLabels,
} from './labels';
import { consentList } from './lists';

function expiryText(expiry: Consent['expiry']): string {
  if (!expiry) return '—';
  if (expiry.kind === 'date') return `On ${expiry.date}`;
  if (expiry.kind === 'event') return `At ${expiry.event}`;
  return 'No expiry';
}

function relationshipText(relationship: string): string {
  return signerRelationshipLabels[relationship as SignerRelationship] ?? relationship;
}

/** The participant's consents: what is in force, signed by whom, and recording or revoking one. */
export function ConsentsSection({
  participantId,
  participantName,
  organisationName,
  contacts,
  canManage,
}: {
  participantId: string;
  participantName: string;
  organisationName: string;
  contacts: Contact[];
  /** Record and revoke ('intake:manage'); others only read. */
  canManage: boolean;
}) {
  const consents = useApiData(
    () => api.get(`/participants/${participantId}/consents`, { schema: consentList }),
    [participantId],
  );
  const [adding, setAdding] = useState(false);
  const [viewing, setViewing] = useState<Consent | null>(null);
  const [revoking, setRevoking] = useState<Consent | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <Card withBorder component="section" aria-labelledby="consents-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="consents-heading">
          Consents
        </Title>
        {canManage && (
          <Button variant="outline" size="xs" onClick={() => setAdding(true)}>
            Add consent
          </Button>
        )}
      </Group>
      {notice && (
        <Alert color="green" role="status" mb="sm">
          {notice}
        </Alert>
      )}
      <RecordTable
        label="Consents"
        minWidth={820}
        state={{ ...consents, data: consents.data?.items }}
        errorTitle="The consents could not be loaded"
        emptyText="No consents recorded."
        columns={[
          { header: 'Consent', cell: (consent) => consentKindLabels[consent.kind] },
          { header: 'Version', cell: (consent) => String(consent.version) },
          {
            header: 'Status',
            cell: (consent) => (
              <Badge color={consentStatusColors[consent.status]} variant="filled">
                {consentStatusLabels[consent.status]}
              </Badge>
            ),
          },
          {
            header: 'Signed',
            cell: (consent) =>
              `${formatDateTime(consent.signature.signedAt)} by ${consent.signature.signerName} (${relationshipText(consent.signature.relationship)})`,
          },
          { header: 'Expires', cell: (consent) => expiryText(consent.expiry) },
        ]}
        actions={(consent) => {
          const name = `${consentKindLabels[consent.kind]} version ${consent.version}`;
          return (
            <Group gap={6} wrap="nowrap">
              <RowButton label={`View ${name}`} onClick={() => setViewing(consent)}>
                View
              </RowButton>
              {canManage && consent.status === 'in_force' && (
                <RowButton label={`Revoke ${name}`} danger onClick={() => setRevoking(consent)}>
                  Revoke
                </RowButton>
              )}
            </Group>
          );
        }}
      />

      <Modal opened={adding} onClose={() => setAdding(false)} title="Add consent" size="xl">
        {adding && (
          <ConsentForm
            participantId={participantId}
            participantName={participantName}
            organisationName={organisationName}
            contacts={contacts}
            onRecorded={(consent) => {
              setAdding(false);
              setNotice(`${consentKindLabels[consent.kind]} recorded (version ${consent.version}).`);
              consents.reload();
            }}
          />
        )}
      </Modal>

      <Modal opened={viewing !== null} onClose={() => setViewing(null)} title="Consent" size="lg">
        {viewing && <ConsentDetails consent={viewing} />}
      </Modal>

      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke consent">
        {revoking && (
          <RevokeForm
            consent={revoking}
            onRevoked={(consent) => {
              setRevoking(null);
              setNotice(`${consentKindLabels[consent.kind]} revoked.`);
              consents.reload();
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

/** Everything the consent says, as signed. */
function ConsentDetails({ consent }: { consent: Consent }) {
  return (
    <Stack gap="sm">
      <Text fw={600}>
        {consentKindLabels[consent.kind]}, version {consent.version}
      </Text>
      <Paper withBorder p="sm" bg="gray.0">
        <Text size="sm">{consent.statement}</Text>
        <Text size="xs" mt={4}>
          Statement version {consent.statementVersion}
        </Text>
      </Paper>
      <Facts cols={2}>
        <Fact label="Participant">{consent.participantName}</Fact>
        <Fact label="Status">{consentStatusLabels[consent.status]}</Fact>
        {consent.discloser !== null && <Fact label="Who may disclose">{consent.discloser}</Fact>}
        {consent.information !== null && <Fact label="Information">{consent.information}</Fact>}
        {consent.recipients.length > 0 && (
          <Fact label="Recipients">
            {consent.recipients
              .map((recipient) => `${recipient.name ?? '—'} (${recipientTypeLabels[recipient.type]})`)
              .join('; ')}
          </Fact>
        )}
        {consent.purposes.length > 0 && (
          <Fact label="Purposes">
            {consent.purposes.map((purpose) => disclosurePurposeLabels[purpose]).join(', ')}
            {consent.purposeDetail ? ` — ${consent.purposeDetail}` : ''}
          </Fact>
        )}
        <Fact label="Expires">{expiryText(consent.expiry)}</Fact>
        <Fact label="Signed">
          {formatDateTime(consent.signature.signedAt)} by {consent.signature.signerName} (
          {relationshipText(consent.signature.relationship)})
        </Fact>
        <Fact label="Recorded by">{consent.recordedBy.name}</Fact>
        {consent.revokedAt && (
          <Fact label="Revoked">
            {formatDateTime(consent.revokedAt)}: {orDash(consent.revocationReason)}
          </Fact>
        )}
        {consent.expiredAt && <Fact label="Expired">{formatDateTime(consent.expiredAt)}</Fact>}
      </Facts>
    </Stack>
  );
}

function RevokeForm({ consent, onRevoked }: { consent: Consent; onRevoked: (consent: Consent) => void }) {
  const form = useForm({
    initialValues: { reason: '' },
    validate: (values) => schemaErrors(consentRevocationInput, values),
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    onRevoked(await api.post(`/consents/${consent.id}/revoke`, values, { schema: consentSchema }));
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The consent could not be revoked" />
        <Text>
          Revoking the {consentKindLabels[consent.kind]} (version {consent.version}) stops any further
          disclosure under it from now on. What was already disclosed in reliance on it stays disclosed.
        </Text>
        <Textarea
          label="How the participant asked to revoke"
          description="For example “Written request handed in at the front desk”"
          required
          autosize
          minRows={2}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red.9" loading={form.submitting}>
            Revoke consent
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
