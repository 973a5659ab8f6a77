import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import {
  programSchema,
  type Referral,
  type ReferralStatus,
  referralSourceLabels,
  referralStatusLabels,
  userSchema,
} from '@stepwise/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime, orDash } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { RecordTable } from '../../ui/RecordTable';
import { useMe } from '../session/session-context';
import { daysAgo, daysSince } from './labels';
import { referralList } from './lists';
import { NewReferralForm } from './NewReferralForm';

/** The open stages, one column each, in the order a referral moves through them. */
const boardColumns: ReferralStatus[] = ['new', 'screening', 'assessment', 'waitlisted'];

/** The front door: open referrals by stage, closed ones with their outcome, and new referrals. */
export function ReferralBoardPage() {
  const me = useMe();
  const open = useApiData(() => api.get('/referrals', { query: { open: 'true' }, schema: referralList }), []);
  const closed = useApiData(
    () => api.get('/referrals', { query: { open: 'false' }, schema: referralList }),
    [],
  );
  const programs = useApiData(() => fetchAll('/programs', programSchema), []);
  const staff = useApiData(() => fetchAll('/staff', userSchema), []);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Referral | null>(null);
  const programName = (id: string | null) => programs.data?.find((program) => program.id === id)?.name;

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>Referrals</PageTitle>
        <Button onClick={() => setCreating(true)} disabled={!programs.data || (!staff.data && !staff.error)}>
          New referral
        </Button>
      </Group>
      {created && (
        <Alert color="green" role="status" mb="md">
          Referral for {created.participantName} created.{' '}
          <Anchor component={Link} to={`/referrals/${created.id}`} c="inherit" underline="always" fw={600}>
            Start the intake
          </Anchor>
        </Alert>
      )}
      <ErrorAlert error={programs.error} title="The programs could not be loaded" />
      <Tabs defaultValue="open" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="open">Open ({open.data?.items.length ?? '…'})</Tabs.Tab>
          <Tabs.Tab value="closed">Closed ({closed.data?.items.length ?? '…'})</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="open">
          <ErrorAlert error={open.error} title="The referrals could not be loaded" />
          {open.data && (
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="md">
              {boardColumns.map((status) => (
                <BoardColumn
                  key={status}
                  status={status}
                  referrals={open.data?.items.filter((referral) => referral.status === status) ?? []}
                  programName={programName}
                />
              ))}
            </SimpleGrid>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="closed">
          <RecordTable
            label="Closed referrals"
            minWidth={760}
            state={{ data: closed.data?.items, error: closed.error, loading: closed.loading }}
            errorTitle="The closed referrals could not be loaded"
            emptyText="No closed referrals yet."
            columns={[
              {
                header: 'Participant',
                cell: (referral) => (
                  <Anchor component={Link} to={`/referrals/${referral.id}`}>
                    {referral.participantName}
                  </Anchor>
                ),
              },
              { header: 'Outcome', cell: (referral) => <Outcome referral={referral} /> },
              { header: 'Source', cell: (referral) => referralSourceLabels[referral.source] },
              { header: 'Received', cell: (referral) => referral.receivedOn },
              { header: 'Closed', cell: (referral) => formatDateTime(referral.statusChangedAt) },
              {
                header: 'Days to admission',
                cell: (referral) =>
                  referral.daysToAdmission === null ? '—' : String(referral.daysToAdmission),
              },
            ]}
          />
        </Tabs.Panel>
      </Tabs>
      <Modal opened={creating} onClose={() => setCreating(false)} title="New referral" size="lg">
        {creating && (
          <NewReferralForm
            programs={programs.data ?? []}
            staff={staff.data}
            me={me}
            onCreated={(referral) => {
              setCreating(false);
              setCreated(referral);
              open.reload();
            }}
          />
        )}
      </Modal>
    </>
  );
}

function BoardColumn({
  status,
  referrals,
  programName,
}: {
  status: ReferralStatus;
  referrals: Referral[];
  programName: (id: string | null) => string | undefined;
}) {
  const headingId = `referrals-${status}-heading`;
  const now = new Date();
  const sorted = [...referrals].sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
  return (
    <Card withBorder component="section" aria-labelledby={headingId} bg="gray.0" p="sm">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={headingId}>
          {referralStatusLabels[status]}
        </Title>
        <Badge color="gray.7" variant="filled" aria-label={`${referrals.length} referrals`}>
          {referrals.length}
        </Badge>
      </Group>
      {sorted.length === 0 ? (
        <Text size="sm">None.</Text>
      ) : (
        <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
          {sorted.map((referral) => {
            const program = programName(referral.programId);
            return (
              <Card key={referral.id} component="li" withBorder padding="xs" radius="sm">
                <Anchor component={Link} to={`/referrals/${referral.id}`} fw={600}>
                  {referral.participantName}
                </Anchor>
                <Text size="sm">
                  {referralSourceLabels[referral.source]} · received{' '}
                  {daysAgo(daysSince(referral.receivedOn, now))}
                </Text>
                {program && <Text size="sm">{program}</Text>}
                <Text size="sm">Owner: {referral.owner?.name ?? 'no one yet'}</Text>
              </Card>
            );
          })}
        </Stack>
      )}
    </Card>
  );
}

function Outcome({ referral }: { referral: Referral }) {
  const label = referralStatusLabels[referral.status];
  if (referral.status === 'referred_out') return <>{`${label} to ${orDash(referral.referredOutTo)}`}</>;
  if (referral.status === 'declined') return <>{`${label}: ${orDash(referral.closingReason)}`}</>;
  return <>{label}</>;
}
