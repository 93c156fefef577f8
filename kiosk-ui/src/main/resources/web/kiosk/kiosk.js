/*
 * Antrean kiosk: flow and state. Screens (screens.js) only draw; this file decides where
 * the resident goes next, talks to the server (api.js) and owns the timers.
 *
 * Query parameters: office=oki (default oki) · paper=58|80 (default 80) · idle=<seconds>
 * (default 60) · ticketReturn=<seconds> (default 20) · print=off (skip window.print()).
 *
 * Stable hooks for Playwright (data-testid unless noted):
 *   Chrome (every screen): back, lang-id, lang-en (aria-pressed), idle-warning, busy.
 *   <main> carries data-testid="screen-<name>" and <body data-screen="<name>" data-busy>
 *     names: welcome service checklist reason note nik name priority phone ticket whatsapp
 *            already refusal quota closed retry error
 *   welcome:   office-name, office-status, quota-left, next-slot, occupancy, start, welcome-notice
 *              (closed or full: what is still possible), welcome-more (secondary ways in)
 *              (retry when the kiosk settings could not be loaded)
 *   service:   service-<CODE> (e.g. service-KTP_EL_RECORDING, service-KK); tap advances
 *   whatsapp:  whatsapp-number (data-e164), whatsapp-qr (data-url), whatsapp-send (the office's
 *              instructions for the service), whatsapp-print (prints the same on a slip), done
 *   reason:    reason-<CODE> (tap advances; OTHER → note), error-message (URGENCY_REQUIRED)
 *   note:      urgency-note (textarea), note-count, kb-<char> (kb-a, kb-1, kb-,), kb-space, kb-back, next
 *   nik:       nik-display (grouped digits only), nik-status (data-problem: PROVINCE, REGION or
 *              BIRTH_DATE when the kiosk's own check fails), key-0..key-9, key-back, key-clear,
 *              error-message (server INVALID_NIK text), next
 *   name:      resident-name (textarea, only with kiosk.askName), kb-<char>, kb-space, kb-back, skip, next
 *   phone:     phone-display, phone-status, key-0..key-9, key-back, key-clear, skip, next,
 *              error-message (server INVALID_REQUEST text for details.field "phone")
 *   priority:  priority-ELDERLY, priority-DISABLED, priority-PREGNANT, priority-NONE (tap advances)
 *   checklist: check-<CODE>-yes, check-<CODE>-no (aria-pressed), next (submits)
 *   ticket:    ticket-number, ticket-day (other day only), ticket-date, ticket-slot, ticket-position,
 *              ticket-estimate, ticket-service, ticket-instruction (data-state), ticket-qr (data-url), countdown,
 *              reprint, done
 *   already:   ticket-number, already-text, already-lost, done (no link, no reprint)
 *   refusal:   refusal-missing, missing-<CODE>, done
 *   quota:     next-available, book-offered, done       closed: opens-at, book-offered, done
 *   retry:     retry, error-message (after a failed retry), done       error: error-message, done
 */
import { h, icon } from './dom.js';
import { ICONS } from './icons.js';
import { t, pick, setLang, lang, LANGS, fmtDate, fmtTime, isoDayIn } from './i18n.js';
import { getKiosk, getNotifications, postTicket, officeId, newIdempotencyKey, ApiError, NetworkError } from './api.js';
import { createIdleTimer } from './idle.js';
import { buildSlip, buildWhatsAppSlip, printSlip } from './print.js';
import { loadQr, qrLoaded } from './qr.js';
import { SCREENS, NIK_LENGTH, NAME_MAX, normalizePhone, nikProblem, registerWelcomeAction } from './screens.js';

// "Ambil dokumen" (issue 14): its screens (pickup.js) load on first use, outside the first-load budget.
registerWelcomeAction(() => h('button', { type: 'button', class: 'choice', dataset: { testid: 'pickup-start' },
  onclick: async () => { await import('./pickup.js'); state.pickup = null; go('pickupCode'); } },
icon(ICONS.idcard, 'icon choice-icon'), h('span', { class: 'choice-label' }, lang() === 'en' ? 'Collect a document' : 'Ambil dokumen')));

