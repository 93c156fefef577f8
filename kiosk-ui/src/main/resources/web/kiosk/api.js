// The server's public API (issue 3). Every failure becomes one of two errors so the flow
// only has to ask "did the server answer with a decision (ApiError) or not (NetworkError)?".

// Relative to /kiosk/, like the assets, so a reverse proxy under a path prefix still works.
const API = new URL('../api/v1/', document.baseURI);
const TIMEOUT_MS = 15000;

/** The server answered with a decision: 4xx with the {error, message, messages, details} body. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error || `HTTP_${status}`;
    this.body = body || {};
    this.details = body?.details || {};
  }
}

/** No decision reached us (offline, timeout, proxy error, 5xx): safe to retry with the same key. */
export class NetworkError extends Error {
  constructor(message, retryAfterSeconds = null) {
    super(message);
    // The server's own "busy, try again in N s" (503/429 with Retry-After), when it said so.
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Automatic tries of a ticket request the server called busy, before the retry screen shows. */
const BUSY_RETRIES = 2;
const BUSY_WAIT_MAX_S = 5;

export function officeId() {
  const id = new URLSearchParams(location.search).get('office') || 'oki';
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : 'oki';
}

/**
 * A UUID for the Idempotency-Key. crypto.randomUUID() exists only in secure contexts, and a
 * kiosk is often served over plain http on the office LAN, so fall back to getRandomValues.
 */
export function newIdempotencyKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

async function request(path, { method = 'GET', body, headers = {} } = {}) {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  let res;
  try {
    res = await fetch(new URL(path, API), {
      method,
      headers: { Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      cache: 'no-store',
      signal: ctrl.signal,
    });
  } catch (e) {
    throw new NetworkError(e.message);
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    // A body that is not JSON comes from a proxy or a crash, never from a rule decision.
    if (res.ok || res.status >= 500 || res.status === 0) throw new NetworkError(`HTTP ${res.status}`);
  }
  if (res.ok) return data;
  // 408/429/5xx: the server did not decide; the same Idempotency-Key makes a retry safe.
  if (res.status >= 500 || res.status === 408 || res.status === 429) {
    const after = Number.parseInt(res.headers.get('Retry-After') || '', 10);
    throw new NetworkError(`HTTP ${res.status}`, Number.isFinite(after) ? after : null);
  }
  throw new ApiError(res.status, data);
}

export const getKiosk = (office) => request(`offices/${encodeURIComponent(office)}/kiosk`);

/** Whether the office sends WhatsApp messages, and what the kiosk must say before asking for a number. */
export const getNotifications = (office) => request(`offices/${encodeURIComponent(office)}/notifications`);

/**
 * Asks for a ticket. When the server answers "busy, try again shortly" (a database hiccup or a
 * burst), the same request with the same Idempotency-Key is sent again after the wait it named,
 * a couple of times, before the resident is shown the retry screen.
 */
export async function postTicket(office, body, idempotencyKey) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request(`offices/${encodeURIComponent(office)}/tickets`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      });
    } catch (e) {
      const wait = e instanceof NetworkError ? e.retryAfterSeconds : null;
      if (wait == null || wait > BUSY_WAIT_MAX_S || attempt >= BUSY_RETRIES) throw e;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, wait) * 1000));
    }
  }
}
