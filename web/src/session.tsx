/**
 * Who is logged in and what they may do (from GET /auth/me). The UI hides what the permissions do not
 * allow, but the server decides: every service checks role and territory again.
 */
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
import type { Permission } from '../../src/domain/access/roles.ts';
import { timeZoneOfRegion } from '../../src/domain/regions/time-zone.ts';
import { setUnauthorizedHandler } from './api/client.ts';
import { auth } from './api/endpoints.ts';
import type { Me } from './api/types.ts';
import { setOfficeTimeZone } from './lib/format.ts';
import { wipeOffline } from './offline/keyring.ts';
import { navigate } from './router.tsx';

/** The one permission table is src/domain/access/roles.ts; the server sends the user's permissions in /auth/me. */
export type { Permission } from '../../src/domain/access/roles.ts';

interface Session {
  /** undefined while the first /auth/me is in flight. */
  user: Me | null | undefined;
  /** Set when a request answered 401 (not on a deliberate logout). */
  expired: boolean;
  can: (permission: Permission) => boolean;
  loggedIn: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

/**
 * Empties the query cache (web/src/query-client.ts, which registers it when the signed-in shell loads; the
 * login page needs no data layer). Called whenever the session ends or changes hands.
 */
let clearQueries: () => Promise<void> = async () => {};
export function setQueryCacheClearer(clear: () => Promise<void>): void {
  clearQueries = clear;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const [expired, setExpired] = useState(false);
  const userRef = useRef(user);
  userRef.current = user;

  const loggedIn = useCallback(async () => {
    const me = await auth.me();
    // Nothing cached under a previous session may show to this user.
    await clearQueries();
    setUser(me);
    setExpired(false);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    auth
      .me(controller.signal)
      .then(setUser)
      .catch(() => {
        if (!controller.signal.aborted) setUser(null);
      });
    setUnauthorizedHandler(() => {
      if (userRef.current) setExpired(true);
      void clearQueries();
      setUser(null);
      const { pathname, search } = window.location;
      if (pathname !== '/login') navigate(`/login?next=${encodeURIComponent(pathname + search)}`);
    });
    return () => {
      controller.abort();
      setUnauthorizedHandler(null);
    };
  }, []);

  const logout = useCallback(async () => {
    try {
      await auth.logout();
    } finally {
      // Logging out leaves nothing of the registry on the device (the offline app's data and key, the
      // answers cached in memory) — each step even when an earlier one failed.
      try {
        await wipeOffline();
      } finally {
        await clearQueries();
        setUser(null);
      }
      setExpired(false);
      navigate('/login');
    }
  }, []);

  // Before the screens render: their times in the office's zone (WIB/WITA/WIT), named, whatever the
  // browser's zone.
  setOfficeTimeZone(user ? timeZoneOfRegion(user.regionCode) : undefined);

  const value = useMemo<Session>(
    () => ({
      user,
      expired,
      can: (p) => user?.permissions.includes(p) ?? false,
      loggedIn,
      logout,
    }),
    [user, expired, loggedIn, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** The logged-in user; only for pages rendered inside the authenticated layout. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) throw new Error('useUser without a logged-in user');
  return user;
}

/** Whether `user` holds `permission` (the table is src/domain/access/roles.ts; pages never compare roles). */
export function may(user: Me, permission: Permission): boolean {
  return user.permissions.includes(permission);
}
