// The counter console: one big button (or one key) per action, the current ticket, the live queue.
import { request, officeId, ApiError, NetworkError } from './api.js';
import { h, bi, svg, clear } from './dom.js';
import { startPage } from './session.js';
import { ICONS } from './icons.js';
import { askPpe, askRefusal, REFUSE_REASONS, celsius } from './dialogs.js';
import { askNumber, askTransfer, renderCounterStatus, STATUS_KEYS, STATUS_WORDS } from './counter-tools.js';
import { renderQueue } from './queue-view.js';
import { renderCurrent } from './current-view.js';
import { renderPickup } from './pickup-counter.js';
import { time } from './format.js';

const POLL_MS = 2000;
const RETRY_MS = 2000;

const counter = JSON.parse(sessionStorage.getItem('antrean.counter') || 'null');
const me = await startPage('OPERATOR', { id: 'Loket', en: 'Counter console', brand: counter?.name });
if (me && !counter) location.replace('counter.html');

const office = officeId();
let current = null;   // the ticket at this counter (CALLED or SERVING), or null
let queue = [];
let kiosk = null;
let busy = false;     // one action at a time: a second press never sends a second request
let seq = 0;          // bumps with every action so an older poll cannot overwrite its result
let online = true;
let lastUpdate = null;
let counters = [];    // every counter with its status (open / on break / closed)
let lastNoShow = null; // the last ticket this counter marked "did not show up", for "return to the queue"
const open = () => (counters.find((c) => c.id === counter.id)?.status || 'OPEN') === 'OPEN';

const ACTIONS = [
  { name: 'call', key: 'P', id: 'Panggil berikutnya', en: 'Call next', icon: 'call', when: (t) => !t && open() },
  { name: 'callNumber', key: 'N', id: 'Panggil nomor…', en: 'Call a number…', icon: 'number', when: (t) => !t && open() },
  { name: 'recall', key: 'U', id: 'Panggil ulang', en: 'Recall', icon: 'recall', when: (t) => t?.state === 'CALLED' },
  { name: 'start', key: 'M', id: 'Mulai', en: 'Start', icon: 'start', when: (t) => t?.state === 'CALLED' },
  { name: 'done', key: 'S', id: 'Selesai', en: 'Done', icon: 'done', when: (t) => t?.state === 'SERVING' },
  { name: 'noShow', key: 'H', id: 'Tidak hadir', en: 'No-show', icon: 'absent', when: (t) => t?.state === 'CALLED' },
  { name: 'refuse', key: 'T', id: 'Tolak', en: 'Refuse', icon: 'refuse', when: (t) => t?.state === 'CALLED' || t?.state === 'SERVING' },
  { name: 'transfer', key: 'A', id: 'Alihkan ke loket…', en: 'Transfer…', icon: 'transfer', when: (t) => t?.state === 'CALLED' || t?.state === 'SERVING' },
  { name: 'requeue', key: 'K', id: 'Kembalikan ke antrean', en: 'Back to the queue', icon: 'recall', when: () => !!lastNoShow },
];

const el = {};
if (me && counter) {
  layout();
  // Keys work from the first moment; the buttons stay disabled until the counter's state is known.
  document.addEventListener('keydown', onKey);
  try {
    await refresh();
  } catch (e) {
    // A session that ended meanwhile is on its way to the login page; anything else is shown.
    if (!(e instanceof ApiError) || e.status !== 401) throw e;
  }
  render();
  setTimeout(poll, POLL_MS);
}

function layout() {
  el.status = h('section', { class: 'statusbar', 'aria-label': 'Ruang tunggu dan kuota / Room and quota' });
  el.counterStatus = h('section', { class: 'counter-status-bar', id: 'counter-status-bar', 'aria-label': 'Status loket / Counter status' });
  el.current = h('section', { class: 'panel current', id: 'current', 'aria-live': 'polite', 'aria-labelledby': 'current-title' });
  el.buttons = {};
  const actions = h('section', { class: 'actions', 'aria-label': 'Tindakan / Actions' }, ACTIONS.map((a) => {
    const b = h('button', {
      type: 'button', class: `action action-${a.name}`, id: `action-${a.name}`, 'data-action': a.name, disabled: true,
      'aria-keyshortcuts': a.key, onclick: () => perform(a.name),
    }, svg(ICONS[a.icon]), h('span', { class: 'label' }, a.name === 'requeue' ? el.requeueLabel = bi(a.id, a.en) : bi(a.id, a.en)),
    h('kbd', { 'aria-hidden': 'true' }, a.key));
    el.buttons[a.name] = b;
    return b;
  }));
  el.message = h('div', { id: 'message', class: 'message-slot' });
  el.queue = h('section', { class: 'queue', id: 'queue', 'aria-label': 'Antrean hari ini / Today’s queue' });
  clear(document.querySelector('main'), el.status, el.counterStatus, h('div', { class: 'console-grid' }, el.current, actions), el.message, el.queue);
}

