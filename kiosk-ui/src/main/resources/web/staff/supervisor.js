// Supervisor: today's figures, tickets per hour, and a date range with CSV export.
import { request, officeId, ApiError, NetworkError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage } from './session.js';
import { longDate, minutes } from './format.js';
import { hourChart } from './chart.js';
import { breakdownPanel, showBreakdown } from './breakdown-view.js';

const me = await startPage('SUPERVISOR', { id: 'Laporan', en: 'Reports' });
const office = officeId();
const main = document.querySelector('main');

if (me) {
  try {
    await showReports();
  } catch (e) {
    // Offline, or the page is being left: say so instead of a page stuck on "Memuat…".
    clear(main, h('p', { class: 'message error', role: 'alert' }, e instanceof ApiError ? bi(e.words.id, e.words.en)
      : bi('Server tidak dapat dihubungi. Muat ulang halaman.', 'The server cannot be reached. Reload the page.')));
  }
}

async function showReports() {
  const kiosk = await request(`offices/${office}/kiosk`);
  const today = kiosk.today;
  const todayBox = h('section', { class: 'panel', id: 'today', 'aria-labelledby': 'today-title' });
  const from = h('input', { type: 'date', id: 'from', value: today, 'aria-describedby': 'range-error' });
  const to = h('input', { type: 'date', id: 'to', value: today, 'aria-describedby': 'range-error' });
  const rangeError = h('div', { id: 'range-error' });
  const rangeTable = h('div', { class: 'table-wrap', id: 'range-table' });
  const form = h('form', { class: 'range', id: 'range-form', novalidate: true },
    h('label', { for: 'from' }, bi('Dari tanggal', 'From'), from),
    h('label', { for: 'to' }, bi('Sampai tanggal', 'To'), to),
    h('button', { type: 'submit', class: 'primary', id: 'show' }, bi('Tampilkan', 'Show')),
    h('button', { type: 'button', id: 'csv', onclick: () => downloadCsv() }, bi('Unduh CSV', 'Download CSV')),
    h('button', { type: 'button', id: 'csv-breakdown', onclick: () => downloadCsv('breakdown') },
      bi('Unduh CSV per loket/petugas', 'Download CSV per counter/staff')));
  clear(main, todayBox, h('section', { class: 'panel', 'aria-labelledby': 'range-title' },
    h('h2', { id: 'range-title' }, bi('Rentang tanggal', 'Date range')),
    h('p', { class: 'hint' }, bi('Paling panjang 92 hari. CSV: satu baris per hari, kolom h00–h23 = tiket per jam.',
      'At most 92 days. CSV: one row per day, columns h00–h23 = tickets per hour.')),
    form, rangeError, rangeTable), breakdownPanel());

  form.addEventListener('submit', (ev) => { ev.preventDefault(); showRange(); });

  const report = await request(`offices/${office}/reports/daily?from=${today}&to=${today}`);
  renderToday(todayBox, report.days[0]);
  renderRange(report);
  await showBreakdown(office, today, today);

  async function showRange() {
    clear(rangeError);
    from.removeAttribute('aria-invalid');
    to.removeAttribute('aria-invalid');
    try {
      renderRange(await request(`offices/${office}/reports/daily?from=${from.value}&to=${to.value}`));
      await showBreakdown(office, from.value, to.value);
    } catch (e) {
      rangeFailed(e);
    }
  }

  async function downloadCsv(kind = 'daily') {
    clear(rangeError);
    try {
      const res = await request(`offices/${office}/reports/${kind}?from=${from.value}&to=${to.value}`, { accept: 'text/csv', raw: true });
      const blob = await res.blob();
      const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '')?.[1] || 'antrean.csv';
      const a = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
      document.body.append(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
    } catch (e) {
      rangeFailed(e);
    }
  }

  function rangeFailed(e) {
    if (e instanceof ApiError) {
      const field = e.details.parameter || (e.code === 'INVALID_RANGE' ? 'to' : null);
      if (field === 'from' || field === 'to') {
        (field === 'from' ? from : to).setAttribute('aria-invalid', 'true');
        if (e.code === 'INVALID_RANGE') from.setAttribute('aria-invalid', 'true');
      }
      clear(rangeError, h('p', { class: 'message error', role: 'alert' }, bi(e.words.id, e.words.en)));
    } else if (e instanceof NetworkError) {
      clear(rangeError, h('p', { class: 'message error', role: 'alert' },
        bi('Server tidak dapat dihubungi. Coba lagi.', 'The server cannot be reached. Try again.')));
    } else {
      throw e;
    }
  }

  function renderRange(r) {
    const cols = [['issued', 'Diterbitkan', 'Issued'], ['served', 'Dilayani', 'Served'], ['noShow', 'Tidak hadir', 'No-show'],
      ['refusedAtDoor', 'Ditolak di pintu', 'Refused at door'], ['refusedAtCounter', 'Ditolak di loket', 'Refused at counter'],
      ['cancelled', 'Dibatalkan', 'Cancelled']];
    clear(rangeTable, h('table', { id: 'range-days' },
      h('caption', {}, bi(`${longDate(r.from)} – ${longDate(r.to)}`, '')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Tanggal', 'Day')),
        cols.map(([, id, en]) => h('th', { scope: 'col', class: 'n' }, bi(id, en))),
        h('th', { scope: 'col', class: 'n' }, bi('Tunggu median / p90', 'Wait median / p90')),
        h('th', { scope: 'col', class: 'n' }, bi('Layanan median / p90', 'Service median / p90')))),
      h('tbody', {}, r.days.map((d) => h('tr', { 'data-day': d.day },
        h('th', { scope: 'row' }, longDate(d.day)),
        cols.map(([k]) => h('td', { class: 'n' }, String(d[k]))),
        h('td', { class: 'n' }, `${minutes(d.waitMinutes.median)} / ${minutes(d.waitMinutes.p90)}`),
        h('td', { class: 'n' }, `${minutes(d.serviceMinutes.median)} / ${minutes(d.serviceMinutes.p90)}`))))));
  }
}