const params = new URLSearchParams(location.search);
const seconds = (name, fallback) => {
  const v = Number(params.get(name));
  return Number.isFinite(v) && v > 0 ? v * 1000 : fallback;
};
const OFFICE = officeId();
const IDLE_MS = seconds('idle', 60000);
const IDLE_WARN_MS = Math.min(15000, IDLE_MS / 2);
const TICKET_RETURN_MS = seconds('ticketReturn', 20000);
const CONFIG_REFRESH_MS = 60000;

// ---------- state ----------

/** Everything a resident typed or chose lives here, so a reset is one assignment. */
const fresh = () => ({
  screen: 'welcome',
  history: [],
  service: null,
  reason: null,
  reasonError: null,
  note: '',
  nik: '',
  nikError: null,
  name: '',
  phone: '',
  phoneError: null,
  priority: null,
  priorityChosen: false,
  checks: {},
  day: null,
  submission: null, // {json, body, key}: kept until the server decides, for an identical retry
  returnToSubmit: false,
  ticket: null,
  already: null, // {number, day} of the NIK's ticket: told, never handed out
  printedToken: null,
  returnAt: 0,
  missing: [],
  problem: null,
  retryFailed: false,
  configFailed: false,
});

let state = fresh();
let config = null;
let notify = null; // {enabled, office, keepDays, consentVersion}: WhatsApp messages of the office
const notifyOn = () => Boolean(notify && notify.enabled);
let clockOffsetMs = 0; // server clock − kiosk clock, so the header shows the office's time
let busy = false;
let screenTimer = 0;
let configTimer = 0;

const app = document.getElementById('app');

// ---------- navigation ----------

function go(screen, { push = true } = {}) {
  if (push && state.screen !== screen) state.history.push(state.screen);
  state.screen = screen;
  if (!qrLoaded()) loadQr().then(() => { if (state.screen === screen) render(); }).catch(() => {});
  render();
}

/** Result screens start a fresh history: "Kembali" from them ends the visit. */
function show(screen) {
  state.history = [];
  go(screen, { push: false });
}

function back() {
  const spec = currentSpec;
  if (!spec || spec.back === 'none') return;
  if (spec.back === 'reset' || state.history.length === 0) return reset();
  state.screen = state.history.pop();
  render();
}

/** Back to the welcome screen with nothing of the previous resident left. */
function reset() {
  state = fresh();
  setLang('id');
  render();
  loadConfig();
}

/** Rewind history to `screen` (as if the resident had pressed "Kembali" until there). */
function rewindTo(screen) {
  const i = state.history.lastIndexOf(screen);
  state.history = i >= 0 ? state.history.slice(0, i) : state.history;
  go(screen, { push: i < 0 });
}

const noteRequired = (reason) => reason.noteRequired ?? reason.code === 'OTHER';

// Issue 15: checkin.js loads on the first tap.
registerWelcomeAction((ctx) => ctx.config && h('button', { type: 'button', class: 'choice', dataset: { testid: 'checkin-start' },
  onclick: () => import('./checkin.js').then((m) => m.start(ctx)) }, icon(ICONS.ticket, 'icon choice-icon'),
h('span', { class: 'choice-label' }, 'Saya sudah punya nomor · ', h('span', { lang: 'en' }, 'I have a number'))));

