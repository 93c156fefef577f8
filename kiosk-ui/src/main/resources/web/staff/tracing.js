// Contact tracing for the health office (TRACER accounts only): who shared the waiting room or the
// counter with a resident, by ticket (number and day) or by NIK, under a case number. Each search
// and each CSV download is an export the server records in the audit trail. Printable on A4.
import { request, officeId, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage } from './session.js';
import { time, longDate, dateTime, STATES } from './format.js';

const REACH = {
  CONSENTED: ['Setuju dihubungi lewat WhatsApp', 'Agreed to WhatsApp contact'],
  NO_CONSENT: ['Tidak memberi nomor / tidak setuju', 'Gave no number / no consent'],
  WITHDRAWN: ['Persetujuan ditarik', 'Consent withdrawn'],
  ERASED: ['Data pribadi sudah dihapus', 'Personal data erased'],
};

const me = await startPage('TRACER', { id: 'Penelusuran kontak', en: 'Contact tracing' });
const office = officeId();
const main = document.querySelector('main');

const errorBox = (e) => h('p', { class: 'message error', role: 'alert' }, e instanceof ApiError
  ? bi(e.words.id, e.words.en) : bi('Server tidak dapat dihubungi.', 'The server cannot be reached.'));

function field(id, labelId, labelEn, input, hintId, hintEn) {
  return h('div', { class: 'field' }, h('label', { for: id }, bi(labelId, labelEn)), input,
    hintId ? h('p', { class: 'hint', id: `${id}-hint` }, bi(hintId, hintEn)) : null);
}

