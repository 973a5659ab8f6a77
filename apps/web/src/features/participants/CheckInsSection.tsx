import { Badge, Card, Loader, Table, Text, Title } from '@mantine/core';
import { type CheckIn, checkInListSchema } from '@stepwise/core';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { ScrollTable } from '../../ui/ScrollTable';

const describeUse = (checkIn: CheckIn) =>
  checkIn.used
    ? checkIn.use.length > 0
      ? checkIn.use
          .map((item) => (item.amount ? `${item.substance} (${item.amount})` : item.substance))
          .join(', ')
      : 'Yes'
    : 'No';

/**
 * The participant's daily check-ins of the last 30 days for the care team, newest first: mood,
 * craving, sleep, use, skills of their plan used, thoughts of suicide (marked), and their note. Read
 * with an audit event, like every part of the chart.
 */
export function CheckInsSection({ participantId }: { participantId: string }) {
  const list = useApiData(
    () => api.get(`/participants/${participantId}/check-ins`, { schema: checkInListSchema }),
    [participantId],
  );
  const skillName = new Map((list.data?.skills ?? []).map((skill) => [skill.id, skill.text]));
  const items = list.data?.items;
  return (
    <Card withBorder component="section" aria-labelledby="check-ins-heading">
      <Title order={2} size="h3" id="check-ins-heading" mb={4}>
        Daily check-ins
      </Title>
      <ErrorAlert error={list.error} title="The check-ins could not be loaded" />
      {list.loading && !items && <Loader aria-label="Loading check-ins" />}
      {items && items.length === 0 && <Text size="sm">No check-ins in the last 30 days.</Text>}
      {items && items.length > 0 && (
        <>
          <Text size="sm" mb="xs">
            {items.length} in the last 30 days; {list.data?.streak ?? 0} in a row up to today.
          </Text>
          <ScrollTable label="Check-ins of the last 30 days">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Day</Table.Th>
                <Table.Th scope="col">Mood</Table.Th>
                <Table.Th scope="col">Craving</Table.Th>
                <Table.Th scope="col">Sleep</Table.Th>
                <Table.Th scope="col">Use</Table.Th>
                <Table.Th scope="col">Skills used</Table.Th>
                <Table.Th scope="col">Note</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((checkIn) => (
                <Table.Tr key={checkIn.id}>
                  <Table.Th scope="row" fw={400}>
                    {formatDate(checkIn.date)}
                    {checkIn.suicidalThoughts && (
                      <Badge color="red.9" variant="filled" size="sm" ml={6}>
                        Suicidal thoughts
                      </Badge>
                    )}
                  </Table.Th>
                  <Table.Td>{checkIn.mood}</Table.Td>
                  <Table.Td>{checkIn.craving}</Table.Td>
                  <Table.Td>{checkIn.sleepHours === null ? '–' : `${checkIn.sleepHours} h`}</Table.Td>
                  <Table.Td>{describeUse(checkIn)}</Table.Td>
                  <Table.Td>
                    {checkIn.skillsUsed.length === 0
                      ? '–'
                      : checkIn.skillsUsed
                          .map((id) => skillName.get(id) ?? 'a skill of an earlier plan')
                          .join('; ')}
                  </Table.Td>
                  <Table.Td>{checkIn.note ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        </>
      )}
    </Card>
  );
}
