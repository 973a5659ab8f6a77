import {
  Alert,
  Anchor,
  Box,
  Button,
  Container,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { instanceSchema, loginInput, loginResponse } from '@stepwise/core';
import { type FormEvent, useEffect, useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError, api, errorMessage } from '../../api/client';
import { type FieldErrors, schemaErrors } from '../../api/form-errors';
import { landingPathFor } from '../../app/landing';
import { useSession } from './session-context';

/** Email and password, then a 6-digit code when the account has MFA. */
export function SignInPage() {
  useDocumentTitle('Sign in · Stepwise');
  const session = useSession();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'password' | 'code'>('password');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [demo, setDemo] = useState(false);

  useEffect(() => {
    api
      .get('/instance', { schema: instanceSchema, ignoreUnauthenticated: true })
      .then((instance) => setDemo(instance.demo))
      .catch(() => setDemo(false));
  }, []);

  if (session.status === 'signed_in' && session.me)
    return <Navigate to={landingPathFor(session.me)} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = step === 'code' ? { email, password, totp: code.trim() } : { email, password };
    const invalid = schemaErrors(loginInput, input);
    setErrors(invalid);
    setFailure(null);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      const result = await api.post('/auth/login', input, {
        schema: loginResponse,
        ignoreUnauthenticated: true,
      });
      session.signedIn(result.user, result.csrfToken);
      navigate(landingPathFor(result.user), { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'mfa_required') {
        setStep('code');
        setCode('');
      } else if (error instanceof ApiError && error.code === 'invalid_credentials') {
        setFailure(
          step === 'code'
            ? 'That code is not correct or has already been used. Wait for a new code and try again.'
            : 'The email or password is not correct.',
        );
      } else if (error instanceof ApiError && error.code === 'rate_limited') {
        setFailure('Too many failed attempts. Wait 15 minutes before trying again.');
      } else {
        setFailure(errorMessage(error));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="main" mih="100vh" bg="gray.0" py={{ base: 'lg', sm: 60 }}>
      <Container size={440} px="md">
        <Text fw={800} size="xl" c="blue.9" ta="center" mb="xs">
          Stepwise
        </Text>
        <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md">
          <Title order={1} size="h2" mb="md">
            Sign in
          </Title>
          {session.notice && (
            <Alert color="blue" role="status" mb="md">
              {session.notice}
            </Alert>
          )}
          {demo && (
            <Alert color="yellow" mb="md" role="note" title="Demo installation — synthetic data only">
              <Text size="sm">
                Sign in as admin, director, intake, clinician, supervisor, billing, compliance, participant or
                family{' '}
                <Text span ff="monospace">
                  @demo.stepwise.test
                </Text>{' '}
                (for example{' '}
                <Text span ff="monospace">
                  clinician@demo.stepwise.test
                </Text>
                ) with the password{' '}
                <Text span ff="monospace">
                  stepwise-demo
                </Text>
                .
              </Text>
            </Alert>
          )}
          {failure && (
            <Alert color="red" role="alert" mb="md">
              {failure}
            </Alert>
          )}
          <form onSubmit={submit} noValidate>
            <Stack>
              {step === 'password' ? (
                <>
                  <TextInput
                    label="Email"
                    type="email"
                    autoComplete="username"
                    required
                    value={email}
                    onChange={(event) => setEmail(event.currentTarget.value)}
                    error={errors.email}
                  />
                  <PasswordInput
                    label="Password"
                    autoComplete="current-password"
                    required
                    value={password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                    error={errors.password}
                    visibilityToggleButtonProps={{ 'aria-label': 'Show or hide password' }}
                  />
                </>
              ) : (
                <>
                  <Text size="sm">
                    Your account uses multi-factor authentication. Enter the 6-digit code from your
                    authenticator app.
                  </Text>
                  <TextInput
                    label="6-digit code"
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    required
                    data-autofocus
                    autoFocus
                    value={code}
                    onChange={(event) => setCode(event.currentTarget.value)}
                    error={errors.totp}
                  />
                </>
              )}
              <Button type="submit" loading={busy} fullWidth>
                {step === 'code' ? 'Verify and sign in' : 'Sign in'}
              </Button>
              {step === 'code' && (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  onClick={() => {
                    setStep('password');
                    setFailure(null);
                  }}
                >
                  Use a different account
                </Anchor>
              )}
            </Stack>
          </form>
        </Paper>
        <Text size="xs" ta="center" mt="md">
          Stepwise is for authorised staff, participants and family members. Sessions end after a period of
          inactivity.
        </Text>
      </Container>
    </Box>
  );
}
