// The staff API. A failure is one of: ApiError (the server decided: 4xx with its bilingual body)
// or NetworkError (no decision reached us: offline, timeout, 5xx), so callers know when a retry is safe to consider.

const API = new URL('../api/v1/', document.baseURI);
const TIMEOUT_MS = 10000;
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error || `HTTP_${status}`;
    this.body = body || {};
    this.details = body?.details || {};
  }

  /** The server's words: {id, en}. */
  get words() {
    const m = this.body.messages;
    return m ? { id: m.id, en: m.en } : { id: this.message, en: '' };
  }
}

export class NetworkError extends Error {}

export function setCsrf(token) {
  csrfToken = token;
}

export function officeId() {
  const fromUrl = new URLSearchParams(location.search).get('office');
  const id = fromUrl || sessionStorage.getItem('antrean.office') || 'oki';
  const safe = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : 'oki';
  sessionStorage.setItem('antrean.office', safe);
  return safe;
}

/** Sends a request; a 401 (session gone) takes the user to the login page and back here afterwards. */
export async function request(path, { method = 'GET', body, accept = 'application/json', raw = false, on401 = 'login' } = {}) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  const headers = { Accept: accept };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(new URL(path, API), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store', credentials: 'same-origin', signal: ctrl.signal,
    });
  } catch (e) {
    throw new NetworkError(e.message);
  } finally {
    clearTimeout(timer);
  }
  if (res.status >= 500) throw new NetworkError(`HTTP ${res.status}`);
  if (res.status === 204) return null;
  if (res.ok && raw) return res;
  let data = null;
  try {
    data = await res.json();
  } catch {
    if (res.ok) throw new NetworkError('Answer was not JSON');
  }
  if (res.status === 401 && on401 === 'login') toLogin(true);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Back to the login page, remembering where we were (the chosen counter stays in sessionStorage). */
export function toLogin(expired) {
  if (expired) sessionStorage.setItem('antrean.expired', '1');
  const here = location.pathname.split('/').pop() + location.search;
  location.assign('index.html' + (here && !here.startsWith('index.html') ? '?next=' + encodeURIComponent(here) : ''));
}
