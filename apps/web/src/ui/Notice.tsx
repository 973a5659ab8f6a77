import { Alert, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** What an action just did, announced politely and dismissible; nothing when there is no message. */
export function Notice({
  children,
  onDismiss,
  mb,
}: {
  children: ReactNode;
  onDismiss: () => void;
  mb?: MantineSpacing;
}) {
  if (children === null || children === undefined || children === false || children === '') return null;
  return (
    <Alert color="green" role="status" mb={mb} withCloseButton closeButtonLabel="Dismiss" onClose={onDismiss}>
      {children}
    </Alert>
  );
}
