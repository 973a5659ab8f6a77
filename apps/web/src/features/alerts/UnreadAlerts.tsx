import { Badge, Button } from '@mantine/core';
import { notificationListSchema } from '@stepwise/core';
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client';

/** How often the header asks for new notifications, in milliseconds. */
const pollMs = 60_000;

/**
 * The header's notice of new alerts for the signed-in staff member: how many notifications are
 * unread, linking to the inbox. It says only "new alerts", as the notifications themselves do.
 */
export function UnreadAlerts() {
  const [unread, setUnread] = useState(0);
  const location = useLocation();

  // biome-ignore lint/correctness/useExhaustiveDependencies: re-read when the user moves (the inbox marks them read).
  useEffect(() => {
    let stopped = false;
    const load = () =>
      api
        .get('/me/notifications', { schema: notificationListSchema })
        .then((list) => {
          if (!stopped) setUnread(list.unread);
        })
        .catch(() => {
          // Offline or signed out: the count waits for the next poll.
        });
    void load();
    const timer = setInterval(load, pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [location.pathname]);

  if (unread === 0) return null;
  const label = unread === 1 ? '1 new alert notification' : `${unread} new alert notifications`;
  return (
    <Button
      component={Link}
      to="/alerts"
      size="xs"
      color="red"
      variant="filled"
      aria-label={`${label}: open the alert inbox`}
      rightSection={
        <Badge color="white" c="red.9" size="sm" circle>
          {unread > 99 ? '99+' : unread}
        </Badge>
      }
    >
      New alerts
    </Button>
  );
}
