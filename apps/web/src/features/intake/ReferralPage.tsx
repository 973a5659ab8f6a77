import {
  Anchor,
  Badge,
  Card,
  em,
  Group,
  getBreakpointValue,
  List,
  Loader,
  Stack,
  Stepper,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import {
  closedReferralStatuses,
  programSchema,
  type Referral,
  type ReferralStatus,
  referralSchema,
  referralSourceLabels,
  referralStatusLabels,
  userSchema,
} from '@stepwise/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { formatDateTime, orDash } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { DecisionStep } from './DecisionStep';
import { LevelOfCareStep } from './LevelOfCareStep';
import { daysAgo, daysSince } from './labels';
import { assessmentList } from './lists';
import { ScreeningStep } from './ScreeningStep';

/** The stages the wizard moves a referral through on its own, in order. */
const forwardStages: readonly ReferralStatus[] = ['new', 'screening', 'assessment'];

/**
 * Moves the referral forward to `target` (through screening when it is still new). A referral already
 * there, further on, waitlisted or closed is left where it is: the wizard never moves one back.
 */
async function advanceReferral(referral: Referral, target: 'screening' | 'assessment'): Promise<Referral> {
  let current = referral;
  for (const status of forwardStages.slice(1, forwardStages.indexOf(target) + 1)) {
    const at = forwardStages.indexOf(current.status);
    if (at === -1 || at >= forwardStages.indexOf(status)) continue;
    current = await api.post(`/referrals/${current.id}/status`, { status }, { schema: referralSchema });
  }
  return current;
}

/** Where the wizard opens: the step the referral has reached. */
function stepFor(status: ReferralStatus): number {
  if (status === 'new' || status === 'screening') return 0;
  if (status === 'assessment') return 1;
  return 2;
}

const statusColors: Record<ReferralStatus, string> = {
  new: 'blue.9',
  screening: 'indigo.9',
  assessment: 'violet.9',
  waitlisted: 'yellow.4',
  admitted: 'teal.9',
  referred_out: 'gray.7',
  declined: 'red.9',
};

/** The intake of one referral: screening, level of care, then the decision (admit, refer out, …). */
export function ReferralPage() {
  const { id = '' } = useParams();
  // A different referral starts the wizard afresh, at the step that referral has reached.
  return <ReferralIntake key={id} id={id} />;
}

function ReferralIntake({ id }: { id: string }) {
  const theme = useMantineTheme();
  const isPhone = useMediaQuery(`(max-width: ${em(getBreakpointValue('sm', theme.breakpoints) - 0.1)})`);
  const loaded = useApiData(() => api.get(`/referrals/${id}`, { schema: referralSchema }), [id]);
  const [referral, setReferral] = useState<Referral | undefined>(undefined);
  const [step, setStep] = useState<number | null>(null);
  const [moveFailure, setMoveFailure] = useState<unknown>(undefined);
  const participantId = referral?.participantId;
  const assessments = useApiData(
    () =>
      participantId
        ? api.get(`/participants/${participantId}/level-of-care-assessments`, { schema: assessmentList })
        : Promise.resolve(undefined),
    [participantId],
  );
  const programs = useApiData(() => fetchAll('/programs', programSchema), []);
  const staff = useApiData(() => fetchAll('/staff', userSchema), []);

  useEffect(() => {
    setReferral(loaded.data);
    if (loaded.data) setStep((current) => current ?? stepFor(loaded.data?.status ?? 'new'));
  }, [loaded.data]);

  const back = (
    <Anchor component={Link} to="/referrals" size="sm">
      ← Referral board
    </Anchor>
  );
  if (loaded.error) {
    return (
      <>
        {back}
        <PageTitle>Intake</PageTitle>
        <ErrorAlert error={loaded.error} title="The referral could not be opened" />
      </>
    );
  }
  if (!referral || step === null) return <Loader aria-label="Loading referral" />;

  const closed = closedReferralStatuses.includes(referral.status);
  const latest = [...(assessments.data?.items ?? [])].sort((a, b) =>
    b.assessedAt.localeCompare(a.assessedAt),
  )[0];
  const advance = async (target: 'screening' | 'assessment') => {
    const moved = await advanceReferral(referral, target);
    if (moved !== referral) setReferral(moved);
  };
  const goTo = async (next: number, target?: 'screening' | 'assessment') => {
    setMoveFailure(undefined);
    try {
      if (target && !closed) await advance(target);
      setStep(next);
    } catch (error) {
      setMoveFailure(error);
    }
  };

  return (
    <>
      {back}
      <PageTitle>{`Intake: ${referral.participantName}`}</PageTitle>
      <Stack gap="lg">
        <ReferralSummary
          referral={referral}
          programName={programs.data?.find((p) => p.id === referral.programId)?.name}
        />
        <ErrorAlert error={moveFailure} title="The referral could not be moved on" />
        <ErrorAlert error={assessments.error} title="The level-of-care assessments could not be loaded" />
        <Stepper
          active={step}
          onStepClick={setStep}
          orientation={isPhone ? 'vertical' : 'horizontal'}
          size="sm"
        >
          <Stepper.Step
            label="Screening"
            description="Instruments"
            aria-current={step === 0 ? 'step' : undefined}
          >
            <StepHeading>Screening</StepHeading>
            <ScreeningStep
              participantId={referral.participantId}
              canRecord={!closed}
              beforeRecording={() => advance('screening')}
              onContinue={() => void goTo(1, 'assessment')}
            />
          </Stepper.Step>
          <Stepper.Step
            label="Level of care"
            description="Six dimensions"
            aria-current={step === 1 ? 'step' : undefined}
          >
            <StepHeading>Level of care</StepHeading>
            {assessments.loading && !assessments.data ? (
              <Loader aria-label="Loading level-of-care assessments" />
            ) : (
              <LevelOfCareStep
                participantId={referral.participantId}
                latest={latest}
                programs={programs.data ?? []}
                defaultProgramId={referral.programId}
                canRecord={!closed}
                onChanged={assessments.reload}
                onContinue={() => void goTo(2, 'assessment')}
              />
            )}
          </Stepper.Step>
          <Stepper.Step
            label="Decide"
            description="Admit or not"
            aria-current={step === 2 ? 'step' : undefined}
          >
            <StepHeading>Decide</StepHeading>
            <DecisionStep
              referral={referral}
              assessment={latest}
              programs={programs.data ?? []}
              staff={staff.data}
              readyForAdmission={() => advance('assessment')}
              onChanged={setReferral}
            />
          </Stepper.Step>
        </Stepper>
      </Stack>
    </>
  );
}

function StepHeading({ children }: { children: string }) {
  return (
    <Title order={2} size="h3" mt="md" mb="sm">
      {children}
    </Title>
  );
}

/** Who was referred, by whom, why, and how the referral has moved so far. */
function ReferralSummary({ referral, programName }: { referral: Referral; programName: string | undefined }) {
  return (
    <Card withBorder component="section" aria-labelledby="referral-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="referral-heading">
          Referral
        </Title>
        <Badge color={statusColors[referral.status]} variant="filled">
          {referralStatusLabels[referral.status]}
        </Badge>
      </Group>
      <Facts cols={3}>
        <Fact label="Participant">
          <Anchor component={Link} to={`/participants/${referral.participantId}`}>
            {referral.participantName}
          </Anchor>
        </Fact>
        <Fact label="Source">{referralSourceLabels[referral.source]}</Fact>
        <Fact label="Received">
          {referral.receivedOn} ({daysAgo(daysSince(referral.receivedOn, new Date()))})
        </Fact>
        <Fact label="Referrer">{orDash(referral.referrerName)}</Fact>
        <Fact label="Referrer contact">{orDash(referral.referrerContact)}</Fact>
        <Fact label="Owner">{orDash(referral.owner?.name)}</Fact>
        <Fact label="Program">{orDash(programName)}</Fact>
        <Fact label="Reason">{orDash(referral.reason)}</Fact>
      </Facts>
      {referral.history.length > 0 && (
        <>
          <Text size="sm" fw={600} mt="sm">
            History
          </Text>
          <List size="sm" spacing={2}>
            {referral.history.map((entry) => (
              <List.Item key={`${entry.status}-${entry.at}`}>
                {referralStatusLabels[entry.status]} · {formatDateTime(entry.at)} · {entry.by.name}
                {entry.note ? ` · ${entry.note}` : ''}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}
