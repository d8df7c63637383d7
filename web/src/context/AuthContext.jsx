import { createContext, useCallback, useEffect, useMemo, useState } from 'react';
import { api, setUnauthorizedHandler } from '../services/api.js';
import { clearToken, loadToken, saveToken } from '../services/tokenStorage.js';
import socketService from '../services/socketService.js';
import presenceStore from '../services/presenceStore.js';
import chatStore from '../services/chatStore.js';

export const AuthContext = createContext(null);

/**
 * Who is logged in. The token lives in localStorage; on load it is checked with GET /api/me,
 * and the socket is opened for as long as there is a user.
 */
export function AuthProvider({ children }) {
  const [token, setToken] = useState(() => loadToken());
  const [user, setUser] = useState(null);
  const [checking, setChecking] = useState(() => Boolean(loadToken()));
  const [sessionNotice, setSessionNotice] = useState(null);

  const logout = useCallback((notice = null) => {
    socketService.disconnect();
    chatStore.stop();
    presenceStore.reset();
    clearToken();
    setToken(null);
    setUser(null);
    setChecking(false);
    setSessionNotice(notice);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => logout('Your session has ended. Please log in again.'));
  }, [logout]);

  useEffect(() => {
    if (!token || user) return;
    let cancelled = false;
    setChecking(true);
    api
      .me()
      .then((me) => {
        if (!cancelled) setUser(me);
      })
      .catch((err) => {
        if (cancelled) return;
        if (err.status === 401) logout('Your session has ended. Please log in again.');
        else setSessionNotice(err.message);
      })
      .finally(() => !cancelled && setChecking(false));
    return () => {
      cancelled = true;
    };
  }, [token, user, logout]);

  // The socket and the chat state follow the logged-in user.
  useEffect(() => {
    if (!token || !user) return;
    socketService.connect(token, {
      onAuthError: (reason) =>
        logout(reason === 'token expired' ? 'Your session expired. Please log in again.' : 'Please log in again.'),
    });
    chatStore.start(user.username);
  }, [token, user?.username, logout]); // eslint-disable-line react-hooks/exhaustive-deps

  const acceptSession = useCallback(({ token: newToken, user: newUser }) => {
    saveToken(newToken);
    setSessionNotice(null);
    setToken(newToken);
    setUser(newUser);
    presenceStore.seed(newUser.username, newUser.presence);
  }, []);

  const login = useCallback(
    async (username, password) => acceptSession(await api.login(username, password)),
    [acceptSession],
  );

  const register = useCallback(
    async (fields) => acceptSession(await api.register(fields)),
    [acceptSession],
  );

  const value = useMemo(
    () => ({ token, user, setUser, checking, login, register, logout, sessionNotice }),
    [token, user, checking, login, register, logout, sessionNotice],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
