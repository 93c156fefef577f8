// Supervisor: the WhatsApp messages of a day per ticket, their delivery, failures with the
// provider's reason and a retry; the day's counts. Admins also see the provider and the switch.
// Phone numbers arrive masked (last 4 digits) from the server.
import { request, officeId, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage, allows } from './session.js';
import { time } from './format.js';

const KINDS = {
  ISSUED: ['Nomor antrean', 'Queue number'],
  ADMITTED: ['Silakan masuk', 'Please come in'],
  TURN_NEAR: ['Giliran hampir tiba', 'Turn near'],
  CALLED: ['Dipanggil', 'Called'],
  RECALLED: ['Dipanggil ulang', 'Recalled'],
  NO_SHOW: ['Tidak hadir', 'Did not show up'],
  REFUSED: ['Ditolak', 'Refused'],
  CANCELLED: ['Dibatalkan petugas', 'Cancelled by staff'],
  REMINDER_EVENING: ['Pengingat malam sebelumnya', 'Evening reminder'],
  REMINDER_HOUR: ['Pengingat 1 jam sebelumnya', 'Reminder an hour before'],
};
const STATES = {
  PENDING: ['Menunggu dikirim', 'Queued'],
  SENT: ['Terkirim ke WhatsApp', 'Handed to WhatsApp'],
  FAILED: ['Gagal', 'Failed'],
  DEAD: ['Gagal, berhenti mencoba', 'Failed, retries used up'],
  DROPPED: ['Tidak dikirim (sudah lewat atau dihentikan)', 'Not sent (overtaken or stopped)'],
};
const DELIVERY = {
  SENT: ['Terkirim', 'Sent'],
  DELIVERED: ['Diterima', 'Delivered'],
  READ: ['Dibaca', 'Read'],
  FAILED: ['Gagal terkirim', 'Not delivered'],
};
const words = (map, key) => (map[key] ? bi(map[key][0], map[key][1]) : (key || '–'));

const me = await startPage('SUPERVISOR', { id: 'Pesan', en: 'Messages' });
const office = officeId();
const main = document.querySelector('main');

const errorBox = (e) => h('p', { class: 'message error', role: 'alert' }, e instanceof ApiError
  ? bi(e.words.id, e.words.en) : bi('Server tidak dapat dihubungi.', 'The server cannot be reached.'));

