import { Alert, Anchor, Box, Button, Fieldset, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  type MyRelapsePreventionPlan,
  type MySafetyPlan,
  participantPlanSignatureInput,
  type RelapsePreventionPlan,
  type SafetyPlan,
} from '@stepwise/core';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import { schemaErrors } from '../../api/form-errors';
import { useSaveForm } from '../../api/use-save-form';
import { readDevicePlans, saveDevicePlan } from '../../offline/device-plans';
import { registerServiceWorker } from '../../offline/register-service-worker';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageTitle } from '../../ui/PageTitle';
import { RelapsePreventionPlanView, SafetyPlanView } from '../recovery-plans/PlanViews';
import { relapsePreventionPlanKind, safetyPlanKind } from '../recovery-plans/plan-kinds';
import { useMe } from '../session/session-context';

/*
 * The participant's own safety plan and recovery (relapse-prevention) plan, one tap from their home:
 * large, in order, every number a link that dials it. Each time a plan loads, a copy is kept on the
 * phone (offline/device-plans.ts), and when the network is gone that copy is shown instead.
 */

type Which = 'safety' | 'relapsePrevention';
interface PlanPair<V> {
  active: V | null;
  draft: V | null;
}

/** In a crisis, before anything else: 988, to call or to text. */
export function CrisisLine() {
  return (
    <Alert color="red" title="In crisis now?" role="note">
      Call or text the 988 Suicide & Crisis Lifeline:{' '}
      <Anchor href="tel:988" c="inherit" underline="always" fw={700}>
        call 988
      </Anchor>{' '}
      or{' '}
      <Anchor href="sms:988" c="inherit" underline="always" fw={700}>
        text 988
      </Anchor>
      . In an emergency, call 911.
    </Alert>
  );
}

/** A version's content as the participant reads it. */
function contentOf(which: Which, plan: SafetyPlan | RelapsePreventionPlan, idPrefix: string): ReactNode {
  return which === 'safety' ? (
    <SafetyPlanView content={(plan as SafetyPlan).content} idPrefix={idPrefix} />
  ) : (
    <RelapsePreventionPlanView content={(plan as RelapsePreventionPlan).content} idPrefix={idPrefix} />
  );
}

/**
 * The plan in effect and a draft waiting for the participant's signature, read-only; `onSign` is
 * given only when signing is possible (online).
 */
export function MyPlanBody({
  which,
  plans,
  signForm,
}: {
  which: Which;
  plans: PlanPair<SafetyPlan | RelapsePreventionPlan>;
  signForm?: (draft: SafetyPlan | RelapsePreventionPlan) => ReactNode;
}) {
  const { active, draft } = plans;
  const name = which === 'safety' ? 'safety plan' : 'recovery plan';
  return (
    <Stack gap="xl">
      {!active && !draft && (
        <Text>
          Your care team writes your {name} with you in a session. Once it is written, it shows here.
        </Text>
      )}
      {active && (
        <Box component="section" aria-labelledby="plan-in-effect-heading">
          <Title order={2} size="h3" id="plan-in-effect-heading">
            My {name}
          </Title>
          <Text size="sm" mb="md">
            Version {active.version}, in effect since {formatDateTime(active.activatedAt)}
            {active.clinicianSignature ? `, signed by you and ${active.clinicianSignature.by.name}` : ''}.
          </Text>
          {contentOf(which, active, 'active')}
        </Box>
      )}
      {draft && (
        <Box component="section" aria-labelledby="plan-draft-heading">
          <Title order={2} size="h3" id="plan-draft-heading">
            {active
              ? `A new version to read and sign (version ${draft.version})`
              : `Your ${name}, ready to sign`}
          </Title>
          <Text size="sm" mb="md">
            {draft.clinicianSignature
              ? `${draft.clinicianSignature.by.name} signed it ${formatDateTime(draft.clinicianSignature.at)}.`
              : 'Your clinician has not signed it yet.'}{' '}
            {draft.participantSignature
              ? `You signed it as “${draft.participantSignature.name}”. It takes effect once your clinician signs it too.`
              : 'It takes effect once you and your clinician have both signed it.'}
          </Text>
          {contentOf(which, draft, 'draft')}
          {!draft.participantSignature && signForm && <Box mt="md">{signForm(draft)}</Box>}
        </Box>
      )}
    </Stack>
  );
}

