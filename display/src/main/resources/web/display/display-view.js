// Puts the display's state on screen. Text goes in with textContent only (numbers and names come
// from the network); innerHTML is used solely for our own constant SVG pictograms.

import { DISPLAY, OFFLINE } from './i18n.js';
import { ICONS, reminderIcon } from './icons.js';
import { heroOf } from './display-state.js';
import { formatDate, formatTime, zoneName } from './clock.js';

const ADMITTED_SHOWN = 9; // three rows of three fit the column at a size readable from 8 m
const RECENT_SHOWN = 8; // at most; rows that do not fit the column are trimmed
const FRESH_MS = 6000; // how long a new call stays highlighted (one fade, never a blink)

const $ = (sel, root = document) => root.querySelector(sel);
const tid = id => $(`[data-testid="${id}"]`);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'testid') e.dataset.testid = v;
    else if (k === 'html') e.innerHTML = v; // constant SVG only
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}

/** "Indonesian" + smaller "English" pair. */
function bi(text) {
  return [el('span', { class: 'id' }, text.id), ' ', el('span', { class: 'en', lang: 'en' }, text.en)];
}

function setText(node, text) {
  if (node && node.textContent !== text) node.textContent = text;
}

const FLOOR_PX = 28; // no text on the TV below this (display.css --floor)

/**
 * Fits a text from the office (a reminder, the office's name) on one line: from maxVh down in
 * small steps to the 28 px floor; if it is still too wide there, it wraps onto more lines rather
 * than being cut.
 */
function fitLine(node, maxVh) {
  const floor = FLOOR_PX;
  let size = Math.max(floor, (maxVh * innerHeight) / 100);
  node.style.whiteSpace = 'nowrap';
  node.style.fontSize = `${size}px`;
  while (size > floor && node.scrollWidth > node.clientWidth + 1) {
    size = Math.max(floor, size - 2);
    node.style.fontSize = `${size}px`;
  }
  if (node.scrollWidth > node.clientWidth + 1) node.style.whiteSpace = 'normal';
}

function fillIcons() {
  for (const n of document.querySelectorAll('[data-icon]')) n.innerHTML = ICONS[n.dataset.icon] ?? '';
}

