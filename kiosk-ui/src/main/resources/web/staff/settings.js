// Admin: the office's settings as one form over GET/PUT settings; the server's errors shown by field.
import { request, officeId, ApiError, NetworkError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage } from './session.js';
import { profileSection, loadProfile, saveProfile, displaySection } from './settings-office.js';

const DAYS = [['MONDAY', 'Senin', 'Monday'], ['TUESDAY', 'Selasa', 'Tuesday'], ['WEDNESDAY', 'Rabu', 'Wednesday'],
  ['THURSDAY', 'Kamis', 'Thursday'], ['FRIDAY', 'Jumat', 'Friday'], ['SATURDAY', 'Sabtu', 'Saturday'], ['SUNDAY', 'Minggu', 'Sunday']];

const me = await startPage('ADMIN', { id: 'Pengaturan kantor', en: 'Office settings' });
const office = officeId();
const main = document.querySelector('main');
let s = null; // the settings document being edited
let services = {}; // service code -> {id, en} name, for human labels ("Perekaman KTP-el", not KTP_EL_RECORDING)

if (me) {
  try {
    const [settings, list] = await Promise.all([request(`offices/${office}/settings`), request(`offices/${office}/services`)]);
    s = settings;
    services = Object.fromEntries(list.services.map((x) => [x.code, x.name]));
    await loadProfile(office);
    draw();
  } catch (e) {
    // Offline, or the page is being left: say so instead of a page stuck on "Memuat…".
    clear(main, h('p', { class: 'message error', role: 'alert' }, e instanceof ApiError ? bi(e.words.id, e.words.en)
      : bi('Server tidak dapat dihubungi. Muat ulang halaman.', 'The server cannot be reached. Reload the page.')));
  }
}

function draw(focusPath) {
  const summary = h('div', { id: 'form-message', class: 'message-slot' });
  const form = h('form', { id: 'settings', novalidate: true },
    h('h1', {}, bi('Pengaturan kantor', 'Office settings')), summary,
    profileSection(section),
    section('Kapasitas', 'Capacity', h('div', { class: 'grid-fields' },
      Object.keys(s.dailyQuota).map((k) => num(`dailyQuota.${k}`, `Kuota harian: ${services[k]?.id || k}`,
        `Daily quota: ${services[k]?.en || k}`, s.dailyQuota[k], (v) => { s.dailyQuota[k] = v; })),
      num('slotMinutes', 'Panjang slot (menit)', 'Slot length (minutes)', s.slotMinutes, (v) => { s.slotMinutes = v; }),
      num('slotCapacity', 'Orang per slot', 'Persons per slot', s.slotCapacity, (v) => { s.slotCapacity = v; }),
      num('roomCapacity', 'Kapasitas ruang tunggu (orang)', 'Waiting-room capacity (persons)', s.roomCapacity, (v) => { s.roomCapacity = v; }),
      num('bookingHorizonDays', 'Pesan paling jauh (hari)', 'Booking horizon (days)', s.bookingHorizonDays, (v) => { s.bookingHorizonDays = v; }),
      h('fieldset', { class: 'field wide', 'data-path': 'nikRegionPolicy', id: 'nikRegionPolicy' },
        h('legend', {}, bi('NIK dari luar wilayah kantor', 'NIKs from outside the office’s region')),
        [['OFF', 'Tidak diperiksa', 'Not checked'], ['WARN', 'Diterima, diberi tanda untuk petugas', 'Accepted, flagged for staff'],
          ['ENFORCE', 'Ditolak di kios', 'Refused at the kiosk']]
          .map(([v, id, en]) => h('label', { class: 'choice', for: `nikRegionPolicy-${v}` },
            h('input', { type: 'radio', name: 'nikRegionPolicy', id: `nikRegionPolicy-${v}`, value: v, checked: s.nikRegionPolicy === v,
              onchange: () => { s.nikRegionPolicy = v; } }), bi(id, en)))))),
    section('Jam buka', 'Opening hours', DAYS.map(([code, id, en]) => h('div', { class: 'day-row', 'data-path': `openingHours.${code}` },
      h('strong', {}, bi(id, en)),
      h('div', {}, (s.openingHours[code] || []).map((iv, i) => h('div', { class: 'interval', 'data-path': `openingHours.${code}[${i}]` },
        timeInput(`openingHours.${code}[${i}].open`, `${id} buka`, `${en} opens`, iv.open, (v) => { iv.open = v; }), '–',
        timeInput(`openingHours.${code}[${i}].close`, `${id} tutup`, `${en} closes`, iv.close, (v) => { iv.close = v; }),
        button('Hapus', 'Remove', () => { s.openingHours[code].splice(i, 1); draw(); }, `jam ${id} ${iv.open}–${iv.close}`))),
      (s.openingHours[code] || []).length ? null : h('p', { class: 'empty' }, bi('Tutup', 'Closed')),
      button('+ Jam buka', '+ Hours', () => { (s.openingHours[code] ||= []).push({ open: '08:00', close: '12:00' }); draw(`openingHours.${code}[${s.openingHours[code].length - 1}].open`); },
        `hari ${id} / on ${en}`))))),
    section('Hari libur', 'Holidays', h('div', { class: 'rows', 'data-path': 'holidays' },
      s.holidays.map((d, i) => h('div', { class: 'row', 'data-path': `holidays[${i}]` },
        h('input', { type: 'date', id: `holidays[${i}]`, value: d, 'aria-label': `Hari libur ${i + 1} / Holiday ${i + 1}`, onchange: (ev) => { s.holidays[i] = ev.target.value; } }),
        button('Hapus', 'Remove', () => { s.holidays.splice(i, 1); draw(); }, `hari libur ${i + 1} / holiday ${i + 1}`))),
      button('+ Hari libur', '+ Holiday', () => { s.holidays.push(''); draw(`holidays[${s.holidays.length - 1}]`); }))),
    section('Protokol kesehatan (daftar periksa di kios)', 'Health-protocol checklist', listEditor('checklist', s.checklist, true,
      () => ({ code: '', required: true, label: { id: '', en: '' } }))),
    section('Alasan mendesak', 'Urgency reasons', listEditor('urgencyReasons', s.urgencyReasons, false,
      () => ({ code: '', label: { id: '', en: '' } }))),
    displaySection(section, s),
    section('Loket', 'Counters', h('div', { class: 'rows', 'data-path': 'counters' },
      s.counters.map((c, i) => h('div', { class: 'row', 'data-path': `counters[${i}]` },
        text(`counters[${i}].id`, 'Id', 'Id', c.id, (v) => { c.id = v; }, 'code'),
        text(`counters[${i}].name`, 'Nama loket', 'Counter name', c.name, (v) => { c.name = v; }),
        button('Hapus', 'Remove', () => { s.counters.splice(i, 1); draw(); }, c.name || `loket ${i + 1}`))),
      button('+ Loket', '+ Counter', () => { s.counters.push({ id: String(s.counters.length + 1), name: `Loket ${s.counters.length + 1}` }); draw(`counters[${s.counters.length - 1}].name`); }))),
    h('div', { class: 'save-bar' }, h('button', { type: 'submit', class: 'primary big', id: 'save' }, bi('Simpan pengaturan', 'Save settings')),
      h('p', { class: 'hint' }, bi('Berlaku untuk permintaan berikutnya; setiap perubahan tercatat di jejak audit.', 'Applies to the next request; every change is in the audit trail.'))));
  form.addEventListener('submit', save);
  clear(main, form);
  if (focusPath) document.getElementById(focusPath)?.focus();
}

