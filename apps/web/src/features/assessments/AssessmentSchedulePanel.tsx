import {
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  List,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  type InstrumentCode,
  instrumentCodes,
  instruments,
  type Program,
  type ProgramAssessmentSchedule,
  programAssessmentScheduleSchema,
  type ScheduleRule,
} from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';

/** One instrument's rules as the form holds them. */
interface InstrumentRules {
  admission: boolean;
  everyDays: number | '';
  discharge: boolean;
  afterItem9: boolean;
}

const none: InstrumentRules = { admission: false, everyDays: '', discharge: false, afterItem9: false };

function rulesByInstrument(rules: readonly ScheduleRule[]): Record<InstrumentCode, InstrumentRules> {
  const byCode = Object.fromEntries(instrumentCodes.map((code) => [code, { ...none }])) as Record<
    InstrumentCode,
    InstrumentRules
  >;
  for (const rule of rules) {
    const entry = byCode[rule.instrument];
    if (rule.kind === 'admission') entry.admission = true;
    if (rule.kind === 'interval') entry.everyDays = rule.everyDays;
    if (rule.kind === 'discharge') entry.discharge = true;
    if (rule.kind === 'triggered') entry.afterItem9 = true;
  }
  return byCode;
}

function rulesFrom(byCode: Record<InstrumentCode, InstrumentRules>): ScheduleRule[] {
  return instrumentCodes.flatMap((instrument) => {
    const entry = byCode[instrument];
    const rules: ScheduleRule[] = [];
    if (entry.admission) rules.push({ instrument, kind: 'admission' });
    if (entry.everyDays !== '') rules.push({ instrument, kind: 'interval', everyDays: entry.everyDays });
    if (entry.discharge) rules.push({ instrument, kind: 'discharge' });
    if (entry.afterItem9) rules.push({ instrument, kind: 'triggered', trigger: 'phq9_item9' });
    return rules;
  });
}

/** "at admission, every 14 days, before discharge" for one instrument's rules. */
function summaryOf(entry: InstrumentRules): string {
  return [
    ...(entry.admission ? ['at admission'] : []),
    ...(entry.everyDays !== '' ? [`every ${entry.everyDays} days`] : []),
    ...(entry.discharge ? ['before discharge'] : []),
    ...(entry.afterItem9 ? ['when PHQ-9 item 9 is above 0'] : []),
  ].join(', ');
}

/**
 * A program's assessment schedule: which questionnaires fall due when, read by the care team and
 * changed by those who tune the program's clinical rules (a new version each time).
 */
export function AssessmentSchedulePanel({ program, canEdit }: { program: Program; canEdit: boolean }) {
  const schedule = useApiData(
    () => api.get(`/programs/${program.id}/assessment-schedule`, { schema: programAssessmentScheduleSchema }),
    [program.id],
  );
  const [editing, setEditing] = useState(false);
  const byCode = schedule.data ? rulesByInstrument(schedule.data.rules) : null;
  const listed = byCode ? instrumentCodes.filter((code) => summaryOf(byCode[code]) !== '') : [];
  return (
    <Card withBorder component="section" aria-labelledby="assessment-schedule-heading">
      <Group justify="space-between" align="flex-start" mb={4}>
        <Title order={2} size="h3" id="assessment-schedule-heading">
          Assessment schedule
        </Title>
        {canEdit && schedule.data && (
          <Button size="xs" variant="outline" onClick={() => setEditing(true)}>
            Edit schedule
          </Button>
        )}
      </Group>
      <ErrorAlert error={schedule.error} title="The assessment schedule could not be loaded" />
      {!schedule.data && !schedule.error && <Text size="sm">Loading…</Text>}
      {schedule.data && byCode && (
        <>
          <Text size="sm" mb="sm">
            {schedule.data.isDefault
              ? 'Stepwise’s default schedule.'
              : `Version ${schedule.data.version}, changed by ${schedule.data.changedBy?.name ?? '—'} on ${formatDateTime(schedule.data.changedAt)}.`}
          </Text>
          {listed.length === 0 ? (
            <Text size="sm">No questionnaires are scheduled.</Text>
          ) : (
            <List size="sm" spacing={4} aria-label="Questionnaires scheduled">
              {listed.map((code) => (
                <List.Item key={code}>
                  <Text span size="sm" fw={600}>
                    {instruments[code].title}
                  </Text>
                  : {summaryOf(byCode[code])}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
      <Modal opened={editing} onClose={() => setEditing(false)} title="Edit assessment schedule" size="lg">
        {editing && schedule.data && (
          <ScheduleForm
            schedule={schedule.data}
            onSaved={() => {
              setEditing(false);
              schedule.reload();
            }}
          />
        )}
      </Modal>
    </Card>
  );
}

function ScheduleForm({ schedule, onSaved }: { schedule: ProgramAssessmentSchedule; onSaved: () => void }) {
  const [byCode, setByCode] = useState(() => rulesByInstrument(schedule.rules));
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const change = (code: InstrumentCode, patch: Partial<InstrumentRules>) =>
    setByCode((current) => ({ ...current, [code]: { ...current[code], ...patch } }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(undefined);
    try {
      await api.put(
        `/programs/${schedule.programId}/assessment-schedule`,
        { rules: rulesFrom(byCode) },
        { schema: programAssessmentScheduleSchema },
      );
      onSaved();
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <Text size="sm">
          Changes apply at once to everyone in the program. Intervals count from each participant’s admission
          (7 to 180 days).
        </Text>
        {instrumentCodes.map((code) => {
          const entry = byCode[code];
          return (
            <Fieldset key={code} legend={instruments[code].title} variant="filled">
              <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
                <Checkbox
                  label="At admission"
                  checked={entry.admission}
                  onChange={(event) => change(code, { admission: event.currentTarget.checked })}
                />
                <Checkbox
                  label="Before discharge"
                  checked={entry.discharge}
                  onChange={(event) => change(code, { discharge: event.currentTarget.checked })}
                />
                <NumberInput
                  label="Every … days (empty: not repeated)"
                  min={7}
                  max={180}
                  allowDecimal={false}
                  value={entry.everyDays}
                  onChange={(value) => change(code, { everyDays: typeof value === 'number' ? value : '' })}
                />
                {code === 'cssrs-screener' && (
                  <Checkbox
                    label="When PHQ-9 item 9 is above 0"
                    checked={entry.afterItem9}
                    onChange={(event) => change(code, { afterItem9: event.currentTarget.checked })}
                  />
                )}
              </SimpleGrid>
            </Fieldset>
          );
        })}
        <ErrorAlert error={failure} title="The schedule could not be saved" />
        <Button type="submit" loading={saving}>
          Save schedule
        </Button>
      </Stack>
    </form>
  );
}
