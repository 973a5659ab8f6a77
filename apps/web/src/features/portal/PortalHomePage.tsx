import { Anchor, Button, Card, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type PortalRecord, portalRecordSchema } from '@stepwise/core';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { saveDevicePlan } from '../../offline/device-plans';
import { registerServiceWorker } from '../../offline/register-service-worker';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { PageTitle } from '../../ui/PageTitle';
import { QuestionnairesDue } from '../assessments/QuestionnairesDue';
import { relapsePreventionPlanKind, safetyPlanKind } from '../recovery-plans/plan-kinds';
import { useMe } from '../session/session-context';
import { DailyCheckIn } from './DailyCheckIn';
import { MyTreatmentPlan } from './MyTreatmentPlan';

function fullName(participant: PortalRecord['participant']): string {
  return [participant.preferredName ?? participant.givenName, participant.familyName]
    .filter(Boolean)
    .join(' ');
}

/**
 * Keeps the participant's two plans on the phone as soon as their home loads, so they can be read
 * later with no network even if never opened (offline/device-plans.ts), and the app itself with the
 * service worker. Failures are quiet: the
 * plan pages say what went wrong when opened.
 */
function useKeepPlansOnDevice(userId: string, isParticipant: boolean) {
  useEffect(() => {
    if (!isParticipant) return;
    registerServiceWorker();
    api
      .get(`/me/${safetyPlanKind.single}`, { schema: safetyPlanKind.my })
      .then((value) => saveDevicePlan(userId, { kind: 'safety', value }))
      .catch(() => undefined);
    api
      .get(`/me/${relapsePreventionPlanKind.single}`, { schema: relapsePreventionPlanKind.my })
      .then((value) => saveDevicePlan(userId, { kind: 'relapsePrevention', value }))
      .catch(() => undefined);
  }, [userId, isParticipant]);
}

/** The two buttons a participant reaches their plans by, first on their home, one tap each. */
function MyPlansButtons() {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" component="nav" aria-label="My plans">
      <Button component={Link} to="/me/safety-plan" size="lg">
        My safety plan
      </Button>
      <Button component={Link} to="/me/recovery-plan" size="lg" variant="outline">
        My recovery plan
      </Button>
    </SimpleGrid>
  );
}

/**
 * The participant's or family member's home: who they are connected to, and nothing invented; for the
 * participant also their safety plan and recovery plan one tap away, the questionnaires due, their daily
 * check-in and their treatment plan, to read and sign.
 */
export function PortalHomePage() {
  const me = useMe();
  const record = useApiData(() => api.get('/me/record', { schema: portalRecordSchema }), []);
  useKeepPlansOnDevice(me.id, me.kind === 'participant');

  if (record.error) {
    return (
      <>
        <PageTitle>Welcome</PageTitle>
        <ErrorAlert error={record.error} title="Your record could not be loaded" />
      </>
    );
  }
  if (!record.data) return <Loader aria-label="Loading your record" />;

  const { viewer, participant } = record.data;
  if (viewer === 'family') {
    return (
      <>
        <PageTitle>{`Welcome, ${me.displayName}`}</PageTitle>
        <Card withBorder component="section" aria-labelledby="connected-heading">
          <Title order={2} size="h3" id="connected-heading" mb="xs">
            Your connection
          </Title>
          <Text>
            You are connected to <strong>{fullName(participant)}</strong> as a family member or support
            person.
          </Text>
          <Text size="sm" mt="xs">
            You see only what {participant.preferredName ?? participant.givenName} has agreed to share.
          </Text>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageTitle>{`Welcome, ${participant.preferredName ?? participant.givenName}`}</PageTitle>
      <Stack gap="lg">
        <MyPlansButtons />
        <Card withBorder component="section" aria-labelledby="record-heading">
          <Title order={2} size="h3" id="record-heading" mb="sm">
            Your record
          </Title>
          <Facts>
            <Fact label="Name">
              {[participant.givenName, participant.familyName].filter(Boolean).join(' ')}
            </Fact>
            {participant.preferredName && <Fact label="Preferred name">{participant.preferredName}</Fact>}
            {participant.dateOfBirth && <Fact label="Date of birth">{participant.dateOfBirth}</Fact>}
            <Fact label="Preferred language">{participant.preferredLanguage}</Fact>
            {participant.recordNumber && <Fact label="Record number">{participant.recordNumber}</Fact>}
          </Facts>
          <Text size="sm" mt="md">
            If something here is wrong, tell your care team at your next session.
          </Text>
        </Card>
        <QuestionnairesDue />
        <DailyCheckIn />
        <MyTreatmentPlan />
        <Text>
          Change your password or set up multi-factor authentication in{' '}
          <Anchor component={Link} to="/me/account">
            My account
          </Anchor>
          .
        </Text>
      </Stack>
    </>
  );
}
