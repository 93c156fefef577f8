// Check-in at the door for tickets booked from home (issue 15). "Saya sudah punya nomor /
// I have a number" on the welcome screen → scan the ticket's QR code (when the kiosk has a camera
// and the browser a BarcodeDetector) or type its 8-character code → the health questions again →
// the usual admission: into the waiting room, or wait outside until the slot and a place come.
// Loaded on the first tap (the kiosk's first load stays small); registers its screens into
// SCREENS and is opened with `act.open` (kiosk.js).
//
// data-testid: checkin-start (welcome), screens checkin / checkin-health / checkin-done;
//   checkin: checkin-code (the typed code, grouped 4-4), ckey-<char> (ckey-A, ckey-7), ckey-back,
//            ckey-clear, checkin-scan (camera preview, only when scanning works), error-message, next
//   checkin-health: check-<CODE>-yes / -no, next (sends), error-message
//   checkin-done: ticket-number, checkin-result (data-state ADMITTED | BOOKED), done
import { h, icon } from './dom.js';
import { ICONS, iconFor } from './icons.js';
import { t, pick, lang } from './i18n.js';
import { SCREENS } from './screens.js';
import { officeId } from './api.js';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'; // as the server's ShortCode: no 0/O, 1/I/L, U
const LENGTH = 8;
const API = new URL('../api/v1/', document.baseURI);

const STRINGS = {
  id: {
    title: 'Lapor hadir', lead: 'Ketik kode 8 huruf/angka pada tiket di ponsel Anda.',
    leadScan: 'Tunjukkan kode QR di ponsel Anda ke kamera, atau ketik kode 8 huruf/angka pada tiket.',
    codeLabel: 'Kode tiket', codeCount: '{n} dari 8', del: 'Hapus', clear: 'Kosongkan',
    healthTitle: 'Protokol kesehatan', healthLead: 'Sebelum masuk, jawab lagi setiap pertanyaan dengan jujur.',
    send: 'Lapor hadir', sending: 'Sedang memproses…',
    admitted: 'Silakan masuk ke ruang tunggu.', outside: 'Silakan tunggu di luar. Anda dipanggil masuk saat slot Anda ({slot}) tiba dan ada tempat.',
    doneTitle: 'Terima kasih, Anda sudah lapor hadir', offline: 'Koneksi terputus. Coba lagi.',
    answerAll: 'Jawab semua pertanyaan dulu.',
  },
  en: {
    title: 'Check in', lead: 'Type the 8-character code on the ticket on your phone.',
    leadScan: 'Hold the QR code on your phone to the camera, or type the 8-character code on the ticket.',
    codeLabel: 'Ticket code', codeCount: '{n} of 8', del: 'Delete', clear: 'Clear',
    healthTitle: 'Health protocol', healthLead: 'Before you come in, answer each question honestly again.',
    send: 'Check in', sending: 'Processing…',
    admitted: 'Please come into the waiting room.', outside: 'Please wait outside. You are called in when your slot ({slot}) begins and there is room.',
    doneTitle: 'Thank you, you have checked in', offline: 'Connection lost. Please try again.',
    answerAll: 'Please answer every question first.',
  },
};
const tr = (key, params = {}) => (STRINGS[lang()]?.[key] ?? STRINGS.id[key])
  .replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));

const fresh = () => ({ code: '', token: null, checks: {}, error: null, result: null, sending: false });
let ci = fresh();
let scanner = null; // { stream, stop } while the camera looks for a QR code

const grouped = (code) => code.replace(/^(.{4})(?=.)/, '$1-');
const message = (text) => h('p', { class: 'message message-error', role: 'alert', dataset: { testid: 'error-message' } },
  icon(ICONS.warning), h('span', {}, text));
const nextButton = (label, onclick, disabled) => h('button', {
  type: 'button', class: 'action action-primary', dataset: { testid: 'next' }, onclick, disabled,
}, h('span', {}, label), icon(ICONS.arrowRight));
const errorText = (body) => (body?.messages ? (lang() === 'en' ? body.messages.en : body.messages.id) : (body?.message || tr('offline')));

