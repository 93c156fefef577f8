// The resident's pickup page, served for /p/{token} (the link in the WhatsApp message): what is
// ready, when to come, the pickup code (and its QR for the kiosk's camera), moving the time, and
// naming someone else to collect it. No name or number is ever shown here.
//
// data-testid: document, reference, state, appointment, code, qr, day (select), slots (radios
// named "slot"), move, rep-name, rep-relation, rep-save, rep-remove, representative-now, message,
// not-found, content.
import { qrSvg } from '/kiosk/qr.js';

const tid = (id) => document.querySelector(`[data-testid="${id}"]`);
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || '');
const api = `/api/v1/pickups/${encodeURIComponent(token)}`;
let days = [];

function bi(id, en) {
  const frag = document.createDocumentFragment();
  frag.append(document.createTextNode(id));
  if (en) {
    const s = document.createElement('span');
    s.className = 'en';
    s.lang = 'en';
    s.textContent = en;
    frag.append(' ', s);
  }
  return frag;
}

function say(id, en, error = false) {
  const m = tid('message');
  m.className = error ? 'message error' : 'message';
  m.replaceChildren(bi(id, en));
}

async function call(path, method = 'GET', body) {
  let res;
  try {
    res = await fetch(api + path, {
      method, cache: 'no-store',
      headers: body ? { 'Content-Type': 'application/json', Accept: 'application/json' } : { Accept: 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch {
    say('Tidak tersambung. Periksa internet Anda lalu coba lagi.', 'Not connected. Check your internet, then try again.', true);
    return null;
  }
  const data = await res.json().catch(() => null);
  if (res.status === 404 && path === '') {
    tid('not-found').hidden = false;
    tid('content').hidden = true;
    return null;
  }
  if (!res.ok) {
    const m = data?.messages;
    if (m) say(m.id, m.en, true);
    else say('Server sedang sibuk. Coba lagi sebentar.', 'The server is busy. Try again shortly.', true);
    return null;
  }
  return data;
}

function show(d) {
  document.documentElement.lang = 'id';
  tid('content').hidden = false;
  tid('document').replaceChildren(bi(d.typeLabel.id, d.typeLabel.en));
  tid('reference').textContent = d.reference;
  const stateWords = {
    READY: ['Dokumen Anda sudah jadi dan siap diambil.', 'Your document is ready to collect.'],
    COLLECTED: ['Dokumen ini sudah diambil. Terima kasih.', 'This document has been collected. Thank you.'],
    ARCHIVED: ['Dokumen dikembalikan ke arsip. Hubungi kantor lewat WhatsApp.', 'The document was returned to the archive. Contact the office over WhatsApp.'],
  }[d.state] || [d.stateLabel.id, d.stateLabel.en];
  tid('state').replaceChildren(bi(...stateWords));
  tid('appointment').replaceChildren(bi(`${d.dayLabel.id}, pukul ${d.slot.start}–${d.slot.end} WIB`,
    `${d.dayLabel.en}, ${d.slot.start}–${d.slot.end} WIB`));
  const ready = d.state === 'READY';
  tid('appointment-area').hidden = !ready;
  tid('move-area').hidden = !d.canChange;
  tid('representative-area').hidden = !d.canChange;
  if (d.code) {
    tid('code').textContent = d.code;
    const t = document.createElement('template');
    t.innerHTML = qrSvg(d.code.replace('-', ''), { label: `Kode ${d.code}` }); // our own generated SVG only
    tid('qr').replaceChildren(t.content.firstChild);
  }
  tid('representative-now').replaceChildren(d.representative
    ? bi(`Akan diambil oleh: ${d.representative.relation} Anda (nama tercatat di kantor).`,
      `To be collected by: your ${d.representative.relation} (name recorded at the office).`)
    : bi('Anda sendiri yang mengambil.', 'You collect it yourself.'));
  tid('rep-remove').hidden = !d.representative;
}

async function loadSlots() {
  const r = await call('/slots');
  if (!r) return;
  days = r.days;
  const select = tid('day');
  select.replaceChildren(...days.map((d) => Object.assign(document.createElement('option'), { value: d.day, textContent: `${d.dayLabel.id} / ${d.dayLabel.en}` })));
  drawSlots();
}

function drawSlots() {
  const box = tid('slots');
  const legend = box.querySelector('legend');
  const day = days.find((d) => d.day === tid('day').value);
  box.replaceChildren(legend);
  if (!day) return;
  for (const s of day.slots) {
    const id = `slot-${s.start.replace(':', '')}`;
    const input = Object.assign(document.createElement('input'), { type: 'radio', name: 'slot', value: s.start, id });
    const label = Object.assign(document.createElement('label'), { className: 'slot', htmlFor: id });
    label.append(input, `${s.start}–${s.end}`);
    box.append(label);
  }
}

tid('day').addEventListener('change', drawSlots);
tid('move').addEventListener('click', async () => {
  const chosen = document.querySelector('input[name="slot"]:checked');
  if (!chosen) {
    say('Pilih jam dulu.', 'Choose a time first.', true);
    return;
  }
  const d = await call('/reschedule', 'POST', { day: tid('day').value, start: chosen.value });
  if (d) {
    show(d);
    say('Jadwal dipindahkan. Anda juga mendapat pesan WhatsApp.', 'Your pickup time was moved. You also get a WhatsApp message.');
    loadSlots();
  } else {
    loadSlots();
  }
});
tid('rep-save').addEventListener('click', async () => {
  const d = await call('/representative', 'PUT', { name: tid('rep-name').value, relation: tid('rep-relation').value });
  if (d) {
    show(d);
    tid('rep-name').value = '';
    tid('rep-relation').value = '';
    say('Tersimpan. Orang itu membawa surat kuasa dan KTP-nya.', 'Saved. That person brings a letter of authority and their ID card.');
  }
});
tid('rep-remove').addEventListener('click', async () => {
  const d = await call('/representative', 'DELETE');
  if (d) {
    show(d);
    say('Tersimpan: Anda sendiri yang mengambil.', 'Saved: you collect it yourself.');
  }
});

const first = await call('');
if (first) {
  show(first);
  if (first.canChange) loadSlots();
}
