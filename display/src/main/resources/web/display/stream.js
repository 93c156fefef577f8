// A reconnecting Server-Sent-Events client, shared by the display and the ticket page
// (the ticket page imports it as /display/stream.js).
//
// Why fetch() and not the native EventSource:
//  - EventSource hides ": ping" heartbeat comments, so a silently dead connection (a TV behind a
//    NAT or proxy that drops idle flows) could never be detected; here every byte feeds a watchdog.
//  - EventSource hides the HTTP status, so a 404 (unknown ticket) would be retried forever.
//  - EventSource retries on a fixed delay; 1,000 displays coming back after a server restart must
//    spread out, so we back off exponentially with jitter.
// On every (re)connect we send the last event id both as the Last-Event-ID header (the SSE rule)
// and as the query parameter lastEventId (for proxies that strip unknown headers).
//
// Usage:
//   const s = openStream('/api/v1/…/stream', {
//     onEvent(name, data, id) {},          // data is the parsed JSON (or the raw string if not JSON)
//     onStatus({state, attempt, retryInMs}) {},   // state: 'connecting' | 'open' | 'offline' | 'closed'
//     onHttpError(status, body) { return 'stop' | 'retry'; },   // non-2xx answers
//   });
//   s.close();  s.lastEventId;

const DEFAULTS = {
  minDelayMs: 1000,
  maxDelayMs: 30000,
  idleTimeoutMs: 45000, // server heartbeat is every 15 s: three missed beats means the link is dead
  healthyAfterMs: 10000,
};

export function openStream(url, handlers = {}, options = {}) {
  const opt = { ...DEFAULTS, ...options };
  let lastEventId = opt.lastEventId ?? '';
  let attempt = 0;
  let closed = false;
  let controller = null;
  let retryTimer = 0;
  let idleTimer = 0;
  let serverRetryMs = 0;

  const status = (state, extra = {}) => handlers.onStatus?.({ state, attempt, ...extra });

  function urlWithId() {
    if (!lastEventId) return url;
    const u = new URL(url, location.href);
    u.searchParams.set('lastEventId', lastEventId);
    return u.pathname + u.search;
  }

  function armIdle() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => controller?.abort('idle'), opt.idleTimeoutMs);
  }

  async function connect() {
    clearTimeout(retryTimer);
    retryTimer = 0;
    if (closed) return;
    controller = new AbortController();
    const mine = controller;
    status('connecting');
    let healthy = false; // delivered an event or stayed up a while: the next drop starts the backoff afresh
    let openedAt = 0;
    try {
      const headers = { Accept: 'text/event-stream' };
      if (lastEventId) headers['Last-Event-ID'] = lastEventId;
      armIdle();
      const res = await fetch(urlWithId(), { headers, cache: 'no-store', signal: mine.signal });
      if (!res.ok) {
        const body = await res.json().catch(() => null);
        clearTimeout(idleTimer);
        const verdict = handlers.onHttpError?.(res.status, body) ?? (res.status >= 500 || res.status === 429 ? 'retry' : 'stop');
        if (verdict === 'stop') { close(); return; }
        throw new Error(`HTTP ${res.status}`);
      }
      status('open');
      openedAt = Date.now();
      const parser = createParser((name, data, id) => {
        healthy = true;
        try { handlers.onEvent?.(name, parseData(data), id); }
        catch (err) { console.error('stream handler:', err); } // one bad event must not drop the link
      }, id => { lastEventId = id; }, ms => { serverRetryMs = ms; });
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        armIdle();
        parser.push(decoder.decode(value, { stream: true }));
      }
      parser.end();
    } catch (err) {
      if (closed) return;
      if (err?.name !== 'AbortError' && mine.signal.reason !== 'idle') console.warn('stream:', err?.message ?? err);
    } finally {
      clearTimeout(idleTimer);
    }
    if (closed) return;
    // A server that accepts and at once closes must not be hammered: only a healthy stream resets.
    if (healthy || (openedAt && Date.now() - openedAt > opt.healthyAfterMs)) attempt = 0;
    scheduleRetry();
  }

  function scheduleRetry() {
    attempt += 1;
    const base = Math.max(serverRetryMs, Math.min(opt.maxDelayMs, opt.minDelayMs * 2 ** (attempt - 1)));
    const delay = Math.round(base * (0.5 + Math.random())); // ±50 % jitter spreads the herd of displays
    status('offline', { retryInMs: delay, retryAt: Date.now() + delay });
    retryTimer = setTimeout(connect, delay);
  }

  // Coming back online or to the foreground: try now instead of waiting out the backoff.
  function retryNow() {
    if (!closed && retryTimer) connect();
  }
  const onVisible = () => { if (document.visibilityState === 'visible') retryNow(); };
  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', onVisible);

  function close() {
    closed = true;
    clearTimeout(retryTimer);
    clearTimeout(idleTimer);
    controller?.abort();
    window.removeEventListener('online', retryNow);
    document.removeEventListener('visibilitychange', onVisible);
    status('closed');
  }

  connect();
  return {
    close,
    reconnect() { controller?.abort(); }, // the finally-block schedules the retry
    get lastEventId() { return lastEventId; },
  };
}

function parseData(data) {
  try { return JSON.parse(data); } catch { return data; }
}

/**
 * The text/event-stream parser of the HTML standard: lines end in CRLF, LF or CR; a blank line
 * dispatches; ":" starts a comment; one space after the colon is dropped.
 */
export function createParser(dispatch, onId = () => {}, onRetry = () => {}) {
  let buf = '';
  let data = '';
  let event = '';
  let id = '';
  let idSeen = false;
  let first = true;
  let skipLF = false;

  function line(l) {
    if (l === '') {
      // The id counts only once its event is complete: a drop mid-event must not skip that event.
      if (idSeen) { onId(id); idSeen = false; }
      if (data !== '') dispatch(event || 'message', data.endsWith('\n') ? data.slice(0, -1) : data, id);
      data = ''; event = '';
      return;
    }
    if (l[0] === ':') return; // heartbeat or comment: its bytes already fed the watchdog
    const colon = l.indexOf(':');
    const field = colon < 0 ? l : l.slice(0, colon);
    let value = colon < 0 ? '' : l.slice(colon + 1);
    if (value[0] === ' ') value = value.slice(1);
    if (field === 'data') data += value + '\n';
    else if (field === 'event') event = value;
    else if (field === 'id') { if (!value.includes('\0')) { id = value; idSeen = true; } }
    else if (field === 'retry') { if (/^\d+$/.test(value)) onRetry(Number(value)); }
  }

  return {
    push(chunk) {
      buf += chunk;
      if (first && buf.length) { if (buf[0] === '\uFEFF') buf = buf.slice(1); first = false; }
      // A CR that ended the previous chunk may be the first half of a CRLF.
      if (skipLF && buf.length) { if (buf[0] === '\n') buf = buf.slice(1); skipLF = false; }
      let start = 0;
      for (let i = 0; i < buf.length; i++) {
        const c = buf[i];
        if (c !== '\n' && c !== '\r') continue;
        line(buf.slice(start, i));
        if (c === '\r') {
          if (i + 1 === buf.length) skipLF = true;
          else if (buf[i + 1] === '\n') i++;
        }
        start = i + 1;
      }
      buf = buf.slice(start);
    },
    end() { buf = ''; data = ''; event = ''; idSeen = false; skipLF = false; }, // an unterminated event is discarded, per the standard
  };
}
