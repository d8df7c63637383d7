import { loadToken } from './tokenStorage.js';

/** An error answer from the server, with its `{error: {code, message}}` body unpacked. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

let onUnauthorized = () => {};
let renewToken = async () => null;

/** Called when an authenticated request comes back 401 and a refresh did not help. */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

/**
 * How a request that came back 401 gets a fresh token before it is retried once (the access
 * token may have expired while the page slept); resolves with the new token or null.
 */
export function setTokenRenewer(renewer) {
  renewToken = renewer;
}

async function request(method, path, body, contentType = 'application/json', retried = false) {
  const headers = { Accept: 'application/json' };
  const token = loadToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = contentType;

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      // the session cookie goes to /api/auth only (its Path), and only to this origin
      credentials: 'same-origin',
      // a File (a photo) goes as it is; everything else as JSON
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach Pulse. Check your connection and try again.');
  }

  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const code = data?.error?.code ?? 'internal';
    const message = data?.error?.message ?? `Request failed (${response.status})`;
    // Login and register answer 401 for a wrong password; only a token going bad logs out,
    // and only once a fresh one from the session cookie did not help.
    if (response.status === 401 && token && !path.startsWith('/api/auth/')) {
      if (!retried && (await renewToken())) return request(method, path, body, contentType, true);
      onUnauthorized();
    }
    throw new ApiError(response.status, code, message);
  }
  return data;
}

/**
 * An image that needs the token (a chat photo): fetched with it and handed back as a Blob, since
 * an <img> cannot send one. A 401 gets one fresh token and one more try, as `request` does.
 */
async function image(path, retried = false) {
  const token = loadToken();
  let response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach Pulse. Check your connection and try again.');
  }
  if (response.status === 401 && token && !retried && (await renewToken())) return image(path, true);
  if (!response.ok) throw new ApiError(response.status, 'image', `The photo could not be loaded (${response.status})`);
  return response.blob();
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const enc = encodeURIComponent;

export const api = {
  register: (fields) => request('POST', '/api/auth/register', fields),
  login: (username, password) => request('POST', '/api/auth/login', { username, password }),
  refresh: () => request('POST', '/api/auth/refresh'),
  logout: () => request('POST', '/api/auth/logout'),
  logoutEverywhere: () => request('POST', '/api/auth/logout-all'),
  changePassword: (currentPassword, newPassword) =>
    request('PUT', '/api/me/password', { currentPassword, newPassword }),
  deleteAccount: (password) => request('DELETE', '/api/me', { password }),
  me: () => request('GET', '/api/me'),
  updateMe: (fields) => request('PUT', '/api/me', fields),
  setStatus: (status, text) => request('PUT', '/api/me/status', { status, text }),

  profiles: (page = 0, size = 12) => request('GET', `/api/profiles${query({ page, size })}`),
  search: (filters, page = 0, size = 12) =>
    request('GET', `/api/profiles/search${query({ ...filters, page, size })}`),
  profile: (username) => request('GET', `/api/profiles/${enc(username)}`),
  filters: () => request('GET', '/api/me/filters'),
  saveFilters: (filters) => request('PUT', '/api/me/filters', filters),
  clearFilters: () => request('DELETE', '/api/me/filters'),

  onlineCount: () => request('GET', '/api/users/online-status/count'),
  onlineUsers: () => request('GET', '/api/users/online-status/users'),

  conversations: () => request('GET', '/api/conversations'),
  requests: () => request('GET', '/api/requests'),
  acceptRequest: (username) => request('POST', `/api/requests/${enc(username)}/accept`, {}),
  declineRequest: (username) => request('POST', `/api/requests/${enc(username)}/decline`, {}),
  history: (username, before, limit = 30) =>
    request('GET', `/api/conversations/${enc(username)}/messages${query({ before, limit })}`),

  uploadChatPhoto: (username, file) =>
    request('POST', `/api/conversations/${enc(username)}/photos`, file, file.type || 'application/octet-stream'),
  chatPhoto: (path) => image(path),

  iceServers: () => request('GET', '/api/calls/ice-servers'),
  photos: () => request('GET', '/api/me/photos'),
  uploadPhoto: (file, asProfilePhoto = false) =>
    request('POST', `/api/me/photos${query({ profile: asProfilePhoto })}`, file, file.type || 'application/octet-stream'),
  makeProfilePhoto: (id) => request('PUT', `/api/me/photos/${enc(id)}/profile`),
  deletePhoto: (id) => request('DELETE', `/api/me/photos/${enc(id)}`),

  interests: (box) => request('GET', `/api/interests${query({ box })}`),
  interestWith: (username) => request('GET', `/api/interests/${enc(username)}`),
  sendInterest: (username) => request('POST', `/api/interests/${enc(username)}`, {}),
  acceptInterest: (username) => request('POST', `/api/interests/${enc(username)}/accept`, {}),
  declineInterest: (username) => request('POST', `/api/interests/${enc(username)}/decline`, {}),
  withdrawInterest: (username) => request('DELETE', `/api/interests/${enc(username)}`),
  shortlist: () => request('GET', '/api/shortlist'),
  addToShortlist: (username) => request('PUT', `/api/shortlist/${enc(username)}`),
  removeFromShortlist: (username) => request('DELETE', `/api/shortlist/${enc(username)}`),

  report: (username, reason, details, where) => request('POST', '/api/reports', { username, reason, details, where }),
  reports: (page = 0) => request('GET', `/api/admin/reports${query({ page })}`),

  blocks: () => request('GET', '/api/blocks'),
  block: (username) => request('PUT', `/api/blocks/${enc(username)}`),
  unblock: (username) => request('DELETE', `/api/blocks/${enc(username)}`),
};