function render() {
  renderCurrent(el.current, current, counter);
  // A pickup ticket (B-…) also shows its document and the handover buttons.
  renderPickup(el.current, current, { say, onDone: async () => { await refresh(); render(); } });
  for (const a of ACTIONS) {
    el.buttons[a.name].disabled = busy || !a.when(current);
  }
  const rq = lastNoShow ? [`Kembalikan ${lastNoShow.number} ke antrean`, `${lastNoShow.number} back to the queue`]
    : ['Kembalikan ke antrean', 'Back to the queue'];
  clear(el.requeueLabel, h('span', { lang: 'id' }, rq[0]), h('span', { class: 'en', lang: 'en' }, rq[1]));
  renderCounterStatus(el.counterStatus, counter, counters.find((c) => c.id === counter.id)?.status, busy || !!current, setStatus);
  renderStatus();
  renderQueue(el.queue, queue, kiosk, { onRequeue: (t) => perform('requeue', t), busy });
}

function renderStatus() {
  const av = kiosk?.availability;
  const occ = av?.occupancy;
  const quota = av?.quota;
  clear(el.status,
    h('div', { class: 'stat', id: 'occupancy' }, bi('Ruang tunggu', 'Waiting room', 'span'),
      h('strong', {}, occ ? `${occ.present} / ${occ.capacity}` : '–'), bi('orang', 'people')),
    h('div', { class: 'stat', id: 'quota' }, bi('Kuota tersisa', 'Quota left', 'span'),
      h('strong', {}, quota ? `${quota.left} / ${quota.limit}` : '–')),
    h('div', { class: 'stat', id: 'outside' }, bi('Menunggu di luar', 'Waiting outside', 'span'),
      h('strong', {}, av ? String(av.waitingOutside ?? 0) : '–')),
    h('div', { class: `stat live ${online ? 'online' : 'offline'}`, id: 'live', role: 'status' },
      online ? bi(`● Tersambung · ${lastUpdate || ''} WIB`, 'Live') : bi('✕ Terputus — mencoba lagi', 'Offline — retrying')));
}

/** Shows a message in words; errors are announced at once. */
function say(kind, id, en) {
  clear(el.message, h('p', { class: `message ${kind}`, role: kind === 'error' || kind === 'warn' ? 'alert' : 'status' }, bi(id, en)));
}

async function refresh() {
  const mySeq = seq;
  try {
    const [q, k, c] = await Promise.all([
      request(`offices/${office}/queue`),
      request(`offices/${office}/kiosk`),
      request(`offices/${office}/counters`),
    ]);
    queue = q.tickets;
    kiosk = k;
    counters = c.counters;
    if (lastNoShow) lastNoShow = queue.find((t) => t.id === lastNoShow.id && t.state === 'NO_SHOW') || null;
    online = true;
    lastUpdate = time(k.now, true); // the server's clock, in the office's zone
    if (!busy && mySeq === seq) {
      current = queue.find((t) => t.counter?.id === counter.id && (t.state === 'CALLED' || t.state === 'SERVING')) || null;
    }
  } catch (e) {
    if (e instanceof NetworkError) online = false;
    else throw e;
  }
}

async function poll() {
  try {
    await refresh();
    render();
  } catch (e) {
    if (e instanceof ApiError && e.status !== 401) say('error', e.words.id, e.words.en);
  } finally {
    setTimeout(poll, POLL_MS);
  }
}

function onKey(ev) {
  if (ev.ctrlKey || ev.altKey || ev.metaKey || document.querySelector('dialog[open]')) return;
  if (/^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName)) return;
  const a = ACTIONS.find((x) => x.key === ev.key.toUpperCase());
  if (a && !el.buttons[a.name].disabled) {
    ev.preventDefault();
    perform(a.name);
    return;
  }
  const target = STATUS_KEYS[ev.key.toUpperCase()];
  const button = target && document.getElementById(`status-${target}`);
  if (button && !button.disabled) {
    ev.preventDefault();
    setStatus(target);
  }
}

/**
 * Sends a state change; when the network fails it waits, looks whether the first try arrived
 * (reconcile), and only sends again when it did not. So a lost answer never causes a double call.
 */
