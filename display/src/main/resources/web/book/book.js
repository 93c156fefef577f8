// The resident's booking page (issue 15): /book/?office=oki. Phone first, Indonesian first, one
// step at a time like the kiosk: service (WhatsApp services get a tap-to-chat link), health
// declaration, urgency reason, NIK, day and slot (places left, refreshed while the step is open),
// optional WhatsApp number with consent, then the booking; the answer is the ticket page.
// Nothing is lost when the network drops on submit: the request keeps its Idempotency-Key (kept
// in sessionStorage with the request) and is sent again with it, by itself and by "Kirim ulang".
//
// data-testid: step-<name> (the visible step), services, checklist, reasons, note, nik, days,
//   slots (buttons data-slot="09:00"), phone, consent, summary, submit, retry, back, next,
//   book-message (an error in both languages), wa-link (the chat link).

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const office = (() => {
  const id = new URLSearchParams(location.search).get('office') || 'oki';
  return /^[A-Za-z0-9_-]{1,32}$/.test(id) ? id : 'oki';
})();
const API = new URL('../api/v1/', document.baseURI);
const DAYS = ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'];
const DAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober',
  'November', 'Desember'];
const FLOW = ['service', 'health', 'urgency', 'nik', 'slot', 'phone', 'confirm'];
// Places left are asked for again this often while the day-and-time step is open (?refresh=s).
const REFRESH_MS = (Number(new URLSearchParams(location.search).get('refresh')) || 15) * 1000;

let page = null;         // GET …/booking
let notify = null;       // GET …/notifications (whether WhatsApp news may be promised)
const form = { service: null, checklist: {}, reason: null, note: '', nik: '', day: null, slot: null, phone: '', consent: false };
let step = 'loading';
let poll = null;

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'on') Object.entries(v).forEach(([ev, f]) => e.addEventListener(ev, f));
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
  return e;
}
const bi = (id, en) => [id, ' ', el('span', { class: 'en', lang: 'en' }, en)];

function dayLabel(iso, long) {
  const [y, m, d] = iso.split('-').map(Number);
  const w = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return long ? `${DAYS[w]}, ${d} ${MONTHS[m - 1]} ${y}` : `${DAYS[w].slice(0, 3)}, ${d} ${MONTHS[m - 1].slice(0, 3)}`;
}
const dayEn = (iso) => { const [y, m, d] = iso.split('-').map(Number); return DAYS_EN[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]; };

function message(m) {
  const box = $('book-message');
  if (!m) { box.hidden = true; return; }
  box.querySelector('.id').textContent = m.id || '';
  box.querySelector('.en').textContent = m.en || '';
  box.hidden = false;
  box.focus();
}

async function get(path) {
  const res = await fetch(new URL(path, API), { headers: { Accept: 'application/json' }, cache: 'no-store' });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { status: res.status, body });
  return body;
}

// ---- steps
function show(name) {
  step = name;
  document.querySelectorAll('.step').forEach((s) => { s.hidden = s.dataset.step !== name; });
  $('nav').hidden = name === 'loading' || name === 'service';
  $('next').hidden = name === 'confirm' || name === 'whatsapp';
  if (name === 'slot') startPolling(); else stopPolling();
  if (name === 'confirm') summary();
  const h = document.querySelector(`[data-step="${name}"] h2`);
  if (h) { h.tabIndex = -1; h.focus({ preventScroll: false }); }
}

function back() {
  message(null);
  if (step === 'whatsapp') { show('service'); return; }
  const i = FLOW.indexOf(step);
  show(i > 0 ? FLOW[i - (FLOW[i - 1] === 'phone' && !notify?.enabled ? 2 : 1)] : 'service');
}

function next() {
  const problem = check(step);
  if (problem) { message(problem); return; }
  message(null);
  let i = FLOW.indexOf(step) + 1;
  if (FLOW[i] === 'phone' && !notify?.enabled) i += 1;
  show(FLOW[i]);
}