if (me) {
  const kiosk = await request(`offices/${office}/kiosk`);
  const day = h('input', { type: 'date', id: 'day', value: kiosk.today });
  const form = h('form', { class: 'range', id: 'day-form' },
    h('label', { for: 'day' }, bi('Tanggal', 'Day'), day),
    h('button', { type: 'submit', class: 'primary', id: 'show' }, bi('Tampilkan', 'Show')));
  const provider = h('section', { class: 'panel', id: 'provider', 'aria-labelledby': 'provider-title' });
  const counts = h('div', { id: 'counts' });
  const problems = h('tbody', { id: 'problem-rows' });
  const rows = h('tbody', { id: 'message-rows' });
  const msg = h('div', { class: 'message-slot', 'aria-live': 'polite' });
  const table = (id, body, extra) => h('div', { class: 'table-wrap' }, h('table', { id },
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, bi('Dibuat', 'Created')),
      h('th', { scope: 'col' }, bi('Nomor antrean', 'Ticket')),
      h('th', { scope: 'col' }, bi('Pesan', 'Message')),
      h('th', { scope: 'col' }, bi('Nomor WhatsApp', 'WhatsApp number')),
      h('th', { scope: 'col' }, bi('Status', 'State')),
      h('th', { scope: 'col' }, bi('Pengiriman', 'Delivery')),
      h('th', { scope: 'col' }, extra))), body));
  clear(main,
    allows(me.role, 'ADMIN') ? provider : '',
    h('section', { class: 'panel', 'aria-labelledby': 'day-title' },
      h('h1', { id: 'day-title' }, bi('Pesan WhatsApp', 'WhatsApp messages')),
      h('p', { class: 'hint' }, bi('Pesan per tiket, kapan dikirim dan apakah diterima. Nomor disamarkan (4 angka terakhir).',
        'Messages per ticket, when they were sent and whether they arrived. Numbers are masked (last 4 digits).')),
      form, msg, counts),
    h('section', { class: 'panel', 'aria-labelledby': 'problems-title' },
      h('h2', { id: 'problems-title' }, bi('Gagal', 'Failed')),
      table('problem-table', problems, bi('Alasan / tindakan', 'Reason / action'))),
    h('section', { class: 'panel', 'aria-labelledby': 'all-title' },
      h('h2', { id: 'all-title' }, bi('Semua pesan hari itu', 'All messages of the day')),
      table('message-table', rows, bi('Alasan', 'Reason'))));

  const row = (m, withRetry) => h('tr', { 'data-id': m.id },
    h('td', {}, time(m.createdAt)),
    h('td', {}, m.number || '–'),
    h('td', {}, words(KINDS, m.kind)),
    h('td', {}, m.phone),
    h('td', {}, words(STATES, m.state), m.sentAt ? ` ${time(m.sentAt)}` : ''),
    h('td', {}, m.delivery ? [words(DELIVERY, m.delivery), m.deliveryAt ? ` ${time(m.deliveryAt)}` : ''] : '–'),
    h('td', {}, m.reason || '', withRetry && (m.state === 'FAILED' || m.state === 'DEAD')
      ? h('button', { type: 'button', class: 'secondary', 'data-retry': m.id, onclick: () => retry(m.id) },
        bi('Kirim ulang', 'Send again')) : ''));

  async function load() {
    try {
      const [list, report] = await Promise.all([
        request(`offices/${office}/messages?day=${day.value}`),
        request(`offices/${office}/messages/report?from=${day.value}&to=${day.value}`)]);
      clear(problems, ...list.problems.map((m) => row(m, true)));
      if (!list.problems.length) problems.append(h('tr', {}, h('td', { colspan: '7' }, bi('Tidak ada.', 'None.'))));
      clear(rows, ...list.messages.map((m) => row(m, false)));
      if (!list.messages.length) rows.append(h('tr', {}, h('td', { colspan: '7' }, bi('Belum ada pesan.', 'No messages yet.'))));
      const d = report.days[0] || { sent: 0, delivered: 0, read: 0, failed: 0 };
      clear(counts, h('dl', { class: 'facts', id: 'message-counts' },
        [['sent', 'Terkirim', 'Sent'], ['delivered', 'Diterima', 'Delivered'], ['read', 'Dibaca', 'Read'], ['failed', 'Gagal', 'Failed']]
          .map(([k, id, en]) => h('div', { class: 'fact' }, h('dt', {}, bi(id, en)), h('dd', { 'data-count': k }, String(d[k]))))));
      clear(msg);
    } catch (e) {
      clear(msg, errorBox(e));
    }
  }

  async function retry(id) {
    try {
      await request(`offices/${office}/messages/${id}/retry`, { method: 'POST' });
      clear(msg, h('p', { class: 'message', role: 'status' }, bi('Pesan dijadwalkan untuk dikirim ulang.', 'The message will be sent again.')));
      await load();
    } catch (e) {
      clear(msg, errorBox(e));
    }
  }

  async function loadProvider() {
    try {
      const s = await request(`offices/${office}/notifications/settings`);
      const enabled = h('input', { type: 'checkbox', id: 'enabled', checked: s.enabled, disabled: !s.provider.configured });
      const near = h('input', { type: 'number', id: 'near-ahead', min: '1', max: '20', value: String(s.nearAhead) });
      const keep = h('input', { type: 'number', id: 'keep-days', min: '1', max: '365', value: String(s.keepDays) });
      const saved = h('div', { 'aria-live': 'polite' });
      const save = h('form', { class: 'range', id: 'switch-form' },
        h('label', { for: 'enabled' }, bi('Kirim pesan WhatsApp', 'Send WhatsApp messages'), enabled),
        h('label', { for: 'near-ahead' }, bi('"Giliran hampir tiba" bila orang di depan ≤', '"Turn near" when people ahead ≤'), near),
        h('label', { for: 'keep-days' }, bi('Simpan nomor (hari setelah kunjungan)', 'Keep numbers (days after the visit)'), keep),
        h('button', { type: 'submit', class: 'primary', id: 'save-switch' }, bi('Simpan', 'Save')));
      save.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        try {
          await request(`offices/${office}/notifications/settings`, { method: 'PUT',
            body: { enabled: enabled.checked, nearAhead: Number(near.value), keepDays: Number(keep.value) } });
          clear(saved, h('p', { class: 'message', role: 'status' }, bi('Tersimpan.', 'Saved.')));
        } catch (e) {
          clear(saved, errorBox(e));
        }
      });
      const nodes = s.provider.nodes.length ? h('ul', { id: 'provider-nodes' }, s.provider.nodes.map((n) => h('li', {},
        `${n.node}: `, n.answering ? bi('menjawab', 'answering') : bi('bermasalah', 'failing'),
        n.detail ? ` — ${n.detail}` : '', ` (${time(n.since)})`)))
        : h('p', {}, bi('Belum ada pesan yang dikirim.', 'No message sent yet.'));
      clear(provider,
        h('h2', { id: 'provider-title' }, bi('WhatsApp Business', 'WhatsApp Business')),
        h('p', { id: 'provider-configured' }, s.provider.configured
          ? bi('Terhubung: nomor, token dan app secret sudah diatur di server.', 'Connected: number, token and app secret are set on the server.')
          : bi('Belum diatur: atur ANTREAN_WHATSAPP_* di server (lihat README).', 'Not configured: set ANTREAN_WHATSAPP_* on the server (see the README).')),
        nodes, save, saved);
    } catch (e) {
      clear(provider, errorBox(e));
    }
  }

  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  if (allows(me.role, 'ADMIN')) await loadProvider();
  await load();
}
