// Booking from home on the ticket page (issue 15): the check-in code and QR code to show at the
// door, the time by which to check in, and moving the booking to another free slot. Only for
// tickets booked by phone; the rest of the page (state, cancel, messages) is ticket.js's.
//
// data-testid: booking-area (hidden for kiosk tickets), short-code ("K7QM-4TXP"), checkin-qr,
//   checkin-until, checkin-done, move-open, move-dialog, move-days, move-slots (buttons
//   data-day / data-slot), move-confirm, move-abort, move-message.
import { qrSvg } from '/kiosk/qr.js';

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const token = (() => {
  const last = location.pathname.split('/').filter(Boolean).pop() ?? '';
  if (last && last !== 'ticket' && last !== 'index.html') { try { return decodeURIComponent(last); } catch { return last; } }
  return new URLSearchParams(location.search).get('token') ?? '';
})();
const api = `/api/v1/tickets/${encodeURIComponent(token)}`;
const hhmm = (iso) => (iso ? iso.slice(11, 16) : '');
let booking = null;
let choice = { day: null, slot: null };

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'on') Object.entries(v).forEach(([ev, f]) => e.addEventListener(ev, f));
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}
const en = (text) => el('span', { class: 'en', lang: 'en' }, text);

async function load() {
  try {
    const res = await fetch(`${api}/booking`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return;
    booking = await res.json();
  } catch { return; }
  render();
}

function render() {
  const area = $('booking-area');
  if (!area || !booking?.checkIn?.required) return;
  const c = booking.checkIn;
  const waiting = !c.done && booking.state === 'BOOKED';
  const parts = [];
  if (waiting) {
    parts.push(el('h2', {}, 'Lapor hadir di pintu masuk ', en('Check in at the entrance')),
      el('p', {}, 'Di kios, pilih "Saya sudah punya nomor", lalu pindai QR ini atau ketik kodenya. ',
        en('At the kiosk, choose "I have a number", then scan this QR code or type the code.')),
      el('div', { class: 'short-code', 'data-testid': 'short-code' }, booking.shortCode),
      el('div', { class: 'checkin-qr', 'data-testid': 'checkin-qr' }),
      el('p', { 'data-testid': 'checkin-until' }, `Paling lambat pukul ${hhmm(c.until)} WIB, atau nomor ini dilepas. `,
        en(`By ${hhmm(c.until)} at the latest, or this number is released.`)));
  } else if (c.done) {
    parts.push(el('p', { 'data-testid': 'checkin-done' }, `Sudah lapor hadir pukul ${hhmm(c.at)} WIB. `, en(`Checked in at ${hhmm(c.at)}.`)));
  }
  if (booking.movable) {
    parts.push(el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'move-open', on: { click: openMove } },
      el('span', { class: 'btn-label' }, 'Pindah jadwal ', en('Change the time'))),
    el('div', { class: 'move', 'data-testid': 'move-dialog', hidden: true, role: 'group', 'aria-label': 'Pindah jadwal / Change the time' },
      el('div', { class: 'move-days', 'data-testid': 'move-days' }),
      el('div', { class: 'move-slots', 'data-testid': 'move-slots' }),
      el('p', { 'data-testid': 'move-message', role: 'status', hidden: true }),
      el('div', { class: 'confirm-buttons' },
        el('button', { type: 'button', class: 'btn', 'data-testid': 'move-confirm', disabled: true, on: { click: move } },
          el('span', { class: 'btn-label' }, 'Pindahkan ', en('Move'))),
        el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'move-abort', on: { click: closeMove } },
          el('span', { class: 'btn-label' }, 'Batal ', en('Back'))))));
  }
  area.replaceChildren(...parts);
  area.hidden = parts.length === 0;
  if (waiting) $('checkin-qr').innerHTML = qrSvg(`${location.origin}/t/${token}`, { label: `QR ${booking.number}` });
}

let offer = null;
async function openMove() {
  $('move-open').hidden = true;
  $('move-dialog').hidden = false;
  try {
    const res = await fetch(`/api/v1/offices/${encodeURIComponent(booking.office)}/booking`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    offer = await res.json();
  } catch { say({ id: 'Tidak dapat memuat jadwal.', en: 'Could not load the times.' }); return; }
  choice = { day: booking.day, slot: null };
  renderChoices();
}

function renderChoices() {
  const days = offer.days.filter((d) => d.slots.length);
  if (!days.some((d) => d.day === choice.day)) choice.day = days[0]?.day;
  $('move-days').replaceChildren(...days.map((d) => el('button', {
    type: 'button', class: 'choice', 'aria-pressed': String(d.day === choice.day), 'data-day': d.day,
    on: { click: () => { choice = { day: d.day, slot: null }; renderChoices(); } },
  }, d.day.slice(8) + '/' + d.day.slice(5, 7))));
  const day = days.find((d) => d.day === choice.day);
  $('move-slots').replaceChildren(...(day?.slots || []).map((s) => el('button', {
    type: 'button', class: 'choice', 'aria-pressed': String(s.start === choice.slot), 'data-slot': s.start,
    disabled: s.left <= 0 || (day.day === booking.day && s.start === booking.slot?.start),
    on: { click: () => { choice.slot = s.start; renderChoices(); } },
  }, `${s.start}–${s.end}`, el('small', {}, s.left > 0 ? ` sisa ${s.left}` : ' penuh'))));
  $('move-confirm').disabled = !choice.slot;
}

function say(m) {
  const p = $('move-message');
  p.hidden = !m;
  if (m) p.replaceChildren(m.id, ' ', en(m.en || ''));
}

async function move() {
  $('move-confirm').disabled = true;
  try {
    const res = await fetch(`${api}/move`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ day: choice.day, slot: choice.slot }),
    });
    const body = await res.json().catch(() => null);
    if (res.ok) { location.reload(); return; }
    say(body?.messages || { id: 'Gagal memindah.', en: 'Could not move.' });
    await openMove();
  } catch {
    say({ id: 'Koneksi terputus. Coba lagi.', en: 'Connection lost. Try again.' });
    $('move-confirm').disabled = false;
  }
}

function closeMove() {
  $('move-dialog').hidden = true;
  $('move-open').hidden = false;
  say(null);
}

if (token) {
  load();
  // Until the resident checks in, the door may change the code's status: look again now and then.
  setInterval(() => { if (document.visibilityState === 'visible' && booking && !booking.checkIn.done) load(); }, 20000);
}
