import {
  AppShell,
  Burger,
  Button,
  em,
  Group,
  getBreakpointValue,
  NavLink,
  Stack,
  Text,
  useMantineTheme,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { roleLabels } from '@stepwise/core';
import { useEffect } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { UnreadAlerts } from '../features/alerts/UnreadAlerts';
import { useMe, useSession } from '../features/session/session-context';
import { useIdleLogoff } from '../features/session/use-idle-logoff';
import { DemoBanner } from '../ui/DemoBanner';
import { navigationFor } from './navigation';

/** The signed-in frame: header, navigation (a burger menu on phones), demo banner, automatic logoff. */
export function AppLayout() {
  const me = useMe();
  const { signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const theme = useMantineTheme();
  const isPhone = useMediaQuery(`(max-width: ${em(getBreakpointValue('sm', theme.breakpoints) - 0.1)})`);
  useIdleLogoff(me.idleTimeoutMinutes);
  // A folded-away menu is only moved off screen; hide it so keyboard and screen-reader users skip it too.
  const navigationHidden = isPhone === true && !opened;

  // On a phone the menu covers the page: close it once the user has picked where to go.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation only.
  useEffect(() => close(), [location.pathname]);

  const items = navigationFor(me);
  const isActive = (to: string) =>
    location.pathname === to || (to !== '/me' && location.pathname.startsWith(`${to}/`));

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Text component={Link} to="/" fw={800} size="lg" c="blue.9" td="none">
              Stepwise
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            {me.permissions.includes('alerts:respond') && <UnreadAlerts />}
            <Text size="sm" truncate visibleFrom="xs">
              {me.organisation.name}
            </Text>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="sm"
        id="main-navigation"
        aria-label="Main navigation"
        style={navigationHidden ? { visibility: 'hidden' } : undefined}
      >
        <AppShell.Section grow component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
          {items.map((item) => (
            <li key={item.to}>
              <NavLink
                component={Link}
                to={item.to}
                label={item.label}
                active={isActive(item.to)}
                aria-current={isActive(item.to) ? 'page' : undefined}
                variant="filled"
              />
            </li>
          ))}
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={4} pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="sm" fw={600}>
              {me.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {me.roles.map((role) => roleLabels[role]).join(', ')}
            </Text>
            <Button variant="outline" size="xs" mt={4} onClick={() => void signOut()}>
              Sign out
            </Button>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        {me.organisation.isDemo && <DemoBanner />}
        <Stack p={{ base: 0, sm: 'md' }} pt="md" maw={1100}>
          <div>
            <Outlet />
          </div>
        </Stack>
      </AppShell.Main>
    </AppShell>
  );
}
