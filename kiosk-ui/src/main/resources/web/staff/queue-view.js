// Today's queue below the console: who is at a counter, in the waiting room, and still outside.
import { h, bi, clear } from './dom.js';
import { STATES, PRIORITY } from './format.js';
import { reasonLabel, setReasons } from './current-view.js';

export function renderQueue(root, tickets, kiosk, opts = {}) {
  setReasons(kiosk?.urgencyReasons);
  const at = tickets.filter((t) => t.state === 'CALLED' || t.state === 'SERVING');
  const inside = tickets.filter((t) => t.state === 'ADMITTED');
  const outside = tickets.filter((t) => t.state === 'BOOKED');
  const count = (s) => tickets.filter((t) => t.state === s).length;
  clear(root,
    h('h2', {}, bi('Antrean hari ini', 'Today’s queue')),
    h('p', { class: 'summary', id: 'queue-summary' },
      bi(`Selesai ${count('DONE')} · Tidak hadir ${count('NO_SHOW')} · Ditolak ${count('REFUSED')} · Dibatalkan ${count('CANCELLED')}`,
        `Done ${count('DONE')} · No-show ${count('NO_SHOW')} · Refused ${count('REFUSED')} · Cancelled ${count('CANCELLED')}`)),
    h('div', { class: 'queue-groups' },
      group('queue-counters', 'Di loket', 'At a counter', at, true),
      group('queue-room', 'Di ruang tunggu', 'In the waiting room', inside, false),
      group('queue-outside', 'Menunggu di luar (slot berikutnya)', 'Waiting outside (later slots)', outside, false),
      opts.onRequeue ? noShows(tickets.filter((t) => t.state === 'NO_SHOW'), opts) : null));
}

/** Today's no-shows, each with "return to the queue" for a resident who arrives after all. */
function noShows(list, { onRequeue, busy }) {
  const caption = h('caption', {}, bi(`Tidak hadir hari ini (${list.length})`, `Did not show up today (${list.length})`));
  if (!list.length) {
    return h('div', { class: 'group', id: 'queue-noshow' }, h('table', {}, caption), h('p', { class: 'empty' }, bi('Tidak ada', 'None')));
  }
  return h('div', { class: 'group', id: 'queue-noshow' }, h('table', {}, caption,
    h('thead', {}, h('tr', {}, th('Nomor', 'Number'), th('Slot', 'Slot'), th('Loket', 'Counter'), th('Tindakan', 'Action'))),
    h('tbody', {}, list.map((t) => h('tr', { 'data-number': t.number, 'data-state': t.state },
      h('td', { class: 'num' }, t.number),
      h('td', { class: 'slot' }, t.slot ? `${t.slot.start}–${t.slot.end}` : '–'),
      h('td', {}, t.counter?.name || '–'),
      h('td', {}, h('button', {
        type: 'button', class: 'secondary requeue', 'data-requeue': t.number, disabled: busy, onclick: () => onRequeue(t),
      }, bi(`Kembalikan ${t.number} ke antrean`, `Return ${t.number}`))))))));
}

function group(id, titleId, titleEn, list, withCounter) {
  const caption = h('caption', {}, bi(`${titleId} (${list.length})`, `${titleEn} (${list.length})`));
  if (!list.length) {
    return h('div', { class: 'group', id }, h('table', {}, caption), h('p', { class: 'empty' }, bi('Tidak ada', 'None')));
  }
  return h('div', { class: 'group', id }, h('table', {},
    caption,
    h('thead', {}, h('tr', {},
      th('Nomor', 'Number'), th('Slot', 'Slot'), withCounter ? th('Loket', 'Counter') : th('Prioritas', 'Priority'),
      th('Alasan', 'Reason'), th('NIK', 'NIK'))),
    h('tbody', {}, list.map((t) => {
      const [rid] = reasonLabel(t.urgency?.reason);
      const p = t.priorityGroup ? PRIORITY[t.priorityGroup]?.[0] || t.priorityGroup : '–';
      return h('tr', { 'data-number': t.number, 'data-state': t.state },
        h('td', { class: 'num' }, t.number),
        h('td', { class: 'slot' }, t.slot ? `${t.slot.start}–${t.slot.end}` : '–'),
        h('td', {}, withCounter ? `${t.counter?.name || '–'} · ${STATES[t.state][0]}` : p),
        h('td', {}, rid),
        h('td', {}, `…${t.nikLast4}`, t.regionWarning ? h('span', { class: 'flag', title: 'NIK di luar wilayah / NIK outside the region' }, ' ⚠ luar wilayah') : null));
    }))));
}

function th(id, en) {
  return h('th', { scope: 'col' }, bi(id, en));
}
