// Admin: who did what, when — the audit trail, newest first, filtered by person and kind.
import { request, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage } from './session.js';
import { dateTime } from './format.js';
import { AUDIT, describe } from './audit-words.js';

const TYPES = Object.fromEntries(Object.entries(AUDIT).map(([k, [action]]) => [k, action]));

const me = await startPage('ADMIN', { id: 'Jejak audit', en: 'Audit trail' });
const main = document.querySelector('main');

if (me) {
  const actor = h('input', { id: 'actor', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false' });
  const type = h('select', { id: 'type' }, h('option', { value: '' }, 'Semua / All'),
    Object.entries(TYPES).map(([k, [id, en]]) => h('option', { value: k }, `${id} / ${en}`)));
  const list = h('tbody', { id: 'audit-rows' });
  const more = h('button', { type: 'button', id: 'older', hidden: true }, bi('Lebih lama', 'Older'));
  const msg = h('div', { class: 'message-slot' });
  const form = h('form', { class: 'range', id: 'audit-filter' },
    h('label', { for: 'actor' }, bi('Petugas', 'Staff member'), actor),
    h('label', { for: 'type' }, bi('Jenis', 'Kind'), type),
    h('button', { type: 'submit', class: 'primary', id: 'filter' }, bi('Saring', 'Filter')));
  clear(main, h('section', { class: 'panel' }, h('h1', {}, bi('Jejak audit', 'Audit trail')),
    h('p', { class: 'hint' }, bi('Siapa melakukan apa dan kapan, terbaru di atas.', 'Who did what and when, newest first.')),
    form, msg,
    h('div', { class: 'table-wrap' }, h('table', { id: 'audit-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, bi('Waktu (WIB)', 'Time')), h('th', { scope: 'col' }, bi('Petugas', 'Who')),
        h('th', { scope: 'col' }, bi('Tindakan', 'Action')), h('th', { scope: 'col' }, bi('Rincian', 'Details')))),
      list)), more));
  let before = null;
  const load = async (reset) => {
    if (reset) { before = null; clear(list); }
    const q = new URLSearchParams({ limit: '50' });
    if (actor.value.trim()) q.set('actor', actor.value.trim());
    if (type.value) q.set('type', type.value);
    if (before) q.set('before', before);
    try {
      const r = await request(`audit?${q}`);
      r.events.forEach((e) => list.append(row(e)));
      if (!list.children.length) list.append(h('tr', {}, h('td', { colspan: '4' }, bi('Tidak ada catatan.', 'No entries.'))));
      before = r.before;
      more.hidden = !before;
      clear(msg);
    } catch (e) {
      if (e instanceof ApiError) clear(msg, h('p', { class: 'message error', role: 'alert' }, bi(e.words.id, e.words.en)));
      else clear(msg, h('p', { class: 'message error', role: 'alert' }, bi('Server tidak dapat dihubungi.', 'The server cannot be reached.')));
    }
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); load(true); });
  more.addEventListener('click', () => load(false));
  await load(true);
}

function row(e) {
  const { action, details } = describe(e);
  return h('tr', { 'data-type': e.type, 'data-actor': e.actor },
    h('td', {}, dateTime(e.at)), h('td', {}, e.actor), h('td', {}, bi(action[0], action[1])), h('td', { class: 'details' }, bi(details[0], details[1])));
}
