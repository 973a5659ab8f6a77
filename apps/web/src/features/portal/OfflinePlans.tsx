import { Anchor, Box, Button, Container, Group, Stack, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { readDevicePlans } from '../../offline/device-plans';
import { PageTitle } from '../../ui/PageTitle';
import { CrisisLine, MyPlanBody, OfflineCopyNotice } from './MyPlanPage';

/**
 * What the app shows when it starts with no network and the participant's plans are on the phone:
 * the plans, read-only, from the copy kept there (offline/device-plans.ts). Nothing else of the app
 * works without the server; this is enough to get through a crisis.
 */
export function OfflinePlans() {
  const { pathname } = useLocation();
  const stored = readDevicePlans();
  const which = pathname.startsWith('/me/safety-plan')
    ? 'safety'
    : pathname.startsWith('/me/recovery-plan')
      ? 'relapsePrevention'
      : null;
  const plans = which && stored ? stored[which] : null;

  return (
    <>
      <Box
        component="header"
        px="md"
        py="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Text fw={800} size="lg" c="blue.9">
          Stepwise
        </Text>
      </Box>
      <Container component="main" size="sm" py="md">
        {which === null || !plans ? (
          <>
            <PageTitle>Your plans, offline</PageTitle>
            <Stack gap="md">
              <Text>
                Stepwise cannot reach the server just now. Your plans saved on this phone can still be read.
              </Text>
              <Group grow>
                <Button component={Link} to="/me/safety-plan" size="lg">
                  My safety plan
                </Button>
                <Button component={Link} to="/me/recovery-plan" size="lg" variant="outline">
                  My recovery plan
                </Button>
              </Group>
              <CrisisLine />
              <Button variant="subtle" onClick={() => window.location.reload()}>
                Try again to connect
              </Button>
            </Stack>
          </>
        ) : (
          <>
            <Anchor component={Link} to="/me" size="sm">
              ← Your plans
            </Anchor>
            <PageTitle>{which === 'safety' ? 'My safety plan' : 'My recovery plan'}</PageTitle>
            <Stack gap="lg">
              {which === 'safety' && <CrisisLine />}
              {stored && <OfflineCopyNotice savedAt={stored.savedAt} />}
              <MyPlanBody which={which} plans={plans} />
            </Stack>
          </>
        )}
      </Container>
    </>
  );
}
