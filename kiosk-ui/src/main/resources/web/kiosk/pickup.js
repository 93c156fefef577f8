/*
 * "Ambil dokumen / Collect a document" (issue 14): a resident told by WhatsApp that a document is
 * ready types the pickup code (or shows its QR to the kiosk's camera, where the browser has
 * BarcodeDetector; the keypad always works), answers the health questions, and gets a pickup
 * ticket (B-…) through the same admission as every ticket: the kiosk's own ticket screen and slip.
 *
 * kiosk.js puts the way in on the welcome screen and imports this module on its first tap (it is
 * not part of the kiosk's first load); it adds two screens, pickupCode and pickupChecklist.
 *   pickupCode:      pickup-start (welcome), pickup-code (the typed code), pk-<char> keys, pk-back,
 *                    pk-clear, pickup-scan (only with a camera API), error-message, next
 *   pickupChecklist: check-<CODE>-yes / -no, next (sends)
 */
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { lang, pick } from './i18n.js';
import { SCREENS } from './screens.js';
import { officeId } from './api.js';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 8;
const WORDS = {
  start: ['Ambil dokumen', 'Collect a document'],
  startSub: ['Punya kode pengambilan dari WhatsApp', 'You have a pickup code from WhatsApp'],
  codeTitle: ['Ketik kode pengambilan', 'Type your pickup code'],
  codeLead: ['Kode 8 huruf dan angka ada di pesan WhatsApp dari kantor, mis. K7QM-3XTA.',
    'The 8 letters and digits are in the office’s WhatsApp message, e.g. K7QM-3XTA.'],
  keys: ['Huruf dan angka kode', 'Letters and digits of the code'],
  deleteOne: ['Hapus', 'Delete'],
  clearAll: ['Hapus semua', 'Clear'],
  scan: ['Pindai QR dengan kamera', 'Scan the QR with the camera'],
  scanning: ['Arahkan QR di ponsel Anda ke kamera…', 'Hold the QR on your phone to the camera…'],
  next: ['Lanjut', 'Next'],
  checkTitle: ['Protokol kesehatan', 'Health protocol'],
  checkLead: ['Dokumen diambil di dalam kantor: jawab dengan jujur.', 'Documents are collected inside the office: answer honestly.'],
  yes: ['Ya', 'Yes'],
  no: ['Tidak', 'No'],
  send: ['Ambil nomor antrean', 'Get a queue number'],
  answerAll: ['Jawab semua pertanyaan dulu.', 'Answer every question first.'],
  offline: ['Tidak tersambung ke server. Coba lagi, atau tanya petugas.', 'No connection to the server. Try again, or ask staff.'],
  serviceName: ['Pengambilan dokumen', 'Document pickup'],
};
const w = (key) => WORDS[key][lang() === 'en' ? 1 : 0];

// This module's own styles, next to the kiosk's (same origin, as the CSP requires).
document.head.append(h('link', { rel: 'stylesheet', href: new URL('pickup.css', import.meta.url).href }));

const grouped = (code) => (code.length > 4 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);
const normalise = (text) => String(text || '').toUpperCase().replace(/[\s-]/g, '').split('').filter((c) => ALPHABET.includes(c)).join('').slice(0, LENGTH);

SCREENS.pickupCode = (ctx) => {
  const { state, act } = ctx;
  const p = state.pickup || (state.pickup = { code: '', error: null, checks: {} });
  const display = h('p', { class: 'pickup-code', dataset: { testid: 'pickup-code' }, 'aria-live': 'polite' }, grouped(p.code) || '—');
  const next = h('button', {
    type: 'button', class: 'action action-primary', dataset: { testid: 'next' }, disabled: p.code.length !== LENGTH,
    onclick: () => { if (p.code.length === LENGTH) act.goTo('pickupChecklist'); },
  }, h('span', {}, w('next')), icon(ICONS.arrowRight));
  const update = () => {
    display.textContent = grouped(p.code) || '—';
    next.disabled = p.code.length !== LENGTH;
    p.error = null;
    const err = document.querySelector('[data-testid="error-message"]');
    if (err) err.remove();
  };
  const add = (c) => { if (p.code.length < LENGTH) { p.code += c; update(); } };
  const back = () => { p.code = p.code.slice(0, -1); update(); };
  const clear = () => { p.code = ''; update(); };
  const keys = h('div', { class: 'pickup-keys', role: 'group', 'aria-label': w('keys') },
    [...ALPHABET].map((c) => h('button', { type: 'button', class: 'tkey', dataset: { testid: `pk-${c}` }, onclick: () => add(c) }, c)),
    h('button', { type: 'button', class: 'tkey tkey-fn', dataset: { testid: 'pk-back' }, 'aria-label': w('deleteOne'), onclick: back },
      icon(ICONS.backspace), h('span', { class: 'key-caption' }, w('deleteOne'))),
    h('button', { type: 'button', class: 'tkey tkey-fn', dataset: { testid: 'pk-clear' }, onclick: clear }, w('clearAll')));
  const scan = 'BarcodeDetector' in window && navigator.mediaDevices?.getUserMedia
    ? h('button', { type: 'button', class: 'choice', dataset: { testid: 'pickup-scan' }, onclick: () => scanQr(ctx, (code) => { p.code = code; update(); next.click(); }) },
      icon(ICONS.ticket, 'icon choice-icon'), h('span', { class: 'choice-text' }, h('span', { class: 'choice-label' }, w('scan'))))
    : null;
  return {
    title: w('codeTitle'),
    lead: w('codeLead'),
    back: 'pop',
    body: [
      p.error ? h('p', { class: 'message message-error', role: 'alert', dataset: { testid: 'error-message' } },
        icon(ICONS.warning), h('span', {}, pick(p.error))) : null,
      display, keys, scan,
      h('div', { class: 'pickup-video', id: 'pickup-video' }),
    ],
    actions: [next],
    onKey: (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const c = e.key.length === 1 ? e.key.toUpperCase() : '';
      if (c && ALPHABET.includes(c)) add(c);
      else if (e.key === 'Backspace') back();
      else if (e.key === 'Delete') clear();
      else if (e.key === 'Enter') next.click();
      else return;
      e.preventDefault();
    },
  };
};

