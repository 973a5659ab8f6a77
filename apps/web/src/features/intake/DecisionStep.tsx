import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type UseFormReturnType, useForm } from '@mantine/form';
import {
  type Episode,
  episodeInput,
  episodeSchema,
  type LevelOfCareAssessment,
  levelOfCareLabels,
  type Program,
  type Referral,
  referralSchema,
  referralStatusInput,
  referralStatusLabels,
  trackSchema,
  type User,
} from '@stepwise/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { optional, schemaErrors } from '../../api/form-errors';
import { useApiData } from '../../api/use-api-data';
import { useSaveForm } from '../../api/use-save-form';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { orDash } from '../../ui/format';
import { EpisodeFacts } from './EpisodeFacts';
import { isoDate } from './labels';
import { episodeList } from './lists';
import { staffOptions } from './staff-options';

type Outcome = 'admit' | 'referred_out' | 'waitlisted' | 'declined';

/**
 * Step three of the intake: admit (open an episode of care), refer elsewhere, waitlist or decline.
 * Admission needs a level-of-care decision of IOP; after it the episode is shown.
 */
export function DecisionStep({
  referral,
  assessment,
  programs,
  staff,
  readyForAdmission,
  onChanged,
}: {
  referral: Referral;
  /** The newest level-of-care assessment of this person. */
  assessment: LevelOfCareAssessment | undefined;
  programs: Program[];
  staff: User[] | undefined;
  /** Moves the referral to assessment when it is still earlier: only then may it be admitted. */
  readyForAdmission: () => Promise<void>;
  onChanged: (referral: Referral) => void;
}) {
  const [outcome, setOutcome] = useState<Outcome>('admit');

  if (referral.status === 'admitted') return <Admitted referral={referral} />;
  if (referral.status === 'referred_out' || referral.status === 'declined') {
    return (
      <Alert color="gray" role="status" title={referralStatusLabels[referral.status]}>
        {referral.status === 'referred_out' && <>Referred to {orDash(referral.referredOutTo)}. </>}
        Reason: {orDash(referral.closingReason)}
      </Alert>
    );
  }

  const outcomes: { value: Outcome; label: string }[] = [
    { value: 'admit', label: 'Admit' },
    { value: 'referred_out', label: 'Refer out' },
    ...(referral.status === 'waitlisted' ? [] : [{ value: 'waitlisted' as const, label: 'Waitlist' }]),
    { value: 'declined', label: 'Decline' },
  ];
  return (
    <Stack gap="md">
      <div>
        <Text component="span" size="sm" fw={500} id="outcome-label">
          Outcome
        </Text>
        <SegmentedControl
          fullWidth
          aria-labelledby="outcome-label"
          data={outcomes}
          value={outcome}
          onChange={(value) => setOutcome(value as Outcome)}
        />
      </div>
      {outcome === 'admit' ? (
        <AdmissionGate
          referral={referral}
          assessment={assessment}
          programs={programs}
          staff={staff}
          readyForAdmission={readyForAdmission}
          onAdmitted={onChanged}
        />
      ) : (
        <StatusForm key={outcome} referral={referral} status={outcome} onMoved={onChanged} />
      )}
    </Stack>
  );
}

/** The admission form, once the level-of-care decision allows an IOP admission. */
function AdmissionGate({
  referral,
  assessment,
  programs,
  staff,
  readyForAdmission,
  onAdmitted,
}: {
  referral: Referral;
  assessment: LevelOfCareAssessment | undefined;
  programs: Program[];
  staff: User[] | undefined;
  readyForAdmission: () => Promise<void>;
  onAdmitted: (referral: Referral) => void;
}) {
  if (!assessment?.decision) {
    return (
      <Alert color="yellow" role="status" title="No level-of-care decision yet">
        Admission follows a level-of-care assessment that a clinician has confirmed or overridden. Record one
        in the previous step.
      </Alert>
    );
  }
  if (assessment.decision.level !== 'iop') {
    return (
      <Alert color="yellow" role="status" title="The decided level is not IOP">
        The decision is {levelOfCareLabels[assessment.decision.level]}. Refer the person to that level of
        care, or record a new assessment if their situation has changed.
      </Alert>
    );
  }
  return (
    <AdmissionForm
      referral={referral}
      assessment={assessment}
      programs={programs}
      staff={staff}
      readyForAdmission={readyForAdmission}
      onAdmitted={onAdmitted}
    />
  );
}

interface AdmissionFormValues {
  programId: string;
  /** Null when left empty: a clearable select shows its clear button for any other value. */
  trackId: string | null;
  phase: string;
  startDate: string;
  expectedLengthDays: number | string;
  primaryClinicianId: string;
  supervisorId: string | null;
  prescriberId: string | null;
  payer: string;
  authorizationNumber: string;
  diagnoses: { code: string; description: string }[];
}