const act = {
  start: () => config && go('service'),
  reset,
  open: (screen) => go(screen), // screens of other modules (checkin.js)
  back: () => back(),
  reloadConfig: () => loadConfig(),
  // The door's order (issue 13): bad news first. Service → health checklist → urgency reason
  // (→ note) → NIK → priority group → WhatsApp number (only while the office sends messages).
  chooseService(service) {
    state.service = service;
    go(service.inOffice ? 'checklist' : 'whatsapp');
  },
  checklistDone() {
    // A required "no" ends the visit here, before anything personal is typed; it is still sent
    // (without NIK or phone) so the office counts the refusal.
    if (missingChecks().length) submit();
    else go('reason');
  },
  chooseReason(reason) {
    state.reason = reason.code;
    state.reasonError = null;
    if (!noteRequired(reason)) state.note = '';
    go(noteRequired(reason) ? 'note' : 'nik');
  },
  noteDone() {
    if (state.note.trim()) go('nik');
  },
  nikDone() {
    if (state.nik.length !== NIK_LENGTH || nikProblem(state.nik, config, nowInOffice().day)) return;
    // After an INVALID_NIK the other answers still stand: submit again straight away.
    if (state.returnToSubmit) submit();
    else go(config.askName ? 'name' : 'priority');
  },
  // Only where the office asks (settings kiosk.askName); a resident may skip it.
  nameDone(skip) {
    if (skip) state.name = '';
    go('priority');
  },
  choosePriority(code) {
    state.priority = code;
    state.priorityChosen = true;
    // The number is asked for only when the office sends messages: otherwise nothing is promised
    // and the priority group is the last question.
    if (notifyOn()) go('phone');
    else submit();
  },
  phoneDone(skip) {
    if (skip) {
      state.phone = '';
      state.phoneError = null;
    }
    submit();
  },
  book(day) {
    state.day = day;
    submit();
  },
  retry: () => send(),
  // For pickup.js: move, show a ticket or a refusal, the busy overlay.
  goTo: go,
  goBackTo: rewindTo,
  showTicket(ticket) {
    state.ticket = ticket;
    show('ticket');
  },
  showRefusal: (missing) => refuse(missing),
  busy: (on) => setBusy(on),
  printWhatsApp(service, link) {
    loadQr().then(() => printSlip(buildWhatsAppSlip(service, { config, link, now: nowInOffice() })));
  },
  // Called on every render of the ticket screen (a language switch re-renders it): print
  // once per ticket and keep the original 20-second deadline.
  printTicket(countdownEl) {
    if (state.printedToken !== state.ticket.token) {
      state.printedToken = state.ticket.token;
      state.returnAt = Date.now() + TICKET_RETURN_MS;
      printCurrent();
    }
    startReturnCountdown(countdownEl);
  },
  reprint(countdownEl) {
    printCurrent();
    if (countdownEl) {
      state.returnAt = Date.now() + TICKET_RETURN_MS;
      startReturnCountdown(countdownEl);
    }
  },
};

// ---------- server calls ----------

function missingChecks() {
  return config.checklist.filter((i) => i.required && state.checks[i.code] !== true).map((i) => i.code);
}

function ticketBody() {
  const reason = config.urgencyReasons.find((r) => r.code === state.reason);
  // E.164, like the office's own WhatsApp numbers in the API; anything not valid is not sent.
  const local = normalizePhone(state.phone);
  // A resident refused at the door gets no ticket: their phone number is not sent either (and
  // a doubtful number must not stop the refusal from being counted).
  const phone = local && notifyOn() && missingChecks().length === 0 ? `+62${local.slice(1)}` : null;
  const checklist = {};
  for (const item of config.checklist) {
    if (typeof state.checks[item.code] === 'boolean') checklist[item.code] = state.checks[item.code];
  }
  return {
    service: state.service.code,
    nik: state.nik,
    urgency: { reason: state.reason, note: reason && noteRequired(reason) ? state.note.trim() : null },
    checklist,
    priorityGroup: state.priority,
    day: state.day,
    phone,
    // Asked only where the office wants it; shown to staff only, to greet the resident.
    name: config.askName && state.name.trim() ? state.name.trim().slice(0, NAME_MAX) : null,
    channel: 'KIOSK',
    // The resident read the consent text of this version, in this language, and agreed.
    whatsappConsent: phone ? { version: notify.consentVersion, language: lang() } : null,
  };
}

/**
 * One tap = one submission = one Idempotency-Key. The key is reused only for the very same
 * body while the server has not answered (retry screen), so a retry can never make a second
 * ticket, and a changed body (fixed NIK, booked day) is a new submission.
 */
function submit() {
  const body = ticketBody();
  const json = JSON.stringify(body);
  if (!state.submission || state.submission.json !== json) {
    state.submission = { json, body, key: newIdempotencyKey() };
  }
  state.retryFailed = false;
  send();
}

async function send() {
  if (busy || !state.submission) return;
  const { body, key } = state.submission;
  const wasRetry = state.screen === 'retry';
  // A required "no" is refused here whatever the server says, but it is still sent so the
  // office counts the refusal (the server answers 422 HEALTH_PROTOCOL).
  const locallyRefused = missingChecks();
  setBusy(true);
  try {
    const ticket = await postTicket(OFFICE, body, key);
    state.submission = null;
    state.ticket = ticket;
    show('ticket');
  } catch (e) {
    if (e instanceof NetworkError) {
      if (locallyRefused.length) return refuse(locallyRefused);
      state.retryFailed = wasRetry;
      if (state.screen === 'retry') render();
      else go('retry');
      return;
    }
    if (!(e instanceof ApiError)) console.error(e); // a bug of ours, not a server decision
    state.submission = null;
    handleRejection(e instanceof ApiError ? e : new ApiError(0, null), locallyRefused);
  } finally {
    setBusy(false);
  }
}

