// The access token lives in memory only: it is short-lived, and a page load gets a fresh one
// from the session's HttpOnly cookie (POST /api/auth/refresh), which page scripts cannot read.
let current = null;

// Versions before sessions kept a long-lived token in localStorage: drop it.
try {
  localStorage.removeItem('pulse.token');
} catch {
  // storage disabled: nothing was kept there either
}

export function loadToken() {
  return current;
}

export function saveToken(token) {
  current = token;
}

export function clearToken() {
  current = null;
}