function toEpisodeInput(values: AdmissionFormValues, referral: Referral, assessment: LevelOfCareAssessment) {
  return {
    programId: values.programId,
    trackId: values.trackId || undefined,
    referralId: referral.id,
    levelOfCareAssessmentId: assessment.id,
    phase: values.phase,
    startDate: values.startDate,
    expectedLengthDays: values.expectedLengthDays === '' ? undefined : Number(values.expectedLengthDays),
    primaryClinicianId: values.primaryClinicianId,
    supervisorId: values.supervisorId || undefined,
    prescriberId: values.prescriberId || undefined,
    payer: optional(values.payer),
    authorizationNumber: optional(values.authorizationNumber),
    diagnoses: values.diagnoses.map((diagnosis) => ({
      code: diagnosis.code,
      description: optional(diagnosis.description),
    })),
  };
}

/** The schema's messages, with the ones for empty pickers said in the form's words. */
function admissionErrors(values: AdmissionFormValues, referral: Referral, assessment: LevelOfCareAssessment) {
  const errors = schemaErrors(episodeInput, toEpisodeInput(values, referral, assessment));
  if (!values.programId) errors.programId = 'Choose the program.';
  if (!values.primaryClinicianId) errors.primaryClinicianId = 'Choose the primary clinician.';
  if (values.expectedLengthDays === '') errors.expectedLengthDays = 'Give the expected length in days.';
  return errors;
}

/** Clinical staff who can carry a caseload, and those who supervise. */
const caseloadRoles = ['clinician', 'supervisor', 'director'] as const;
const supervisorRoles = ['supervisor', 'director'] as const;