function refuse(missing) {
  state.submission = null;
  state.missing = missing;
  show('refusal');
}

function handleRejection(err, locallyRefused) {
  const { code, details } = err;
  if (code === 'HEALTH_PROTOCOL') return refuse(details.missing?.length ? details.missing : locallyRefused);
  if (locallyRefused.length) return refuse(locallyRefused);
  state.problem = err;
  switch (code) {
    case 'INVALID_NIK':
      state.nikError = err.body; // shown in the language of the moment
      state.returnToSubmit = true;
      return rewindTo('nik');
    case 'INVALID_REQUEST':
      if (details.field === 'phone') {
        state.phoneError = err.body; // shown in the language of the moment
        state.returnToSubmit = true;
        return rewindTo('phone');
      }
      return go('error');
    case 'URGENCY_REQUIRED':
      state.reasonError = err.body; // shown in the language of the moment
      return rewindTo('reason');
    case 'SERVICE_NOT_IN_OFFICE':
      state.service = { ...state.service, inOffice: false, whatsapp: details.whatsapp || state.service.whatsapp };
      return show('whatsapp');
    case 'ALREADY_HAS_TICKET':
      // Number and day only: the NIK's ticket is not handed out (slips are reprinted at a counter).
      state.already = { number: details.number, day: details.day };
      return details.number ? show('already') : go('error');
    case 'QUOTA_FULL':
      return go('quota');
    case 'OFFICE_CLOSED':
      return go('closed');
    default:
      return go('error');
  }
}


async function loadConfig() {
  clearTimeout(configTimer);
  try {
    const data = await getKiosk(OFFICE);
    config = data;
    try {
      notify = await getNotifications(OFFICE);
    } catch {
      notify = null; // unknown: ask for no number rather than promise messages
    }
    state.configFailed = false;
    const serverNow = Date.parse(data.now);
    if (!Number.isNaN(serverNow)) clockOffsetMs = serverNow - Date.now();
    document.title = `${t('appTitle')} · ${pick(data.office.name)}`;
  } catch {
    state.configFailed = !config;
  }
  // Keep the welcome screen's quota and slot fresh; retry sooner while the server is away.
  configTimer = setTimeout(loadConfig, config ? CONFIG_REFRESH_MS : 10000);
  if (state.screen === 'welcome') render();
}

// ---------- ticket printing and the 20-second return ----------

const nowInOffice = () => {
  const instant = new Date(Date.now() + clockOffsetMs);
  return { instant, day: isoDayIn(instant, config.office.timeZone) };
};

function statusLink(ticket) {
  if (!ticket?.statusUrl) return null;
  // The server may name a public address (the kiosk itself often sits on a LAN address).
  return new URL(ticket.statusUrl, config.publicBaseUrl || location.origin).href;
}

function whatsappLink(link, serviceName) {
  if (!link) return null;
  // Pre-fill the message with the service, so the office's WhatsApp desk can sort it.
  const sep = link.includes('?') ? '&' : '?';
  return `${link}${sep}text=${encodeURIComponent(t('waMessage', { service: serviceName }))}`;
}

function printCurrent() {
  if (!state.ticket) return;
  const ticket = state.ticket;
  loadQr().then(() => printSlip(buildSlip(ticket, { config, statusLink: statusLink(ticket), now: nowInOffice() })));
}

function startReturnCountdown(el) {
  clearInterval(screenTimer);
  const tick = () => {
    const left = Math.ceil((state.returnAt - Date.now()) / 1000);
    if (left <= 0) return reset();
    el.textContent = t('returnIn', { n: left });
  };
  tick();
  screenTimer = setInterval(tick, 1000);
}

// ---------- rendering ----------

let currentSpec = null;

function langSwitch() {
  return h('div', { class: 'lang', role: 'group', 'aria-label': 'Bahasa / Language' },
    icon(ICONS.globe), h('span', { class: 'lang-label' }, `${t('language')}:`),
    LANGS.flatMap((code, i) => [
      i > 0 && h('span', { class: 'lang-sep', 'aria-hidden': 'true' }, '|'),
      h('button', {
        type: 'button', class: 'lang-btn', dataset: { testid: `lang-${code}` }, lang: code,
        'aria-pressed': String(lang() === code),
        'aria-label': code === 'id' ? 'ID — Bahasa Indonesia' : 'EN — English',
        onclick: () => { if (lang() !== code) { setLang(code); render(); } },
      }, code.toUpperCase()),
    ]));
}

