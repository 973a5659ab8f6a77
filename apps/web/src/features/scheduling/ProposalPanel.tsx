import { Anchor, Badge, Button, Card, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { type Program, type Proposal, proposalSchema } from '@stepwise/core';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, sentence } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ScrollTable } from '../../ui/ScrollTable';
import { formatMinutes, formatWeekRange } from './week';

/** How often a pending proposal is asked for again, and when waiting stops. */
const pollMilliseconds = 1000;
const patienceMilliseconds = 60_000;

/** What the solver's status means for the proposal shown. */
const solverLabels: Record<string, string> = {
  optimal: 'solved',
  time_limit: 'stopped at its time limit',
  feasible: 'solved without a tighter proof',
};

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const seconds = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Why a proposal that is not pending has no schedule to show. */
function endedWithout(proposal: Proposal): string | null {
  if (proposal.status === 'failed') {
    return `No schedule could be proposed${proposal.error ? `: ${proposal.error}` : ''}.`;
  }
  if (proposal.status === 'superseded') {
    return 'Another proposal was applied since this one was made. Propose a schedule again.';
  }
  return null;
}

/**
 * The optimizer's proposed group assignments for the week shown: schedulers ask for one (the server
 * computes it in a few seconds, so it is asked for again each second until it is ready), see how many
 * participants would meet the weekly minimum and why each person gets their groups, and a director
 * applies it, which replaces everyone's group enrolments from that week on.
 */
export function ProposalPanel({
  program,
  week,
  canApprove,
  onApplied,
}: {
  program: Program;
  week: string;
  /** Directors apply proposals (`schedule:approve`); others only see them. */
  canApprove: boolean;
  /** After applying: the week's sessions and who is below the minimum have changed. */
  onApplied: () => void;
}) {
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [askedAt, setAskedAt] = useState(0);
  const [timedOut, setTimedOut] = useState(false);
  const [requesting, setRequesting] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const [applyFailure, setApplyFailure] = useState<unknown>(undefined);
  const path = `/programs/${program.id}/schedule/proposals`;

  // While the proposal is pending, ask for it again each second, for at most a minute.
  useEffect(() => {
    if (proposal?.status !== 'pending' || timedOut) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      if (Date.now() - askedAt > patienceMilliseconds) {
        setTimedOut(true);
        return;
      }
      api
        .get(`${path}/${proposal.id}`, { schema: proposalSchema })
        .then((next) => {
          if (!cancelled) setProposal(next);
        })
        .catch((error: unknown) => {
          if (!cancelled) setFailure(error);
        });
    }, pollMilliseconds);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [proposal, timedOut, askedAt, path]);

  const propose = async () => {
    setRequesting(true);
    setFailure(undefined);
    setApplyFailure(undefined);
    setTimedOut(false);
    try {
      const created = await api.post(path, { week }, { schema: proposalSchema });
      setAskedAt(Date.now());
      setProposal(created);
    } catch (error) {
      setFailure(error);
    } finally {
      setRequesting(false);
    }
  };

  const apply = async () => {
    if (!proposal) return;
    setApplying(true);
    setApplyFailure(undefined);
    try {
      const applied = await api.post(`${path}/${proposal.id}/apply`, undefined, { schema: proposalSchema });
      setProposal({ ...applied, result: applied.result ?? proposal.result });
      setConfirming(false);
      onApplied();
    } catch (error) {
      // A refusal (the schedule changed, the proposal is no longer ready) is shown in the panel,
      // beside the button that makes a new proposal.
      setConfirming(false);
      setApplyFailure(error);
    } finally {
      setApplying(false);
    }
  };

  const pending = proposal?.status === 'pending' && !timedOut && !failure;
  const result = proposal?.status === 'ready' || proposal?.status === 'applied' ? proposal.result : null;
  const ended = proposal ? endedWithout(proposal) : null;

  return (
    <Card withBorder component="section" aria-labelledby="proposal-heading">
      <Title order={2} size="h3" id="proposal-heading" mb={4}>
        Proposed schedule
      </Title>
      <Text size="sm" mb="sm">
        Group assignments for the week of {formatWeekRange(week)} that bring as many participants of{' '}
        {program.name} as possible to their weekly minimum, around their availability, blackouts and group
        capacity.
      </Text>
      <Stack gap="sm">
        <Button
          variant={result ? 'outline' : 'filled'}
          loading={requesting}
          disabled={pending}
          onClick={() => void propose()}
          style={{ alignSelf: 'flex-start' }}
        >
          Propose a schedule for this week
        </Button>
        <ErrorAlert error={failure} title="The proposal could not be made" />
        <ErrorAlert error={applyFailure} title="This schedule could not be applied" />
        <Text size="sm" role="status">
          {pending
            ? 'Working out the best schedule… this takes a few seconds.'
            : timedOut && proposal?.status === 'pending'
              ? 'The proposal is taking longer than a minute. Try proposing again later.'
              : (ended ?? '')}
        </Text>
        {result && proposal && (
          <>
            <Group gap="sm" align="center">
              <Text fw={700}>
                {result.meetingMinimum} of {result.participants} would meet the minimum, now{' '}
                {result.meetingMinimumBefore}.
              </Text>
              {proposal.status === 'applied' && (
                <Badge color="teal.9" variant="filled">
                  Applied
                </Badge>
              )}
            </Group>
            <Text size="sm">
              {result.gap > 0
                ? `Proven within ${percent.format(result.gap)} of the best possible schedule`
                : 'Proven the best possible schedule'}{' '}
              ({solverLabels[result.solverStatus] ?? result.solverStatus},{' '}
              {seconds.format(result.solveSeconds)} s). Hours are group hours, against what is needed from
              groups once individual and family sessions are counted.
            </Text>
            <ScrollTable label="Proposed groups by participant" minWidth={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Participant</Table.Th>
                  <Table.Th>Group hours</Table.Th>
                  <Table.Th>Minimum</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.assignments.map((assignment) => (
                  <Table.Tr key={assignment.participantId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/participants/${assignment.participantId}`}>
                        {assignment.participantName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatMinutes(assignment.minutes)} of {formatMinutes(assignment.requiredMinutes)}
                    </Table.Td>
                    <Table.Td>
                      <Badge color={assignment.meetsMinimum ? 'teal.9' : 'red.9'} variant="filled">
                        {assignment.meetsMinimum ? 'Meets' : 'Short'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{sentence(assignment.explanation)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
            {proposal.status === 'applied' ? (
              <Text size="sm" role="status">
                Applied: everyone’s groups follow this schedule from the week of {formatWeekRange(week)}.
              </Text>
            ) : canApprove ? (
              <Button
                color="teal.9"
                onClick={() => {
                  setApplyFailure(undefined);
                  setConfirming(true);
                }}
                style={{ alignSelf: 'flex-start' }}
              >
                Apply this schedule
              </Button>
            ) : (
              <Text size="sm">A program director can apply this schedule.</Text>
            )}
          </>
        )}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Apply this schedule">
        <Stack>
          <Text>
            Enrol everyone in {program.name} in the proposed groups from the week of {formatWeekRange(week)}{' '}
            on? Their group enrolments that are not in the proposal are withdrawn.
          </Text>
          <Group justify="flex-end">
            <Button variant="subtle" onClick={() => setConfirming(false)}>
              Keep the current schedule
            </Button>
            <Button color="teal.9" loading={applying} onClick={() => void apply()}>
              Apply
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
