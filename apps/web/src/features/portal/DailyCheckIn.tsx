import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  SegmentedControl,
  Slider,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type CheckIn, checkInListSchema, checkInResultSchema } from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** A crisis line beyond 988: the program's own. */
export interface CrisisLine {
  name: string;
  phone: string;
}

/**
 * Shown the moment suicidal thoughts are reported, before anything is sent (the network may fail):
 * 988 always, and the program's crisis line when the page already knows it.
 */
export function CrisisResources({ lines = [] }: { lines?: readonly CrisisLine[] }) {
  return (
    <Alert color="red" title="You do not have to go through this alone" role="alert">
      <Text size="sm">
        Call or text <strong>988</strong>, the Suicide & Crisis Lifeline, any time:{' '}
        <Anchor href="tel:988" c="inherit" underline="always" fw={700}>
          call 988
        </Anchor>{' '}
        ·{' '}
        <Anchor href="sms:988" c="inherit" underline="always" fw={700}>
          text 988
        </Anchor>
        . If you are in danger right now, call 911.
      </Text>
      {lines.map((line) => (
        <Text size="sm" mt={4} key={line.phone}>
          {line.name}:{' '}
          <Anchor href={`tel:${line.phone.replace(/[^\d+]/g, '')}`} c="inherit" underline="always" fw={700}>
            call {line.phone}
          </Anchor>
        </Text>
      ))}
    </Alert>
  );
}

const yesNo = [
  { value: 'no', label: 'No' },
  { value: 'yes', label: 'Yes' },
];

/** Check-ins shown in the participant's own trend. */
const trendDays = 7;

const shortDay = (date: string) =>
  new Date(`${date}T12:00:00Z`).toLocaleDateString(undefined, {
    weekday: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });

/** The last week of their own check-ins, as a small table they can read at a glance. */
function MyTrend({ items }: { items: readonly CheckIn[] }) {
  const recent = items.slice(0, trendDays).reverse();
  if (recent.length < 2) return null;
  return (
    <Table.ScrollContainer minWidth={0} mt="xs">
      <Table withTableBorder verticalSpacing={2} horizontalSpacing={6} fz="sm">
        <Table.Caption>Your last {recent.length} check-ins</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Day</Table.Th>
            {recent.map((item) => (
              <Table.Th scope="col" key={item.date}>
                {shortDay(item.date)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">Mood</Table.Th>
            {recent.map((item) => (
              <Table.Td key={item.date}>{item.mood}</Table.Td>
            ))}
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Craving</Table.Th>
            {recent.map((item) => (
              <Table.Td key={item.date}>{item.craving}</Table.Td>
            ))}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

const streakText = (days: number) =>
  days === 0 ? 'No check-ins in a row yet.' : `${days} day${days === 1 ? '' : 's'} in a row.`;

/**
 * The participant's daily check-in, under a minute on a phone: mood and craving from 0 to 10, sleep,
 * any use, thoughts of suicide (which show crisis resources at once, the program's line included) and
 * the skills of their recovery plan they used. Their streak and the last week's trend show above it.
 */
export function DailyCheckIn() {
  const [version, setVersion] = useState(0);
  const mine = useApiData(() => api.get('/me/check-ins', { schema: checkInListSchema }), [version]);
  const [mood, setMood] = useState(5);
  const [craving, setCraving] = useState(0);
  const [sleep, setSleep] = useState<number | string>('');
  const [used, setUsed] = useState('no');
  const [substance, setSubstance] = useState('');
  const [amount, setAmount] = useState('');
  const [suicidal, setSuicidal] = useState('no');
  const [note, setNote] = useState('');
  const [skillsUsed, setSkillsUsed] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    try {
      const result = await api.post(
        '/me/check-ins',
        {
          mood,
          craving,
          sleepHours: typeof sleep === 'number' ? sleep : null,
          used: used === 'yes',
          use:
            used === 'yes' && substance.trim()
              ? [{ substance: substance.trim(), amount: amount.trim() || null }]
              : [],
          suicidalThoughts: suicidal === 'yes',
          skillsUsed,
          note: note.trim() || null,
        },
        { schema: checkInResultSchema },
      );
      setDone(`Checked in for today. ${streakText(result.streak)}`);
      setVersion((count) => count + 1);
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="check-in-heading">
      <Title order={2} size="h3" id="check-in-heading" mb={4}>
        Today’s check-in
      </Title>
      {mine.data && <Text size="sm">Your streak: {streakText(mine.data.streak)}</Text>}
      {mine.data && <MyTrend items={mine.data.items} />}
      {done && (
        <Text size="sm" fw={600} role="status" mt="xs">
          {done}
        </Text>
      )}
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="md" mt="sm">
          <div>
            <Text size="sm" id="mood-label">
              Mood today: {mood} of 10
            </Text>
            <Slider
              min={0}
              max={10}
              step={1}
              value={mood}
              onChange={setMood}
              thumbLabel="Mood from 0 (worst) to 10 (best)"
              aria-labelledby="mood-label"
              label={null}
            />
          </div>
          <div>
            <Text size="sm" id="craving-label">
              Craving today: {craving} of 10
            </Text>
            <Slider
              min={0}
              max={10}
              step={1}
              value={craving}
              onChange={setCraving}
              thumbLabel="Craving from 0 (none) to 10 (strongest)"
              aria-labelledby="craving-label"
              label={null}
            />
          </div>
          <NumberInput
            label="Hours of sleep last night"
            min={0}
            max={24}
            step={0.5}
            decimalScale={1}
            value={sleep}
            onChange={setSleep}
          />
          <div>
            <Text size="sm" id="use-label">
              Any alcohol or drug use today?
            </Text>
            <SegmentedControl data={yesNo} value={used} onChange={setUsed} aria-labelledby="use-label" />
          </div>
          {used === 'yes' && (
            <Group grow align="flex-start">
              <TextInput
                label="What (optional)"
                value={substance}
                onChange={(e) => setSubstance(e.currentTarget.value)}
              />
              <TextInput
                label="How much (optional)"
                value={amount}
                onChange={(e) => setAmount(e.currentTarget.value)}
              />
            </Group>
          )}
          <div>
            <Text size="sm" id="suicidal-label">
              Any thoughts of suicide or of hurting yourself today?
            </Text>
            <SegmentedControl
              data={yesNo}
              value={suicidal}
              onChange={setSuicidal}
              aria-labelledby="suicidal-label"
            />
          </div>
          {suicidal === 'yes' && (
            <CrisisResources
              lines={(mine.data?.crisisResources ?? []).filter((line) => line.phone !== '988')}
            />
          )}
          {mine.data && mine.data.skills.length > 0 && (
            <Checkbox.Group
              label="Skills from your recovery plan you used today"
              value={skillsUsed}
              onChange={setSkillsUsed}
            >
              <Stack gap={6} mt={4}>
                {mine.data.skills.map((skill) => (
                  <Checkbox key={skill.id} value={skill.id} label={skill.text} />
                ))}
              </Stack>
            </Checkbox.Group>
          )}
          <Textarea
            label="Anything else (optional)"
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <ErrorAlert error={failure} title="Your check-in could not be saved" />
          <Button type="submit" loading={saving}>
            Check in
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
