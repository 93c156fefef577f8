// Dokumen siap diambil / Documents ready: register a finished document (it gets a pickup slot and
// a WhatsApp message with its code), upload a spreadsheet saved as CSV (all rows or none), and the
// lists: ready, scheduled today, picked up, overdue, searched by reference, name or NIK's last 4.
import { request, officeId, ApiError, NetworkError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage } from './session.js';
import { longDate, time } from './format.js';

const MAX_BYTES = 6 * 1024 * 1024;
const TYPES = [
  ['KK', 'Kartu Keluarga (KK)', 'Family card (KK)'],
  ['KTP_EL', 'KTP-el', 'Electronic ID card'],
  ['AKTA_KELAHIRAN', 'Akta kelahiran', 'Birth certificate'],
  ['AKTA_KEMATIAN', 'Akta kematian', 'Death certificate'],
  ['AKTA_PERKAWINAN', 'Akta perkawinan', 'Marriage certificate'],
  ['AKTA_PERCERAIAN', 'Akta perceraian', 'Divorce certificate'],
  ['AKTA_PENGAKUAN_ANAK', 'Akta pengakuan anak', 'Acknowledgement of a child'],
  ['AKTA_PENGESAHAN_ANAK', 'Akta pengesahan anak', 'Legitimation of a child'],
  ['AKTA_PENGANGKATAN_ANAK', 'Akta pengangkatan anak', 'Adoption of a child'],
  ['OTHER', 'Dokumen lain', 'Other document'],
];
const LISTS = [
  ['ready', 'Siap diambil', 'Ready'],
  ['today', 'Jadwal hari ini', 'Scheduled today'],
  ['collected', 'Sudah diambil', 'Picked up'],
  ['overdue', 'Terlambat', 'Overdue'],
];
const FIELDS = {
  type: ['Jenis dokumen', 'Document type'],
  reference: ['Nomor rujukan', 'Reference'],
  name: ['Nama', 'Name'],
  phone: ['Nomor WhatsApp', 'WhatsApp number'],
  nikLast4: ['4 digit terakhir NIK', "NIK's last 4 digits"],
  day: ['Jadwal', 'Appointment'],
  language: ['Bahasa', 'Language'],
};

const me = await startPage('OPERATOR', { id: 'Dokumen siap diambil', en: 'Documents ready' });
const office = officeId();
const main = document.querySelector('main');

const said = (e) => (e instanceof ApiError ? bi(e.words.id, e.words.en)
  : bi('Server tidak dapat dihubungi. Coba lagi.', 'The server cannot be reached. Try again.'));
const errorBox = (e) => h('p', { class: 'message error', role: 'alert' }, said(e));
const slotText = (d) => `${longDate(d.day)}, ${d.slot.start}–${d.slot.end}`;