function listEditor(key, list, withRequired, blank) {
  return h('div', { class: 'rows', 'data-path': key },
    list.map((item, i) => h('div', { class: 'row', 'data-path': `${key}[${i}]` },
      text(`${key}[${i}].label.id`, 'Teks di kios (Indonesia)', 'Kiosk text (Indonesian)', item.label.id, (v) => { item.label.id = v; }, null, `${key}[${i}].label`, true),
      text(`${key}[${i}].label.en`, 'Teks di kios (Inggris)', 'Kiosk text (English)', item.label.en, (v) => { item.label.en = v; }, null, `${key}[${i}].label`, true),
      text(`${key}[${i}].code`, 'Kode (untuk sistem)', 'Code (for the system)', item.code, (v) => { item.code = v.toUpperCase(); }, 'code', null, true),
      withRequired ? h('label', { class: 'check', 'data-path': `${key}[${i}].required` },
        h('input', { type: 'checkbox', id: `${key}[${i}].required`, checked: item.required, onchange: (ev) => { item.required = ev.target.checked; } }),
        bi('Wajib', 'Required')) : null,
      button('↑ Naikkan', 'Up', () => { move(list, i, -1); draw(`${key}[${Math.max(0, i - 1)}].code`); }, item.label.id || `${i + 1}`, i === 0, null, 'up'),
      button('↓ Turunkan', 'Down', () => { move(list, i, 1); draw(`${key}[${Math.min(list.length - 1, i + 1)}].code`); }, item.label.id || `${i + 1}`, i === list.length - 1, null, 'down'),
      button('Hapus', 'Remove', () => { list.splice(i, 1); draw(); }, item.label.id || `${i + 1}`))),
    button('+ Tambah', '+ Add', () => { list.push(blank()); draw(`${key}[${list.length - 1}].code`); }, null, false, `add-${key}`));
}