/** The typed-name signature: the participant's name, typed by them, is their signature. */
function SignatureForm({
  path,
  draft,
  onSigned,
}: {
  path: string;
  draft: SafetyPlan | RelapsePreventionPlan;
  onSigned: () => void;
}) {
  const form = useForm({
    initialValues: { typedName: '' },
    validate: (values) => {
      const errors = schemaErrors(participantPlanSignatureInput, {
        planId: draft.id,
        revision: draft.revision,
        ...values,
      });
      if (errors.typedName && !values.typedName.trim()) errors.typedName = 'Type your full name to sign.';
      return errors;
    },
  });
  const { submit, failure } = useSaveForm(form, async (values) => {
    await api.post(`/me/${path}/sign`, {
      planId: draft.id,
      revision: draft.revision,
      typedName: values.typedName,
    });
    onSigned();
  });
  return (
    <form onSubmit={submit} noValidate>
      <Fieldset legend="Sign this plan" p="sm">
        <Stack gap="sm">
          <ErrorAlert error={failure} title="Your signature could not be recorded" />
          <Text size="sm">
            By typing your name and signing, you say that this plan is yours, written with your care team, and
            that you will use it.
          </Text>
          <TextInput
            label="Your full name"
            description="Typed by you: this is your signature"
            required
            autoComplete="off"
            {...form.getInputProps('typedName')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Sign my plan
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}

/** One of the participant's plans, online, with the device copy to fall back on. */
function MyPlanPage({ which }: { which: Which }) {
  const me = useMe();
  const config = which === 'safety' ? safetyPlanKind : relapsePreventionPlanKind;
  const [plans, setPlans] = useState<PlanPair<SafetyPlan | RelapsePreventionPlan> | undefined>(undefined);
  const [offlineSince, setOfflineSince] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  const load = useCallback(async () => {
    try {
      const loaded: MySafetyPlan | MyRelapsePreventionPlan =
        which === 'safety'
          ? await api.get(`/me/${safetyPlanKind.single}`, { schema: safetyPlanKind.my })
          : await api.get(`/me/${relapsePreventionPlanKind.single}`, {
              schema: relapsePreventionPlanKind.my,
            });
      saveDevicePlan(
        me.id,
        which === 'safety'
          ? { kind: 'safety', value: loaded as MySafetyPlan }
          : { kind: 'relapsePrevention', value: loaded as MyRelapsePreventionPlan },
      );
      setPlans(loaded);
      setOfflineSince(null);
      setError(undefined);
    } catch (caught) {
      const stored = readDevicePlans();
      const copy = stored?.userId === me.id ? stored[which] : null;
      if (caught instanceof ApiError && caught.code === 'network_error' && copy && stored) {
        setPlans(copy);
        setOfflineSince(stored.savedAt);
      } else {
        setError(caught);
      }
    }
  }, [which, me.id]);

  useEffect(() => {
    registerServiceWorker();
    void load();
  }, [load]);

  return (
    <>
      <Anchor component={Link} to="/me" size="sm">
        ← Home
      </Anchor>
      <PageTitle>{config.mine}</PageTitle>
      <Stack gap="lg">
        {which === 'safety' && <CrisisLine />}
        {offlineSince && <OfflineCopyNotice savedAt={offlineSince} />}
        <ErrorAlert
          error={error}
          title={`Your ${which === 'safety' ? 'safety' : 'recovery'} plan could not be loaded`}
        />
        {!plans && !error && <Text size="sm">Loading your plan…</Text>}
        {plans && (
          <MyPlanBody
            which={which}
            plans={plans}
            signForm={
              offlineSince
                ? undefined
                : (draft) => <SignatureForm path={config.single} draft={draft} onSigned={() => void load()} />
            }
          />
        )}
      </Stack>
    </>
  );
}

/** Says the plan shown is the copy kept on this phone, and from when. */
export function OfflineCopyNotice({ savedAt }: { savedAt: string }) {
  return (
    <Alert color="blue" title="You are offline" role="status">
      This is the copy saved on this phone, {formatDateTime(savedAt)}. It updates the next time you open it
      with a connection.
    </Alert>
  );
}

export const MySafetyPlanPage = () => <MyPlanPage which="safety" />;
export const MyRecoveryPlanPage = () => <MyPlanPage which="relapsePrevention" />;
