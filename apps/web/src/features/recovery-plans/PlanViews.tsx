import { Anchor, Box, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import {
  type RelapsePreventionContentView,
  relapsePreventionSectionLabels,
  relapsePreventionSections,
  type SafetyPlanContentView,
  safetyPlanSectionLabels,
  safetyPlanSections,
} from '@stepwise/core';
import type { ReactNode } from 'react';

/*
 * The two plans as they are read: on the participant's phone (large enough to use in a crisis, every
 * number a link that dials it) and on the chart. Each section keeps its place even when empty, so the
 * Stanley-Brown order is always the same.
 */

/** A number as a link that calls it. */
export function PhoneLink({ phone, label }: { phone: string; label?: string }) {
  return (
    <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} underline="always" fw={600}>
      {label ?? phone}
    </Anchor>
  );
}

function PlanSection({
  id,
  title,
  prompt,
  order,
  empty,
  children,
}: {
  id: string;
  title: string;
  prompt: string;
  order: TitleOrder;
  empty: boolean;
  children: ReactNode;
}) {
  return (
    <Box component="section" aria-labelledby={id}>
      <Title order={order} size="h4" id={id}>
        {title}
      </Title>
      <Text size="sm" mb={4}>
        {prompt}
      </Text>
      {empty ? (
        <Text size="sm" fs="italic">
          Nothing written here yet.
        </Text>
      ) : (
        children
      )}
    </Box>
  );
}

function Items({ children }: { children: ReactNode }) {
  return (
    <Stack component="ul" gap={6} m={0} pl="lg" style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Stack>
  );
}

/** The six Stanley-Brown sections in their order. `idPrefix` keeps heading ids unique on a page. */
export function SafetyPlanView({
  content,
  order = 3,
  idPrefix,
}: {
  content: SafetyPlanContentView;
  order?: TitleOrder;
  idPrefix: string;
}) {
  return (
    <Stack gap="md">
      {safetyPlanSections.map((section) => (
        <PlanSection
          key={section}
          id={`${idPrefix}-${section}`}
          order={order}
          empty={content[section].length === 0}
          {...safetyPlanSectionLabels[section]}
        >
          <Items>
            {content[section].map((entry, index) => (
              // Entries have no id; their place in the section is what they are.
              // biome-ignore lint/suspicious/noArrayIndexKey: a signed plan's list never reorders.
              <li key={index}>
                <Text component="span">{entry.text}</Text>
                {entry.phone && (
                  <>
                    {' '}
                    <PhoneLink phone={entry.phone} label={`call ${entry.phone}`} />
                  </>
                )}
              </li>
            ))}
          </Items>
        </PlanSection>
      ))}
    </Stack>
  );
}

/** The relapse-prevention plan's sections in order; skills name the group module that teaches them. */
export function RelapsePreventionPlanView({
  content,
  order = 3,
  idPrefix,
}: {
  content: RelapsePreventionContentView;
  order?: TitleOrder;
  idPrefix: string;
}) {
  const body = (section: (typeof relapsePreventionSections)[number]) => {
    switch (section) {
      case 'cravingStrategies':
      case 'copingSkills':
        return content[section].map((skill) => (
          <li key={skill.id}>
            {skill.text}
            {skill.module && (
              <Text component="span" size="sm">
                {' '}
                (from the group “{skill.module.name}”)
              </Text>
            )}
          </li>
        ));
      case 'people':
        return content.people.map((person, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a signed plan's list never reorders.
          <li key={index}>
            {person.name}
            {person.relationship ? `, ${person.relationship}` : ''}: <PhoneLink phone={person.phone} />
          </li>
        ));
      default:
        return content[section].map((text, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a signed plan's list never reorders.
          <li key={index}>{text}</li>
        ));
    }
  };
  return (
    <Stack gap="md">
      {relapsePreventionSections.map((section) => (
        <PlanSection
          key={section}
          id={`${idPrefix}-${section}`}
          order={order}
          empty={content[section].length === 0}
          {...relapsePreventionSectionLabels[section]}
        >
          <Items>{body(section)}</Items>
        </PlanSection>
      ))}
    </Stack>
  );
}
