// The two checks that need more than one press: PPE before start, and the reason for a refusal.
import { h, bi, svg } from './dom.js';
import { ICONS } from './icons.js';

export const REFUSE_REASONS = [
  { code: 'NO_MASK', id: 'Tanpa masker', en: 'No mask' },
  { code: 'NO_GLOVES', id: 'Tanpa sarung tangan', en: 'No gloves' },
  { code: 'SYMPTOMS', id: 'Bergejala (demam, batuk, sesak napas)', en: 'Has symptoms (fever, cough, shortness of breath)' },
  { code: 'NOT_URGENT', id: 'Tidak mendesak', en: 'Not urgent' },
  { code: 'OTHER', id: 'Lainnya', en: 'Other' },
];
const SYMPTOMS = REFUSE_REASONS.find((r) => r.code === 'SYMPTOMS');

export function modal(titleId, titleEn, body, confirmLabel, onOpen) {
  const dialog = h('dialog', { class: 'modal', 'aria-labelledby': 'dialog-title' });
  const error = h('p', { class: 'message error', role: 'alert', hidden: true });
  const confirm = h('button', { type: 'submit', class: 'primary big', id: 'dialog-confirm', disabled: true }, confirmLabel);
  const cancel = h('button', { type: 'button', class: 'secondary big', id: 'dialog-cancel' }, bi('Batal', 'Cancel'));
  const form = h('form', { method: 'dialog' }, h('h2', { id: 'dialog-title' }, bi(titleId, titleEn)), body, error,
    h('div', { class: 'dialog-actions' }, confirm, cancel));
  dialog.append(form);
  document.body.append(dialog);
  return { dialog, form, error, confirm, cancel, onOpen };
}

/** The one-tap refusal offered when the temperature shows a fever: reason "symptoms", no second dialog. */
function feverButton(m, close) {
  const b = h('button', { type: 'button', class: 'danger big', id: 'dialog-refuse-symptoms' },
    bi(`Tolak: ${SYMPTOMS.id}`, `Refuse: ${SYMPTOMS.en}`));
  b.addEventListener('click', async () => {
    b.disabled = true;
    const outcome = await m.onFever();
    if (outcome === true) close(true);
    else {
      b.disabled = false;
      if (outcome) showError(m, outcome.id, outcome.en);
    }
  });
  return h('p', { class: 'dialog-actions' }, b);
}

/** "38,2" or "38.2" as typed; null when empty; undefined when it is not a temperature. */
export function readTemperature(typed) {
  const raw = typed.trim().replace(',', '.');
  if (!raw) return null;
  return /^\d{2}(\.\d)?$/.test(raw) ? Number(raw) : undefined;
}

/** A temperature as the office writes it: "38,2 °C". */
export function celsius(v) {
  return `${Number(v).toFixed(1).replace('.', ',')} °C`;
}

/**
 * Resolves to {ppe, temperatureC} once mask and gloves are confirmed, or null when cancelled.
 * refuseSymptoms(): when the server answers "fever", one tap refuses with the reason symptoms.
 */