/** Called by the welcome screen's "Saya sudah punya nomor" (kiosk.js loads this module then). */
export function start(ctx) {
  if (!document.querySelector('link[href="checkin.css"]')) {
    document.head.append(h('link', { rel: 'stylesheet', href: 'checkin.css' }));
  }
  ci = fresh();
  ctx.act.open('checkin');
}

function stopScanner() {
  if (scanner) scanner.stop();
  scanner = null;
}

/** The token inside a scanned ticket link (…/t/{token}), or the text itself. */
function tokenOf(text) {
  const m = /\/t\/([^/?#\s]+)/.exec(text || '');
  try { return m ? decodeURIComponent(m[1]) : (text || '').trim(); } catch { return (text || '').trim(); }
}

async function startScanner(video, ctx) {
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) return;
  let stream;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    if (!formats.includes('qr_code')) return;
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
  } catch {
    return; // no camera, or not allowed: typing the code still works
  }
  const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  let running = true;
  scanner = { stream, stop: () => { running = false; stream.getTracks().forEach((tr0) => tr0.stop()); } };
  video.srcObject = stream;
  video.hidden = false;
  await video.play().catch(() => {});
  const look = async () => {
    if (!running) return;
    if (!video.isConnected) { stopScanner(); return; }
    try {
      const found = await detector.detect(video);
      if (found.length && found[0].rawValue) {
        stopScanner();
        ci.token = tokenOf(found[0].rawValue);
        ci.code = '';
        ci.error = null;
        ctx.act.open('checkin-health');
        return;
      }
    } catch { /* a frame that could not be read */ }
    setTimeout(look, 250);
  };
  look();
}

SCREENS.checkin = (ctx) => {
  const display = h('output', { class: 'entry-box', dataset: { testid: 'checkin-code' }, 'aria-live': 'polite' }, grouped(ci.code));
  const count = h('p', { class: 'hint' }, tr('codeCount', { n: ci.code.length }));
  const next = nextButton(t('next'), () => { if (ci.code.length === LENGTH) { ci.token = null; stopScanner(); ctx.act.open('checkin-health'); } },
    ci.code.length !== LENGTH);
  const type = (ch) => {
    if (ci.code.length >= LENGTH) return;
    ci.code += ch;
    ci.error = null;
    update();
  };
  const update = () => {
    display.textContent = grouped(ci.code);
    count.textContent = tr('codeCount', { n: ci.code.length });
    next.disabled = ci.code.length !== LENGTH;
  };
  const key = (ch) => h('button', { type: 'button', class: 'key', dataset: { testid: `ckey-${ch}` }, onclick: () => type(ch) }, ch);
  const keys = h('div', { class: 'code-keys' }, [...ALPHABET].map(key),
    h('button', { type: 'button', class: 'key key-fn', dataset: { testid: 'ckey-back' }, 'aria-label': tr('del'),
      onclick: () => { ci.code = ci.code.slice(0, -1); update(); } }, icon(ICONS.backspace), h('span', { class: 'key-caption' }, tr('del'))),
    h('button', { type: 'button', class: 'key key-fn', dataset: { testid: 'ckey-clear' },
      onclick: () => { ci.code = ''; update(); } }, icon(ICONS.cross), h('span', { class: 'key-caption' }, tr('clear'))));
  const video = h('video', { class: 'checkin-scan', dataset: { testid: 'checkin-scan' }, muted: true, playsinline: true, hidden: true,
    'aria-label': tr('leadScan') });
  const canScan = 'BarcodeDetector' in window && Boolean(navigator.mediaDevices?.getUserMedia);
  return {
    title: tr('title'),
    lead: canScan ? tr('leadScan') : tr('lead'),
    back: 'pop',
    body: [ci.error && message(ci.error), video,
      h('div', { class: 'entry-field' }, h('label', { class: 'hint' }, tr('codeLabel')), display, count), keys],
    actions: [next],
    onKey: (e) => {
      const ch = e.key.length === 1 ? e.key.toUpperCase() : '';
      if (ALPHABET.includes(ch)) type(ch);
      else if (e.key === 'Backspace') { ci.code = ci.code.slice(0, -1); update(); }
      else if (e.key === 'Enter' && !next.disabled) next.click();
    },
    onShow: () => startScanner(video, ctx),
  };
};

