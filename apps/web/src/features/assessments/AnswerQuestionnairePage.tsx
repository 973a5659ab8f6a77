import { Alert, Anchor, Button, Card, Loader, Progress, Radio, Stack, Text, Title } from '@mantine/core';
import {
  type Answer,
  dueAssessmentListSchema,
  type Instrument,
  instrumentSchema,
  type PortalInstrumentResult,
  portalInstrumentResultSchema,
  type Sex,
} from '@stepwise/core';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageTitle } from '../../ui/PageTitle';
import { CrisisResources } from '../portal/DailyCheckIn';

type Item = Instrument['items'][number];

const yesNoOptions = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

const optionsOf = (item: Item) =>
  item.kind === 'yes_no'
    ? yesNoOptions
    : (item.options ?? []).map((option) => ({ value: String(option.value), label: option.label }));

const answerOf = (item: Item, choice: string): Answer =>
  item.kind === 'yes_no' ? choice === 'yes' : Number(choice);

const choiceOf = (answer: Answer | null): string =>
  answer === null ? '' : typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : String(answer);

/**
 * Answers that call for crisis resources at once, before anything is sent: PHQ-9 item 9 (thoughts of
 * death or self-harm) above 0, or any suicidal thought or behaviour on the C-SSRS screener.
 */
function needsCrisisResources(code: Instrument['code'], answers: readonly (Answer | null)[]): boolean {
  if (code === 'phq9') return typeof answers[8] === 'number' && answers[8] > 0;
  if (code === 'cssrs-screener') return answers.slice(0, 6).some((answer) => answer === true);
  return false;
}

/**
 * A due questionnaire on the participant's phone: each question a group of large choices, progress as
 * they go, then a thank-you. No score is shown (their clinician goes through it with them); crisis
 * resources show the moment an answer calls for them, whatever the network does.
 */
export function AnswerQuestionnairePage() {
  const { code = '' } = useParams();
  const instrument = useApiData(() => api.get(`/instruments/${code}`, { schema: instrumentSchema }), [code]);
  const due = useApiData(() => api.get('/me/assessments/due', { schema: dueAssessmentListSchema }), []);
  const home = (
    <Anchor component={Link} to="/me" size="sm">
      ← Home
    </Anchor>
  );

  if (instrument.error) {
    return (
      <>
        {home}
        <PageTitle>Questionnaire</PageTitle>
        <ErrorAlert error={instrument.error} title="This questionnaire could not be opened" />
      </>
    );
  }
  if (!instrument.data || (!due.data && !due.error)) return <Loader aria-label="Loading the questionnaire" />;
  return (
    <>
      {home}
      <PageTitle>{instrument.data.title}</PageTitle>
      <ErrorAlert error={due.error} title="Your questionnaires could not be loaded" />
      <QuestionnaireForm
        key={instrument.data.code}
        instrument={instrument.data}
        isDue={due.data?.items.some((item) => item.instrument === code) ?? true}
      />
    </>
  );
}

function QuestionnaireForm({ instrument, isDue }: { instrument: Instrument; isDue: boolean }) {
  const [answers, setAnswers] = useState<(Answer | null)[]>(() => instrument.items.map(() => null));
  const [sex, setSex] = useState<Sex | null>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [result, setResult] = useState<PortalInstrumentResult | null>(null);
  const crisis = needsCrisisResources(instrument.code, answers);

  if (result) {
    return (
      <Card withBorder component="section" aria-labelledby="thanks-heading">
        <Title order={2} size="h3" id="thanks-heading" mb="xs">
          Thank you
        </Title>
        <Text role="status">{result.message}</Text>
        {(crisis || result.crisisResources) && (
          <Stack mt="md">
            <CrisisResources lines={(result.crisisResources ?? []).filter((line) => line.phone !== '988')} />
          </Stack>
        )}
        <Button component={Link} to="/me" mt="md" size="md">
          Back to home
        </Button>
      </Card>
    );
  }
  if (!isDue) {
    return (
      <Card withBorder>
        <Text>This questionnaire is not due for you right now. Thank you for checking.</Text>
        <Button component={Link} to="/me" mt="md" size="md">
          Back to home
        </Button>
      </Card>
    );
  }

  const total = instrument.items.length;
  const answered = answers.filter((answer) => answer !== null).length;
  const percent = Math.round((answered / total) * 100);

  const choose = (index: number, answer: Answer) => {
    setAnswers((current) => current.map((old, at) => (at === index ? answer : old)));
    setMissing(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const left = total - answered;
    if (left > 0 || (instrument.needsSex && !sex)) {
      setMissing(
        left > 0
          ? `Please answer every question: ${left} ${left === 1 ? 'is' : 'are'} still open.`
          : 'Please choose the sex this questionnaire is scored for.',
      );
      return;
    }
    setSaving(true);
    setFailure(undefined);
    try {
      setResult(
        await api.post(
          '/me/instrument-responses',
          { instrument: instrument.code, answers, ...(sex ? { sex } : {}) },
          { schema: portalInstrumentResultSchema },
        ),
      );
      window.scrollTo({ top: 0 });
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="lg">
        <Text>{instrument.instructions}</Text>
        <div>
          <Text size="sm" id="questionnaire-progress">
            {answered} of {total} answered
          </Text>
          <Progress.Root size="lg" mt={4}>
            <Progress.Section value={percent} aria-labelledby="questionnaire-progress" />
          </Progress.Root>
        </div>
        {instrument.items.map((item, index) => (
          <Radio.Group
            key={item.linkId}
            label={`${index + 1}. ${item.text}`}
            value={choiceOf(answers[index] ?? null)}
            onChange={(choice) => choose(index, answerOf(item, choice))}
            styles={{ label: { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)' } }}
          >
            <Stack gap={6} mt={8}>
              {optionsOf(item).map((option) => (
                <AnswerCard
                  key={option.value}
                  value={option.value}
                  label={option.label}
                  checked={choiceOf(answers[index] ?? null) === option.value}
                />
              ))}
            </Stack>
          </Radio.Group>
        ))}
        {crisis && <CrisisResources />}
        {instrument.needsSex && (
          <Radio.Group
            label="Sex (the questionnaire’s cut-off differs by sex)"
            value={sex ?? ''}
            onChange={(choice) => setSex(choice === 'female' || choice === 'male' ? choice : null)}
            styles={{ label: { fontWeight: 600 } }}
          >
            <Stack gap={6} mt={8}>
              <AnswerCard value="female" label="Female" checked={sex === 'female'} />
              <AnswerCard value="male" label="Male" checked={sex === 'male'} />
            </Stack>
          </Radio.Group>
        )}
        {missing && (
          <Alert color="red" role="alert">
            {missing}
          </Alert>
        )}
        <ErrorAlert error={failure} title="Your answers could not be sent" />
        <Button type="submit" size="lg" loading={saving}>
          Send my answers
        </Button>
      </Stack>
    </form>
  );
}

/** One choice as a large card: the whole card is the target, at least 48 pixels high. */
function AnswerCard({ value, label, checked }: { value: string; label: string; checked: boolean }) {
  return (
    <Radio.Card
      value={value}
      mih={48}
      px="md"
      py={10}
      bg={checked ? 'blue.8' : 'white'}
      style={{
        borderColor: checked ? 'transparent' : 'var(--mantine-color-gray-5)',
        display: 'flex',
        alignItems: 'center',
      }}
    >
      <Text fw={600} c={checked ? 'white' : undefined}>
        {label}
      </Text>
    </Radio.Card>
  );
}
