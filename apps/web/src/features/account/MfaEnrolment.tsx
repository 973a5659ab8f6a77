import { Alert, Button, Code, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { mfaCodeInput, mfaSetupResponse } from '@stepwise/core';
import QRCode from 'qrcode';
import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { schemaErrors } from '../../api/form-errors';

interface Enrolment {
  secret: string;
  qrDataUrl: string;
}

/**
 * Enrols the signed-in user in TOTP: shows a QR code and the key as text (for people who cannot scan),
 * then asks for a first code to prove the app is set up.
 */
export function MfaEnrolment({ onEnabled }: { onEnabled: () => void | Promise<void> }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const setup = await api.post('/me/mfa/setup', undefined, { schema: mfaSetupResponse });
      const qrDataUrl = await QRCode.toDataURL(setup.otpauthUri, { margin: 1, width: 200 });
      setEnrolment({ secret: setup.secret, qrDataUrl });
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const enable = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { code: code.trim() };
    const invalid = schemaErrors(mfaCodeInput, input);
    setCodeError(invalid.code);
    setFailure(null);
    if (invalid.code) return;
    setBusy(true);
    try {
      await api.post('/me/mfa/enable', input);
      await onEnabled();
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  if (!enrolment) {
    return (
      <Stack gap="sm" align="flex-start">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Button onClick={start} loading={busy}>
          Set up an authenticator app
        </Button>
      </Stack>
    );
  }

  return (
    <form onSubmit={enable} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          1. Scan this QR code with an authenticator app (for example Google Authenticator, Microsoft
          Authenticator or 1Password).
        </Text>
        <Image
          src={enrolment.qrDataUrl}
          alt="QR code to add Stepwise to an authenticator app"
          w={200}
          h={200}
        />
        <Text size="sm">
          Or type this key into the app:{' '}
          <Code fz="sm" data-testid="mfa-secret" style={{ wordBreak: 'break-all' }}>
            {enrolment.secret}
          </Code>
        </Text>
        <Text size="sm">2. Enter the 6-digit code the app shows.</Text>
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Group align="flex-end">
          <TextInput
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={codeError}
            w={180}
          />
          <Button type="submit" loading={busy}>
            Turn on multi-factor authentication
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