function check(name) {
  if (name === 'health') {
    const missing = page.checklist.filter((c) => c.required && !form.checklist[c.code]);
    if (missing.length) return { id: 'Tanpa ini Anda tidak dapat dilayani di kantor. Centang semua pernyataan.', en: 'Without these you cannot be served in the office. Tick every statement.' };
  }
  if (name === 'urgency') {
    if (!form.reason) return { id: 'Pilih alasan mendesak.', en: 'Choose why it is urgent.' };
    const r = page.urgencyReasons.find((x) => x.code === form.reason);
    if (r?.noteRequired && !form.note.trim()) return { id: 'Tulis alasannya.', en: 'Write the reason.' };
  }
  if (name === 'nik' && !/^\d{16}$/.test(form.nik)) return { id: 'NIK harus 16 angka.', en: 'The NIK must have 16 digits.' };
  if (name === 'slot' && !form.slot) return { id: 'Pilih hari dan jam.', en: 'Choose a day and a time.' };
  if (name === 'phone' && form.consent && !form.phone.trim()) return { id: 'Isi nomor WhatsApp, atau hapus centang persetujuan.', en: 'Fill in the WhatsApp number, or untick the consent.' };
  return null;
}

// ---- rendering
function renderServices() {
  const box = $('services');
  box.replaceChildren(...page.services.map((s) => el('button', {
    type: 'button', class: 'choice', 'data-service': s.code,
    on: { click: () => {
      form.service = s;
      if (s.inOffice) { show('health'); return; }
      $('wa-service').replaceChildren(...bi(s.name.id, s.name.en));
      $('wa-number').textContent = s.whatsapp?.display || '';
      $('wa-link').href = s.whatsapp?.link || '#';
      const ins = $('wa-instructions');
      ins.querySelector('.id').textContent = s.whatsapp?.instructions?.id || '';
      ins.querySelector('.en').textContent = s.whatsapp?.instructions?.en || '';
      show('whatsapp');
    } },
  }, s.name.id, el('span', { class: 'en', lang: 'en' }, s.name.en),
  el('small', {}, s.inOffice ? 'Datang ke kantor · In the office' : 'Lewat WhatsApp · On WhatsApp'))));
}

function renderChecklist() {
  $('checklist').replaceChildren(...page.checklist.map((c) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', 'data-code': c.code, on: { change: (e) => { form.checklist[c.code] = e.target.checked; } } }),
    el('span', {}, ...bi(c.label.id, c.label.en)))));
}

function renderReasons() {
  $('reasons').replaceChildren(...page.urgencyReasons.map((r) => el('button', {
    type: 'button', class: 'choice', role: 'radio', 'aria-checked': String(form.reason === r.code), 'data-reason': r.code,
    on: { click: () => {
      form.reason = r.code;
      $('note-field').hidden = !r.noteRequired;
      renderReasons();
    } },
  }, ...bi(r.label.id, r.label.en))));
}

function renderDays() {
  const days = page.days;
  if (!form.day || !days.some((d) => d.day === form.day && d.slots.length)) {
    form.day = (days.find((d) => d.slots.some((s) => s.left > 0)) || days[0])?.day;
  }
  $('days').replaceChildren(...days.map((d) => el('button', {
    type: 'button', class: 'choice', role: 'radio', 'aria-checked': String(d.day === form.day), 'data-day': d.day,
    disabled: d.slots.length === 0,
    on: { click: () => { form.day = d.day; form.slot = null; renderDays(); } },
  }, d.today ? 'Hari ini' : dayLabel(d.day, false),
  el('small', {}, d.slots.length === 0 ? 'Tutup · Closed' : `sisa ${d.placesLeft} · ${d.placesLeft} left`))));
  const day = days.find((d) => d.day === form.day);
  if (form.slot && !day?.slots.some((s) => s.start === form.slot && s.left > 0)) form.slot = null;
  $('slots').replaceChildren(...(day?.slots || []).map((s) => el('button', {
    type: 'button', class: 'choice', role: 'radio', 'aria-checked': String(s.start === form.slot), 'data-slot': s.start,
    disabled: s.left <= 0,
    'aria-label': `${s.start}–${s.end} WIB, ${s.left > 0 ? `sisa ${s.left} tempat` : 'penuh'} / ${s.left > 0 ? `${s.left} places left` : 'full'}`,
    on: { click: () => { form.slot = s.start; renderDays(); } },
  }, `${s.start}–${s.end}`, el('small', {}, s.left > 0 ? `sisa ${s.left} · ${s.left} left` : 'Penuh · Full'))));
}

