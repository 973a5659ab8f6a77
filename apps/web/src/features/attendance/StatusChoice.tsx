import { Radio, SimpleGrid, Text } from '@mantine/core';
import { type AttendanceStatus, attendanceStatuses, attendanceStatusLabels } from '@stepwise/core';
import type { ReactNode } from 'react';
import { attendanceStatusColors } from './statuses';

/**
 * The six statuses as a radio group of large buttons, two a line on a phone (one tap each). The group is
 * named by `label` (the attendee), so a screen reader hears "Alex Doe, radio group, Present".
 */
export function StatusChoice({
  label,
  description,
  value,
  onChange,
}: {
  label: ReactNode;
  description?: ReactNode;
  value: AttendanceStatus | null;
  onChange: (status: AttendanceStatus) => void;
}) {
  return (
    <Radio.Group
      label={label}
      description={description}
      value={value ?? ''}
      onChange={(next) => {
        const status = attendanceStatuses.find((candidate) => candidate === next);
        if (status) onChange(status);
      }}
      styles={{ label: { fontWeight: 700 } }}
    >
      <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing={6} verticalSpacing={6} mt={6}>
        {attendanceStatuses.map((status) => {
          const checked = value === status;
          return (
            <Radio.Card
              key={status}
              value={status}
              mih={44}
              px="sm"
              py={8}
              bg={checked ? attendanceStatusColors[status] : 'white'}
              style={{
                borderColor: checked ? 'transparent' : 'var(--mantine-color-gray-5)',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
              }}
            >
              <Text size="sm" fw={600} ta="center" c={checked ? 'white' : undefined}>
                {attendanceStatusLabels[status]}
              </Text>
            </Radio.Card>
          );
        })}
      </SimpleGrid>
    </Radio.Group>
  );
}
