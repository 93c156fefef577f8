// Personal data (supervisors): answer a resident's request at the counter, KTP in hand: show what
// is stored under their NIK and erase it (both audited). Admins also set how long personal data is
// kept and can run the retention job now.
import { request, officeId, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage, allows } from './session.js';
import { longDate, dateTime, STATES } from './format.js';

const me = await startPage('SUPERVISOR', { id: 'Data pribadi', en: 'Personal data' });
const office = officeId();
const main = document.querySelector('main');

const errorBox = (e) => h('p', { class: 'message error', role: 'alert' }, e instanceof ApiError
  ? bi(e.words.id, e.words.en) : bi('Server tidak dapat dihubungi.', 'The server cannot be reached.'));
const dash = (v) => (v === null || v === undefined || v === '' ? '–' : String(v));

function storedTicket(t) {
  return h('article', { class: 'panel stored', 'data-number': t.number },
    h('h3', {}, `${dash(t.number)} · ${longDate(t.day)}`),
    h('dl', {},
      h('dt', {}, bi('Status', 'State')), h('dd', {}, STATES[t.state] ? bi(STATES[t.state][0], STATES[t.state][1]) : t.state),
      h('dt', {}, 'NIK'), h('dd', {}, dash(t.nik)),
      h('dt', {}, bi('Nama', 'Name')), h('dd', { class: 'name' }, dash(t.name)),
      h('dt', {}, bi('Nomor WhatsApp', 'WhatsApp number')), h('dd', { class: 'phone' }, dash(t.phone ?? t.whatsapp.phone)),
      h('dt', {}, bi('Persetujuan pesan', 'Message consent')), h('dd', {}, t.whatsapp.state === 'ON'
        ? bi(`Ya, ${dateTime(t.whatsapp.consentedAt)}`, 'Yes') : t.whatsapp.state === 'STOPPED' ? bi('Dihentikan', 'Stopped') : bi('Tidak', 'No')),
      h('dt', {}, bi('Kelompok prioritas', 'Priority group')), h('dd', {}, dash(t.priorityGroup)),
      h('dt', {}, bi('Catatan mendesak', 'Urgency note')), h('dd', {}, dash(t.urgencyNote)),
      h('dt', {}, bi('Suhu', 'Temperature')), h('dd', {}, dash(t.temperatureC)),
      h('dt', {}, bi('Alasan ditolak', 'Refusal reason')), h('dd', {}, dash(t.refuseReason)),
      h('dt', {}, bi('Pesan WhatsApp', 'WhatsApp messages')), h('dd', {}, String(t.messages)),
      h('dt', {}, bi('Dihapus paling lambat', 'Erased by')), h('dd', {}, t.eraseBy ? longDate(t.eraseBy) : '–')));
}

