// "Data saya / My data": what the office stores about this ticket, masked as the server sends it
// (whoever holds the slip can open this page), how long it is kept, and "Hapus nomor WhatsApp
// saya / Delete my WhatsApp number" (consent withdrawn, the number erased at once). Its own
// module; the page gives it a place (data-testid="my-data") and calls setupMyData(api).
//
// data-testid: my-data (the <details>), my-data-list, my-data-kept, my-data-delete,
//   my-data-confirm, my-data-confirm-yes, my-data-confirm-no, my-data-status.

const ZONE = 'Asia/Jakarta';
const dateId = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const dateEn = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const day = (iso) => new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T12:00:00+07:00` : iso);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}
const bi = (id, en) => [el('span', { class: 'id' }, id), ' ', el('span', { class: 'en', lang: 'en' }, en)];

function row(labelId, labelEn, value, notStoredId = 'Tidak disimpan', notStoredEn = 'Not stored') {
  return el('div', { class: 'fact fact-stack' },
    el('dt', {}, bi(labelId, labelEn)),
    el('dd', {}, value ?? bi(notStoredId, notStoredEn)));
}

function consentText(w) {
  if (w.state === 'ON') return bi(`Ya, sejak ${timeFmt.format(new Date(w.consentedAt))} WIB ${dateId.format(new Date(w.consentedAt))}`, 'Yes');
  if (w.state === 'STOPPED') return bi('Dihentikan', 'Stopped');
  return bi('Tidak', 'No');
}

export async function setupMyData(api) {
  const box = document.querySelector('[data-testid="my-data"]');
  if (!box) return;
  let data;
  const load = async () => {
    const res = await fetch(`${api}/my-data`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return null;
    return res.json();
  };
  try {
    data = await load();
  } catch {
    data = null;
  }
  if (!data) return; // no answer: show nothing rather than a list that may be wrong
  const status = el('p', { class: 'my-data-status', 'data-testid': 'my-data-status', role: 'status', tabindex: '-1' });
  const body = el('div', { class: 'my-data-body' });
  box.replaceChildren(
    el('summary', {}, el('span', { class: 'btn-label' }, bi('Data saya', 'My data'))),
    body, status);
  box.hidden = false;

  const render = (d) => {
    const erased = d.erasedAt !== null;
    const kept = erased
      ? el('p', { 'data-testid': 'my-data-kept' }, bi(`Data pribadi nomor ini sudah dihapus pada ${dateId.format(new Date(d.erasedAt))}.`,
        `This ticket's personal data was erased on ${dateEn.format(new Date(d.erasedAt))}.`))
      : el('p', { 'data-testid': 'my-data-kept' }, d.eraseBy
        ? bi(`Disimpan sampai ${dateId.format(day(d.eraseBy))}, lalu dihapus (${d.keepDays} hari setelah antrean selesai).`,
          `Kept until ${dateEn.format(day(d.eraseBy))}, then erased (${d.keepDays} days after the ticket ends).`)
        : bi(`Disimpan ${d.keepDays} hari setelah antrean selesai, lalu dihapus.`, `Kept ${d.keepDays} days after the ticket ends, then erased.`));
    const hasNumber = d.phone !== null || d.whatsapp.phone !== null;
    const list = el('dl', { class: 'facts', 'data-testid': 'my-data-list' },
      row('NIK', 'NIK', d.nik ? [d.nik, ' ', el('span', { class: 'en', lang: 'en' }, '(4 angka terakhir; NIK sendiri hanya sebagai kode acak / last 4 digits; the NIK itself only as a keyed hash)')] : null),
      row('Nama', 'Name', d.name),
      row('Nomor WhatsApp', 'WhatsApp number', d.phone ?? d.whatsapp.phone),
      row('Setuju pesan WhatsApp', 'Agreed to WhatsApp messages', consentText(d.whatsapp)),
      row('Catatan keperluan mendesak', 'Urgency note', d.urgencyNote),
      row('Suhu tubuh di loket', 'Temperature at the counter', d.temperatureC));
    const parts = [el('p', {}, bi('Yang disimpan kantor tentang nomor antrean ini (disamarkan):',
      'What the office stores about this ticket (masked):')), list, kept];
    if (hasNumber) {
      const confirm = el('div', { class: 'confirm', 'data-testid': 'my-data-confirm', role: 'group', 'aria-labelledby': 'my-data-q', tabindex: '-1', hidden: true },
        el('p', { id: 'my-data-q' }, bi('Hapus nomor WhatsApp Anda sekarang? Anda tidak akan menerima pesan lagi tentang nomor ini.',
          'Delete your WhatsApp number now? You will get no more messages about this ticket.')),
        el('div', { class: 'confirm-buttons' },
          el('button', { type: 'button', class: 'btn btn-danger', 'data-testid': 'my-data-confirm-yes', onclick: remove },
            el('span', { class: 'btn-label' }, bi('Ya, hapus', 'Yes, delete'))),
          el('button', { type: 'button', class: 'btn btn-quiet', 'data-testid': 'my-data-confirm-no', onclick: () => { confirm.hidden = true; ask.focus(); } },
            el('span', { class: 'btn-label' }, bi('Tidak', 'No')))));
      const ask = el('button', { type: 'button', class: 'btn btn-outline-danger', 'data-testid': 'my-data-delete',
        onclick: () => { confirm.hidden = false; confirm.focus(); } },
      el('span', { class: 'btn-label' }, bi('Hapus nomor WhatsApp saya', 'Delete my WhatsApp number')));
      parts.push(ask, confirm);
    }
    body.replaceChildren(...parts);
  };

  async function remove(ev) {
    const button = ev.currentTarget;
    button.disabled = true;
    try {
      const res = await fetch(`${api}/my-data/whatsapp`, { method: 'DELETE', headers: { Accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      data = await res.json();
      render(data);
      status.replaceChildren(...bi('Nomor WhatsApp Anda sudah dihapus dan pesan dihentikan.', 'Your WhatsApp number is deleted and messages are stopped.'));
      // The stop-messages area of the page says the same from now on.
      document.dispatchEvent(new CustomEvent('antrean:messages', { detail: 'STOPPED' }));
      status.focus();
    } catch {
      button.disabled = false;
      status.replaceChildren(...bi('Gagal menghapus. Periksa koneksi lalu coba lagi.', 'Could not delete. Check the connection and try again.'));
    }
  }

  render(data);
}
