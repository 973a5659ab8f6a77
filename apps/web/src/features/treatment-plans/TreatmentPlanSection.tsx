import {
  Accordion,
  Badge,
  Box,
  Button,
  Card,
  em,
  Group,
  getBreakpointValue,
  Loader,
  Modal,
  Stack,
  Text,
  Title,
  useMantineTheme,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type PlanContentInput, type TreatmentPlan, treatmentPlanSchema, userSchema } from '@stepwise/core';
import { useState } from 'react';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetch-all';
import { useApiData } from '../../api/use-api-data';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Fact, Facts } from '../../ui/Fact';
import { formatDate, formatDateTime } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { episodeList } from '../intake/lists';
import { reviewStateColors, reviewStateLabels } from './labels';
import { planList } from './lists';
import { blankPlan, PlanForm, type PlanFormValues, planValues } from './PlanForm';
import { PlanProblems } from './PlanProblems';
import { PlanReviews } from './PlanReviews';

/** What the plan editor is open for: a new draft (first plan or a revision), or changing a draft. */
type Editing =
  | { kind: 'draft'; episodeId: string; initial: PlanFormValues; title: string }
  | { kind: 'edit'; plan: TreatmentPlan };

/**
 * The participant's treatment plan: the version in effect (problems, goals in their words, objectives,
 * interventions), when it is next reviewed, whether they have signed it, its reviews, and the versions
 * before it. Writers draft the first plan of the open episode or revise the plan in effect as a new
 * version, edit the draft, put it into effect, and record reviews.
 */
