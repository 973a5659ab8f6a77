import { Box, Text } from '@mantine/core';

/** Shown on every page of a demo organisation, so nobody mistakes it for a clinic's real records. */
export function DemoBanner() {
  return (
    <Box bg="yellow.2" px="md" py={6} role="note" aria-label="Demo organisation">
      <Text size="sm" fw={600} c="dark.9" ta="center">
        Demo organisation — synthetic data only
      </Text>
    </Box>
  );
}
