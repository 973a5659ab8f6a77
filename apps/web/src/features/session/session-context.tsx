import type { Me } from '@stepwise/core';
import { sessionResponse } from '@stepwise/core';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, setApiEventHandlers, setCsrfToken } from '../../api/client';
import { clearDevicePlans, keepDevicePlansOnlyFor } from '../../offline/device-plans';

type SessionStatus = 'loading' | 'signed_out' | 'signed_in';

export interface Session {
  status: SessionStatus;
  me: Me | null;
  /** A message for the sign-in page: why the user was signed out. */
  notice: string | null;
  /** The session could not be checked because the server is out of reach (no network). */
  offline: boolean;
  /** Stores the user and CSRF token from a successful sign-in. */
  signedIn(user: Me, csrfToken: string): void;
  /**
   * Ends the session on the server and returns to sign-in, optionally saying why. Signing out by
   * choice also removes the participant's plans kept on the device; an automatic logoff keeps them
   * (see offline/device-plans.ts).
   */
  signOut(notice?: string, how?: 'chosen' | 'automatic'): Promise<void>;
  /** Re-reads the signed-in user (after MFA or role changes). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

const sessionEndedNotice = 'Your session has ended. Sign in again to continue.';

/** Holds who is signed in and routes to sign-in or MFA set-up when the API says so. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [offline, setOffline] = useState(false);
  const statusRef = useRef(status);
  statusRef.current = status;

  const clear = useCallback((message: string | null) => {
    setCsrfToken(null);
    setMe(null);
    setStatus('signed_out');
    setNotice(message);
  }, []);

  const refresh = useCallback(async () => {
    const session = await api.get('/me', { schema: sessionResponse, ignoreUnauthenticated: true });
    keepDevicePlansOnlyFor(session.user.id);
    setCsrfToken(session.csrfToken);
    setMe(session.user);
    setOffline(false);
    setStatus('signed_in');
  }, []);

  const check = useCallback(() => {
    refresh().catch((error: unknown) => {
      clear(null);
      if (error instanceof ApiError && error.code === 'network_error') setOffline(true);
      if (!(error instanceof ApiError) || error.code !== 'unauthenticated') {
        setNotice('Stepwise could not check your session. Try again in a moment.');
      }
    });
  }, [refresh, clear]);

  useEffect(check, [check]);

  // Back online after starting without a network: check the session again.
  useEffect(() => {
    if (!offline) return;
    window.addEventListener('online', check);
    return () => window.removeEventListener('online', check);
  }, [offline, check]);

  useEffect(() => {
    setApiEventHandlers({
      onUnauthenticated() {
        if (statusRef.current !== 'signed_in') return;
        clear(sessionEndedNotice);
        navigate('/sign-in', { replace: true });
      },
      onMfaEnrolmentRequired() {
        refresh()
          .catch(() => undefined)
          .finally(() => navigate('/mfa-setup', { replace: true }));
      },
    });
    return () => setApiEventHandlers(null);
  }, [clear, navigate, refresh]);

  const signedIn = useCallback((user: Me, csrfToken: string) => {
    keepDevicePlansOnlyFor(user.id);
    setOffline(false);
    setCsrfToken(csrfToken);
    setMe(user);
    setNotice(null);
    setStatus('signed_in');
  }, []);

  const signOut = useCallback(
    async (message?: string, how: 'chosen' | 'automatic' = 'chosen') => {
      if (how === 'chosen') clearDevicePlans();
      await api.post('/auth/logout', undefined, { ignoreUnauthenticated: true }).catch(() => undefined);
      clear(message ?? null);
      navigate('/sign-in', { replace: true });
    },
    [clear, navigate],
  );

  const value = useMemo<Session>(
    () => ({ status, me, notice, offline, signedIn, signOut, refresh }),
    [status, me, notice, offline, signedIn, signOut, refresh],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The session, anywhere under SessionProvider. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession must be used inside SessionProvider');
  return session;
}

/** The signed-in user; only for components rendered behind a signed-in route. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe used while signed out');
  return me;
}
