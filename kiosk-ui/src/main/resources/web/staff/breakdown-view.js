// The supervisor's breakdown (issue 13): per counter and per staff member (served, no-show,
// refused, mean service time) and why residents were turned away, for the chosen date range.
import { request } from './api.js';
import { h, bi, clear } from './dom.js';
import { minutes } from './format.js';

export function breakdownPanel() {
  return h('section', { class: 'panel', id: 'breakdown', 'aria-labelledby': 'breakdown-title' },
    h('h2', { id: 'breakdown-title' }, bi('Per loket, per petugas, dan alasan penolakan', 'Per counter, per staff member, and refusal reasons')),
    h('div', { id: 'breakdown-body' }));
}

export async function showBreakdown(office, from, to) {
  const b = await request(`offices/${office}/reports/breakdown?from=${from}&to=${to}`);
  const body = document.getElementById('breakdown-body');
  clear(body,
    h('div', { class: 'table-wrap' }, served('breakdown-counters', 'Per loket', 'Per counter', 'Loket', 'Counter', b.counters)),
    h('div', { class: 'table-wrap' }, served('breakdown-staff', 'Per petugas', 'Per staff member', 'Petugas', 'Staff member', b.staff)),
    h('div', { class: 'table-wrap' }, refusals(b.refusals)),
    h('p', { class: 'hint' }, bi('Petugas = yang menutup tiket. Rata-rata layanan: dari Mulai sampai Selesai, atas tiket yang selesai dilayani.',
      'Staff member = who closed the ticket. Mean service: from Start to Done, over the tickets served.')));
  return b;
}

function served(id, titleId, titleEn, keyId, keyEn, rows) {
  const caption = h('caption', {}, bi(titleId, titleEn));
  if (!rows.length) return h('table', { id }, caption, h('tbody', {}, h('tr', {}, h('td', {}, bi('Belum ada tiket yang ditutup.', 'No ticket closed yet.')))));
  return h('table', { id }, caption,
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi(keyId, keyEn)),
      h('th', { scope: 'col', class: 'n' }, bi('Dilayani', 'Served')),
      h('th', { scope: 'col', class: 'n' }, bi('Tidak hadir', 'No-show')),
      h('th', { scope: 'col', class: 'n' }, bi('Ditolak', 'Refused')),
      h('th', { scope: 'col', class: 'n' }, bi('Rata-rata layanan', 'Mean service')))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-key': r.key },
      h('th', { scope: 'row' }, r.name),
      h('td', { class: 'n' }, String(r.served)),
      h('td', { class: 'n' }, String(r.noShow)),
      h('td', { class: 'n' }, String(r.refused)),
      h('td', { class: 'n' }, minutes(r.meanServiceMinutes))))));
}

function refusals(rows) {
  const caption = h('caption', {}, bi('Penolakan menurut alasan', 'Refusals by reason'));
  const place = { DOOR: ['Di pintu (kios)', 'At the door (kiosk)'], COUNTER: ['Di loket', 'At a counter'] };
  if (!rows.length) return h('table', { id: 'breakdown-refusals' }, caption, h('tbody', {}, h('tr', {}, h('td', {}, bi('Tidak ada penolakan.', 'No refusals.')))));
  return h('table', { id: 'breakdown-refusals' }, caption,
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Tempat', 'Where')), h('th', { scope: 'col' }, bi('Alasan', 'Reason')),
      h('th', { scope: 'col', class: 'n' }, bi('Jumlah', 'Count')))),
    h('tbody', {}, rows.map((r) => h('tr', { 'data-reason': `${r.place}/${r.reason}` },
      h('td', {}, bi(...place[r.place])), h('td', {}, bi(r.label.id, r.label.en)), h('td', { class: 'n' }, String(r.count))))));
}