SCREENS.pickupChecklist = (ctx) => {
  const { state, config, act } = ctx;
  const p = state.pickup;
  const items = config.checklist;
  const send = h('button', { type: 'button', class: 'action action-primary', dataset: { testid: 'next' }, onclick: () => arrive(ctx) },
    h('span', {}, w('send')), icon(ICONS.arrowRight));
  const hint = h('p', { class: 'hint' });
  const refresh = () => {
    const answered = items.every((i) => typeof p.checks[i.code] === 'boolean');
    const anyRequiredNo = items.some((i) => i.required && p.checks[i.code] === false);
    send.disabled = !(answered || anyRequiredNo);
    hint.textContent = send.disabled ? w('answerAll') : '';
  };
  const rows = items.map((item) => {
    const labelId = `pcheck-${item.code}-label`;
    const row = h('div', { class: 'check pickup-check', role: 'group', 'aria-labelledby': labelId },
      h('p', { class: 'check-label', id: labelId }, pick(item.label)),
      h('div', { class: 'yesno-pair' }, [true, false].map((word) => h('button', {
        type: 'button', class: `yesno yesno-${word ? 'yes' : 'no'}`, dataset: { testid: `check-${item.code}-${word ? 'yes' : 'no'}` },
        'aria-pressed': String(p.checks[item.code] === word),
        onclick: (e) => {
          p.checks[item.code] = word;
          for (const b of row.querySelectorAll('.yesno')) b.setAttribute('aria-pressed', String(b === e.currentTarget));
          refresh();
        },
      }, icon(word ? ICONS.check : ICONS.cross), h('span', {}, w(word ? 'yes' : 'no'))))));
    return row;
  });
  refresh();
  return { title: w('checkTitle'), lead: w('checkLead'), back: 'pop', body: [h('div', { class: 'checks' }, rows), hint], actions: [send] };
};

async function arrive(ctx) {
  const { state, config, act } = ctx;
  const p = state.pickup;
  const missing = config.checklist.filter((i) => i.required && p.checks[i.code] !== true).map((i) => i.code);
  act.busy(true);
  let res;
  let body = null;
  try {
    res = await fetch(new URL(`/api/v1/offices/${encodeURIComponent(officeId())}/pickups/arrive`, location.origin), {
      method: 'POST', cache: 'no-store',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code: p.code, checklist: p.checks }),
    });
    body = await res.json().catch(() => null);
  } catch {
    res = null;
  } finally {
    act.busy(false);
  }
  if (res && res.status === 201 && body) {
    body.serviceName = { id: WORDS.serviceName[0], en: WORDS.serviceName[1] };
    act.showTicket(body);
    return;
  }
  if (res && body?.error === 'HEALTH_PROTOCOL') {
    act.showRefusal(body.details?.missing?.length ? body.details.missing : missing);
    return;
  }
  // Wrong or unknown code, not today, already collected, too many tries: back to the code, with the server's words.
  p.error = body?.messages ? { id: body.messages.id, en: body.messages.en } : { id: WORDS.offline[0], en: WORDS.offline[1] };
  if (res && res.status !== 429 && body?.error === 'PICKUP_NOT_FOUND') p.code = '';
  act.goBackTo('pickupCode');
}

/** Reads a QR with the camera until one holds a pickup code, or the resident leaves the screen. */
async function scanQr(ctx, found) {
  const box = document.getElementById('pickup-video');
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' } });
  } catch {
    return; // no camera or no permission: the keypad works
  }
  const video = h('video', { playsinline: true, muted: true, 'aria-label': w('scanning') });
  video.srcObject = stream;
  box.replaceChildren(h('p', { class: 'hint' }, w('scanning')), video);
  await video.play().catch(() => {});
  // eslint-disable-next-line no-undef
  const detector = new BarcodeDetector({ formats: ['qr_code'] });
  const stop = () => stream.getTracks().forEach((t) => t.stop());
  const started = Date.now();
  const tick = async () => {
    if (!document.body.contains(video) || Date.now() - started > 60000) return stop();
    try {
      const codes = await detector.detect(video);
      const code = codes.map((c) => normalise(c.rawValue)).find((c) => c.length === LENGTH);
      if (code) {
        stop();
        found(code);
        return;
      }
    } catch {
      // a frame that could not be read: try the next one
    }
    setTimeout(tick, 250);
  };
  tick();
}