async function refreshSlots() {
  try {
    page = await get(`offices/${office}/booking`);
    renderDays();
    const t = new Date();
    $('slots-updated').textContent = `Diperbarui ${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')} · Updated`;
  } catch { /* keep what is shown; the next round tries again */ }
}
function startPolling() {
  stopPolling();
  renderDays();
  poll = setInterval(() => { if (document.visibilityState === 'visible') refreshSlots(); }, REFRESH_MS);
}
function stopPolling() { if (poll) clearInterval(poll); poll = null; }

function summary() {
  const reason = page.urgencyReasons.find((r) => r.code === form.reason);
  const day = page.days.find((d) => d.day === form.day);
  const slot = day?.slots.find((s) => s.start === form.slot);
  const rows = [
    ['Layanan', 'Service', `${form.service.name.id}`],
    ['Alasan', 'Reason', reason ? reason.label.id + (form.note ? ` — ${form.note}` : '') : ''],
    ['NIK', 'NIK', `•••• •••• •••• ${form.nik.slice(12)}`],
    ['Jadwal', 'Time', `${dayLabel(form.day, true)} (${dayEn(form.day)}), ${form.slot}–${slot?.end || ''} WIB`],
  ];
  if (form.phone) rows.push(['WhatsApp', 'WhatsApp', form.phone + (form.consent ? '' : ' (tanpa kabar · no news)')]);
  $('summary').replaceChildren(...rows.flatMap(([id, en, v]) => [el('dt', {}, id, el('span', { class: 'en', lang: 'en' }, en)), el('dd', {}, v)]));
}

// ---- submitting, safe to repeat
function body() {
  const b = {
    service: form.service.code, nik: form.nik, urgency: { reason: form.reason, note: form.note.trim() || null },
    checklist: form.checklist, day: form.day, slot: form.slot, phone: form.phone.trim() || null,
  };
  if (form.consent && b.phone && notify?.enabled) b.whatsappConsent = { version: notify.consentVersion, language: 'id' };
  return b;
}

/** The key of this very request: the same request keeps its key across retries and reloads. */
function keyFor(json) {
  try {
    const kept = JSON.parse(sessionStorage.getItem('antrean-booking') || 'null');
    if (kept && kept.json === json) return kept.key;
  } catch { /* no storage: a key for this page only */ }
  const b = crypto.getRandomValues(new Uint8Array(16));
  const key = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  try { sessionStorage.setItem('antrean-booking', JSON.stringify({ json, key })); } catch { /* ignore */ }
  return key;
}

