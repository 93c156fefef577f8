// What each screen shows. A screen is a function of the kiosk context returning
// { title, lead, body, actions, back, onKey, focus, onShow }; kiosk.js owns navigation,
// the shared chrome (header, "Kembali", language switch) and all server calls.
import { h, icon } from './dom.js';
import { ICONS, iconFor } from './icons.js';
import { t, tn, has, pick, errorText, fmtDate, fmtTime, fmtSlot, ticketInstruction } from './i18n.js';
import { numericKeypad, digitKeyHandler, textKeyboard } from './keypad.js';
import { qrSvg } from './qr.js';

export const NIK_LENGTH = 16;
export const NOTE_MAX = 200;
export const NAME_MAX = 100;

// Secondary ways in below "Sentuh untuk mulai" (e.g. collect a document, "I have a number"):
// registerWelcomeAction((ctx) => element or null); use class "choice" for a ≥ 72 px target.
const welcomeBuilders = [];
export const registerWelcomeAction = (build) => welcomeBuilders.push(build);
const welcomeActions = (ctx) => welcomeBuilders.map((build) => build(ctx)).filter(Boolean);

// ---------- the NIK checked where it is typed (issue 13) ----------
// By the server's rules (NikPolicy; its province list comes in GET …/kiosk as nik.provinces).
// The server checks it all again when the ticket is asked for, and the serial number too.