function move(list, i, d) {
  const j = i + d;
  if (j < 0 || j >= list.length) return;
  [list[i], list[j]] = [list[j], list[i]];
}

function section(id, en, ...content) {
  return h('fieldset', { class: 'panel form-section' }, h('legend', { class: 'sr-only' }, `${id} / ${en}`), h('h2', {}, bi(id, en)), content);
}

function num(path, id, en, value, set) {
  return h('div', { class: 'field', 'data-path': path }, h('label', { for: path }, bi(id, en)),
    h('input', { type: 'number', id: path, value: value ?? '', inputmode: 'numeric', step: '1', oninput: (ev) => {
      const raw = ev.target.value.trim();
      set(raw === '' ? null : /^-?\d+$/.test(raw) ? Number(raw) : raw);
    } }));
}

function text(path, id, en, value, set, cls, errorPath, visibleLabel) {
  const input = h('input', { type: 'text', id: path, value: value ?? '', class: cls, 'aria-label': visibleLabel ? null : `${id} / ${en}`,
    placeholder: visibleLabel ? null : id, oninput: (ev) => set(ev.target.value) });
  return h('span', { class: `field ${cls || ''}`, 'data-path': errorPath || path },
    visibleLabel ? h('label', { for: path, class: 'small-label' }, bi(id, en)) : null, input);
}

function timeInput(path, id, en, value, set) {
  return h('span', { class: 'field', 'data-path': path },
    // Text, not type=time: a time input follows the browser's locale and may show AM/PM; the office uses 24 hours.
    h('input', { type: 'text', id: path, value, inputmode: 'numeric', maxlength: '5', placeholder: '08:00', 'aria-label': `${id} / ${en} (HH:mm)`, oninput: (ev) => set(ev.target.value.trim()) }));
}

/**
 * A button whose visible words start its accessible name; `context` (what it acts on) is added for
 * screen readers only, so the name never contradicts what is on screen (axe label-content-name-mismatch).
 */
function button(id, en, onclick, context, disabled, htmlId, move) {
  return h('button', { type: 'button', onclick, disabled, id: htmlId, 'data-move': move },
    bi(id, en), context ? h('span', { class: 'sr-only' }, `: ${context}`) : null);
}

async function save(ev) {
  ev.preventDefault();
  const btn = document.getElementById('save');
  btn.disabled = true;
  try {
    await saveProfile(office);
    s = await request(`offices/${office}/settings`, { method: 'PUT', body: s });
    draw();
    clear(document.getElementById('form-message'), h('p', { class: 'message ok', role: 'status' },
      bi('Pengaturan tersimpan dan langsung berlaku.', 'Settings saved; they apply right away.')));
  } catch (e) {
    btn.disabled = false;
    if (e instanceof ApiError && e.code === 'INVALID_SETTINGS') showFieldErrors(e.details.problems || []);
    else if (e instanceof ApiError) message('error', e.words.id, e.words.en);
    else if (e instanceof NetworkError) message('error', 'Server tidak dapat dihubungi; pengaturan belum tersimpan. Coba lagi.', 'The server cannot be reached; nothing was saved. Try again.');
    else throw e;
  }
}

function message(kind, id, en) {
  clear(document.getElementById('form-message'), h('p', { class: `message ${kind}`, role: 'alert' }, bi(id, en)));
}

/** Each problem goes under the field it names (or its nearest drawn parent); a summary links to them. */
function showFieldErrors(problems) {
  document.querySelectorAll('.field-error').forEach((e) => e.remove());
  document.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const items = [];
  problems.forEach(({ path, messages }, n) => {
    let p = path;
    let holder = null;
    while (p && !(holder = document.querySelector(`[data-path="${CSS.escape(p)}"]`))) {
      p = p.includes('.') || p.includes('[') ? p.replace(/(\.[^.[\]]*|\[\d+\])$/, '') : '';
    }
    holder ||= document.getElementById('form-message');
    const { id, en } = messages;
    const errId = `err-${n}`;
    holder.append(h('p', { class: 'field-error', id: errId, 'data-error-for': path }, bi(id, en)));
    const input = holder.matches('input,select') ? holder : holder.querySelector('input,select');
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', errId);
    }
    items.push(h('li', {}, h('a', { href: `#${input?.id || ''}`, onclick: (ev) => { ev.preventDefault(); input?.focus(); } }, path ? `${path}: ${id}` : id)));
  });
  const box = document.getElementById('form-message');
  box.prepend(h('div', { class: 'message error error-summary', role: 'alert', tabindex: '-1', id: 'error-summary' },
    bi('Pengaturan belum tersimpan: periksa isian yang ditandai.', 'Not saved: check the marked fields.', 'p'), h('ul', {}, items)));
  document.getElementById('error-summary').focus();
}