function AdmissionForm({
  referral,
  assessment,
  programs,
  staff,
  readyForAdmission,
  onAdmitted,
}: {
  referral: Referral;
  assessment: LevelOfCareAssessment;
  programs: Program[];
  staff: User[] | undefined;
  readyForAdmission: () => Promise<void>;
  onAdmitted: (referral: Referral) => void;
}) {
  const form = useForm<AdmissionFormValues>({
    initialValues: {
      programId: assessment.programId ?? referral.programId ?? '',
      trackId: null,
      phase: 'Orientation',
      startDate: isoDate(new Date()),
      expectedLengthDays: '',
      primaryClinicianId: '',
      supervisorId: null,
      prescriberId: null,
      payer: '',
      authorizationNumber: '',
      diagnoses: [],
    },
    validate: (values) => admissionErrors(values, referral, assessment),
  });
  const { programId } = form.values;
  const tracks = useApiData(
    () => (programId ? fetchAll('/tracks', trackSchema, { programId }) : Promise.resolve([])),
    [programId],
  );
  const { submit, failure } = useSaveForm(form, async (values) => {
    await readyForAdmission();
    await api.post(
      `/participants/${referral.participantId}/episodes`,
      toEpisodeInput(values, referral, assessment),
      { schema: episodeSchema },
    );
    onAdmitted(await api.get(`/referrals/${referral.id}`, { schema: referralSchema }));
  });
  const clinicians = staffOptions(staff, caseloadRoles);

  return (
    <Card withBorder component="section" aria-labelledby="admission-heading">
      <Title order={3} size="h4" id="admission-heading" mb="xs">
        Admission
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <ErrorAlert error={failure} title="The admission could not be recorded" />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label="Program"
              required
              data={programs.map((program) => ({ value: program.id, label: program.name }))}
              {...form.getInputProps('programId')}
              onChange={(value) => {
                form.setFieldValue('programId', value ?? '');
                form.setFieldValue('trackId', null);
              }}
            />
            <Select
              label="Track"
              placeholder={programId ? 'No track yet' : 'Choose the program first'}
              clearable
              disabled={!programId}
              data={(tracks.data ?? []).map((track) => ({ value: track.id, label: track.name }))}
              {...form.getInputProps('trackId')}
            />
            <TextInput label="Phase" required {...form.getInputProps('phase')} />
            <TextInput label="Start date" type="date" required {...form.getInputProps('startDate')} />
            <NumberInput
              label="Expected length (days)"
              description="For example 56 for eight weeks"
              required
              min={1}
              max={365}
              allowDecimal={false}
              {...form.getInputProps('expectedLengthDays')}
            />
            <Select
              label="Primary clinician"
              required
              data={clinicians}
              {...form.getInputProps('primaryClinicianId')}
            />
            <Select
              label="Supervisor"
              placeholder="None"
              clearable
              data={staffOptions(staff, supervisorRoles)}
              {...form.getInputProps('supervisorId')}
            />
            <Select
              label="Prescriber"
              placeholder="None"
              clearable
              data={clinicians}
              {...form.getInputProps('prescriberId')}
            />
            <TextInput label="Payer" {...form.getInputProps('payer')} />
            <TextInput label="Authorization number" {...form.getInputProps('authorizationNumber')} />
          </SimpleGrid>
          <DiagnosisRows form={form} />
          <Group>
            <Button type="submit" loading={form.submitting}>
              Admit
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** ICD-10 diagnoses, one row each. */
function DiagnosisRows({ form }: { form: UseFormReturnType<AdmissionFormValues> }) {
  const rows = form.values.diagnoses;
  return (
    <Stack gap="xs" component="fieldset" m={0} p={0} style={{ border: 0 }}>
      <Text component="legend" size="sm" fw={500} p={0}>
        Diagnoses (ICD-10)
      </Text>
      {rows.length === 0 && <Text size="sm">None added.</Text>}
      {rows.map((_row, index) => (
        // Rows have no identity of their own; the position is their key while the form is open.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above.
        <Group key={index} align="flex-start" gap="xs" wrap="wrap">
          <TextInput
            label={`Diagnosis ${index + 1} code`}
            placeholder="F10.20"
            required
            w={160}
            {...form.getInputProps(`diagnoses.${index}.code`)}
          />
          <TextInput
            label={`Diagnosis ${index + 1} description`}
            style={{ flex: '1 1 200px' }}
            {...form.getInputProps(`diagnoses.${index}.description`)}
          />
          <ActionIcon
            variant="outline"
            color="red.9"
            size="lg"
            mt={25}
            aria-label={`Remove diagnosis ${index + 1}`}
            onClick={() => form.removeListItem('diagnoses', index)}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="outline"
          size="xs"
          onClick={() => form.insertListItem('diagnoses', { code: '', description: '' })}
        >
          Add diagnosis
        </Button>
      </Group>
    </Stack>
  );
}

/** After admission: the episode that was opened, and the way to the participant's record. */
function Admitted({ referral }: { referral: Referral }) {
  const episodes = useApiData(
    () => api.get(`/participants/${referral.participantId}/episodes`, { schema: episodeList }),
    [referral.participantId],
  );
  const episode: Episode | undefined = episodes.data?.items.find((item) => item.id === referral.episodeId);
  return (
    <Stack gap="md">
      <Alert color="teal" role="status" title="Admitted">
        {referral.participantName} was admitted on {orDash(referral.admittedOn)}
        {referral.daysToAdmission !== null &&
          `, ${referral.daysToAdmission} day${referral.daysToAdmission === 1 ? '' : 's'} after the referral`}
        .{' '}
        <Anchor
          component={Link}
          to={`/participants/${referral.participantId}`}
          c="inherit"
          underline="always"
          fw={600}
        >
          Open the participant’s record
        </Anchor>
      </Alert>
      <ErrorAlert error={episodes.error} title="The episode could not be loaded" />
      {episode && (
        <Card withBorder component="section" aria-labelledby="episode-heading">
          <Title order={3} size="h4" id="episode-heading" mb="xs">
            Episode of care
          </Title>
          <EpisodeFacts episode={episode} />
        </Card>
      )}
    </Stack>
  );
}

interface StatusFormValues {
  referredOutTo: string;
  reason: string;
  note: string;
}

const statusButtons: Record<Exclude<Outcome, 'admit'>, string> = {
  referred_out: 'Refer out',
  waitlisted: 'Add to waitlist',
  declined: 'Decline referral',
};

/** Refer elsewhere (where to and why), waitlist (with a note) or decline (why). */
function StatusForm({
  referral,
  status,
  onMoved,
}: {
  referral: Referral;
  status: Exclude<Outcome, 'admit'>;
  onMoved: (referral: Referral) => void;
}) {
  const toInput = (values: StatusFormValues) => ({
    status,
    referredOutTo: status === 'referred_out' ? optional(values.referredOutTo) : undefined,
    reason: status === 'waitlisted' ? undefined : optional(values.reason),
    note: status === 'waitlisted' ? optional(values.note) : undefined,
  });
  const form = useForm<StatusFormValues>({
    initialValues: { referredOutTo: '', reason: '', note: '' },
    validate: (values) => {
      const errors = schemaErrors(referralStatusInput, toInput(values));
      if (status === 'referred_out' && !values.referredOutTo.trim())
        errors.referredOutTo = 'Say where the person is referred to.';
      if (status !== 'waitlisted' && !values.reason.trim()) errors.reason = 'Say why.';
      return errors;
    },
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    onMoved(await api.post(`/referrals/${referral.id}/status`, toInput(values), { schema: referralSchema }));
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={failure} title="The referral could not be updated" />
        {status === 'referred_out' && (
          <TextInput
            label="Referred to"
            description="The program or provider, e.g. a residential program"
            required
            {...form.getInputProps('referredOutTo')}
          />
        )}
        {status === 'waitlisted' ? (
          <Textarea label="Note" autosize minRows={2} {...form.getInputProps('note')} />
        ) : (
          <Textarea label="Reason" required autosize minRows={2} {...form.getInputProps('reason')} />
        )}
        <Group>
          <Button type="submit" loading={form.submitting} color={status === 'declined' ? 'red.9' : undefined}>
            {statusButtons[status]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
