// The Pandu HTTP API as every page uses it: a session (the JWT in sessionStorage), fetch calls that send
// its token, and application/problem+json answers turned into an ApiError with a message a person can
// act on (its field, reason and rule diagnostics kept for the page that shows them).

const SESSION_KEY = 'pandu.session';

/** The signed-in user: { token, username, role, repId, managerId }, or null. */
export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY));
  } catch {
    return null;
  }
}

export function signOut() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Listeners told when the server says the session is no longer valid (expired or revoked token). */
const expiredListeners = [];
export function onSessionExpired(listener) {
  expiredListeners.push(listener);
}

export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem || {};
  }

  /** Rule diagnostics carried by a 422 (a rule set that would not build). */
  get diagnostics() {
    return this.problem.diagnostics || [];
  }

  /** The input a 400 is about (a field, query parameter, form part or header), if the server named one. */
  get field() {
    return this.problem.field || null;
  }

  /** The server's reason without the field name it starts with ("accounts: lacks …" → "lacks …"). */
  get reason() {
    const detail = this.problem.detail || '';
    const field = this.field;
    return field && detail.startsWith(`${field}: `) ? detail.slice(field.length + 2) : detail;
  }
}

function humanMessage(status, problem) {
  const detail = problem && problem.detail ? problem.detail : '';
  switch (status) {
    case 0: return 'The Pandu server cannot be reached. Check your connection, or whether the server is running, and try again.';
    case 400: return detail ? `That input was not accepted: ${detail}` : 'That input was not accepted.';
    case 401: return 'Your session has ended. Please sign in again.';
    case 403: return 'Your role does not allow this. Ask an administrator if you need it.';
    case 404: return detail ? `Not found: ${detail}` : 'This item does not exist, or is not visible to you.';
    case 409: return detail || 'Something else is already in progress. Wait a moment and try again.';
    case 413: return detail ? `That is too large to send: ${detail}.` : 'That is too large to send.';
    case 422: return detail || 'The rules could not do this.';
    default:
      return status >= 500
        ? `Something went wrong on the server (error ${status}). Try again; if it keeps happening, tell your administrator.`
        : (detail || `The request failed (error ${status}).`);
  }
}

/**
 * Calls the API. `body` is sent as JSON; `query` (an object) becomes the query string, leaving out
 * empty values. Resolves to the parsed JSON (or null for 204); rejects with an ApiError.
 */
export async function api(path, { method = 'GET', body, query, auth = true } = {}) {
  return send(path, {
    method, query, auth,
    body: body === undefined ? undefined : JSON.stringify(body),
    contentType: body === undefined ? undefined : 'application/json',
  });
}

/**
 * Sends or reads a file's text (text/plain), e.g. a rule draft's file: GET resolves to the text, PUT
 * sends `text` and resolves to the JSON answer. Errors as api().
 */
export async function apiText(path, { method = 'GET', text } = {}) {
  return send(path, {
    method,
    body: text,
    contentType: text === undefined ? undefined : 'text/plain; charset=utf-8',
    auth: true,
    asText: method === 'GET',
  });
}

/** Sends a file's bytes (a spreadsheet) as application/octet-stream, with the same session and errors as api(). */
export async function apiBytes(path, blob, { method = 'PUT' } = {}) {
  return send(path, { method, body: blob, contentType: 'application/octet-stream', auth: true });
}

/**
 * Uploads files: POSTs `form` (a FormData) as multipart/form-data, with the same session, errors and
 * messages as api(). The browser sets the Content-Type with its boundary, so none is given here.
 */
export async function upload(path, form, { query, auth = true } = {}) {
  return send(path, { method: 'POST', query, auth, body: form });
}

async function send(path, { method, body, contentType, query, auth, asText = false, accept = 'application/json' }) {
  const url = new URL(path, location.origin);
  if (query) {
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') {
        url.searchParams.set(key, value);
      }
    }
  }
  const headers = { Accept: accept };
  const s = session();
  if (auth && !s) {
    // signed out meanwhile (another tab, or the sign-out button): nothing to ask the server
    throw new ApiError(humanMessage(401), 401);
  }
  if (auth) {
    headers.Authorization = `Bearer ${s.token}`;
  }
  if (contentType) {
    headers['Content-Type'] = contentType;
  }
  let response;
  try {
    response = await fetch(url, { method, headers, body });
  } catch {
    throw new ApiError(humanMessage(0), 0);
  }
  if (response.status === 204) {
    return null;
  }
  const type = response.headers.get('Content-Type') || '';
  if (asText && response.ok) {
    return response.text();
  }
  const data = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    const current = session();
    if (response.status === 401 && auth && current && current.token === s.token) {
      signOut();
      expiredListeners.forEach((listener) => listener());
    }
    throw new ApiError(humanMessage(response.status, data), response.status, data);
  }
  return data;
}

/** Asks for a table as CSV (Accept: text/csv) and saves it as `fileName`. */
export async function downloadCsv(path, query, fileName) {
  const text = await send(path, { method: 'GET', query, auth: true, asText: true, accept: 'text/csv' });
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return text;
}

/** Signs in; on success the session is kept for this browser tab. */
export async function signIn(username, password) {
  let result;
  try {
    result = await api('/api/v1/auth/login', { method: 'POST', body: { username, password }, auth: false });
  } catch (e) {
    if (e.status === 401) {
      throw new ApiError('Wrong user name or password.', 401, e.problem);
    }
    throw e;
  }
  const s = {
    token: result.token,
    username: result.username || username,
    role: result.role,
    repId: result.repId || null,
    managerId: result.managerId || null,
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(s));
  return s;
}

/** All items of a paged list (up to `max`), following offset/limit. */
export async function all(path, query = {}, max = 2000) {
  const items = [];
  for (let offset = 0; items.length < max;) {
    const page = await api(path, { query: { ...query, offset, limit: 500 } });
    items.push(...page.items);
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.total) {
      break;
    }
  }
  return items;
}

/** The stored values of a paged list (its items' `value`), as all() reads them. */
export async function allValues(path, query = {}, max = 2000) {
  return (await all(path, query, max)).map((item) => item.value);
}

// Small caches for what rarely changes while a page is open.
let playbooksPromise = null;

/** Every playbook in use, with stages and plays (cached until forgetPlaybooks()). */
export function playbooks() {
  if (!playbooksPromise) {
    playbooksPromise = api('/api/v1/playbooks')
      .then((list) => Promise.all(list.map((p) => api(`/api/v1/playbooks/${encodeURIComponent(p.id)}`))))
      .catch((e) => {
        playbooksPromise = null;
        throw e;
      });
  }
  return playbooksPromise;
}

export function forgetPlaybooks() {
  playbooksPromise = null;
}

/** The version of the rule set in use (from /health, which still says it when it answers 503). */
export async function rulesVersion() {
  const health = await api('/health', { auth: false }).catch((e) => e.problem);
  return health && health.rulesVersion ? health.rulesVersion : null;
}
