// The ticket at this counter: what staff need to check before and during recording.
import { h, bi, svg, clear } from './dom.js';
import { ICONS } from './icons.js';
import { time, PRIORITY } from './format.js';
import { celsius } from './dialogs.js';

let reasons = {};

export function setReasons(list) {
  reasons = Object.fromEntries((list || []).map((r) => [r.code, r.label]));
}

export function reasonLabel(code) {
  if (code === 'PICKUP') return ['Pengambilan dokumen', 'Document pickup']; // pickup tickets (B-…) have no urgency
  const l = reasons[code];
  return l ? [l.id, l.en] : [code, ''];
}

export function renderCurrent(root, t, counter) {
  if (!t) {
    clear(root, h('h2', { id: 'current-title' }, bi(`${counter.name}: belum ada tiket`, `${counter.name}: no ticket yet`)),
      h('p', { class: 'empty' }, bi('Tekan “Panggil berikutnya” (tombol P) untuk memanggil warga berikutnya dari ruang tunggu; bila ruang tunggu kosong, warga berikutnya dari luar dipanggil lebih awal. Nomor tertentu: tombol N.',
        'Press “Call next” (key P) to call the next resident from the waiting room; with the room empty, the next resident outside is called early. A given number: key N.')));
    root.dataset.state = 'EMPTY';
    return;
  }
  root.dataset.state = t.state;
  const [rid, ren] = reasonLabel(t.urgency?.reason);
  const priority = t.priorityGroup ? PRIORITY[t.priorityGroup] || [t.priorityGroup, ''] : null;
  const stateWords = t.state === 'SERVING' ? ['Sedang dilayani', 'Being served']
    : [`Dipanggil ke ${counter.name}`, `Called to counter ${counter.id}`];
  clear(root,
    h('div', { class: 'current-head' },
      h('h2', { id: 'current-title', class: 'number', 'data-number': t.number }, t.number),
      h('p', { class: `state state-${t.state}` }, bi(stateWords[0], stateWords[1]))),
    t.regionWarning ? h('p', { class: 'region-warning', role: 'note' }, svg(ICONS.warning),
      bi('NIK bukan dari wilayah kantor ini. Periksa KTP/KK sebelum perekaman.',
        'The NIK is not from this office’s region. Check the ID documents before recording.')) : null,
    h('dl', { class: 'facts' },
      t.service === 'PICKUP' ? fact('Layanan', 'Service', bi(rid, ren)) : fact('Alasan mendesak', 'Urgency', h('span', {}, bi(rid, ren), t.urgency?.note ? h('span', { class: 'note' }, `“${t.urgency.note}”`) : null)),
      t.service !== 'PICKUP' && fact('Kelompok prioritas', 'Priority group', priority ? bi(priority[0], priority[1]) : bi('Tidak ada', 'None')),
      fact('NIK (4 angka terakhir)', 'NIK (last 4 digits)', h('span', { class: 'nik' }, `•••• •••• •••• ${t.nikLast4}`)),
      t.name ? fact('Nama', 'Name', t.name) : null,
      fact('Slot', 'Slot', t.slot ? `${t.slot.start}–${t.slot.end}` : '–'),
      fact('Dipanggil', 'Times called', bi(`${1 + t.recalls}× (terakhir ${time(t.calledAt)})`, `${1 + t.recalls}× (last ${time(t.calledAt)})`)),
      t.servingAt ? fact('Mulai dilayani', 'Serving since', time(t.servingAt)) : null,
      t.temperatureC !== null && t.temperatureC !== undefined
        ? fact('Suhu', 'Temperature', celsius(t.temperatureC)) : null));
}

function fact(id, en, value) {
  return h('div', { class: 'fact' }, h('dt', {}, bi(id, en)), h('dd', {}, value));
}