function header() {
  const clock = h('p', { class: 'clock', id: 'clock' });
  updateClock(clock);
  return h('header', { class: 'top' },
    h('div', { class: 'brand' }, icon(ICONS.idcard, 'icon brand-icon'),
      h('div', {},
        h('p', { class: 'brand-name' }, config ? pick(config.office.name) : 'Antrean'),
        clock)),
    langSwitch());
}

function updateClock(el = document.getElementById('clock')) {
  if (!el || !config) return;
  const { instant, day } = nowInOffice();
  el.textContent = `${fmtDate(day)} · ${fmtTime(instant, config.office.timeZone)} ${config.office.timeZone === 'Asia/Jakarta' ? 'WIB' : ''}`.trim();
}

function render() {
  clearInterval(screenTimer);
  const name = state.screen;
  const ctx = { state, config, notify, act, statusLink, whatsappLink, today: () => (config ? nowInOffice().day : null) };
  const spec = (config || name === 'welcome') ? SCREENS[name](ctx) : SCREENS.welcome(ctx);
  currentSpec = spec;
  const title = h('h1', { tabindex: '-1', id: 'screen-title' }, spec.title);
  const backBtn = h('button', {
    type: 'button', class: 'action action-back', dataset: { testid: 'back' }, onclick: back,
    // Nothing to go back to on the welcome screen: hidden, not shown disabled (issue 13).
    hidden: spec.back === 'none',
  }, icon(ICONS.arrowLeft), h('span', {}, t('back')));
  app.replaceChildren(
    header(),
    h('main', { id: 'main', class: `screen screen-${name}`, dataset: { testid: `screen-${name}` }, 'aria-labelledby': 'screen-title' },
      title, spec.lead && h('p', { class: 'lead' }, spec.lead), spec.body),
    h('footer', { class: 'bottom' }, backBtn, h('div', { class: 'actions' }, spec.actions || [])),
  );
  keepTermsWhole(app);
  document.body.dataset.screen = name;
  hideIdleWarning();
  // Welcome holds nothing personal; everything else resets after IDLE_MS without a touch.
  if (name === 'welcome' && lang() === 'id') idle.disarm();
  else idle.arm();
  (spec.focus || title).focus({ preventScroll: true });
  window.scrollTo(0, 0);
  if (spec.onShow) spec.onShow();
}

/** "KTP-el" never breaks at its hyphen (issue 13): each one, whatever its source, in a no-wrap span. */
function keepTermsWhole(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const hits = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.nodeValue.includes('KTP-el') && !n.parentElement.closest('.nobr, textarea')) hits.push(n);
  }
  for (const node of hits) {
    const parts = node.nodeValue.split(/(KTP-el)/);
    // One wrapper, so a text node that was one flex or grid item stays one item.
    node.replaceWith(h('span', {}, parts.filter(Boolean).map((p) => (p === 'KTP-el' ? h('span', { class: 'nobr' }, p) : p))));
  }
}

function setBusy(on) {
  busy = on;
  document.body.dataset.busy = String(on);
  const overlay = document.getElementById('busy');
  overlay.querySelector('.busy-text').textContent = t('sending');
  overlay.hidden = !on;
}

// ---------- idle watchdog ----------

const warning = document.getElementById('idle-warning');
function hideIdleWarning() { warning.hidden = true; }
const idle = createIdleTimer({
  timeoutMs: IDLE_MS,
  warnMs: IDLE_WARN_MS,
  onWarn: (n) => {
    warning.hidden = false;
    warning.querySelector('.idle-text').textContent = t('idleWarn', { n });
  },
  onActive: hideIdleWarning,
  onTimeout: () => { if (!busy) reset(); else idle.arm(); },
});

// ---------- boot ----------

document.addEventListener('keydown', (e) => {
  if (busy) return;
  if (currentSpec?.onKey && !(e.target instanceof HTMLTextAreaElement)) currentSpec.onKey(e);
  if (e.key === 'Escape' && !e.defaultPrevented && currentSpec?.back !== 'none') back();
});
setInterval(() => updateClock(), 15000);
setLang('id');
render();
loadConfig();
