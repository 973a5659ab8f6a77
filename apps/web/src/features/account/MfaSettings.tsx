import { Alert, Button, Group, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { mfaDisableInput } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { ApiError, api, errorMessage } from '../../api/client';
import { type FieldErrors, schemaErrors } from '../../api/form-errors';
import { useMe, useSession } from '../session/session-context';
import { MfaEnrolment } from './MfaEnrolment';

/** Turns TOTP multi-factor authentication on (enrolment) or off (password and a current code). */
export function MfaSettings() {
  const me = useMe();
  const { refresh } = useSession();
  const [status, setStatus] = useState<string | null>(null);

  if (!me.mfaEnabled) {
    return (
      <Stack gap="sm">
        {status && (
          <Alert color="green" role="status">
            {status}
          </Alert>
        )}
        <Text size="sm">
          Multi-factor authentication is <strong>off</strong>. With it on, signing in also needs a code from
          an app on your phone.
        </Text>
        <MfaEnrolment
          onEnabled={async () => {
            await refresh();
            setStatus('Multi-factor authentication is now on.');
          }}
        />
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      {status && (
        <Alert color="green" role="status">
          {status}
        </Alert>
      )}
      <Text size="sm">
        Multi-factor authentication is <strong>on</strong>. To turn it off, confirm your password and a
        current code.
      </Text>
      <MfaDisableForm
        onDisabled={async () => {
          await refresh();
          setStatus('Multi-factor authentication is now off.');
        }}
      />
    </Stack>
  );
}

function MfaDisableForm({ onDisabled }: { onDisabled: () => Promise<void> }) {
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { password, code: code.trim() };
    const invalid = schemaErrors(mfaDisableInput, input);
    setErrors(invalid);
    setFailure(null);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      await api.post('/me/mfa/disable', input);
      await onDisabled();
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.code === 'validation_failed'
          ? 'The password or code is not correct.'
          : errorMessage(error),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password}
          visibilityToggleButtonProps={{ 'aria-label': 'Show or hide password' }}
        />
        <Group align="flex-end">
          <TextInput
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={errors.code}
            w={180}
          />
          <Button type="submit" color="red.9" variant="outline" loading={busy}>
            Turn off multi-factor authentication
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