if (me) {
  // ---- register one
  const input = (id, attrs = {}) => h('input', { id, name: id, required: true, ...attrs });
  const typeSelect = h('select', { id: 'type', name: 'type', required: true },
    TYPES.map(([code, id, en]) => h('option', { value: code }, `${id} / ${en}`)));
  const fields = {
    type: typeSelect,
    reference: input('reference', { maxlength: 64, autocomplete: 'off' }),
    name: input('name', { maxlength: 100, autocomplete: 'off' }),
    phone: input('phone', { type: 'tel', inputmode: 'tel', maxlength: 30, autocomplete: 'off', placeholder: '0812 3456 7890' }),
    nikLast4: input('nikLast4', { inputmode: 'numeric', maxlength: 4, pattern: '[0-9]{4}', autocomplete: 'off', 'aria-describedby': 'nik-hint' }),
  };
  const consent = h('input', { type: 'checkbox', id: 'consent', required: true });
  const formMsg = h('div', { class: 'message-slot', 'aria-live': 'polite', id: 'register-result' });
  const label = (key, control, hint) => h('label', { for: control.id }, bi(FIELDS[key][0], FIELDS[key][1]), control, hint || null);
  const form = h('form', { class: 'pickup-form', id: 'register-form', novalidate: true },
    label('type', fields.type), label('reference', fields.reference), label('name', fields.name),
    label('phone', fields.phone),
    label('nikLast4', fields.nikLast4, h('span', { class: 'hint', id: 'nik-hint' }, bi('Hanya 4 angka terakhir, jangan NIK lengkap.', 'Only the last 4 digits, never the whole NIK.'))),
    h('label', { class: 'consent wide', for: 'consent' }, consent,
      bi('Nomor WhatsApp ini diberikan oleh pemohon kepada kantor melalui WhatsApp untuk pemberitahuan pengambilan dokumen ini.',
        'This WhatsApp number was given to the office by the resident over WhatsApp for notices about collecting this document.')),
    h('div', { class: 'wide' }, h('button', { type: 'submit', class: 'primary big', id: 'register' }, bi('Daftarkan dan kirim pesan', 'Register and send the message'))));

  const clearErrors = () => {
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
    Object.values(fields).forEach((f) => f.removeAttribute('aria-invalid'));
    consent.removeAttribute('aria-invalid');
  };
  const markField = (key, text) => {
    const control = key === 'consent' ? consent : fields[key];
    if (!control) return;
    control.setAttribute('aria-invalid', 'true');
    const id = `${control.id}-error`;
    control.setAttribute('aria-errormessage', id);
    control.closest('label').append(h('p', { class: 'field-error', id }, text));
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    clear(formMsg);
    if (!consent.checked) {
      markField('consent', bi('Centang dulu: nomor ini harus diberikan pemohon untuk keperluan ini.', 'Tick this first: the resident must have given this number for this purpose.'));
      consent.focus();
      return;
    }
    const body = Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value]));
    try {
      const d = await request(`offices/${office}/pickups`, { method: 'POST', body });
      clear(formMsg, h('div', { class: 'message ok', role: 'status' },
        bi(`Terdaftar: ${d.reference}. Jadwal ${slotText(d)}.`, `Registered: ${d.reference}. Pickup ${slotText(d)}.`),
        h('p', {}, bi('Kode pengambilan', 'Pickup code'), ' ', h('span', { class: 'code', id: 'last-code' }, d.code)),
        h('p', {}, d.messageQueued
          ? bi('Pesan WhatsApp dengan jadwal, kode dan tautan sedang dikirim.', 'The WhatsApp message with the time, code and link is being sent.')
          : bi('Pesan WhatsApp tidak aktif: beri tahu pemohon jadwal dan kodenya.', 'WhatsApp messages are off: tell the resident the time and code yourself.'))));
      fields.reference.value = '';
      fields.name.value = '';
      fields.phone.value = '';
      fields.nikLast4.value = '';
      consent.checked = false;
      fields.reference.focus();
      load();
    } catch (e) {
      const problems = e instanceof ApiError ? e.details.fields : null;
      if (problems) {
        Object.entries(problems).forEach(([k, text]) => markField(k, text));
        const first = Object.keys(problems)[0];
        if (fields[first]) fields[first].focus();
      }
      clear(formMsg, errorBox(e));
    }
  });

  // ---- CSV upload
  const file = h('input', { type: 'file', id: 'csv', accept: '.csv,text/csv', 'aria-describedby': 'csv-hint' });
  const uploadMsg = h('div', { 'aria-live': 'polite', id: 'import-result' });
  const uploadForm = h('form', { id: 'import-form' },
    h('label', { for: 'csv' }, bi('Berkas CSV (UTF-8)', 'CSV file (UTF-8)'), file),
    h('p', { class: 'hint', id: 'csv-hint' },
      bi('Baris pertama: jenis, rujukan, nama, whatsapp, nik4 (urutan bebas; kolom lain diabaikan). Di Excel: Simpan Sebagai → "CSV UTF-8". Paling banyak 6 MB, 5000 baris. Semua baris didaftarkan, atau tidak satu pun bila ada yang salah.',
        'First line: type, reference, name, phone, nik_last4 (any order; other columns are ignored). In Excel: Save As → "CSV UTF-8". At most 6 MB, 5000 rows. Every row is registered, or none if one is wrong.')),
    h('button', { type: 'submit', class: 'primary', id: 'upload' }, bi('Unggah dan daftarkan', 'Upload and register')));
  uploadForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const f = file.files[0];
    if (!f) {
      clear(uploadMsg, h('p', { class: 'message error', role: 'alert' }, bi('Pilih berkas CSV dulu.', 'Choose a CSV file first.')));
      return;
    }
    if (f.size > MAX_BYTES) {
      clear(uploadMsg, h('p', { class: 'message error', role: 'alert' },
        bi(`Berkas terlalu besar (${(f.size / 1048576).toFixed(1)} MB): paling banyak 6 MB. Bagi berkasnya.`,
          `The file is too large (${(f.size / 1048576).toFixed(1)} MB): at most 6 MB. Split the file.`)));
      return;
    }
    clear(uploadMsg, h('p', { class: 'message info', role: 'status' }, bi('Mengunggah dan memeriksa…', 'Uploading and checking…')));
    try {
      const report = await upload(f);
      clear(uploadMsg, h('div', { class: 'message ok', role: 'status', id: 'import-ok' },
        bi(`${report.accepted} dokumen terdaftar, masing-masing dengan jadwal.`, `${report.accepted} documents registered, each with a pickup time.`),
        report.messagesQueued ? h('p', {}, bi('Pesan WhatsApp sedang dikirim.', 'The WhatsApp messages are being sent.')) : null,
        report.ignoredColumns.length ? h('p', {}, bi(`Kolom diabaikan: ${report.ignoredColumns.join(', ')}`, `Columns ignored: ${report.ignoredColumns.join(', ')}`)) : null));
      file.value = '';
      load();
    } catch (e) {
      const refused = e instanceof ApiError ? e.details.refused : null;
      clear(uploadMsg, errorBox(e), refused ? refusedTable(refused, e.details) : null);
    }
  });

  const refusedTable = (rows, details) => h('div', { class: 'table-wrap' },
    h('p', {}, bi(`${details.rows} baris dibaca, ${details.rowsValid} benar, ${details.refusedCount} ditolak. Tidak ada yang didaftarkan.`,
      `${details.rows} rows read, ${details.rowsValid} fine, ${details.refusedCount} refused. Nothing was registered.`)),
    h('table', { id: 'refused-table', class: 'refused-rows' },
      h('caption', { class: 'sr-only' }, 'Baris ditolak / Refused rows'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Baris', 'Row')), h('th', { scope: 'col' }, bi('Rujukan', 'Reference')),
        h('th', { scope: 'col' }, bi('Alasan', 'Reason')))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-row': r.row },
        h('td', {}, String(r.row)), h('td', {}, r.reference || '–'),
        h('td', {}, h('ul', {}, r.problems.map((p) => h('li', {}, h('strong', {}, FIELDS[p.field] ? `${FIELDS[p.field][0]}: ` : ''),
          bi(p.messages.id, p.messages.en))))))))));

  async function upload(f) {
    let res;
    try {
      res = await fetch(new URL(`../api/v1/offices/${office}/pickups/import`, document.baseURI), {
        method: 'POST', body: f, credentials: 'same-origin', cache: 'no-store',
        headers: { 'Content-Type': 'text/csv', 'X-CSRF-Token': me.csrfToken, Accept: 'application/json' },
      });
    } catch (e) {
      throw new NetworkError(e.message);
    }
    if (res.status >= 500) throw new NetworkError(`HTTP ${res.status}`);
    const data = await res.json().catch(() => null);
    if (!res.ok) throw new ApiError(res.status, data);
    return data;
  }

  // ---- lists
  let current = 'ready';
  const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Daftar / List' },
    LISTS.map(([key, id, en]) => h('button', { type: 'button', class: 'secondary', id: `list-${key}`, 'aria-pressed': String(key === current),
      onclick: () => {
        current = key;
        tabs.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b.id === `list-${key}`)));
        load();
      } }, bi(id, en))));
  const q = h('input', { id: 'q', type: 'search', maxlength: 64, autocomplete: 'off' });
  const search = h('form', { class: 'search', role: 'search', onsubmit: (ev) => { ev.preventDefault(); load(); } },
    h('label', { for: 'q' }, bi('Cari rujukan, nama atau 4 digit NIK', 'Search reference, name or NIK last 4'), q),
    h('button', { type: 'submit', class: 'primary', id: 'search' }, bi('Cari', 'Search')));
  const rows = h('tbody', { id: 'pickup-rows' });
  const listMsg = h('div', { 'aria-live': 'polite' });
  const table = h('div', { class: 'table-wrap' }, h('table', { id: 'pickup-table' },
    h('thead', {}, h('tr', {},
      ['Jenis|Type', 'Rujukan|Reference', 'Nama|Name', 'NIK (4 digit)|NIK (last 4)', 'WhatsApp|WhatsApp', 'Jadwal|Appointment', 'Status|State', 'Kuasa|Representative']
        .map((t) => h('th', { scope: 'col' }, bi(...t.split('|')))))), rows));

  clear(main,
    h('section', { class: 'panel', 'aria-labelledby': 'register-title' },
      h('h1', { id: 'register-title' }, bi('Dokumen siap diambil', 'Documents ready')),
      h('p', { class: 'hint' }, bi('Daftarkan dokumen yang sudah selesai: pemohon mendapat jadwal pengambilan dan kode lewat WhatsApp.',
        'Register a finished document: the resident gets a pickup time and a code by WhatsApp.')),
      form, formMsg),
    h('section', { class: 'panel', 'aria-labelledby': 'import-title' },
      h('h2', { id: 'import-title' }, bi('Daftarkan dari spreadsheet', 'Register from a spreadsheet')), uploadForm, uploadMsg),
    h('section', { class: 'panel', 'aria-labelledby': 'lists-title' },
      h('h2', { id: 'lists-title' }, bi('Daftar dokumen', 'Documents')), tabs, search, listMsg, table));

  async function load() {
    try {
      const r = await request(`offices/${office}/pickups?list=${current}&q=${encodeURIComponent(q.value.trim())}`);
      clear(rows, r.documents.length === 0
        ? h('tr', {}, h('td', { colspan: 8 }, bi('Tidak ada dokumen di daftar ini.', 'No documents in this list.')))
        : r.documents.map((d) => h('tr', { 'data-reference': d.reference },
          h('td', {}, bi(d.typeLabel.id, d.typeLabel.en)),
          h('td', {}, d.reference),
          h('td', {}, d.name || '–'),
          h('td', { class: 'nik' }, d.nikLast4),
          h('td', {}, d.phone),
          h('td', {}, slotText(d)),
          h('td', {}, bi(d.stateLabel.id, d.stateLabel.en),
            d.overdue ? [' ', h('span', { class: 'badge overdue' }, bi(`Terlambat · pengingat ${d.remindersSent}`, `Overdue · reminders ${d.remindersSent}`))] : null,
            d.collectedAt ? h('div', { class: 'hint' }, `${longDate(d.collectedAt)} ${time(d.collectedAt)}`) : null),
          h('td', {}, d.representative ? `${d.representative.name} (${d.representative.relation})` : '–'))));
      clear(listMsg);
    } catch (e) {
      clear(listMsg, errorBox(e));
    }
  }
  load();
}