if (me) {
  const nik = h('input', { id: 'resident-nik', inputmode: 'numeric', autocomplete: 'off', maxlength: '16', 'aria-describedby': 'resident-nik-hint' });
  const result = h('div', { id: 'resident-result', 'aria-live': 'polite' });
  const erase = h('button', { type: 'button', class: 'danger', id: 'resident-erase', hidden: true }, bi('Hapus data pribadi warga ini', "Erase this resident's personal data"));
  const residentForm = h('form', { class: 'trace-form', id: 'resident-form', novalidate: true },
    h('div', { class: 'field' }, h('label', { for: 'resident-nik' }, bi('NIK pada KTP warga', "NIK on the resident's KTP")), nik,
      h('p', { class: 'hint', id: 'resident-nik-hint' }, bi('Hanya dengan KTP di tangan dan warga hadir. Setiap tampilan dan penghapusan dicatat di jejak audit.',
        'Only with the KTP in hand and the resident present. Every look-up and erasure is recorded in the audit trail.'))),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'resident-show' }, bi('Tampilkan data', 'Show data')), erase));
  const digits = () => nik.value.replace(/\D/g, '');
  residentForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const r = await request(`offices/${office}/privacy/resident`, { method: 'POST', body: { nik: digits() } });
      erase.hidden = r.tickets.length === 0;
      clear(result, r.tickets.length === 0
        ? h('p', { class: 'message info' }, bi('Tidak ada data pribadi tersimpan untuk NIK ini.', 'No personal data is stored for this NIK.'))
        : r.tickets.map(storedTicket));
    } catch (e) {
      erase.hidden = true;
      clear(result, errorBox(e));
    }
  });
  erase.addEventListener('click', async () => {
    if (!window.confirm('Hapus semua data pribadi warga ini? Tidak dapat dibatalkan. / Erase all of this resident\'s personal data? This cannot be undone.')) return;
    try {
      const r = await request(`offices/${office}/privacy/resident/erase`, { method: 'POST', body: { nik: digits() } });
      erase.hidden = true;
      clear(result, h('p', { class: 'message ok', role: 'status', id: 'resident-erased' },
        bi(`${r.erasedTickets} tiket dihapus.` + (r.stillActive ? ` ${r.stillActive} tiket masih dalam antrean: datanya dihapus setelah selesai atau dibatalkan.` : ''),
          `${r.erasedTickets} tickets erased.` + (r.stillActive ? ` ${r.stillActive} still in the queue: erased once ended or cancelled.` : ''))));
    } catch (e) {
      clear(result, errorBox(e));
    }
  });
  const sections = [h('section', { class: 'panel', 'aria-labelledby': 'resident-title' },
    h('h1', { id: 'resident-title' }, bi('Permintaan data warga', "A resident's data request")), residentForm, result)];

  if (allows(me.role, 'ADMIN')) {
    const s = await request(`offices/${office}/privacy/settings`);
    const ticketDays = h('input', { id: 'keep-ticket', type: 'number', min: '1', max: '365', value: String(s.keepDaysAfterTicket) });
    const pickupDays = h('input', { id: 'keep-pickup', type: 'number', min: '1', max: '365', value: String(s.keepDaysAfterPickup) });
    const msg = h('div', { 'aria-live': 'polite' });
    const last = h('p', { id: 'last-run' });
    const showLast = (x) => clear(last, x.lastRunAt
      ? bi(`Penghapusan terakhir: ${dateTime(x.lastRunAt)} WIB, ${x.lastRunErased ?? 0} baris.`, `Last erasure: ${x.lastRunErased ?? 0} rows.`)
      : bi('Penghapusan belum pernah berjalan.', 'Erasure has not run yet.'));
    showLast(s);
    const form = h('form', { class: 'trace-form', id: 'retention-form', novalidate: true },
      h('div', { class: 'field' }, h('label', { for: 'keep-ticket' }, bi('Hari disimpan setelah antrean selesai', 'Days kept after a ticket ends')), ticketDays),
      h('div', { class: 'field' }, h('label', { for: 'keep-pickup' }, bi('Hari disimpan setelah dokumen diambil', 'Days kept after a document is collected')), pickupDays),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', id: 'retention-save' }, bi('Simpan', 'Save')),
        h('button', { type: 'button', class: 'secondary', id: 'retention-run', onclick: async () => {
          try {
            const r = await request(`offices/${office}/privacy/run`, { method: 'POST' });
            clear(msg, h('p', { class: 'message ok', role: 'status' }, r.ran
              ? bi(`Selesai: ${Object.values(r.erased).reduce((a, b) => a + b, 0)} baris dihapus.`, 'Done.')
              : bi('Sedang dijalankan oleh server lain.', 'Another server is running it.')));
            showLast(await request(`offices/${office}/privacy/settings`));
          } catch (e) {
            clear(msg, errorBox(e));
          }
        } }, bi('Hapus yang sudah lewat sekarang', 'Erase what is due now'))),
      msg, last);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      try {
        const r = await request(`offices/${office}/privacy/settings`, { method: 'PUT',
          body: { keepDaysAfterTicket: Number(ticketDays.value), keepDaysAfterPickup: Number(pickupDays.value) } });
        clear(msg, h('p', { class: 'message ok', role: 'status' }, bi('Tersimpan.', 'Saved.')));
        showLast(r);
      } catch (e) {
        clear(msg, errorBox(e));
      }
    });
    sections.push(h('section', { class: 'panel', 'aria-labelledby': 'retention-title' },
      h('h2', { id: 'retention-title' }, bi('Masa simpan data pribadi', 'How long personal data is kept')),
      h('p', { class: 'hint' }, bi('Nama, nomor WhatsApp, hash NIK dan 4 angka terakhirnya, catatan, suhu dan persetujuan dihapus setelah masa ini; angka laporan tetap.',
        'Names, WhatsApp numbers, NIK hashes and last 4 digits, notes, temperatures and consents are erased after this; report figures stay.')),
      form));
  }
  clear(main, ...sections);
}
