// At the counter, for a pickup ticket (B-…): the document to hand over and, after the identity
// check, "handed over" to the resident or to the named representative (letter of authority checked).
import { request, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';

const documents = new Map(); // ticket id → document (read once per ticket)
const sections = new Map();  // ticket id → its section, kept so that typed names survive the console's redraws

/** Adds the document and the handover buttons under the current ticket; nothing for other tickets. */
export async function renderPickup(root, t, { onDone, say }) {
  if (!t || t.service !== 'PICKUP') return;
  if (sections.has(t.id)) {
    root.append(sections.get(t.id));
    return;
  }
  let d = documents.get(t.id);
  if (!d) {
    try {
      d = await request(`staff-tickets/${t.id}/pickup`);
      documents.set(t.id, d);
    } catch (e) {
      if (e instanceof ApiError) say('error', e.words.id, e.words.en);
      return;
    }
  }
  if (root.dataset.state !== t.state || root.querySelector('#pickup-handover')) return;
  const repName = h('input', { id: 'rep-name', maxlength: 100, autocomplete: 'off', value: d.representative?.name || '' });
  const repRelation = h('input', { id: 'rep-relation', maxlength: 50, autocomplete: 'off', value: d.representative?.relation || '' });
  const send = async (collector) => {
    const body = { collector };
    if (collector === 'REPRESENTATIVE') {
      body.representativeName = repName.value;
      body.representativeRelation = repRelation.value;
    }
    try {
      await request(`tickets/${t.id}/handover`, { method: 'POST', body });
      documents.delete(t.id);
      sections.delete(t.id);
      say('ok', `${t.number}: dokumen ${d.reference} diserahkan.`, `${t.number}: document ${d.reference} handed over.`);
      onDone();
    } catch (e) {
      if (e instanceof ApiError) say('error', e.words.id, e.words.en);
      else say('error', 'Server tidak dapat dihubungi. Coba lagi.', 'The server cannot be reached. Try again.');
    }
  };
  const section = h('section', { id: 'pickup-handover', class: 'pickup-handover', 'aria-labelledby': 'pickup-title' },
    h('h3', { id: 'pickup-title' }, bi('Pengambilan dokumen', 'Document pickup')),
    h('dl', { class: 'facts' },
      fact('Dokumen', 'Document', bi(d.typeLabel.id, d.typeLabel.en)),
      fact('Nomor rujukan', 'Reference', d.reference),
      fact('Nama pemohon', 'Resident', d.name || '–'),
      fact('NIK (4 angka terakhir)', 'NIK (last 4 digits)', h('span', { class: 'nik' }, `•••• •••• •••• ${d.nikLast4}`)),
      fact('Kuasa', 'Representative', d.representative ? `${d.representative.name} (${d.representative.relation})` : bi('Tidak ada', 'None'))),
    h('p', { class: 'hint' }, bi('Periksa KTP pengambil. Untuk kuasa: periksa surat kuasa dan KTP kuasa.',
      'Check the collector’s ID card. For a representative: check the letter of authority and their ID card.')),
    h('div', { class: 'handover-buttons' },
      h('button', { type: 'button', class: 'primary big', id: 'handover-resident', onclick: () => send('RESIDENT') },
        bi('Diserahkan ke pemohon', 'Handed to the resident')),
      h('fieldset', { class: 'rep' }, h('legend', {}, bi('Atau ke kuasa', 'Or to a representative')),
        h('label', { for: 'rep-name' }, bi('Nama kuasa', 'Representative’s name'), repName),
        h('label', { for: 'rep-relation' }, bi('Hubungan', 'Relation'), repRelation),
        h('button', { type: 'button', class: 'secondary big', id: 'handover-representative', onclick: () => send('REPRESENTATIVE') },
          bi('Diserahkan ke kuasa', 'Handed to the representative')))));
  sections.set(t.id, section);
  root.append(section);
}

function fact(id, en, value) {
  return h('div', { class: 'fact' }, h('dt', {}, bi(id, en)), h('dd', {}, value));
}
