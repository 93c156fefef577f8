// What fills an idle counter and hands residents on: call a chosen number, transfer to another
// counter, and the counter's own status (open / on break / closed). Dialogs reuse dialogs.js.
import { h, bi, clear } from './dom.js';
import { modal, run } from './dialogs.js';

export const STATUS_WORDS = {
  OPEN: ['Buka', 'Open'],
  BREAK: ['Istirahat', 'On break'],
  CLOSED: ['Tutup', 'Closed'],
};

/** Asks for a queue number ("A-007", "a7" or "7"); submit(number) answers true or the server's words. */
export function askNumber(submit) {
  const input = h('input', {
    type: 'text', id: 'call-number', autocomplete: 'off', autocapitalize: 'characters', maxlength: '10',
    inputmode: 'text', placeholder: 'A-007', 'aria-describedby': 'call-number-hint',
  });
  const body = h('div', {},
    h('label', { for: 'call-number' }, bi('Nomor antrean', 'Queue number')),
    input,
    h('p', { class: 'hint', id: 'call-number-hint' }, bi(
      'Warga yang masih di luar dipersilakan masuk lebih awal bila ruang tunggu masih ada tempat.',
      'A resident still outside is let in early while the waiting room has space.')));
  const m = modal('Panggil nomor', 'Call a number', body, bi('Panggil', 'Call'));
  input.addEventListener('input', () => { m.confirm.disabled = !input.value.trim(); });
  return run(m, () => {
    const v = input.value.trim();
    if (!/^[A-Za-z]{0,4}\s*-?\s*\d{1,5}$/.test(v)) {
      return { invalid: ['Tulis nomor antrean seperti A-007.', 'Write the queue number like A-007.'], focus: input };
    }
    return { value: v };
  }, submit, input);
}

/** Asks which counter to hand the ticket to; counters on break or closed are shown but cannot be chosen. */
export function askTransfer(submit, counters, here, number) {
  const others = counters.filter((c) => c.id !== here.id);
  const radios = others.map((c) => {
    const open = (c.status || 'OPEN') === 'OPEN';
    const [sid, sen] = STATUS_WORDS[c.status || 'OPEN'];
    return h('label', { class: 'choice', for: `transfer-${c.id}` },
      h('input', { type: 'radio', name: 'counter', id: `transfer-${c.id}`, value: c.id, disabled: !open }),
      h('span', {}, c.name, open ? null : h('span', { class: 'flag' }, ' · ', bi(sid, sen))));
  });
  const body = h('div', {},
    h('p', {}, bi(`${number} dipanggil ke loket yang dipilih; loket itu memeriksa APD lagi sebelum mulai.`,
      `${number} is called to the chosen counter, which checks the PPE again before it starts.`)),
    others.length ? h('fieldset', {}, h('legend', {}, bi('Alihkan ke', 'Transfer to')), radios)
      : h('p', { class: 'empty' }, bi('Tidak ada loket lain.', 'There is no other counter.')));
  const m = modal(`Alihkan ${number}`, `Transfer ${number}`, body, bi('Alihkan', 'Transfer'));
  m.form.addEventListener('change', () => { m.confirm.disabled = !m.form.querySelector('input[name=counter]:checked'); });
  const first = m.form.querySelector('input[name=counter]:not([disabled])') || m.cancel;
  return run(m, () => ({ value: m.form.querySelector('input[name=counter]:checked').value }), submit, first);
}

/** The counter's status line: what it is now and the buttons that change it. */
export function renderCounterStatus(root, counter, status, busy, onSet) {
  const s = status || 'OPEN';
  const [sid, sen] = STATUS_WORDS[s];
  root.dataset.status = s;
  const button = (target, key, id, en) => h('button', {
    type: 'button', class: target === 'OPEN' ? 'primary' : 'secondary', id: `status-${target}`,
    'aria-keyshortcuts': key, disabled: busy || s === target, onclick: () => onSet(target),
  }, bi(id, en), h('kbd', { 'aria-hidden': 'true' }, key));
  clear(root,
    h('p', { class: `counter-status status-${s}`, id: 'counter-status', role: 'status' },
      h('strong', {}, counter.name), ': ', bi(sid, sen),
      s === 'OPEN' ? null : bi(' — tidak memanggil warga sampai dibuka lagi.', ' — calls nobody until opened again.')),
    h('div', { class: 'status-buttons' },
      s === 'OPEN' ? null : button('OPEN', 'B', 'Buka loket', 'Open the counter'),
      button('BREAK', 'I', 'Istirahat', 'Take a break'),
      button('CLOSED', 'L', 'Tutup loket', 'Close the counter')));
}

/** Keys of the status buttons: B open, I break, L close ("loket tutup"). */
export const STATUS_KEYS = { B: 'OPEN', I: 'BREAK', L: 'CLOSED' };