export function TreatmentPlanSection({
  participantId,
  canWrite,
}: {
  participantId: string;
  /** 'plans:write': draft, revise, put into effect, review; others only read. */
  canWrite: boolean;
}) {
  const theme = useMantineTheme();
  const isPhone = useMediaQuery(`(max-width: ${em(getBreakpointValue('sm', theme.breakpoints) - 0.1)})`);
  const plans = useApiData(
    () => api.get(`/participants/${participantId}/treatment-plans`, { schema: planList }),
    [participantId],
  );
  // Only writers need the open episode (a plan is drafted for it) and the staff directory.
  const episodes = useApiData(
    () =>
      canWrite
        ? api.get(`/participants/${participantId}/episodes`, { schema: episodeList })
        : Promise.resolve(undefined),
    [participantId, canWrite],
  );
  const staff = useApiData(
    () => (canWrite ? fetchAll('/staff', userSchema) : Promise.resolve([])),
    [canWrite],
  );
  const [editing, setEditing] = useState<Editing | null>(null);
  const [activating, setActivating] = useState<TreatmentPlan | null>(null);
  const [activateFailure, setActivateFailure] = useState<unknown>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const items = plans.data?.items ?? [];
  const active = items.find((plan) => plan.status === 'active');
  const draft = items.find((plan) => plan.status === 'draft');
  const earlier = items.filter((plan) => plan !== active && plan !== draft);
  const openEpisode = episodes.data?.items.find((episode) => episode.status === 'open');
  const revisable = active && active.episodeId === openEpisode?.id ? active : undefined;

  const saveDraft = async (content: PlanContentInput) => {
    if (!editing) return;
    const saved =
      editing.kind === 'draft'
        ? await api.post(
            `/participants/${participantId}/treatment-plans`,
            { episodeId: editing.episodeId, ...content },
            { schema: treatmentPlanSchema },
          )
        : await api.put(`/treatment-plans/${editing.plan.id}`, content, { schema: treatmentPlanSchema });
    setEditing(null);
    setNotice(`Draft saved (version ${saved.version}). It takes effect once you put it into effect.`);
    plans.reload();
  };

  const activate = async () => {
    if (!activating) return;
    setBusy(true);
    setActivateFailure(undefined);
    try {
      const plan = await api.post(`/treatment-plans/${activating.id}/activate`, undefined, {
        schema: treatmentPlanSchema,
      });
      setActivating(null);
      setNotice(
        `Version ${plan.version} is in effect. Its review is due by ${formatDate(plan.nextReviewDate)}.`,
      );
      plans.reload();
    } catch (error) {
      setActivateFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder component="section" aria-labelledby="treatment-plan-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="treatment-plan-heading">
          Treatment plan
        </Title>
        {canWrite && openEpisode && !draft && (
          <Button
            variant="outline"
            size="xs"
            disabled={!staff.data}
            onClick={() =>
              setEditing(
                revisable
                  ? {
                      kind: 'draft',
                      episodeId: openEpisode.id,
                      initial: planValues(revisable),
                      title: `Revise as version ${revisable.version + 1}`,
                    }
                  : { kind: 'draft', episodeId: openEpisode.id, initial: blankPlan(), title: 'Draft a plan' },
              )
            }
          >
            {revisable ? 'Revise as a new version' : 'Draft a plan'}
          </Button>
        )}
      </Group>
      <Notice mb="sm" onDismiss={() => setNotice(null)}>
        {notice}
      </Notice>
      <ErrorAlert error={plans.error} title="The treatment plan could not be loaded" />
      <ErrorAlert error={episodes.error ?? staff.error} title="Drafting a plan is not possible just now" />
      {plans.loading && !plans.data && <Loader aria-label="Loading the treatment plan" />}
      {plans.data && items.length === 0 && (
        <Text>
          No treatment plan yet.
          {canWrite && episodes.data && !openEpisode ? ' A plan is drafted for an open episode of care.' : ''}
        </Text>
      )}

      <Stack gap="lg">
        {active && (
          <Box component="section" aria-labelledby="plan-in-effect-heading">
            <Title order={3} size="h4" id="plan-in-effect-heading" mb="xs">
              In effect: version {active.version}
            </Title>
            <PlanFacts plan={active} />
            <PlanProblems problems={active.problems} order={4} />
            <PlanReviews
              plan={active}
              canWrite={canWrite}
              onRecorded={(review) => {
                setNotice(`Review recorded. The next review is due by ${formatDate(review.nextReviewDate)}.`);
                plans.reload();
              }}
            />
          </Box>
        )}

        {draft && (
          <Box component="section" aria-labelledby="plan-draft-heading">
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4" id="plan-draft-heading">
                Draft: version {draft.version}
              </Title>
              {canWrite && (
                <Group gap="xs">
                  <Button
                    variant="outline"
                    size="xs"
                    disabled={!staff.data}
                    onClick={() => setEditing({ kind: 'edit', plan: draft })}
                  >
                    Edit draft
                  </Button>
                  <Button
                    size="xs"
                    onClick={() => {
                      setActivateFailure(undefined);
                      setActivating(draft);
                    }}
                  >
                    Put into effect
                  </Button>
                </Group>
              )}
            </Group>
            <Text size="sm" mb="sm">
              Not in effect yet: drafted by {draft.createdBy.name}, {formatDateTime(draft.createdAt)}.
            </Text>
            <PlanProblems problems={draft.problems} order={4} />
          </Box>
        )}

        {earlier.length > 0 && (
          <Box component="section" aria-labelledby="plan-earlier-heading">
            <Title order={3} size="h4" id="plan-earlier-heading" mb="xs">
              Earlier versions
            </Title>
            <Accordion variant="contained" order={4}>
              {earlier.map((plan) => (
                <Accordion.Item key={plan.id} value={plan.id}>
                  <Accordion.Control>
                    Version {plan.version}
                    {plan.activatedAt ? `, took effect ${formatDateTime(plan.activatedAt)}` : ''}
                  </Accordion.Control>
                  <Accordion.Panel>
                    <PlanFacts plan={plan} />
                    <PlanProblems problems={plan.problems} order={5} />
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          </Box>
        )}
      </Stack>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.kind === 'edit' ? `Edit draft version ${editing.plan.version}` : editing?.title}
        size="xl"
        fullScreen={isPhone === true}
      >
        {editing && (
          <PlanForm
            initial={editing.kind === 'edit' ? planValues(editing.plan) : editing.initial}
            staff={staff.data}
            submitLabel="Save draft"
            save={saveDraft}
          />
        )}
      </Modal>

      <Modal
        opened={activating !== null}
        onClose={() => setActivating(null)}
        title={`Put version ${activating?.version ?? ''} into effect`}
      >
        {activating && (
          <Stack>
            <ErrorAlert error={activateFailure} title="The plan could not be put into effect" />
            <Text>
              Once in effect, version {activating.version} never changes: later changes are a new version.
              {active ? ` Version ${active.version}, in effect now, is superseded.` : ''} Its review falls due
              in {activating.reviewEveryDays} days.
            </Text>
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => setActivating(null)}>
                Keep as draft
              </Button>
              <Button loading={busy} onClick={activate}>
                Put into effect
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}

/** When a plan took effect, when it is next reviewed (overdue in red) and whether the participant signed. */
function PlanFacts({ plan }: { plan: TreatmentPlan }) {
  // Placed by the server, in the zone of the program's site.
  const state = plan.reviewState;
  return (
    <Box mb="sm">
      <Facts cols={3}>
        <Fact label="Took effect">
          {formatDateTime(plan.activatedAt)}
          {plan.status === 'superseded' ? ' (since superseded)' : ''}
        </Fact>
        {plan.nextReviewDate && (
          <Fact label="Next review">
            <Text
              component="span"
              c={state === 'overdue' ? 'red.9' : undefined}
              fw={state === 'overdue' ? 700 : undefined}
            >
              {formatDate(plan.nextReviewDate)}
            </Text>{' '}
            {state && state !== 'scheduled' && (
              <Badge color={reviewStateColors[state]} variant="filled" size="sm">
                {reviewStateLabels[state]}
              </Badge>
            )}
          </Fact>
        )}
        <Fact label="Participant’s signature">
          {plan.acknowledgement
            ? `Signed as “${plan.acknowledgement.name}”, ${formatDateTime(plan.acknowledgement.at)}`
            : 'Not yet signed by the participant'}
        </Fact>
      </Facts>
      <Text size="sm" mt="xs">
        Written by {plan.createdBy.name}; reviewed every {plan.reviewEveryDays} days.
      </Text>
    </Box>
  );
}
