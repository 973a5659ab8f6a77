import { Card, Stack, Text, Title } from '@mantine/core';
import { roleLabels } from '@stepwise/core';
import { PageTitle } from '../../ui/PageTitle';
import { CalendarLinkSection } from '../scheduling/CalendarLinkSection';
import { useMe } from '../session/session-context';
import { ApiTokens } from './ApiTokens';
import { MfaSettings } from './MfaSettings';
import { PasswordChangeForm } from './PasswordChangeForm';

/**
 * The signed-in user's own settings: password, MFA, a private calendar link (staff and participants;
 * family sessions show in the portal) and, for staff, API tokens.
 */
export function AccountPage() {
  const me = useMe();
  return (
    <>
      <PageTitle>My account</PageTitle>
      <Stack gap="lg">
        <Text>
          Signed in as <strong>{me.displayName}</strong> ({me.email}) ·{' '}
          {me.roles.map((role) => roleLabels[role]).join(', ')}
        </Text>
        <Card withBorder component="section" aria-labelledby="password-heading">
          <Title order={2} size="h3" id="password-heading" mb="sm">
            Password
          </Title>
          <PasswordChangeForm />
        </Card>
        <Card withBorder component="section" aria-labelledby="mfa-heading">
          <Title order={2} size="h3" id="mfa-heading" mb="sm">
            Multi-factor authentication
          </Title>
          <MfaSettings />
        </Card>
        {me.kind !== 'family' && (
          <Card withBorder component="section" aria-labelledby="calendar-link-heading">
            <Title order={2} size="h3" id="calendar-link-heading" mb="sm">
              My calendar link
            </Title>
            <CalendarLinkSection
              path="/me/calendar-link"
              holds={me.kind === 'staff' ? 'the sessions you run' : 'your sessions'}
            />
          </Card>
        )}
        {me.kind === 'staff' && (
          <Card withBorder component="section" aria-labelledby="tokens-heading">
            <Title order={2} size="h3" id="tokens-heading" mb="sm">
              API tokens
            </Title>
            <ApiTokens />
          </Card>
        )}
      </Stack>
    </>
  );
}