export function askPpe(submit, refuseSymptoms) {
  const mask = h('input', { type: 'checkbox', id: 'ppe-mask', name: 'MASK' });
  const gloves = h('input', { type: 'checkbox', id: 'ppe-gloves', name: 'GLOVES' });
  const temp = h('input', { type: 'text', id: 'ppe-temperature', inputmode: 'decimal', autocomplete: 'off', maxlength: '4', placeholder: '36,6', 'aria-describedby': 'ppe-temperature-hint' });
  const body = h('div', {},
    h('p', {}, bi('Pastikan warga memakai masker dan sarung tangan sebelum perekaman.', 'Check that the resident wears a mask and gloves before recording.')),
    h('div', { class: 'ppe-grid' },
      h('label', { class: 'tile', for: 'ppe-mask' }, mask, svg(ICONS.mask), bi('Memakai masker', 'Wearing a mask')),
      h('label', { class: 'tile', for: 'ppe-gloves' }, gloves, svg(ICONS.gloves), bi('Memakai sarung tangan', 'Wearing gloves'))),
    h('label', { for: 'ppe-temperature', class: 'temp' }, svg(ICONS.thermometer), bi('Suhu tubuh (°C, boleh kosong)', 'Body temperature (°C, optional)')),
    temp,
    h('p', { id: 'ppe-temperature-hint', class: 'hint' }, bi('Mulai 37,5 °C dianggap demam: tolak dengan alasan bergejala.', 'From 37.5 °C counts as fever: refuse for symptoms.')));
  const m = modal('Periksa APD', 'Check PPE', body, bi('Mulai melayani', 'Start serving'));
  m.onFever = refuseSymptoms;
  const update = () => { m.confirm.disabled = !(mask.checked && gloves.checked); };
  mask.addEventListener('change', update);
  gloves.addEventListener('change', update);
  return run(m, () => {
    const t = readTemperature(temp.value);
    if (t === undefined) {
      return { invalid: ['Tulis suhu seperti 36,6.', 'Write the temperature like 36.6.'], focus: temp };
    }
    return { value: { ppe: { MASK: mask.checked, GLOVES: gloves.checked }, temperatureC: t } };
  }, submit, mask);
}

/** Resolves once the refusal was accepted by submit(reasonText), or null when cancelled. */
export function askRefusal(submit) {
  const other = h('input', { type: 'text', id: 'refuse-other', maxlength: '180', autocomplete: 'off', 'aria-label': 'Alasan lain / Other reason', placeholder: 'Tulis alasan lain / Write the other reason', disabled: true });
  const radios = REFUSE_REASONS.map((r) => h('label', { class: 'choice', for: `refuse-${r.code}` },
    h('input', { type: 'radio', name: 'reason', id: `refuse-${r.code}`, value: r.code }), bi(r.id, r.en)));
  const body = h('div', {}, h('fieldset', {}, h('legend', {}, bi('Alasan penolakan', 'Reason for refusal')), radios, other));
  const m = modal('Tolak tiket', 'Refuse the ticket', body, bi('Tolak tiket', 'Refuse ticket'));
  m.confirm.classList.replace('primary', 'danger');
  const selected = () => m.form.querySelector('input[name=reason]:checked')?.value;
  const update = () => {
    other.disabled = selected() !== 'OTHER';
    m.confirm.disabled = !selected() || (selected() === 'OTHER' && !other.value.trim());
  };
  m.form.addEventListener('change', update);
  other.addEventListener('input', update);
  return run(m, () => {
    const r = REFUSE_REASONS.find((x) => x.code === selected());
    return { value: r.code === 'OTHER' ? `Lainnya: ${other.value.trim()}` : r.id };
  }, submit, radios[0].querySelector('input'));
}

export function run(m, read, submit, first) {
  return new Promise((resolve) => {
    const close = (result) => {
      m.dialog.close();
      m.dialog.remove();
      resolve(result);
    };
    m.cancel.addEventListener('click', () => close(null));
    m.dialog.addEventListener('cancel', (ev) => { ev.preventDefault(); close(null); });
    m.form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const r = read();
      if (r.invalid) {
        showError(m, r.invalid[0], r.invalid[1]);
        r.focus.focus();
        return;
      }
      m.confirm.disabled = true;
      const outcome = await submit(r.value);
      if (outcome === true) {
        close(true);
      } else {
        m.confirm.disabled = false;
        if (outcome) showError(m, outcome.id, outcome.en, outcome.fever && m.onFever ? feverButton(m, close) : null);
      }
    });
    m.dialog.showModal();
    first.focus();
  });
}

function showError(m, id, en, extra) {
  m.error.hidden = false;
  m.error.replaceChildren(bi(id, en));
  if (extra) m.error.append(extra);
}