if (me) {
  const kiosk = await request(`offices/${office}/kiosk`);
  const reason = h('input', { id: 'reason', name: 'reason', required: true, maxlength: '100', autocomplete: 'off', 'aria-describedby': 'reason-hint' });
  const byTicket = h('input', { type: 'radio', name: 'by', id: 'by-ticket', value: 'TICKET', checked: true });
  const byNik = h('input', { type: 'radio', name: 'by', id: 'by-nik', value: 'NIK' });
  const number = h('input', { id: 'number', name: 'number', autocomplete: 'off', placeholder: 'A-017', maxlength: '12' });
  const day = h('input', { id: 'day', name: 'day', type: 'date', value: kiosk.today });
  const nik = h('input', { id: 'nik', name: 'nik', inputmode: 'numeric', autocomplete: 'off', maxlength: '16', 'aria-describedby': 'nik-hint' });
  const ticketFields = h('div', { class: 'by-fields', id: 'ticket-fields' },
    field('number', 'Nomor antrean', 'Queue number', number),
    field('day', 'Tanggal', 'Day', day));
  const nikFields = h('div', { class: 'by-fields', id: 'nik-fields', hidden: true },
    field('nik', 'NIK (16 angka)', 'NIK (16 digits)', nik,
      'NIK tidak disimpan: dicocokkan sebagai hash seperti di kios.', 'The NIK is not stored: it is matched as a hash, as at the kiosk.'));
  const sync = () => {
    ticketFields.hidden = !byTicket.checked;
    nikFields.hidden = !byNik.checked;
  };
  byTicket.addEventListener('change', sync);
  byNik.addEventListener('change', sync);
  const message = h('div', { class: 'message-slot', 'aria-live': 'polite' });
  const report = h('section', { class: 'panel report', id: 'report', 'aria-labelledby': 'report-title', hidden: true });
  const form = h('form', { class: 'panel trace-form', id: 'trace-form', novalidate: true },
    h('h1', {}, bi('Penelusuran kontak', 'Contact tracing')),
    h('p', { class: 'hint' }, bi('Untuk Dinas Kesehatan / puskesmas: siapa yang berada di ruang tunggu atau di loket yang sama pada waktu yang sama. Setiap penelusuran dicatat di jejak audit (siapa, kapan, alasan, berapa orang).',
      'For the health office: who was in the waiting room or at the same counter at the same time. Every trace is recorded in the audit trail (who, when, why, how many people).')),
    field('reason', 'Alasan: nomor kasus', 'Reason: case number', reason,
      'Wajib, mis. nomor kasus dari Dinas Kesehatan.', 'Required, e.g. the health office\'s case number.'),
    h('fieldset', {}, h('legend', {}, bi('Cari berdasarkan', 'Search by')),
      h('div', { class: 'by' },
        h('label', { for: 'by-ticket' }, byTicket, bi('Nomor antrean dan tanggal', 'Queue number and day')),
        h('label', { for: 'by-nik' }, byNik, bi('NIK warga', "Resident's NIK"))),
      ticketFields, nikFields),
    h('button', { type: 'submit', class: 'primary big', id: 'trace' }, bi('Telusuri', 'Trace')),
    message);
  clear(main, form, report);

  const body = () => {
    const b = { reason: reason.value.trim() };
    if (byNik.checked) b.nik = nik.value.replace(/\D/g, '');
    else {
      b.number = number.value.trim();
      b.day = day.value || null;
    }
    return b;
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    reason.removeAttribute('aria-invalid');
    if (reason.value.trim().length < 3) {
      reason.setAttribute('aria-invalid', 'true');
      clear(message, h('p', { class: 'message error', role: 'alert' },
        bi('Isi alasan: nomor kasus (paling sedikit 3 karakter).', 'Enter the reason: the case number (at least 3 characters).')));
      reason.focus();
      return;
    }
    clear(message);
    const sent = body();
    try {
      const e = await request(`offices/${office}/tracing`, { method: 'POST', body: sent });
      show(e, sent);
    } catch (e) {
      report.hidden = true;
      clear(message, errorBox(e));
    }
  });

  async function downloadCsv(sent) {
    try {
      const res = await request(`offices/${office}/tracing`, { method: 'POST', body: sent, accept: 'text/csv', raw: true });
      const blob = await res.blob();
      const href = URL.createObjectURL(blob);
      const a = h('a', { href, download: `penelusuran-kontak-${office}.csv`, hidden: true }, 'CSV');
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 10000);
      clear(message, h('p', { class: 'message ok', role: 'status', id: 'csv-done' },
        bi('CSV diunduh (dicatat di jejak audit).', 'CSV downloaded (recorded in the audit trail).')));
    } catch (e) {
      clear(message, errorBox(e));
    }
  }

  function show(e, sent) {
    const head = h('div', { class: 'report-head' },
      h('h2', { id: 'report-title' }, bi('Hasil penelusuran kontak', 'Contact tracing result')),
      h('dl', {},
        h('dt', {}, bi('Kantor', 'Office')), h('dd', {}, e.office.name.id),
        h('dt', {}, bi('Alasan (nomor kasus)', 'Reason (case number)')), h('dd', { id: 'report-reason' }, e.reason),
        h('dt', {}, bi('Dibuat oleh', 'Made by')), h('dd', {}, `${e.exportedBy}, ${dateTime(e.generatedAt)} WIB`),
        h('dt', {}, bi('Jumlah orang', 'People')), h('dd', { id: 'people' }, String(e.people))));
    const index = h('div', { class: 'table-wrap' }, h('table', { id: 'index' },
      h('caption', {}, bi('Nomor yang ditelusuri', 'Traced ticket')),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, bi('Nomor', 'Number')), h('th', { scope: 'col' }, bi('Tanggal', 'Day')),
        h('th', { scope: 'col' }, bi('Masuk ruang tunggu', 'Let in')), h('th', { scope: 'col' }, bi('Dipanggil', 'Called')),
        h('th', { scope: 'col' }, bi('Selesai', 'Ended')), h('th', { scope: 'col' }, bi('Loket', 'Counter')),
        h('th', { scope: 'col' }, bi('Petugas', 'Staff')))),
      h('tbody', {}, e.index.map((i) => h('tr', {},
        h('td', {}, i.number || '–'), h('td', {}, longDate(i.day)), h('td', {}, time(i.admittedAt) || '–'),
        h('td', {}, time(i.firstCalledAt) || '–'), h('td', {}, time(i.finishedAt) || '–'),
        h('td', {}, i.counterId ? `Loket ${i.counterId}` : '–'), h('td', {}, i.staff.join(', ') || '–'))))));
    const rows = e.contacts.map((c) => h('tr', { 'data-number': c.number },
      h('td', {}, c.number || '–'), h('td', {}, longDate(c.day)),
      h('td', { class: 'n' }, String(c.waitingRoomMinutes)), h('td', { class: 'n' }, String(c.sameCounterMinutes)),
      h('td', {}, `${time(c.from)}–${time(c.to)}`),
      h('td', {}, STATES[c.state] ? bi(STATES[c.state][0], STATES[c.state][1]) : c.state),
      h('td', { class: `reach-${c.reach}` }, bi(REACH[c.reach][0], REACH[c.reach][1])),
      h('td', { class: 'whatsapp' }, c.whatsapp || '–')));
    const contacts = e.contacts.length === 0
      ? h('p', { class: 'message info', id: 'no-contacts' }, bi('Tidak ada orang lain yang waktunya bersinggungan.', 'Nobody else\'s time overlapped.'))
      : h('div', { class: 'table-wrap' }, h('table', { id: 'contacts' },
        h('caption', {}, bi('Kontak', 'Contacts')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, bi('Nomor', 'Number')), h('th', { scope: 'col' }, bi('Tanggal', 'Day')),
          h('th', { scope: 'col', class: 'n' }, bi('Menit di ruang tunggu', 'Minutes in the waiting room')),
          h('th', { scope: 'col', class: 'n' }, bi('Menit di loket yang sama', 'Minutes at the same counter')),
          h('th', { scope: 'col' }, bi('Waktu bersama (WIB)', 'Time together (WIB)')),
          h('th', { scope: 'col' }, bi('Status tiket', 'Ticket state')),
          h('th', { scope: 'col' }, bi('Dapat dihubungi', 'Reachable')),
          h('th', { scope: 'col' }, bi('Nomor WhatsApp', 'WhatsApp number')))),
        h('tbody', {}, rows)));
    const limits = h('section', { 'aria-labelledby': 'limits-title' },
      h('h3', { id: 'limits-title' }, bi('Yang tidak dapat diketahui', 'What cannot be told')),
      h('ul', { class: 'limits', id: 'limits' }, e.limits.map((l) => h('li', {}, bi(l.id, l.en)))));
    const actions = h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', id: 'print', onclick: () => window.print() }, bi('Cetak', 'Print')),
      h('button', { type: 'button', class: 'secondary', id: 'csv', onclick: () => downloadCsv(sent) }, bi('Unduh CSV', 'Download CSV')));
    clear(report, head, actions, index, contacts, limits);
    report.hidden = false;
    report.querySelector('h2').setAttribute('tabindex', '-1');
    report.querySelector('h2').focus();
  }
}