SCREENS['checkin-health'] = (ctx) => {
  stopScanner();
  const items = ctx.config.checklist;
  const hint = h('p', { class: 'hint' });
  const send = nextButton(ci.sending ? tr('sending') : tr('send'), () => submit(ctx), true);
  const refresh = () => {
    const done = items.every((i) => typeof ci.checks[i.code] === 'boolean');
    send.disabled = !done || ci.sending;
    hint.textContent = done ? '' : tr('answerAll');
  };
  const rows = items.map((item) => {
    const labelId = `ci-check-${item.code}`;
    const answer = (word) => h('button', {
      type: 'button', class: `yesno yesno-${word ? 'yes' : 'no'}`, dataset: { testid: `check-${item.code}-${word ? 'yes' : 'no'}` },
      'aria-pressed': String(ci.checks[item.code] === word),
      onclick: (e) => {
        ci.checks[item.code] = word;
        for (const b of e.currentTarget.parentElement.querySelectorAll('.yesno')) b.setAttribute('aria-pressed', String(b === e.currentTarget));
        refresh();
      },
    }, icon(word ? ICONS.check : ICONS.cross), h('span', {}, word ? t('yes') : t('no')), h('span', { class: 'pressed-mark' }, `(${t('selected')})`));
    return h('div', { class: 'check', role: 'group', 'aria-labelledby': labelId },
      icon(iconFor(item.code, 'info'), 'icon check-icon'),
      h('p', { class: 'check-label', id: labelId }, pick(item.label)),
      h('div', { class: 'yesno-pair' }, answer(true), answer(false)));
  });
  refresh();
  return {
    title: tr('healthTitle'),
    lead: tr('healthLead'),
    back: 'pop',
    body: [ci.error && message(ci.error), h('div', { class: 'checks' }, rows), hint],
    actions: [send],
  };
};

SCREENS['checkin-done'] = (ctx) => {
  const r = ci.result;
  const inside = r.state === 'ADMITTED';
  return {
    title: tr('doneTitle'),
    back: 'reset',
    body: [h('div', { class: 'ticket-card panel' },
      h('p', { class: 'ticket-number', dataset: { testid: 'ticket-number' } }, r.number),
      h('p', { class: 'message message-info', role: 'status', dataset: { testid: 'checkin-result', state: r.state } },
        icon(inside ? ICONS.check : ICONS.clock), h('span', {}, inside ? tr('admitted') : tr('outside', { slot: r.slot ? `${r.slot.start}–${r.slot.end}` : '' }))))],
    actions: [h('button', { type: 'button', class: 'action action-secondary', dataset: { testid: 'done' }, onclick: ctx.act.reset },
      icon(ICONS.check), h('span', {}, t('done')))],
  };
};

async function submit(ctx) {
  if (ci.sending) return;
  ci.sending = true;
  ci.error = null;
  ctx.act.open('checkin-health');
  const body = { checklist: ci.checks, ...(ci.token ? { token: ci.token } : { code: ci.code }) };
  let res = null;
  let answer = null;
  try {
    res = await fetch(new URL(`offices/${encodeURIComponent(officeId())}/checkins`, API), {
      method: 'POST', cache: 'no-store', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    });
    answer = await res.json().catch(() => null);
  } catch {
    res = null;
  }
  ci.sending = false;
  if (res?.ok && answer) {
    ci.result = answer;
    ctx.act.open('checkin-done');
    return;
  }
  ci.error = errorText(res ? answer : null);
  // A wrong, used or someone else's code: back to the code; the health answers: stay here.
  if (res && answer?.error !== 'HEALTH_PROTOCOL' && res.status < 500 && res.status !== 429) {
    ci.code = '';
    ci.token = null;
    ctx.act.back ? ctx.act.back() : ctx.act.open('checkin');
    return;
  }
  ctx.act.open('checkin-health');
}
