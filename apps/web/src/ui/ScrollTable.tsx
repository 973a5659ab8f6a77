import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a phone. The scrolling box is focusable and named so keyboard
 * users can scroll it too (WCAG 2.1.1).
 */
export function ScrollTable({
  label,
  minWidth = 560,
  children,
}: {
  label: string;
  minWidth?: number;
  children: ReactNode;
}) {
  return (
    <Box component="section" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }} mb="md">
      <Table highlightOnHover miw={minWidth} verticalSpacing="xs">
        {children}
      </Table>
    </Box>
  );
}