export function createView() {
  fillIcons();
  const hero = tid('current-call');
  let freshTimer = 0;

  function renderOffice(state) {
    const name = state.office?.name;
    if (!name) return;
    setText(tid('office-name'), name.id ?? '');
    setText(tid('office-name-en'), name.en ?? '');
    document.title = `Antrean — ${name.id ?? ''}`;
    fitLine(tid('office-name'), 3.8);
    fitLine(tid('office-name-en'), 2.4);
  }

  function renderHero(state) {
    const h = heroOf(state);
    hero.dataset.state = h ? h.state : 'IDLE';
    const label = !h ? DISPLAY.idle
      : h.state === 'SERVING' ? DISPLAY.nowServing
      : h.recalls > 0 ? { id: `${DISPLAY.nowCalling.id} · ${DISPLAY.recall(h.recalls).id}`, en: `${DISPLAY.nowCalling.en} · ${DISPLAY.recall(h.recalls).en}` }
      : DISPLAY.nowCalling;
    setText($('.id', tid('current-label')), label.id);
    setText($('.en', tid('current-label')), label.en);
    setText(tid('current-number'), h ? h.number : '—');
    setText(tid('current-counter'), h ? h.counter.name : '');
    hero.dataset.counter = h ? h.counter.id : '';
  }

  function renderCounters(state) {
    const box = tid('counters');
    box.style.setProperty('--n', String(Math.max(1, state.counters.length)));
    box.classList.toggle('many', state.counters.length >= 3);
    const wanted = state.counters.map(c => `counter-tile-${c.id}`);
    // Rebuild only when the set of counters changes, so a highlight on a tile is not reset.
    if ([...box.children].map(n => n.dataset.testid).join() !== wanted.join()) {
      box.replaceChildren(...state.counters.map(c => el('article', { class: 'tile', testid: `counter-tile-${c.id}` },
        el('div', { class: 'tile-name', testid: `counter-name-${c.id}` }),
        el('div', { class: 'tile-number num', testid: `counter-number-${c.id}` }),
        el('div', { class: 'tile-state label', testid: `counter-state-${c.id}` }))));
    }
    for (const c of state.counters) {
      const tile = tid(`counter-tile-${c.id}`);
      // A counter on break or closed with nobody at it says so instead of "no call yet".
      const s = c.current?.state ?? (c.status && c.status !== 'OPEN' ? c.status : 'IDLE');
      tile.dataset.state = s;
      setText(tid(`counter-name-${c.id}`), c.name);
      setText(tid(`counter-number-${c.id}`), c.current?.number ?? '—');
      const text = s === 'CALLED' ? DISPLAY.nowCalling : s === 'SERVING' ? DISPLAY.nowServing
        : s === 'BREAK' ? DISPLAY.counterBreak : s === 'CLOSED' ? DISPLAY.counterClosed : DISPLAY.counterIdle;
      const stateEl = tid(`counter-state-${c.id}`);
      if (stateEl.dataset.key !== s) { stateEl.dataset.key = s; stateEl.replaceChildren(...bi(text)); }
    }
  }

  function renderAdmitted(state) {
    const list = tid('admitted-list');
    const shown = state.admitted.slice(0, ADMITTED_SHOWN);
    const items = shown.map(n => el('li', { 'data-number': n }, n));
    if (state.admitted.length > shown.length) {
      items.push(el('li', { class: 'more' }, ...bi(DISPLAY.more(state.admitted.length - shown.length))));
    }
    if (!items.length) items.push(el('li', { class: 'none' }, ...bi(DISPLAY.admittedNone)));
    list.replaceChildren(...items);
  }

  function renderRecent(state, timeZone) {
    const list = tid('recent-calls');
    const items = state.recentCalls.slice(0, RECENT_SHOWN).map(r => el('li', { 'data-number': r.number },
      el('span', { class: 'num recent-number' }, r.number),
      el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'),
      el('span', { class: 'recent-counter' }, r.counter?.name ?? ''),
      el('span', { class: 'recent-time en' }, r.at ? formatTime(new Date(r.at), timeZone) : '')));
    if (!items.length) items.push(el('li', { class: 'none' }, ...bi(DISPLAY.recentNone)));
    list.replaceChildren(...items);
    // Drop whole rows that would be cut by the panel's edge (a half-visible number misleads).
    while (list.children.length > 1 && list.scrollHeight > list.clientHeight + 1) list.lastElementChild.remove();
  }

  function renderStats(state) {
    const occ = tid('occupancy');
    const o = state.occupancy;
    const full = o && o.capacity > 0 && o.present >= o.capacity;
    occ.dataset.full = String(!!full);
    occ.replaceChildren(
      el('div', { class: 'stat-icon', html: ICONS.people }),
      el('div', { class: 'stat-body' },
        el('div', { class: 'stat-label' }, ...bi(DISPLAY.occupancy)),
        el('div', { class: 'stat-line' },
          el('div', { class: 'stat-value num' },
            el('span', { testid: 'occupancy-present' }, o ? String(o.present ?? 0) : '–'),
            el('span', { class: 'stat-of' }, ' / '),
            el('span', { testid: 'occupancy-capacity' }, o ? String(o.capacity ?? '–') : '–')),
          state.waitingOutside != null
            ? el('div', { class: 'stat-note', testid: 'waiting-outside' }, ...bi(DISPLAY.waitingOutside(state.waitingOutside)))
            : null)));

    const q = state.quota;
    const quota = tid('quota');
    const left = q ? Math.max(0, (q.limit ?? 0) - (q.issued ?? 0)) : null;
    quota.dataset.full = String(left === 0);
    quota.replaceChildren(
      el('div', { class: 'stat-icon', html: ICONS.ticket }),
      left === 0
        ? el('div', { class: 'stat-body stat-full', testid: 'quota-full' }, ...bi(DISPLAY.quotaFull))
        : el('div', { class: 'stat-body' },
          el('div', { class: 'stat-label' }, ...bi(DISPLAY.quota)),
          el('div', { class: 'stat-value num' },
            el('span', { testid: 'quota-left' }, left == null ? '–' : String(left)),
            el('span', { class: 'stat-of' }, ' / '),
            el('span', { testid: 'quota-limit' }, q ? String(q.limit ?? '–') : '–'))));
  }

  return {
    render(state, timeZone) {
      renderOffice(state);
      renderHero(state);
      renderCounters(state);
      renderAdmitted(state);
      renderRecent(state, timeZone);
      renderStats(state);
      // The stats' width follows their numbers: fit the reminder to what is left.
      fitLine(tid('reminder-id'), 5);
      fitLine(tid('reminder-en'), 3);
    },

    /** A single highlight that fades once: visible from afar, far below the 3 Hz flash limit. */
    markFresh(counterId) {
      for (const n of document.querySelectorAll('.fresh')) n.classList.remove('fresh');
      void hero.offsetWidth; // restart the fade for back-to-back calls
      hero.classList.add('fresh');
      tid(`counter-tile-${counterId}`)?.classList.add('fresh');
      clearTimeout(freshTimer);
      freshTimer = setTimeout(() => { for (const n of document.querySelectorAll('.fresh')) n.classList.remove('fresh'); }, FRESH_MS);
    },

    clock(date, timeZone) {
      setText(tid('clock-time'), formatTime(date, timeZone));
      setText(tid('clock-zone'), zoneName(timeZone));
      setText(tid('clock-date'), formatDate(date, timeZone));
    },

    reminder(r) {
      const box = tid('reminder');
      box.classList.remove('show');
      void box.offsetWidth;
      tid('reminder-icon').innerHTML = reminderIcon(r);
      setText(tid('reminder-id'), r?.id ?? '');
      setText(tid('reminder-en'), r?.en ?? '');
      fitLine(tid('reminder-id'), 5);
      fitLine(tid('reminder-en'), 3);
      box.classList.add('show');
    },

    connection(status) {
      const banner = tid('offline-banner');
      const offline = status.state === 'offline' || (status.state === 'connecting' && status.attempt > 0);
      banner.hidden = !offline;
      document.body.classList.toggle('is-offline', offline);
      if (!offline) return;
      const t = status.state === 'connecting' ? OFFLINE.connecting
        : OFFLINE.retryIn(Math.max(1, Math.ceil((status.retryAt - Date.now()) / 1000)));
      const retry = tid('offline-retry');
      if (retry.dataset.text !== t.id) { retry.dataset.text = t.id; retry.replaceChildren(...bi(t)); }
    },

    soundOverlay(show) {
      tid('sound-overlay').hidden = !show;
    },
  };
}
