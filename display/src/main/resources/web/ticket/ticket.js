// The resident's live ticket page, served for /t/{token} (the QR code on the printed ticket).
// The token is the last segment of location.pathname (or ?token= when opened as /ticket/).
//
// data-testid (stable, for Playwright):
//   ticket-number      "A-017"
//   service            the service's name
//   ticket-state       the state box; data-state = BOOKED | ADMITTED | CALLED | SERVING | DONE |
//                      NO_SHOW | REFUSED | CANCELLED (LOADING before the first event)
//   ticket-state-id    "Menunggu di luar", "Dipanggil ke Loket 2", …;  ticket-state-en  its English line
//   guide              what to do now (BOOKED, ADMITTED, CALLED only)
//   people-ahead       a number (row people-ahead-row, hidden unless BOOKED or ADMITTED)
//   estimated-call     "09:40 WIB" (row estimated-call-row, hidden unless BOOKED or ADMITTED)
//   slot               "Selasa, 1 Desember 2026, 09:00–09:30 WIB" (row slot-row)
//   cancel             the cancel button (inside cancel-area, shown while "cancellable" is true)
//   cancel-dialog      the confirmation step; cancel-confirm ("Ya, batalkan") and cancel-abort ("Tidak")
//   message            a note such as why cancelling failed
//   alerts-enable      "Aktifkan suara & getar"; data-on="true" once sound is unlocked
//   offline-banner     visible (not [hidden]) while the stream is down
//   not-found          shown for an unknown token (HTTP 404)
//   last-update        time of the last update received
//   next-step, survey  after the end: next-step.js, survey.js
// Also <body data-stream="open|offline|connecting|closed">.

import { openStream } from '/display/stream.js';
import { TICKET } from '/display/i18n.js';
import { validZone } from '/display/clock.js';
import { renderTicket, showNotFound, showOffline, showMessage, showAlertsButton, fillIcons } from './ticket-view.js';
import { createAlerts } from './alerts.js';
import { setupMessages } from './messages.js';
import { renderNextStep } from './next-step.js';
import { createSurvey } from './survey.js';

const FINAL = new Set(['DONE', 'NO_SHOW', 'REFUSED', 'CANCELLED']);

const token = tokenFromUrl();
const api = `/api/v1/tickets/${encodeURIComponent(token)}`;
const tid = id => document.querySelector(`[data-testid="${id}"]`);
const alerts = createAlerts();
const survey = createSurvey(api);
let ticket = null;
let stream = null;

function tokenFromUrl() {
  const last = location.pathname.split('/').filter(Boolean).pop() ?? '';
  if (last && last !== 'ticket' && last !== 'index.html') {
    try { return decodeURIComponent(last); } catch { return last; } // a mangled link: let the server say 404
  }
  return new URLSearchParams(location.search).get('token') ?? '';
}

function timeZoneOf(t) {
  return validZone(t?.office?.timeZone); // the ticket JSON has no zone yet: Asia/Jakarta (WIB) for OKI
}

function apply(next) {
  const before = ticket?.state;
  ticket = next;
  renderTicket(ticket, timeZoneOf(ticket));
  renderNextStep(ticket);
  survey.update(ticket);
  // Only live changes alert: opening the page on an already-called ticket should not buzz.
  if (before && before !== next.state && (next.state === 'ADMITTED' || next.state === 'CALLED')) alerts.notify(next.state);
  if (FINAL.has(next.state)) {
    stream?.close(); // nothing more will happen to this ticket: save the phone's battery
    stream = null;
    showAlertsButton(false, false);
  }
}

// ---- live updates
function start() {
  if (!token) { showNotFound(); return; }
  stream = openStream(`${api}/stream`, {
    onEvent(name, data) { if (name === 'ticket' && data && typeof data === 'object') apply(data); },
    onStatus(s) {
      document.body.dataset.stream = s.state;
      showOffline(s.state === 'offline' || (s.state === 'connecting' && s.attempt > 0));
    },
    onHttpError(status) {
      if (status === 404) { showNotFound(); return 'stop'; }
      return 'retry';
    },
  });
}

// ---- cancelling, with a confirmation step
function setupCancel() {
  const dialog = tid('cancel-dialog');
  const cancel = tid('cancel');
  cancel.addEventListener('click', () => {
    showMessage(null);
    dialog.hidden = false;
    cancel.hidden = true;
    dialog.focus();
  });
  tid('cancel-abort').addEventListener('click', () => {
    dialog.hidden = true;
    cancel.hidden = false;
    cancel.focus();
  });
  tid('cancel-confirm').addEventListener('click', async () => {
    const buttons = dialog.querySelectorAll('button');
    buttons.forEach(b => { b.disabled = true; });
    try {
      const res = await fetch(api, { method: 'DELETE', headers: { Accept: 'application/json' } });
      const body = await res.json().catch(() => null);
      if (res.ok && body) apply(body);
      else {
        showMessage(body?.messages ?? (body?.message ? { id: body.message, en: '' } : TICKET.cancelFailed));
        if (res.status === 409) refresh(); // the state moved on (e.g. called meanwhile): show the truth
      }
    } catch {
      showMessage(TICKET.cancelFailed);
    } finally {
      buttons.forEach(b => { b.disabled = false; });
      dialog.hidden = true;
      cancel.hidden = false;
    }
  });
}

async function refresh() {
  try {
    const res = await fetch(api, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (res.ok) apply(await res.json());
  } catch { /* the stream will bring it */ }
}

// ---- sound and vibration: unlocked by the button or by any first tap
function setupAlerts() {
  if (!alerts.supported) return;
  showAlertsButton(true, alerts.on);
  const unlockAnywhere = async () => {
    if (await alerts.unlock()) {
      removeEventListener('pointerdown', unlockAnywhere, true);
      if (ticket && !FINAL.has(ticket.state)) showAlertsButton(true, true);
    }
  };
  addEventListener('pointerdown', unlockAnywhere, true);
  tid('alerts-enable').addEventListener('click', async () => {
    const ok = await alerts.unlock({ test: true });
    showAlertsButton(true, ok);
  });
}

fillIcons();
setupCancel();
setupAlerts();
setupMessages(api);
start();