function spread(m) {
  return [minutes(m.median), h('small', {}, `median · p90 ${minutes(m.p90)}`)];
}

function renderToday(box, d) {
  const card = (key, id, en, value) => h('div', { class: 'card', id: `card-${key}` }, bi(id, en), h('span', { class: 'value' }, value));
  const total = d.ticketsPerHour.reduce((a, b) => a + b, 0);
  clear(box,
    h('h1', { id: 'today-title' }, bi(`Hari ini: ${longDate(d.day)}`, 'Today')),
    h('div', { class: 'cards' },
      card('issued', 'Tiket diterbitkan', 'Tickets issued', String(d.issued)),
      card('served', 'Dilayani (selesai)', 'Served (done)', String(d.served)),
      card('noShow', 'Tidak hadir', 'No-show', String(d.noShow)),
      card('refusedAtDoor', 'Ditolak di pintu (protokol kesehatan)', 'Refused at the door (health protocol)', String(d.refusedAtDoor)),
      card('refusedAtCounter', 'Ditolak di loket', 'Refused at the counter', String(d.refusedAtCounter)),
      card('cancelled', 'Dibatalkan', 'Cancelled', String(d.cancelled)),
      card('wait', 'Waktu tunggu', 'Wait', spread(d.waitMinutes)),
      card('service', 'Waktu layanan', 'Service time', spread(d.serviceMinutes))),
    h('h2', {}, bi('Tiket per jam', 'Tickets per hour')),
    h('div', { class: 'chart', id: 'hour-chart' }, hourChart(d.ticketsPerHour, {
      title: 'Tiket per jam hari ini / Tickets per hour today',
      desc: `${total} tiket; ` + d.ticketsPerHour.map((n, hr) => (n ? `jam ${hr}: ${n}` : null)).filter(Boolean).join(', '),
    })),
    h('p', { class: 'hint' }, bi('Waktu tunggu: dari terbit (atau awal slot) sampai panggilan pertama. Waktu layanan: dari Mulai sampai selesai.',
      'Wait: from issue (or slot start) to the first call. Service: from Start to the end.')));
}
