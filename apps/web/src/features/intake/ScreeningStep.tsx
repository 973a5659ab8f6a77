import { Alert, Button, Card, Group, Radio, Select, Stack, Text, Title } from '@mantine/core';
import {
  type Instrument,
  type InstrumentCode,
  type InstrumentResponse,
  instrumentResponseSchema,
  instruments,
  type Sex,
} from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { apiFieldErrors, type FieldErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { can } from '../../app/landing';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { useMe } from '../session/session-context';
import { codeLabel } from './labels';
import { alertList, instrumentList, responseList } from './lists';
import { ScoreFlags, ScoresTable } from './ScoresTable';

/**
 * Step one of the intake: administer screening instruments and see each score at once, with a
 * prominent notice when an answer raised a critical alert.
 */
export function ScreeningStep({
  participantId,
  canRecord,
  beforeRecording,
  onContinue,
}: {
  participantId: string;
  /** False once the referral is closed: the scores stay visible, nothing more is recorded here. */
  canRecord: boolean;
  /** Runs before the first answer is stored (moves the referral into screening). */
  beforeRecording: () => Promise<void>;
  onContinue: () => void;
}) {
  const published = useApiData(() => api.get('/instruments', { schema: instrumentList }), []);
  const responses = useApiData(
    () => api.get(`/participants/${participantId}/instrument-responses`, { schema: responseList }),
    [participantId],
  );
  const [code, setCode] = useState<InstrumentCode | null>(null);
  const [latest, setLatest] = useState<InstrumentResponse | null>(null);
  const instrument = published.data?.items.find((item) => item.code === code);

  return (
    <Stack gap="md">
      {canRecord && (
        <>
          <ErrorAlert error={published.error} title="The instruments could not be loaded" />
          <Select
            label="Instrument to administer"
            placeholder="Choose an instrument"
            data={(published.data?.items ?? []).map((item) => ({ value: item.code, label: item.title }))}
            value={code}
            onChange={(value) => {
              setCode(value as InstrumentCode | null);
              if (value) setLatest(null);
            }}
            maw={360}
          />
          {instrument && (
            <InstrumentForm
              key={instrument.code}
              instrument={instrument}
              participantId={participantId}
              beforeRecording={beforeRecording}
              onRecorded={(response) => {
                setLatest(response);
                setCode(null);
                responses.reload();
              }}
            />
          )}
        </>
      )}
      {latest && <ScoreResult response={latest} participantId={participantId} />}
      <section aria-labelledby="recorded-scores-heading">
        <Title order={3} size="h4" id="recorded-scores-heading" mb="xs">
          Scores recorded for this person
        </Title>
        <ScoresTable label="Scores recorded" state={{ ...responses, data: responses.data?.items }} />
      </section>
      <Group>
        <Button onClick={onContinue}>Continue to level of care</Button>
      </Group>
    </Stack>
  );
}

type AnswerValue = number | boolean | null;

/** One instrument, item by item as published, with a radio group per item. */
function InstrumentForm({
  instrument,
  participantId,
  beforeRecording,
  onRecorded,
}: {
  instrument: Instrument;
  participantId: string;
  beforeRecording: () => Promise<void>;
  onRecorded: (response: InstrumentResponse) => void;
}) {
  const [answers, setAnswers] = useState<AnswerValue[]>(() => instrument.items.map(() => null));
  const [sex, setSex] = useState<Sex | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const headingId = `instrument-${instrument.code}-heading`;

  const answer = (index: number, value: AnswerValue) => {
    setAnswers((previous) => previous.map((current, position) => (position === index ? value : current)));
    setErrors(({ [`answers.${index}`]: _answered, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(undefined);
    const missing: FieldErrors = {};
    answers.forEach((value, index) => {
      if (value === null) missing[`answers.${index}`] = 'Answer this question.';
    });
    if (instrument.needsSex && !sex) missing.sex = 'Choose the sex the cut-off is for.';
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    setSaving(true);
    try {
      await beforeRecording();
      const response = await api.post(
        `/participants/${participantId}/instrument-responses`,
        { instrument: instrument.code, answers, sex: sex ?? undefined },
        { schema: instrumentResponseSchema },
      );
      onRecorded(response);
    } catch (error) {
      setErrors(apiFieldErrors(error));
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  const unanswered = Object.keys(errors).filter((key) => key.startsWith('answers.')).length;
  return (
    <Card withBorder component="section" aria-labelledby={headingId}>
      <Title order={3} size="h4" id={headingId}>
        {instrument.title}
      </Title>
      <Text mb="sm">{instrument.instructions}</Text>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          {instrument.needsSex && (
            <Radio.Group
              label="Sex"
              description="The cut-off for a positive screen differs for women and men"
              required
              value={sex ?? ''}
              onChange={(value) => {
                setSex(value as Sex);
                setErrors(({ sex: _chosen, ...rest }) => rest);
              }}
              error={errors.sex}
            >
              <Group gap="md" mt={4}>
                <Radio value="female" label="Female" />
                <Radio value="male" label="Male" />
              </Group>
            </Radio.Group>
          )}
          {instrument.items.map((item, index) => {
            const value = answers[index];
            return (
              <Radio.Group
                key={item.linkId}
                label={`${index + 1}. ${item.text}`}
                value={value === null || value === undefined ? '' : String(value)}
                onChange={(chosen) =>
                  answer(index, item.kind === 'yes_no' ? chosen === 'true' : Number(chosen))
                }
                error={errors[`answers.${index}`]}
              >
                <Group gap="md" mt={4}>
                  {item.kind === 'yes_no' ? (
                    <>
                      <Radio value="true" label="Yes" />
                      <Radio value="false" label="No" />
                    </>
                  ) : (
                    (item.options ?? []).map((option) => (
                      <Radio key={option.value} value={String(option.value)} label={option.label} />
                    ))
                  )}
                </Group>
              </Radio.Group>
            );
          })}
          {unanswered > 0 && (
            <Alert color="red" role="alert">
              {unanswered === 1 ? 'One question is' : `${unanswered} questions are`} not answered yet.
            </Alert>
          )}
          <ErrorAlert error={failure} title="The answers could not be recorded" />
          <Group>
            <Button type="submit" loading={saving}>
              Record {instrument.title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** The score just recorded, and a critical-alert notice when the answers raised one. */
function ScoreResult({ response, participantId }: { response: InstrumentResponse; participantId: string }) {
  const { score } = response;
  return (
    <Card withBorder component="section" aria-labelledby="score-result-heading">
      <Title order={3} size="h4" id="score-result-heading" mb="xs">
        {instruments[response.instrument].title} result
      </Title>
      {response.alertIds.length > 0 && (
        <CriticalAlertNotice participantId={participantId} alertIds={response.alertIds} />
      )}
      <Facts cols={3}>
        <Fact label="Total">{score.total === null ? '—' : String(score.total)}</Fact>
        <Fact label="Band">{score.band ? codeLabel(score.band) : '—'}</Fact>
        <Fact label="Flags">
          <ScoreFlags flags={score.flags} />
        </Fact>
      </Facts>
      <Text mt="sm">{score.interpretation}</Text>
    </Card>
  );
}

/**
 * A critical alert went to the care team (PHQ-9 item 9 above 0, C-SSRS high risk). Those who respond to
 * alerts also see the suggested action; everyone is told to bring in a clinician now.
 */
function CriticalAlertNotice({ participantId, alertIds }: { participantId: string; alertIds: string[] }) {
  const me = useMe();
  const mayRespond = can(me, 'alerts:respond');
  const alerts = useApiData(
    () =>
      mayRespond
        ? api.get('/alerts', { query: { status: 'open', participantId }, schema: alertList })
        : Promise.resolve(undefined),
    [participantId, mayRespond],
  );
  const raised = alerts.data?.items.filter((alert) => alertIds.includes(alert.id)) ?? [];
  return (
    <Alert
      color="red.9"
      variant="filled"
      role="alert"
      title="Critical alert raised"
      mb="md"
      // The theme darkens alert titles for light alerts; on this filled one the title stays white.
      styles={{ title: { color: 'var(--mantine-color-white)', fontSize: 'var(--mantine-font-size-md)' } }}
    >
      <Text inherit>
        These answers raised{' '}
        {alertIds.length === 1 ? 'a critical alert' : `${alertIds.length} critical alerts`} for the care team.
        Bring in a clinician now, before the person leaves; if they are in immediate danger, follow the crisis
        protocol (988 Suicide &amp; Crisis Lifeline).
      </Text>
      {raised.map((alert) => (
        <Text inherit key={alert.id} mt="xs">
          Suggested action: {alert.suggestedAction}
        </Text>
      ))}
    </Alert>
  );
}