/** The birth date a NIK encodes (day + 40 for women), in the latest century not after today. */
export function nikBirthDate(nik, todayIso) {
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  if (day > 40) day -= 40;
  for (const century of [2000, 1900]) {
    const y = century + year;
    const d = new Date(Date.UTC(y, month - 1, day));
    const valid = month >= 1 && month <= 12 && day >= 1
      && d.getUTCFullYear() === y && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
    const iso = `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (valid && (!todayIso || iso <= todayIso)) return iso;
  }
  return null;
}

/**
 * null when the 16 digits pass the checks made here, else {code, text} in the current language.
 * Fewer than 16 digits are not judged (the resident is still typing).
 */
export function nikProblem(nik, config, todayIso) {
  if (!/^\d{16}$/.test(nik || '')) return null;
  const rules = config && config.nik;
  if (rules && Array.isArray(rules.provinces) && !rules.provinces.includes(nik.slice(0, 2))) {
    return { code: 'PROVINCE', text: t('nikBadProvince', { code: nik.slice(0, 2) }) };
  }
  if (nik.startsWith('00', 2) || nik.startsWith('00', 4)) {
    return { code: 'REGION', text: t('nikBadRegion') };
  }
  if (!nikBirthDate(nik, todayIso)) {
    return { code: 'BIRTH_DATE', text: t('nikBadBirthDate', { digits: nik.slice(6, 12) }) };
  }
  return null;
}

// ---------- small building blocks ----------

const bigButton = ({ testid, iconSvg, label, sub, onclick, pressed, cls = '' }) =>
  h('button', {
    type: 'button', class: `choice ${cls}`, dataset: { testid }, onclick,
    'aria-pressed': pressed == null ? null : String(pressed),
  },
  iconSvg && icon(iconSvg, 'icon choice-icon'),
  h('span', { class: 'choice-text' },
    h('span', { class: 'choice-label' }, label),
    sub && h('span', { class: 'choice-sub' }, sub)),
  pressed && icon(ICONS.check, 'icon choice-mark'));

const actionButton = ({ testid, label, onclick, iconSvg, kind = 'primary', disabled, iconAfter }) =>
  h('button', { type: 'button', class: `action action-${kind}`, dataset: { testid }, onclick, disabled },
    iconSvg && !iconAfter && icon(iconSvg),
    h('span', {}, label),
    iconSvg && iconAfter && icon(iconSvg));

const nextButton = (onclick, { label = t('next'), disabled = false } = {}) =>
  actionButton({ testid: 'next', label, onclick, disabled, iconSvg: ICONS.arrowRight, iconAfter: true });

const doneButton = (act) =>
  actionButton({ testid: 'done', label: t('done'), onclick: act.reset, kind: 'secondary', iconSvg: ICONS.check });

const message = (text, { testid = 'error-message', kind = 'error' } = {}) =>
  h('p', { class: `message message-${kind}`, role: kind === 'error' ? 'alert' : 'status', dataset: { testid } },
    icon(kind === 'error' ? ICONS.warning : ICONS.info), h('span', {}, text));

const whenText = (day, today) => (day === today ? t('today') : fmtDate(day));

/** "1602123456789012" → "1602 1234 5678 9012": the grouping printed on the KTP-el. */
export const groupNik = (digits) => digits.replace(/(\d{4})(?=\d)/g, '$1 ');

/** "081234567890" → "0812-3456-7890", the way numbers are written on the office's posters. */
export const groupPhone = (digits) => digits.replace(/^(\d{4})(\d{1,4})?(\d+)?$/, (_, a, b, c) => [a, b, c].filter(Boolean).join('-'));

/** Indonesian mobile numbers: 08… (10–13 digits); 62… is accepted and rewritten to 08…. */
export function normalizePhone(digits) {
  const local = digits.startsWith('62') ? `0${digits.slice(2)}` : digits;
  return /^08\d{8,11}$/.test(local) ? local : null;
}

/** "Datang pada Kamis, 3 Desember 2026, pukul 09:00": a later day's ticket says when, in words. */
export const comeOn = (ticket) => (ticket.slot?.start
  ? t('comeOnDayAt', { date: fmtDate(ticket.day), time: ticket.slot.start })
  : t('comeOnDay', { date: fmtDate(ticket.day) }));

// ---------- the ticket card, shared by "ticket" and "already has a ticket" ----------

function ticketCard(ticket, ctx, extra = []) {
  const { config } = ctx;
  const tz = config.office.timeZone;
  const service = config.services.find((s) => s.code === ticket.service);
  const ahead = ticket.peopleAhead ?? Math.max(0, (ticket.position ?? 1) - 1);
  const link = ctx.statusLink(ticket);
  const detail = (label, value, testid) => value && h('div', { class: 'detail' },
    h('dt', {}, label), h('dd', { dataset: { testid } }, value));
  return h('div', { class: 'ticket' },
    h('div', { class: 'ticket-main' },
      h('p', { class: 'ticket-number', dataset: { testid: 'ticket-number' } }, ticket.number),
      ticket.day !== config.today &&
        h('p', { class: 'ticket-day', dataset: { testid: 'ticket-day' } }, icon(ICONS.calendar),
          h('span', {}, comeOn(ticket))),
      h('p', { class: 'ticket-wait', dataset: { testid: 'ticket-instruction', state: ticket.state } },
        icon(ticket.state === 'ADMITTED' ? ICONS.arrowRight : ICONS.clock), ticketInstruction(ticket, config.today)),
      h('p', { class: 'ticket-ppe' }, icon(ICONS.mask), t('bringPpe')),
      extra),
    h('div', { class: 'ticket-side' },
      h('dl', { class: 'details' },
        detail(t('service'), service ? pick(service.name) : ticket.serviceName ? pick(ticket.serviceName) : ticket.service, 'ticket-service'),
        detail(t('day'), fmtDate(ticket.day), 'ticket-date'),
        detail(t('slot'), fmtSlot(ticket.slot), 'ticket-slot'),
        ticket.position != null && detail(t('position'),
          `${t('positionValue', { n: ticket.position })} · ${tn('peopleAhead', ahead)}`, 'ticket-position'),
        ticket.estimatedCallAt && detail(t('estimated'), fmtTime(ticket.estimatedCallAt, tz), 'ticket-estimate')),
      link && h('figure', { class: 'qr' },
        h('div', { class: 'qr-code', dataset: { testid: 'ticket-qr', url: link }, html: qrSvg(link, { label: t('scanStatus') }) }),
        h('figcaption', {}, t('scanStatus')))));
}

// ---------- screens ----------

export const SCREENS = {
  welcome(ctx) {
    const { config, act, state } = ctx;
    if (!config) {
      return {
        title: t('welcomeTitle'),
        back: 'none',
        body: [state.configFailed ? message(t('offline')) : h('p', { class: 'lead' }, t('loading'))],
        actions: state.configFailed ? [actionButton({ testid: 'retry', label: t('tryAgain'), onclick: act.reloadConfig })] : [],
      };
    }
    const av = config.availability || {};
    const quota = av.quota;
    const slot = av.nextFreeSlot;
    const full = Boolean(quota && quota.left <= 0);
    // Bad news first (issue 13): closed or full says so here, with what is still possible.
    const laterDay = slot && slot.day !== config.today;
    // No number left for today (closed for the day, quota used up, or today's slots all gone).
    const blocked = !config.open || full || laterDay || !slot;
    const status = config.open
      ? [h('strong', { class: 'badge badge-open' }, icon(ICONS.check), t('openNow')), ' ',
        config.closesAt ? t('openUntil', { time: config.closesAt }) : '']
      : [h('strong', { class: 'badge badge-closed' }, icon(ICONS.cross), t('closedNow')), ' ',
        config.opensAt ? t('opensAgain', { date: fmtDate(config.opensAt.day), time: config.opensAt.time }) : ''];
    const fact = (testid, iconSvg, content) => h('li', { class: 'fact', dataset: { testid } }, icon(iconSvg), h('span', {}, content));
    let notice = null;
    let startLabel = t('start');
    if (blocked && (laterDay || !slot)) {
      notice = h('div', { class: 'notice', role: 'status', dataset: { testid: 'welcome-notice' } },
        icon(config.open ? ICONS.ticket : ICONS.closed, 'icon panel-icon'),
        h('div', { class: 'notice-text' },
          h('p', { class: 'notice-head' }, config.open ? t('fullNotice') : t('closedNotice')),
          h('p', {}, laterDay
            ? t('laterDayOffer', { when: `${fmtDate(slot.day)}, ${t('atTime', { time: slot.start })}` })
            : t('noDayOffer'))));
      startLabel = laterDay ? t('startLater') : t('startWhatsApp');
    }
    const more = welcomeActions(ctx);
    return {
      title: t('welcomeTitle'),
      back: 'none',
      body: [
        h('p', { class: 'office-name', dataset: { testid: 'office-name' } }, pick(config.office.name)),
        h('ul', { class: 'facts panel' },
          fact('office-status', config.open ? ICONS.clock : ICONS.closed, status),
          // Today's quota means nothing once the office has closed for the day.
          quota && !(blocked && !config.open && laterDay) && fact('quota-left', ICONS.ticket,
            quota.left > 0 ? t('quotaLeft', { left: quota.left, limit: quota.limit }) : t('quotaFull')),
          fact('next-slot', ICONS.calendar, slot
            ? t('nextSlot', { when: `${whenText(slot.day, config.today)}, ${fmtSlot(slot)}` })
            : t('noSlot')),
          av.occupancy && fact('occupancy', ICONS.person,
            [t('occupancy', av.occupancy), av.waitingOutside != null ? ` · ${t('waitingOutside', { n: av.waitingOutside })}` : ''])),
        notice,
        h('div', { class: 'welcome-go' },
          !notice && h('p', { class: 'lead' }, t('welcomeLead')),
          h('button', { type: 'button', class: 'start', dataset: { testid: 'start' }, onclick: act.start },
            h('span', {}, startLabel), icon(ICONS.arrowRight)),
          // Room for more ways in (issues 14/15: collect a document, "I have a number").
          more.length > 0 && h('div', { class: 'welcome-more', role: 'group', 'aria-label': t('moreActions'),
            dataset: { testid: 'welcome-more' } }, more),
          h('p', { class: 'hint' }, t('staffHelp'))),
      ],
      actions: [],
    };
  },

  service(ctx) {
    const { config, act, state } = ctx;
    const inOffice = config.services.filter((s) => s.inOffice);
    const wa = config.services.filter((s) => !s.inOffice);
    return {
      title: t('serviceTitle'),
      back: 'pop',
      body: [
        h('div', { class: 'choices choices-primary' }, inOffice.map((s) => bigButton({
          testid: `service-${s.code}`, iconSvg: iconFor(s.code, 'idcard'), label: pick(s.name), sub: t('inOfficeTag'),
          cls: 'choice-primary', pressed: state.service?.code === s.code || null, onclick: () => act.chooseService(s),
        }))),
        wa.length > 0 && h('h2', { class: 'section' }, icon(ICONS.chat), t('whatsappHeading')),
        h('div', { class: 'choices choices-grid' }, wa.map((s) => bigButton({
          testid: `service-${s.code}`, iconSvg: ICONS.chat, label: pick(s.name),
          sub: s.whatsapp ? s.whatsapp.display : t('whatsappTag'),
          cls: 'choice-wa', onclick: () => act.chooseService(s),
        }))),
      ],
    };
  },

  whatsapp(ctx) {
    const { state, act } = ctx;
    const s = state.service;
    const wa = s.whatsapp || {};
    const name = pick(s.name);
    const link = ctx.whatsappLink(wa.link, name);
    return {
      title: name,
      lead: t('waLead'),
      back: 'pop',
      body: [h('div', { class: 'wa' },
        h('div', { class: 'wa-main' },
          h('p', { class: 'wa-number', dataset: { testid: 'whatsapp-number', e164: wa.number } },
            icon(ICONS.chat), h('span', {}, wa.display || wa.number)),
          h('h2', { class: 'section' }, t('waSendTitle')),
          // The office's own words for this service (services[].whatsapp.instructions); the
          // generic list only when the office has not written any.
          pick(wa.instructions)
            ? h('p', { class: 'wa-send wa-send-text', dataset: { testid: 'whatsapp-send' } }, pick(wa.instructions))
            : h('ol', { class: 'wa-send', dataset: { testid: 'whatsapp-send' } },
              h('li', {}, t('waSendService', { service: name })),
              h('li', {}, t('waSendIdentity')),
              h('li', {}, t('waSendDocs'))),
          h('p', { class: 'hint' }, t('waResult'))),
        link && h('figure', { class: 'qr' },
          h('div', { class: 'qr-code', dataset: { testid: 'whatsapp-qr', url: link }, html: qrSvg(link, { label: t('waScan') }) }),
          h('figcaption', {}, t('waScan'))))],
      actions: [
        // No smartphone at hand: the number, the QR code and what to send, on paper.
        actionButton({ testid: 'whatsapp-print', label: t('waPrint'), kind: 'secondary', iconSvg: ICONS.printer,
          onclick: () => act.printWhatsApp(s, link) }),
        doneButton(act),
      ],
    };
  },

  reason(ctx) {
    const { config, state, act } = ctx;
    return {
      title: t('reasonTitle'),
      lead: t('reasonLead'),
      back: 'pop',
      body: [
        state.reasonError && message(errorText(state.reasonError)),
        h('div', { class: 'choices choices-list' }, config.urgencyReasons.map((r) => bigButton({
          testid: `reason-${r.code}`, iconSvg: iconFor(r.code, 'info'), label: pick(r.label),
          pressed: state.reason === r.code || null, onclick: () => act.chooseReason(r),
        }))),
      ],
    };
  },

  note(ctx) {
    const { state, act } = ctx;
    const count = h('p', { class: 'count', id: 'note-count', dataset: { testid: 'note-count' } });
    const area = h('textarea', {
      id: 'urgency-note', class: 'note', dataset: { testid: 'urgency-note' }, maxlength: NOTE_MAX, rows: 2,
      inputmode: 'none', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'note-count',
      value: state.note,
    });
    const next = nextButton(() => act.noteDone());
    const refresh = () => {
      state.note = area.value.slice(0, NOTE_MAX);
      count.textContent = t('noteCount', { n: state.note.length });
      next.disabled = state.note.trim().length === 0;
    };
    area.addEventListener('input', refresh);
    const insert = (ch) => {
      if (area.value.length >= NOTE_MAX) return;
      area.value += ch;
      refresh();
    };
    refresh();
    return {
      title: t('noteTitle'),
      back: 'pop',
      body: [
        h('div', { class: 'note-head' }, h('label', { for: 'urgency-note', class: 'field-label' }, t('noteLabel')), count),
        area,
        textKeyboard({ onChar: insert, onBack: () => { area.value = area.value.slice(0, -1); refresh(); } }),
      ],
      actions: [next],
      focus: area,
    };
  },

  nik(ctx) {
    const { state, act } = ctx;
    const display = h('span', { class: 'digits', id: 'nik-display', dataset: { testid: 'nik-display' } });
    const rest = h('span', { class: 'placeholder', 'aria-hidden': 'true' });
    const status = h('p', { class: 'count', id: 'nik-status', dataset: { testid: 'nik-status' }, 'aria-live': 'polite' });
    const errorSlot = h('div', { class: 'error-slot' });
    const next = nextButton(() => act.nikDone());
    const box = h('div', { class: 'entry-box', role: 'group', 'aria-labelledby': 'nik-label', 'aria-describedby': 'nik-status' },
      display, rest);
    const refresh = () => {
      display.textContent = groupNik(state.nik);
      // Placeholders for the digits still to type, grouped like the real number.
      rest.textContent = groupNik('0'.repeat(NIK_LENGTH)).slice(groupNik(state.nik).length).replace(/0/g, '_');
      const complete = state.nik.length === NIK_LENGTH;
      // Checked here as soon as the 16 digits are in (province, region, birth date); the
      // server's INVALID_NIK answer stays until the number changes. Never "Lengkap" beside an error.
      const local = complete ? nikProblem(state.nik, ctx.config, ctx.today()) : null;
      const problem = state.nikError ? errorText(state.nikError) : local?.text;
      const done = complete && !problem;
      status.replaceChildren(icon(done ? ICONS.check : problem ? ICONS.warning : ICONS.info),
        h('span', {}, done ? t('nikComplete') : problem ? t('nikCheckFailed') : t('nikProgress', { n: state.nik.length })));
      status.classList.toggle('count-done', done);
      status.classList.toggle('count-bad', Boolean(problem));
      status.dataset.problem = local && !state.nikError ? local.code : '';
      next.disabled = !done;
      box.classList.toggle('entry-box-bad', Boolean(problem));
      errorSlot.replaceChildren(problem ? message(problem) : '');
    };
    const edit = (fn) => {
      const before = state.nik;
      fn();
      // The server's INVALID_NIK message was about the old number; drop it once it changes.
      if (state.nik !== before) state.nikError = null;
      refresh();
    };
    const onDigit = (d) => edit(() => { if (state.nik.length < NIK_LENGTH) state.nik += d; });
    const onBack = () => edit(() => { state.nik = state.nik.slice(0, -1); });
    const onClear = () => edit(() => { state.nik = ''; });
    refresh();
    return {
      title: t('nikTitle'),
      lead: t('nikLead'),
      back: 'pop',
      body: [h('div', { class: 'entry' },
        h('div', { class: 'entry-field' },
          h('p', { class: 'field-label', id: 'nik-label' }, t('nikLabel')),
          box,
          status, errorSlot),
        numericKeypad({ onDigit, onBack, onClear, label: t('nikLabel') }))],
      actions: [next],
      onKey: digitKeyHandler({ onDigit, onBack, onClear, onEnter: () => !next.disabled && act.nikDone() }),
    };
  },

  // Only where the office asks for it (settings kiosk.askName): staff greet the resident by name.
  name(ctx) {
    const { state, act } = ctx;
    const area = h('textarea', {
      id: 'resident-name', class: 'note note-name', dataset: { testid: 'resident-name' }, maxlength: NAME_MAX, rows: 1,
      inputmode: 'none', autocomplete: 'off', spellcheck: 'false', value: state.name,
    });
    const next = nextButton(() => act.nameDone(false));
    const refresh = () => {
      state.name = area.value.replace(/\s+/g, ' ').slice(0, NAME_MAX);
      next.disabled = state.name.trim().length === 0;
    };
    area.addEventListener('input', refresh);
    const insert = (ch) => {
      if (area.value.length >= NAME_MAX) return;
      // A name starts each word with a capital, as written on the KTP-el.
      const startOfWord = area.value.length === 0 || area.value.endsWith(' ');
      area.value += startOfWord ? ch.toUpperCase() : ch;
      refresh();
    };
    refresh();
    return {
      title: t('nameTitle'),
      lead: t('nameLead'),
      back: 'pop',
      body: [
        h('label', { for: 'resident-name', class: 'field-label' }, t('nameLabel')),
        area,
        textKeyboard({ onChar: insert, onBack: () => { area.value = area.value.slice(0, -1); refresh(); }, label: t('nameLabel'), digits: false }),
      ],
      actions: [
        actionButton({ testid: 'skip', label: t('nameSkip'), kind: 'secondary', onclick: () => act.nameDone(true) }),
        next,
      ],
      focus: area,
    };
  },

  // Shown only while the office sends WhatsApp messages; "Setuju" with a number is the consent.
  phone(ctx) {
    const { state, act, notify } = ctx;
    const display = h('span', { class: 'digits', id: 'phone-display', dataset: { testid: 'phone-display' } });
    const status = h('p', { class: 'count', id: 'phone-status', dataset: { testid: 'phone-status' }, 'aria-live': 'polite' });
    const errorSlot = h('div', { class: 'error-slot' });
    const next = nextButton(() => act.phoneDone(false), { label: t('consentAgree') });
    const max = () => (state.phone.startsWith('62') ? 14 : 13);
    const refresh = () => {
      display.textContent = groupPhone(state.phone);
      // The shape is checked here as it is typed; the server has the last word (INVALID_REQUEST
      // with details.field "phone"), and its message is shown until the number changes.
      const ok = normalizePhone(state.phone) != null && !state.phoneError;
      status.replaceChildren(icon(ok ? ICONS.check : ICONS.info), h('span', {}, ok ? t('phoneValid') : t('phoneHint')));
      status.classList.toggle('count-done', ok);
      next.disabled = !ok;
      errorSlot.replaceChildren(state.phoneError ? message(errorText(state.phoneError)) : '');
    };
    const edit = (fn) => {
      const before = state.phone;
      fn();
      if (state.phone !== before) state.phoneError = null;
      refresh();
    };
    const onDigit = (d) => edit(() => { if (state.phone.length < max()) state.phone += d; });
    const onBack = () => edit(() => { state.phone = state.phone.slice(0, -1); });
    const onClear = () => edit(() => { state.phone = ''; });
    refresh();
    const office = notify && notify.office ? pick(notify.office) : '';
    return {
      title: t('consentTitle'),
      lead: t('consentText', { office, days: notify ? notify.keepDays : 30 }),
      back: 'pop',
      body: [h('div', { class: 'entry' },
        h('div', { class: 'entry-field' },
          h('p', { class: 'field-label', id: 'phone-label' }, t('phoneLabel')),
          h('div', { class: 'entry-box', role: 'group', 'aria-labelledby': 'phone-label', 'aria-describedby': 'phone-status' },
            display),
          status, errorSlot),
        numericKeypad({ onDigit, onBack, onClear, label: t('phoneLabel') }))],
      actions: [
        actionButton({ testid: 'skip', label: t('phoneSkip'), kind: 'secondary', onclick: () => act.phoneDone(true) }),
        next,
      ],
      onKey: digitKeyHandler({ onDigit, onBack, onClear, onEnter: () => !next.disabled && act.phoneDone(false) }),
    };
  },

  priority(ctx) {
    const { config, state, act } = ctx;
    const groups = [...(config.priorityGroups || []), { code: 'NONE', label: { id: t('priorityNone'), en: t('priorityNone') } }];
    return {
      title: t('priorityTitle'),
      lead: t('priorityLead'),
      back: 'pop',
      body: [h('div', { class: 'choices choices-list' }, groups.map((g) => bigButton({
        testid: `priority-${g.code}`, iconSvg: iconFor(g.code, 'person'), label: pick(g.label),
        pressed: state.priorityChosen && (state.priority ?? 'NONE') === g.code ? true : null,
        onclick: () => act.choosePriority(g.code === 'NONE' ? null : g.code),
      })))],
    };
  },

  checklist(ctx) {
    const { config, state, act } = ctx;
    const items = config.checklist;
    const next = nextButton(() => act.checklistDone());
    const hint = h('p', { class: 'hint', id: 'check-hint' });
    const refresh = () => {
      // A required "no" already decides the outcome, so the resident need not answer the rest.
      const anyRequiredNo = items.some((i) => i.required && state.checks[i.code] === false);
      const allAnswered = items.every((i) => typeof state.checks[i.code] === 'boolean');
      next.disabled = !(allAnswered || anyRequiredNo);
      hint.textContent = next.disabled ? t('checkAnswerAll') : '';
    };
    const rows = items.map((item) => {
      const labelId = `check-${item.code}-label`;
      // Asked without a double negative: "Apakah Anda demam, batuk atau sesak napas?", where
      // "Ya" means the item (NO_SYMPTOMS) is not met. The answer sent keeps the item's meaning.
      const inverted = has(`ask_${item.code}`);
      const question = inverted ? t(`ask_${item.code}`) : pick(item.label);
      const answer = (word) => {
        const value = inverted ? !word : word;
        const btn = h('button', {
          type: 'button', class: `yesno yesno-${word ? 'yes' : 'no'}${inverted ? ' yesno-asked' : ''}`,
          dataset: { testid: `check-${item.code}-${word ? 'yes' : 'no'}` },
          'aria-pressed': String(state.checks[item.code] === value),
          onclick: () => {
            state.checks[item.code] = value;
            for (const b of row.querySelectorAll('.yesno')) {
              b.setAttribute('aria-pressed', String(b === btn));
            }
            refresh();
          },
        }, icon(word ? ICONS.check : ICONS.cross), h('span', {}, word ? t('yes') : t('no')),
        h('span', { class: 'pressed-mark' }, `(${t('selected')})`));
        return btn;
      };
      const row = h('div', { class: 'check', role: 'group', 'aria-labelledby': labelId },
        icon(iconFor(item.code, 'info'), 'icon check-icon'),
        h('p', { class: 'check-label', id: labelId }, question),
        h('div', { class: 'yesno-pair' }, answer(true), answer(false)));
      return row;
    });
    refresh();
    return {
      title: t('checkTitle'),
      lead: t('checkLead'),
      back: 'pop',
      body: [h('div', { class: 'checks' }, rows), hint],
      actions: [next],
    };
  },

  ticket(ctx) {
    const { state, act } = ctx;
    const countdown = h('p', { class: 'hint', dataset: { testid: 'countdown' } });
    return {
      title: t('ticketTitle'),
      back: 'reset',
      body: [ticketCard(state.ticket, ctx, [
        h('p', { class: 'printing' }, icon(ICONS.printer), h('span', {}, t('printing'))),
        countdown,
      ])],
      actions: [
        actionButton({ testid: 'reprint', label: t('reprint'), kind: 'secondary', iconSvg: ICONS.printer,
          onclick: () => act.reprint(countdown) }),
        doneButton(act),
      ],
      onShow: () => act.printTicket(countdown),
    };
  },

  // A NIK alone is no proof of who stands at the kiosk: only the number and the day are told,
  // never the ticket's link or a reprint. Staff reprint a lost slip at a counter against the ID card.
  already(ctx) {
    const { state, config, act } = ctx;
    const { number, day } = state.already;
    return {
      title: t('alreadyTitle'),
      back: 'reset',
      body: [
        h('p', { class: 'ticket-number', dataset: { testid: 'ticket-number' } }, number),
        h('div', { class: 'panel' }, icon(ICONS.ticket, 'icon panel-icon'),
          h('p', { class: 'panel-text', dataset: { testid: 'already-text' } },
            day === config.today ? t('alreadyToday', { number }) : t('alreadyOnDay', { number, date: fmtDate(day) }))),
        h('div', { class: 'panel' }, icon(ICONS.person, 'icon panel-icon'),
          h('p', { class: 'panel-text panel-text-plain', dataset: { testid: 'already-lost' } }, t('alreadyLost'))),
      ],
      actions: [doneButton(act)],
    };
  },

  refusal(ctx) {
    const { config, state, act } = ctx;
    const byCode = Object.fromEntries(config.checklist.map((i) => [i.code, i]));
    return {
      title: t('refusalTitle'),
      lead: t('refusalLead'),
      back: 'reset',
      body: [
        h('h2', { class: 'section' }, t('refusalNeeded')),
        h('ul', { class: 'needs', dataset: { testid: 'refusal-missing' } }, state.missing.map((code) =>
          h('li', { class: 'need', dataset: { testid: `missing-${code}` } }, icon(iconFor(code, 'info'), 'icon need-icon'),
            h('span', {}, has(`need_${code}`) ? t(`need_${code}`) : pick(byCode[code]?.label) || code)))),
        h('p', { class: 'comeback' }, icon(ICONS.calendar), h('span', {}, t('refusalComeBack'))),
      ],
      actions: [doneButton(act)],
    };
  },

  quota(ctx) {
    const { config, state, act } = ctx;
    const next = state.problem.details?.nextAvailable;
    return {
      title: t('quotaTitle'),
      back: 'pop',
      body: next
        ? [
          h('div', { class: 'panel' }, icon(ICONS.calendar, 'icon panel-icon'),
            h('p', { class: 'panel-text', dataset: { testid: 'next-available' } },
              t('nextAvailable', { date: whenText(next.day, config.today), time: next.slotStart }))),
          h('button', { type: 'button', class: 'start', dataset: { testid: 'book-offered' }, onclick: () => act.book(next.day) },
            icon(ICONS.calendar), h('span', {}, t('bookDay', { date: fmtDate(next.day) }))),
        ]
        : [message(t('noneAvailable'), { kind: 'info', testid: 'next-available' }), h('p', { class: 'lead' }, t('comeBack'))],
      actions: [doneButton(act)],
    };
  },

  closed(ctx) {
    const { state, act } = ctx;
    const opens = state.problem.details?.opensAt;
    return {
      title: t('closedTitle'),
      back: 'pop',
      body: opens
        ? [
          h('div', { class: 'panel' }, icon(ICONS.closed, 'icon panel-icon'),
            h('p', { class: 'panel-text', dataset: { testid: 'opens-at' } },
              t('opensAgain', { date: fmtDate(opens.day), time: opens.time }))),
          h('p', { class: 'lead' }, t('bookDayLead')),
          h('button', { type: 'button', class: 'start', dataset: { testid: 'book-offered' }, onclick: () => act.book(opens.day) },
            icon(ICONS.calendar), h('span', {}, t('bookDay', { date: fmtDate(opens.day) }))),
        ]
        : [message(errorText(state.problem.body)), h('p', { class: 'lead' }, t('comeBack'))],
      actions: [doneButton(act)],
    };
  },

  retry(ctx) {
    const { state, act } = ctx;
    return {
      title: t('retryTitle'),
      back: 'pop',
      body: [
        h('div', { class: 'panel' }, icon(ICONS.offline, 'icon panel-icon'),
          h('p', { class: 'panel-text panel-text-plain' }, t('retryLead'))),
        state.retryFailed && message(t('retryFailed')),
        h('button', { type: 'button', class: 'start', dataset: { testid: 'retry' }, onclick: act.retry },
          h('span', {}, t('tryAgain')), icon(ICONS.arrowRight)),
      ],
      actions: [doneButton(act)],
    };
  },

  error(ctx) {
    const { state, act } = ctx;
    return {
      title: t('errorTitle'),
      back: 'pop',
      body: [message(errorText(state.problem?.body)), h('p', { class: 'lead' }, t('errorGeneric'))],
      actions: [doneButton(act)],
    };
  },
};
