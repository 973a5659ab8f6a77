import { Box, Button, Container, Paper, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Navigate, useNavigate } from 'react-router';
import { landingPathFor } from '../../app/landing';
import { MfaEnrolment } from '../account/MfaEnrolment';
import { useMe, useSession } from './session-context';
import { useIdleLogoff } from './use-idle-logoff';

/** The only page a user sees until they enrol, when their organisation requires MFA for their role. */
export function MfaRequiredPage() {
  useDocumentTitle('Set up multi-factor authentication · Stepwise');
  const me = useMe();
  const { refresh, signOut } = useSession();
  const navigate = useNavigate();
  useIdleLogoff(me.idleTimeoutMinutes);

  if (!me.mfaEnrolmentRequired) return <Navigate to={landingPathFor(me)} replace />;

  return (
    <Box component="main" mih="100vh" bg="gray.0" py={{ base: 'lg', sm: 60 }}>
      <Container size={560} px="md">
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Title order={1} size="h2" mb="sm">
            Set up multi-factor authentication
          </Title>
          <Text mb="md">
            {me.organisation.name} requires multi-factor authentication for your role. Set up an authenticator
            app to continue.
          </Text>
          <MfaEnrolment
            onEnabled={async () => {
              await refresh();
              navigate('/', { replace: true });
            }}
          />
          <Button variant="subtle" mt="lg" onClick={() => void signOut()}>
            Sign out
          </Button>
        </Paper>
      </Container>
    </Box>
  );
}
