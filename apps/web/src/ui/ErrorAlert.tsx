import { Alert } from '@mantine/core';
import { errorMessage } from '../api/client';

/** A failed request, said plainly; renders nothing when there is no error. */
export function ErrorAlert({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  if (error === undefined || error === null) return null;
  return (
    <Alert color="red" title={title} role="alert" mb="md">
      {errorMessage(error)}
    </Alert>
  );
}
