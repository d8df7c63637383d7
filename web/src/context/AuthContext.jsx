import { createContext, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, setTokenRenewer, setUnauthorizedHandler } from '../services/api.js';
import { clearToken, saveToken } from '../services/tokenStorage.js';
import socketService from '../services/socketService.js';
import presenceStore from '../services/presenceStore.js';
import chatStore from '../services/chatStore.js';

export const AuthContext = createContext(null);

// A fresh access token is fetched when four fifths of the current one's life have passed.
const REFRESH_AT = 0.8;
const MIN_REFRESH_DELAY_MS = 5_000;
const ENDED = 'Your session has ended. Please log in again.';

/**
 * Who is logged in. The session lives in an HttpOnly cookie the page cannot read; the short-lived
 * access token only in memory. On load a token is asked for with that cookie (POST
 * /api/auth/refresh); before each token expires a new one is fetched and handed to the open
 * socket in band, so the connection never drops for it.
 */
export function AuthProvider({ children }) {
  const [token, setToken] = useState(null);
  const [user, setUser] = useState(null);
  const [checking, setChecking] = useState(true);
  const [sessionNotice, setSessionNotice] = useState(null);
  // logged out on purpose: the next login goes home, not back to the page they left
  const [leftOnPurpose, setLeftOnPurpose] = useState(false);
  const expiresAt = useRef(null);
  const refreshing = useRef(null);

  const signedOut = useCallback((notice = null) => {
    socketService.disconnect();
    chatStore.stop();
    presenceStore.reset();
    clearToken();
    expiresAt.current = null;
    setToken(null);
    setUser(null);
    setChecking(false);
    setSessionNotice(notice);
  }, []);

  const adopt = useCallback((answer) => {
    saveToken(answer.token);
    expiresAt.current = Date.parse(answer.expiresAt);
    setToken(answer.token);
    return answer;
  }, []);

  /** A fresh token from the session cookie (one request at a time); null when the session is over. */
  const refresh = useCallback(() => {
    if (!refreshing.current) {
      refreshing.current = api
        .refresh()
        .then((answer) => {
          adopt(answer);
          socketService.renewToken(answer.token).catch(() => {});
          return answer;
        })
        .catch(() => null)
        .finally(() => {
          refreshing.current = null;
        });
    }
    return refreshing.current;
  }, [adopt]);

  useEffect(() => {
    setUnauthorizedHandler(() => signedOut(ENDED));
    setTokenRenewer(async () => (await refresh())?.token ?? null);
  }, [signedOut, refresh]);

  // On load: is there a session (the cookie)? Then this tab is signed in without a password.
  useEffect(() => {
    let cancelled = false;
    refresh().then((answer) => {
      if (cancelled) return;
      if (answer) {
        setUser(answer.user);
        presenceStore.seed(answer.user.username, answer.user.presence);
      }
      setChecking(false);
    });
    return () => {
      cancelled = true;
    };
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // Before the token expires, fetch the next one.
  useEffect(() => {
    if (!token || !expiresAt.current) return undefined;
    const delay = Math.max(MIN_REFRESH_DELAY_MS, (expiresAt.current - Date.now()) * REFRESH_AT);
    const timer = setTimeout(async () => {
      if (!(await refresh())) signedOut(ENDED);
    }, delay);
    return () => clearTimeout(timer);
  }, [token, refresh, signedOut]);

  // The socket and the chat state follow the logged-in user (a new token does not reconnect).
  const username = user?.username;
  useEffect(() => {
    if (!username) return;
    socketService.connect(token, {
      onAuthError: async (reason) => {
        // a token that ran out while the tab slept: get a new one and connect again
        if (reason === 'token expired') {
          const answer = await refresh();
          if (answer) {
            socketService.connect(answer.token);
            return;
          }
        }
        signedOut(reason === 'session ended' ? 'You were signed out.' : ENDED);
      },
    });
    chatStore.start(username);
  }, [username]); // eslint-disable-line react-hooks/exhaustive-deps

  const acceptSession = useCallback(
    (answer) => {
      adopt(answer);
      setLeftOnPurpose(false);
      setSessionNotice(null);
      setUser(answer.user);
      presenceStore.seed(answer.user.username, answer.user.presence);
    },
    [adopt],
  );

  const login = useCallback(
    async (name, password) => acceptSession(await api.login(name, password)),
    [acceptSession],
  );

  const register = useCallback(
    async (fields) => acceptSession(await api.register(fields)),
    [acceptSession],
  );

  /** Logs this browser out: the session ends on the server too. */
  const logout = useCallback(
    async (notice = null) => {
      socketService.disconnect();
      await api.logout().catch(() => {});
      setLeftOnPurpose(true);
      signedOut(notice);
    },
    [signedOut],
  );

  /** Ends every session of this user, on every device. */
  const logoutEverywhere = useCallback(async () => {
    await api.logoutEverywhere();
    signedOut('You were signed out everywhere.');
  }, [signedOut]);

  /** Deletes the account; everything of it goes. */
  const deleteAccount = useCallback(
    async (password) => {
      await api.deleteAccount(password);
      signedOut('Your account was deleted.');
    },
    [signedOut],
  );

  const value = useMemo(
    () => ({
      token,
      user,
      setUser,
      checking,
      login,
      register,
      logout,
      logoutEverywhere,
      deleteAccount,
      sessionNotice,
      leftOnPurpose,
    }),
    [token, user, checking, login, register, logout, logoutEverywhere, deleteAccount, sessionNotice, leftOnPurpose],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
