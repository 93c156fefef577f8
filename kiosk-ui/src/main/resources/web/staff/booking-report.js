// Supervisor page, booking from home (issue 15): today's tickets per channel (kiosk, phone,
// staff) with check-ins and released no-shows, refused and rate-limited booking requests, and
// the booking settings (phone share of the quota, grace period, request limits).
//
// ids: booking-report (the section), booking-channels (table rows data-channel), booking-refused,
//   booking-limited, booking-share, booking-grace, booking-save, booking-saved.
import { request, officeId, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';

const CHANNELS = { KIOSK: ['Kios', 'Kiosk'], MOBILE: ['Ponsel', 'Phone'], STAFF: ['Petugas', 'Staff'], API: ['API', 'API'] };
const office = officeId();
const root = document.getElementById('booking-report');

async function show() {
  if (!root) return;
  let report;
  let settings;
  try {
    [report, settings] = await Promise.all([request(`offices/${office}/reports/booking`, { on401: 'none' }),
      request(`offices/${office}/booking/settings`, { on401: 'none' })]);
  } catch {
    return; // not a supervisor, or the server is away: the rest of the page says so
  }
  const day = report.days[0];
  const rows = Object.entries(day.channels).map(([ch, c]) => h('tr', { 'data-channel': ch },
    h('th', { scope: 'row' }, bi(...(CHANNELS[ch] || [ch, ch]))),
    h('td', {}, String(c.tickets)), h('td', {}, ch === 'MOBILE' ? String(c.checkedIn) : '–'),
    h('td', {}, ch === 'MOBILE' ? String(c.releasedNoShow) : '–'), h('td', {}, String(c.cancelled))));
  const share = h('input', { type: 'number', id: 'booking-share', min: '0', max: '100', value: String(settings.phoneSharePercent) });
  const grace = h('input', { type: 'number', id: 'booking-grace', min: '0', max: '240', value: String(settings.graceMinutes) });
  const saved = h('p', { id: 'booking-saved', role: 'status' });
  const save = h('button', { type: 'button', id: 'booking-save', class: 'primary' }, bi('Simpan', 'Save'));
  save.addEventListener('click', async () => {
    save.disabled = true;
    try {
      await request(`offices/${office}/booking/settings`, { method: 'PUT',
        body: { phoneSharePercent: Number(share.value), graceMinutes: Number(grace.value) } });
      clear(saved, bi('Tersimpan.', 'Saved.'));
    } catch (e) {
      clear(saved, e instanceof ApiError ? (e.body?.message || 'Gagal / Failed') : bi('Gagal menyimpan.', 'Could not save.'));
    } finally {
      save.disabled = false;
    }
  });
  clear(root,
    h('h2', { id: 'booking-title' }, bi('Pemesanan dari rumah hari ini', 'Booking from home today')),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Saluran', 'Channel')), h('th', { scope: 'col' }, bi('Nomor', 'Tickets')),
        h('th', { scope: 'col' }, bi('Lapor hadir', 'Checked in')), h('th', { scope: 'col' }, bi('Dilepas (tidak hadir)', 'Released (no-show)')),
        h('th', { scope: 'col' }, bi('Dibatalkan', 'Cancelled')))),
      h('tbody', { id: 'booking-channels' }, rows.length ? rows : h('tr', {}, h('td', { colspan: '5' }, bi('Belum ada', 'None yet'))))),
    h('p', { id: 'booking-refused' }, bi(`Permintaan ditolak: ${day.refused}`, `Requests refused: ${day.refused}`)),
    h('p', { id: 'booking-limited' }, bi(`Permintaan dibatasi (terlalu sering): ${day.rateLimited}`, `Requests rate-limited: ${day.rateLimited}`)),
    h('p', {},
      h('label', { for: 'booking-share' }, bi('Bagian kuota untuk pemesanan lewat ponsel (%)', 'Share of the quota for phone bookings (%)')), share),
    h('p', {},
      h('label', { for: 'booking-grace' }, bi('Masa tenggang lapor hadir setelah slot (menit)', 'Check-in grace after the slot (minutes)')), grace),
    save, saved);
}

show();
