// Supervisor page: the office's public-satisfaction index (IKM) per day, from the one question on the
// ticket page after DONE. Its own module, hooked into supervisor.html by a script tag: it adds its
// panel once the page has drawn its date range, and follows that range.
//
// IKM as Peraturan Menteri PAN-RB No. 14 Tahun 2017 reports it: the mean answer on the 1–4 scale,
// and the mean × 25 (25–100) with the category A sangat baik (88,31–100), B baik (76,61–88,30),
// C kurang baik (65,00–76,60), D tidak baik (25,00–64,99). One overall question stands for the
// regulation's nine elements here.
import { request, officeId, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';
import { longDate } from './format.js';

const CATEGORY = {
  A: ['Sangat baik', 'Very good'], B: ['Baik', 'Good'], C: ['Kurang baik', 'Fair'], D: ['Tidak baik', 'Poor'],
};
const dec = (n, d) => n.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d });

function whenReady(selector) {
  return new Promise((resolve) => {
    const found = document.querySelector(selector);
    if (found) { resolve(found); return; }
    const watch = new MutationObserver(() => {
      const el = document.querySelector(selector);
      if (el) { watch.disconnect(); resolve(el); }
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
}

const form = await whenReady('#range-form');
const office = officeId();
const table = h('div', { class: 'table-wrap', id: 'ikm-table' });
const panel = h('section', { class: 'panel', id: 'ikm', 'aria-labelledby': 'ikm-title' },
  h('h2', { id: 'ikm-title' }, bi('Indeks Kepuasan Masyarakat (IKM)', 'Public satisfaction index (IKM)')),
  h('p', { class: 'hint' }, bi('Dari pertanyaan di halaman tiket setelah selesai dilayani (1 tidak puas … 4 sangat puas). '
    + 'Nilai IKM = rata-rata × 25, kategori menurut PermenPAN-RB 14/2017.',
  'From the question on the ticket page after service (1 not satisfied … 4 very satisfied). '
    + 'IKM = mean × 25, category as in PermenPAN-RB 14/2017.')),
  table);
form.closest('section').after(panel);

async function show() {
  const from = document.querySelector('#from').value;
  const to = document.querySelector('#to').value;
  try {
    render(await request(`offices/${office}/reports/satisfaction?from=${from}&to=${to}`));
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    clear(table, h('p', { class: 'message error', role: 'alert' }, bi(e.words.id, e.words.en)));
  }
}

function ikmCells(i) {
  if (!i) return [h('td', { class: 'n' }, '0'), h('td', { class: 'n' }, '–'), h('td', { class: 'n' }, '–'), h('td', {}, '–')];
  const [cid, cen] = CATEGORY[i.category] ?? [i.category, ''];
  return [h('td', { class: 'n' }, String(i.answers)), h('td', { class: 'n' }, dec(i.mean, 2)),
    h('td', { class: 'n', 'data-ikm': String(i.converted) }, dec(i.converted, 2)), h('td', {}, `${i.category} · `, bi(cid, cen))];
}

function render(r) {
  clear(table, h('table', { id: 'ikm-days' },
    h('caption', {}, bi(`IKM ${longDate(r.from)} – ${longDate(r.to)}`, '')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Tanggal', 'Day')),
      h('th', { scope: 'col', class: 'n' }, bi('Jawaban', 'Answers')),
      h('th', { scope: 'col', class: 'n' }, bi('Rata-rata (1–4)', 'Mean (1–4)')),
      h('th', { scope: 'col', class: 'n' }, bi('Nilai IKM (×25)', 'IKM (×25)')),
      h('th', { scope: 'col' }, bi('Mutu', 'Grade')))),
    h('tbody', {}, r.days.map((d) => h('tr', { 'data-day': d.day }, h('th', { scope: 'row' }, longDate(d.day)), ikmCells(d.ikm)))),
    h('tfoot', {}, h('tr', { 'data-day': 'all' }, h('th', { scope: 'row' }, bi('Seluruh rentang', 'Whole range')), ikmCells(r.overall)))));
}

form.addEventListener('submit', () => show());
show();
