import { Alert, Anchor, Box, Center, Loader } from '@mantine/core';
import type { AccountKind, Permission } from '@stepwise/core';
import type { ReactNode } from 'react';
import { Link, Navigate, Outlet } from 'react-router';
import { OfflinePlans } from '../features/portal/OfflinePlans';
import { useSession } from '../features/session/session-context';
import { hasDevicePlans } from '../offline/device-plans';
import { PageTitle } from '../ui/PageTitle';
import { landingPathFor } from './landing';

function Loading() {
  return (
    <Box component="main">
      <Center mih="60vh">
        <Loader aria-label="Loading Stepwise" />
      </Center>
    </Box>
  );
}

/**
 * Pages behind sign-in. `allowDuringEnrolment` is for the MFA set-up page itself: everything else
 * sends a user who still must enrol there. With no network and a participant's plans on the device,
 * the plans are shown instead of the sign-in page, which could not work anyway.
 */
export function RequireSignedIn({ allowDuringEnrolment = false }: { allowDuringEnrolment?: boolean }) {
  const { status, me, offline } = useSession();
  if (status === 'loading') return <Loading />;
  if (status === 'signed_out' && offline && hasDevicePlans()) return <OfflinePlans />;
  if (status === 'signed_out' || !me) return <Navigate to="/sign-in" replace />;
  if (me.mfaEnrolmentRequired && !allowDuringEnrolment) return <Navigate to="/mfa-setup" replace />;
  return <Outlet />;
}

/** Sends a signed-in user to where their role starts. */
export function LandingRedirect() {
  const { me } = useSession();
  return <Navigate to={me ? landingPathFor(me) : '/sign-in'} replace />;
}

/** Renders the page only for the right kind of account holding the permission. */
export function Allowed({
  permission,
  kind,
  children,
}: {
  permission?: Permission;
  kind?: AccountKind | 'portal';
  children: ReactNode;
}) {
  const { me } = useSession();
  if (!me) return null;
  const kindOk = !kind || (kind === 'portal' ? me.kind !== 'staff' : me.kind === kind);
  if (kindOk && (!permission || me.permissions.includes(permission))) return <>{children}</>;
  return (
    <>
      <PageTitle>Not available</PageTitle>
      <Alert color="red" role="alert">
        Your role does not give access to this page.{' '}
        <Anchor component={Link} to={landingPathFor(me)} c="inherit" underline="always" fw={600}>
          Go to your start page
        </Anchor>
        .
      </Alert>
    </>
  );
}

/** An address that matches no page. */
export function NotFoundPage() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <Anchor component={Link} to="/">
        Go to your start page
      </Anchor>
    </>
  );
}
