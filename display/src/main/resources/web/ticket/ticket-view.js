// Puts one ticket on the resident's page. Text is set with textContent only; innerHTML is used
// solely for our own constant SVG pictograms.

import { stateText, SERVICE, TICKET } from '/display/i18n.js';
import { ICONS } from '/display/icons.js';
import { formatDate, formatDay, formatTime, dayKey, zoneName } from '/display/clock.js';

const STATE_ICON = {
  BOOKED: 'clock', ADMITTED: 'door', CALLED: 'bell', SERVING: 'people',
  DONE: 'check', NO_SHOW: 'stop', REFUSED: 'stop', CANCELLED: 'stop',
};
const WAITING = new Set(['BOOKED', 'ADMITTED']); // the states in which "people ahead" means something

const tid = id => document.querySelector(`[data-testid="${id}"]`);

function setBi(node, text) {
  node.querySelector('.id').textContent = text.id;
  node.querySelector('.en').textContent = text.en;
}

export function fillIcons(root = document) {
  for (const n of root.querySelectorAll('[data-icon]')) n.innerHTML = ICONS[n.dataset.icon] ?? '';
}

export function renderTicket(t, timeZone) {
  const zone = zoneName(timeZone);
  tid('ticket-number').textContent = t.number ?? '—';
  const service = SERVICE[t.service] ?? { id: t.service ?? '', en: '' };
  const sv = tid('service');
  sv.replaceChildren(document.createTextNode(service.id), ' ', Object.assign(document.createElement('span'), { className: 'en', lang: 'en', textContent: service.en }));

  const text = stateText(t.state, t);
  const box = tid('ticket-state');
  if (box.dataset.state !== t.state && box.dataset.state !== 'LOADING') {
    box.classList.remove('changed');
    void box.offsetWidth; // restart the one-off animation
    box.classList.add('changed');
  }
  box.dataset.state = t.state;
  box.querySelector('.state-icon').innerHTML = ICONS[STATE_ICON[t.state]] ?? ICONS.clock;
  tid('ticket-state-id').textContent = text.id;
  tid('ticket-state-en').textContent = text.en;
  document.title = `${t.number ?? ''} · ${text.id}`;

  const guide = TICKET.guide[t.state];
  const g = tid('guide');
  g.hidden = !guide;
  if (guide) setBi(g, guide);

  const waiting = WAITING.has(t.state);
  tid('people-ahead-row').hidden = !waiting;
  tid('estimated-call-row').hidden = !waiting;
  if (waiting) {
    const ahead = tid('people-ahead');
    ahead.textContent = String(t.peopleAhead ?? '—');
    if (t.peopleAhead === 0) {
      ahead.append(Object.assign(document.createElement('span'), { className: 'note', textContent: TICKET.youAreNext.id }),
        Object.assign(document.createElement('span'), { className: 'note en', lang: 'en', textContent: TICKET.youAreNext.en }));
    }
    tid('estimated-call').textContent = estimate(t.estimatedCallAt, timeZone, zone);
  }
  renderSlot(tid('slot'), t, zone);

  tid('cancel-area').hidden = !t.cancellable;
  if (!t.cancellable) tid('cancel-dialog').hidden = true;
  tid('last-update').textContent = `${TICKET.lastUpdate.id} ${formatTime(new Date(), timeZone, { seconds: true })} ${zone} · ${TICKET.lastUpdate.en}`;
}

function estimate(iso, timeZone, zone) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return `${TICKET.unknown.id} / ${TICKET.unknown.en}`;
  const time = `${formatTime(d, timeZone)} ${zone}`;
  // Another day (booked ahead): the time alone would mislead.
  return dayKey(d, timeZone) === dayKey(new Date(), timeZone) ? time : `${formatDate(d, timeZone)}, ${time}`;
}

/** "Selasa, 1 Desember 2026, 09:00–09:30 WIB", the time range kept on one line. */
function renderSlot(node, t, zone) {
  const day = t.day ? formatDay(t.day) : '';
  const range = t.slot ? `${t.slot.start}–${t.slot.end} ${zone}` : '';
  const parts = [];
  if (day) parts.push(document.createTextNode(range ? `${day}, ` : day));
  if (range) parts.push(Object.assign(document.createElement('span'), { className: 'nowrap', textContent: range }));
  node.replaceChildren(...(parts.length ? parts : ['—']));
}

export function showNotFound() {
  tid('not-found').hidden = false;
  tid('content').hidden = true;
  document.title = `${TICKET.notFound.id} / ${TICKET.notFound.en}`;
}

export function showOffline(offline) {
  tid('offline-banner').hidden = !offline;
  document.body.classList.toggle('is-offline', offline);
}

/** A short note under the buttons (cancel failed, …); null hides it. */
export function showMessage(text) {
  const m = tid('message');
  m.hidden = !text;
  m.textContent = text ? `${text.id} ${text.en ? `/ ${text.en}` : ''}`.trim() : '';
}

export function showAlertsButton(visible, on) {
  const b = tid('alerts-enable');
  b.hidden = !visible;
  b.disabled = on;
  b.dataset.on = String(on);
  setBi(b, on ? TICKET.alertsOn : TICKET.alertsEnable);
  b.querySelector('.btn-icon').innerHTML = on ? ICONS.check : ICONS.bell;
}
