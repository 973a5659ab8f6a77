import { useEffect, useRef } from 'react';
import { api, lastServerContactAt } from '../../api/client';
import { useSession } from './session-context';

const activityEvents = [
  'mousemove',
  'mousedown',
  'keydown',
  'input',
  'touchstart',
  'wheel',
  'scroll',
] as const;

/** "5 minutes", "1 minute", "0.1 minutes". */
export function formatMinutes(minutes: number): string {
  const rounded = Math.round(minutes * 100) / 100;
  return `${rounded} ${rounded === 1 ? 'minute' : 'minutes'}`;
}

/** The message the sign-in page shows after an automatic logoff. */
export function idleNotice(minutes: number): string {
  return `You were signed out after ${formatMinutes(minutes)} of inactivity.`;
}

/**
 * Automatic logoff (HIPAA 45 CFR 164.312(a)(2)(iii)): after `timeoutMinutes` without mouse, keyboard
 * or touch input the session is ended and the user sees why. While the user is active but the page
 * makes no requests, a light GET /me keeps the server's own idle clock from ending the session first.
 */
export function useIdleLogoff(timeoutMinutes: number): void {
  const { signOut } = useSession();
  const lastActivity = useRef(Date.now());
  const signingOut = useRef(false);

  useEffect(() => {
    const timeoutMs = timeoutMinutes * 60_000;
    const keepAliveMs = Math.min(60_000, timeoutMs / 6);
    const checkEveryMs = Math.min(1000, timeoutMs / 6);
    lastActivity.current = Date.now();
    signingOut.current = false;
    let keepAliveInFlight = false;

    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const name of activityEvents)
      window.addEventListener(name, onActivity, { passive: true, capture: true });

    const timer = window.setInterval(() => {
      const now = Date.now();
      if (signingOut.current) return;
      if (now - lastActivity.current >= timeoutMs) {
        signingOut.current = true;
        void signOut(idleNotice(timeoutMinutes), 'automatic');
        return;
      }
      const lastContact = lastServerContactAt();
      if (!keepAliveInFlight && lastActivity.current > lastContact && now - lastContact >= keepAliveMs) {
        keepAliveInFlight = true;
        api
          .get('/me')
          .catch(() => undefined)
          .finally(() => {
            keepAliveInFlight = false;
          });
      }
    }, checkEveryMs);

    return () => {
      window.clearInterval(timer);
      for (const name of activityEvents) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, [timeoutMinutes, signOut]);
}
