import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { passwordChangeInput } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { api, errorMessage } from '../../api/client';
import { apiFieldErrors, type FieldErrors, schemaErrors } from '../../api/form-errors';

/** Changes the signed-in user's password; the server ends their other sessions. */
export function PasswordChangeForm() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { currentPassword, newPassword };
    const invalid = schemaErrors(passwordChangeInput, input);
    if (!invalid.newPassword && confirmation !== newPassword)
      invalid.confirmation = 'The two new passwords do not match.';
    setErrors(invalid);
    setResult(null);
    if (Object.keys(invalid).length > 0) return;
    setBusy(true);
    try {
      await api.post('/me/password', input);
      setCurrentPassword('');
      setNewPassword('');
      setConfirmation('');
      setResult({ ok: true, message: 'Your password has been changed. Other sessions were signed out.' });
    } catch (error) {
      const fieldErrors = apiFieldErrors(error);
      setErrors(fieldErrors);
      const message = fieldErrors.currentPassword
        ? 'The current password is not correct.'
        : errorMessage(error);
      setResult({ ok: false, message });
    } finally {
      setBusy(false);
    }
  };

  const toggle = (label: string) => ({ 'aria-label': `Show or hide ${label}` });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={420}>
        {result && (
          <Alert color={result.ok ? 'green' : 'red'} role={result.ok ? 'status' : 'alert'}>
            {result.message}
          </Alert>
        )}
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.currentTarget.value)}
          error={errors.currentPassword}
          visibilityToggleButtonProps={toggle('current password')}
        />
        <PasswordInput
          label="New password"
          description="At least 12 characters. A passphrase of several words is easy to remember."
          autoComplete="new-password"
          value={newPassword}
          onChange={(event) => setNewPassword(event.currentTarget.value)}
          error={errors.newPassword}
          visibilityToggleButtonProps={toggle('new password')}
        />
        <PasswordInput
          label="Repeat new password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
          error={errors.confirmation}
          visibilityToggleButtonProps={toggle('repeated password')}
        />
        <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