async function sendSafely(send, arrived) {
  let unsure = false;
  for (;;) {
    try {
      if (unsure) {
        const seen = await arrived();
        if (seen !== undefined) return seen;
        unsure = false;
      }
      return await send();
    } catch (e) {
      if (!(e instanceof NetworkError)) throw e;
      unsure = true;
      online = false;
      renderStatus();
      say('warn', 'Jaringan terputus. Mencoba lagi tanpa mengirim dua kali…', 'Network down. Retrying without sending twice…');
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

async function ticketNow(id) {
  return request(`staff-tickets/${id}`);
}

const FINAL = { DONE: ['selesai', 'done'], NO_SHOW: ['tidak hadir', 'did not show up'], REFUSED: ['ditolak', 'refused'] };

function steps(name, before) {
  const id = before?.id;
  const post = (path, body) => request(path, { method: 'POST', body });
  const reached = (pred) => async () => {
    const t = await ticketNow(id);
    return pred(t) ? t : undefined;
  };
  switch (name) {
    case 'call':
      return {
        send: () => post(`offices/${office}/counters/${encodeURIComponent(counter.id)}/call-next`),
        arrived: async () => {
          const q = await request(`offices/${office}/queue`);
          return q.tickets.find((t) => t.counter?.id === counter.id && (t.state === 'CALLED' || t.state === 'SERVING'));
        },
      };
    case 'recall':
      return { send: () => post(`tickets/${id}/recall`), arrived: reached((t) => t.recalls > before.recalls || t.state !== 'CALLED') };
    case 'done':
      return { send: () => post(`tickets/${id}/complete`), arrived: reached((t) => t.state === 'DONE') };
    case 'noShow':
      return { send: () => post(`tickets/${id}/no-show`), arrived: reached((t) => t.state === 'NO_SHOW') };
    case 'requeue':
      return { send: () => post(`tickets/${id}/requeue`), arrived: reached((t) => t.state === 'BOOKED' || t.state === 'ADMITTED') };
    default:
      return null;
  }
}

async function perform(name, chosen) {
  if (busy) return;
  const before = name === 'requeue' ? chosen || lastNoShow : current;
  if (name === 'callNumber') return withDialog(askNumber, (number) => ({
    send: () => request(`offices/${office}/counters/${encodeURIComponent(counter.id)}/call`, { method: 'POST', body: { number } }),
    arrived: steps('call').arrived,
  }), 'callNumber');
  if (name === 'transfer') return withDialog((submit) => askTransfer(submit, counters, counter, before.number), (to) => ({
    send: () => request(`tickets/${before.id}/transfer`, { method: 'POST', body: { counter: to } }),
    arrived: async () => { const t = await ticketNow(before.id); return t.counter?.id === to && t.state === 'CALLED' ? t : undefined; },
  }), 'transfer');
  if (name === 'start') return withDialog((submit) => askPpe(submit, () => refuseForSymptoms(before)), (v) => ({
    send: () => request(`tickets/${before.id}/start`, { method: 'POST', body: v }),
    arrived: async () => { const t = await ticketNow(before.id); return t.state === 'SERVING' ? t : undefined; },
  }));
  if (name === 'refuse') return withDialog(askRefusal, (reason) => ({
    send: () => request(`tickets/${before.id}/refuse`, { method: 'POST', body: { reason } }),
    arrived: async () => { const t = await ticketNow(before.id); return t.state === 'REFUSED' ? t : undefined; },
  }));
  busy = true;
  seq++;
  render();
  try {
    const s = steps(name, before);
    const result = await sendSafely(s.send, s.arrived);
    applied(name, before, result);
  } catch (e) {
    await failed(e);
  } finally {
    busy = false;
    seq++;
    render();
  }
}

/** The fever answer's one tap: refuse with the reason "symptoms", then the dialog closes. */
async function refuseForSymptoms(before) {
  const reason = REFUSE_REASONS.find((r) => r.code === 'SYMPTOMS').id;
  try {
    const result = await sendSafely(() => request(`tickets/${before.id}/refuse`, { method: 'POST', body: { reason } }),
      async () => { const t = await ticketNow(before.id); return t.state === 'REFUSED' ? t : undefined; });
    applied(null, before, result);
    return true;
  } catch (e) {
    await failed(e);
    return true;
  }
}

/** Marks this counter open, on break or closed; the display shows it. */
async function setStatus(status) {
  if (busy) return;
  busy = true;
  seq++;
  render();
  try {
    const c = await request(`offices/${office}/counters/${encodeURIComponent(counter.id)}/status`, { method: 'PUT', body: { status } });
    counters = counters.map((x) => (x.id === c.id ? c : x));
    const [sid, sen] = STATUS_WORDS[c.status];
    say('ok', `${counter.name}: ${sid.toLowerCase()}.`, `${counter.name}: ${sen.toLowerCase()}.`);
  } catch (e) {
    await failed(e);
  } finally {
    busy = false;
    seq++;
    render();
  }
}

/** Dialog actions: errors the resident or staff can fix (fever, missing PPE) stay in the dialog. */
async function withDialog(ask, stepsFor, name = null) {
  const before = current;
  busy = true;
  seq++;
  render();
  try {
    await ask(async (value) => {
      try {
        const s = stepsFor(value);
        const result = await sendSafely(s.send, s.arrived);
        applied(name, before, result);
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.code === 'HEALTH_PROTOCOL' && e.details?.temperatureC !== undefined) {
          // Fever: said in the office's words ("38,2 °C"), with the one-tap refusal beside it.
          const c = celsius(e.details.temperatureC);
          return { id: `Suhu tubuh ${c}: demam. Warga tidak dapat dilayani hari ini.`,
            en: `Temperature ${c.replace(',', '.')}: fever. The resident cannot be served today.`, fever: true };
        }
        if (e instanceof ApiError && ['HEALTH_PROTOCOL', 'INVALID_REQUEST', 'TICKET_NOT_FOUND', 'ALREADY_CALLED', 'ROOM_FULL', 'COUNTER_BUSY', 'COUNTER_NOT_OPEN']
          .includes(e.code) && name !== null) return e.words;
        if (e instanceof ApiError && (e.code === 'HEALTH_PROTOCOL' || e.code === 'INVALID_REQUEST')) return e.words;
        await failed(e);
        return true;
      }
    });
  } finally {
    busy = false;
    seq++;
    render();
    el.buttons[ACTIONS.find((a) => a.when(current))?.name || 'call']?.focus();
  }
}

function applied(name, before, result) {
  online = true;
  if (name === 'call' && !result) {
    current = null;
    say('info', 'Tidak ada warga yang menunggu, di ruang tunggu maupun di luar.', 'Nobody is waiting, in the waiting room or outside.');
    return;
  }
  if (name === 'requeue') {
    lastNoShow = null;
    const inside = result.state === 'ADMITTED';
    say('ok', `${result.number} kembali ke antrean${inside ? ' (di ruang tunggu)' : ' (menunggu di luar sampai slotnya)'}.`,
      `${result.number} is back in the queue${inside ? ' (in the waiting room)' : ' (waiting outside until its slot)'}.`);
    refresh().then(render);
    return;
  }
  if (name === 'transfer') {
    current = null;
    say('ok', `${result.number} dialihkan ke ${result.counter?.name}.`, `${result.number} transferred to ${result.counter?.name}.`);
    refresh().then(render);
    return;
  }
  if (result.state === 'NO_SHOW') lastNoShow = result;
  if (FINAL[result.state]) {
    current = null;
    const [id, en] = FINAL[result.state];
    say('ok', `${result.number} ${id}.`, `${result.number} ${en}.`);
  } else {
    current = result;
    const texts = {
      CALLED: name === 'recall' ? [`${result.number} dipanggil ulang.`, `${result.number} recalled.`]
        : result.calledEarly ? [`${result.number} dipanggil lebih awal ke ${counter.name} (slot ${result.slot?.start}); warga masuk dari luar, beri waktu.`,
          `${result.number} called early to ${counter.name} (slot ${result.slot?.start}); the resident comes in from outside, allow time.`]
          : [`${result.number} dipanggil ke ${counter.name}.`, `${result.number} called to ${counter.name}.`],
      SERVING: [`${result.number} sedang dilayani.`, `${result.number} is being served.`],
    };
    const t = texts[result.state] || [result.number, ''];
    say('ok', t[0], t[1]);
  }
  refresh().then(render);
}

async function failed(e) {
  if (!(e instanceof ApiError)) throw e;
  if (e.status === 401) return; // on its way to the login page
  if (e.code === 'COUNTER_BUSY') {
    say('warn', `${e.words.id} Tiket itu ditampilkan di atas.`, `${e.words.en} It is shown above.`);
    try {
      current = await ticketNow(e.details.ticketId);
    } catch {
      // the next poll shows it
    }
  } else if (e.code === 'COUNTER_NOT_OPEN') {
    say('warn', e.words.id, e.words.en);
    await refresh();
  } else if (e.code === 'INVALID_STATE') {
    say('warn', 'Tiket ini sudah berubah (mungkin oleh loket lain); tampilan diperbarui. ' + e.words.id,
      'This ticket has changed (perhaps at another counter); the view was updated. ' + e.words.en);
    seq++;
    current = null;
    await refresh();
  } else {
    say('error', e.words.id, e.words.en);
  }
}