async function submit(attempt = 0) {
  const json = JSON.stringify(body());
  const key = keyFor(json);
  const submitBtn = $('submit');
  submitBtn.disabled = true;
  $('retry').hidden = true;
  message(null);
  let res;
  try {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), 20000);
    try {
      res = await fetch(new URL(`offices/${office}/bookings`, API), {
        method: 'POST', body: json, cache: 'no-store', signal: ctrl.signal,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': key },
      });
    } finally { clearTimeout(timer); }
  } catch {
    res = null;
  }
  const answer = res ? await res.json().catch(() => null) : null;
  if (res && res.status === 201 && answer?.statusUrl) {
    try { sessionStorage.removeItem('antrean-booking'); } catch { /* ignore */ }
    location.assign(new URL(`..${answer.statusUrl}`, document.baseURI));
    return;
  }
  submitBtn.disabled = false;
  if (!res || res.status >= 500 || !answer) {
    // No decision reached us: the same key makes sending again safe.
    const wait = Number.parseInt(res?.headers.get('Retry-After') || '', 10);
    if (attempt < 2) { setTimeout(() => submit(attempt + 1), (Number.isFinite(wait) ? Math.min(wait, 5) : 2) * 1000); return; }
    message({ id: 'Koneksi terputus. Pesanan Anda aman: tekan "Kirim ulang".', en: 'Connection lost. Your booking is safe: press "Send again".' });
    $('retry').hidden = false;
    return;
  }
  message(answer.messages || { id: answer.message, en: '' });
  const goTo = { HEALTH_PROTOCOL: 'health', URGENCY_REQUIRED: 'urgency', INVALID_NIK: 'nik', ALREADY_HAS_TICKET: 'nik',
    SLOT_FULL: 'slot', PHONE_QUOTA_FULL: 'slot', QUOTA_FULL: 'slot', OFFICE_CLOSED: 'slot', DAY_OUT_OF_RANGE: 'slot' }[answer.error];
  if (goTo === 'slot') { form.slot = null; await refreshSlots(); }
  if (answer.error === 'INVALID_REQUEST' && answer.details?.field === 'phone') { show('phone'); message(answer.messages); return; }
  if (goTo) { show(goTo); message(answer.messages || { id: answer.message, en: '' }); }
}

// ---- start
async function start() {
  $('back').addEventListener('click', back);
  $('next').addEventListener('click', next);
  $('submit').addEventListener('click', () => submit());
  $('retry').addEventListener('click', () => submit());
  $('note').addEventListener('input', (e) => { form.note = e.target.value; });
  $('nik').addEventListener('input', (e) => {
    form.nik = e.target.value.replace(/\D/g, '').slice(0, 16);
    $('nik-hint').textContent = `${form.nik.length} / 16`;
  });
  $('phone').addEventListener('input', (e) => { form.phone = e.target.value; });
  $('consent').addEventListener('change', (e) => { form.consent = e.target.checked; });
  // The page comes with its data (one round trip on a slow phone); opened as a plain file, it asks.
  const pre = document.getElementById('booking-data');
  try { if (pre?.dataset.office === office && pre.textContent.trim()) page = JSON.parse(pre.textContent); } catch { page = null; }
  get(`offices/${office}/notifications`).then((n) => { notify = n; consentText(); }).catch(() => { notify = null; });
  try {
    if (!page) page = await get(`offices/${office}/booking`);
  } catch (e) {
    message(e.status === 404 ? { id: 'Kantor tidak ditemukan.', en: 'Office not found.' }
      : { id: 'Tidak dapat memuat. Periksa koneksi lalu muat ulang halaman.', en: 'Could not load. Check the connection and reload.' });
    return;
  }
  $('office-name').textContent = page.office.name.id;
  renderServices();
  renderChecklist();
  renderReasons();
  show('service');
  // Usable from here: the test of the slow connection reads this moment.
  document.documentElement.dataset.readyAt = String(Math.round(performance.now()));
  document.documentElement.dataset.ready = 'true';
}

function consentText() {
  if (notify?.enabled) {
    const text = (s) => s.replace('{office}', notify.office.id).replace('{days}', notify.keepDays);
    $('consent-id').textContent = text('Setuju: {office} akan mengirim pesan WhatsApp ke nomor ini: nomor antrean Anda, saat boleh masuk ruang tunggu, saat giliran hampir tiba, saat dipanggil, dan bila tiket Anda berubah. Nomor disimpan sampai {days} hari setelah hari kunjungan, lalu dihapus. Balas BERHENTI kapan saja untuk berhenti.');
    $('consent-en').textContent = text('Agree: {office} will send WhatsApp messages to this number: your queue number, when you may enter the waiting room, when your turn is near, when you are called, and if your ticket changes. The number is kept until {days} days after your visit, then deleted. Reply STOP at any time to stop.').replace(notify.office.id, notify.office.en);
  }
}

start();
