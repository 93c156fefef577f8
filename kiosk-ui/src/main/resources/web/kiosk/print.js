// Thermal-printer slip. The kiosk runs Chromium with --kiosk --kiosk-printing, so
// window.print() goes straight to the default printer (see README.md in this folder).
import { h } from './dom.js';
import { t, tn, pick, fmtDate, fmtTime, fmtSlot, ticketInstruction } from './i18n.js';
import { comeOn } from './screens.js';
import { qrSvg } from './qr.js';

// Roll widths; the printable band is narrower (58 mm → 48 mm, 80 mm → 72 mm at 203 dpi),
// so the slip pads itself instead of trusting the driver's margins.
const PAPER = { 58: { width: 58, pad: 5 }, 80: { width: 80, pad: 4 } };

export function paperWidth() {
  const p = new URLSearchParams(location.search).get('paper');
  return p === '58' ? 58 : 80;
}

// QR modules are drawn whole dots of the 203-dpi head, never smeared across dots: 4 dots (0.5 mm)
// a module on 80 mm paper; 3 dots (0.375 mm, what phone cameras need from thermal paper) on the
// narrow 58 mm roll, where the code must share a line with the number.
const DPI = 203;
const dotsPerModule = () => (paperWidth() === 58 ? 3 : 4);

/** A QR code sized in whole printer dots per module (SVG viewBox units are modules). */
function slipQr(text, label) {
  const box = h('div', { class: 'slip-qr', html: qrSvg(text, { label }) });
  const svg = box.firstElementChild;
  const units = svg.viewBox.baseVal.width;
  const mm = (units * dotsPerModule() * 25.4) / DPI;
  svg.style.width = `${mm.toFixed(3)}mm`;
  svg.style.height = `${mm.toFixed(3)}mm`;
  box.dataset.moduleMm = ((dotsPerModule() * 25.4) / DPI).toFixed(3);
  return box;
}

/**
 * The slip for one ticket, in the resident's language, monochrome, short (issue 13: ≤ 100 mm of
 * an 80 mm roll, ≤ 110 mm of a 58 mm one): number and QR code side by side, one line a fact.
 */
export function buildSlip(ticket, { config, statusLink, now }) {
  const tz = config.office.timeZone;
  const service = config.services.find((s) => s.code === ticket.service);
  const row = (label, value) => value && h('div', { class: 'slip-row' }, h('span', {}, label), h('b', {}, value));
  const ahead = ticket.peopleAhead ?? Math.max(0, (ticket.position ?? 1) - 1);
  const laterDay = ticket.day !== config.today;
  return h('div', { class: 'slip' },
    h('p', { class: 'slip-office' }, pick(config.office.name)),
    h('div', { class: 'slip-head' },
      h('div', { class: 'slip-id' },
        h('p', { class: 'slip-label' }, t('queueNumber')),
        h('p', { class: 'slip-number' }, ticket.number),
        h('p', { class: 'slip-service' }, service ? pick(service.name) : ticket.serviceName ? pick(ticket.serviceName) : ticket.service)),
      statusLink && slipQr(statusLink, t('scanStatus'))),
    laterDay && h('p', { class: 'slip-day' }, comeOn(ticket)),
    // A later day is named above in words; the date row would only repeat it.
    !laterDay && row(t('day'), fmtDate(ticket.day)),
    row(t('slot'), fmtSlot(ticket.slot)),
    ticket.position != null && row(t('position'), `${t('positionValue', { n: ticket.position })} · ${tn('peopleAhead', ahead)}`),
    ticket.estimatedCallAt && row(t('estimated'), fmtTime(ticket.estimatedCallAt, tz)),
    h('p', { class: 'slip-wait' }, ticketInstruction(ticket, config.today)),
    h('p', { class: 'slip-ppe' }, t('bringPpe')),
    statusLink && h('p', { class: 'slip-small' }, t('scanStatus'), h('span', { class: 'slip-url' }, `: ${statusLink}`)),
    h('p', { class: 'slip-small' }, t('printedAt', { date: fmtDate(now.day), time: fmtTime(now.instant, tz) })),
  );
}

/**
 * The slip of a WhatsApp-routed service (issue 13), for a resident without a smartphone at hand:
 * the number to write to, a QR code of the chat link (wa.me, message pre-filled), what to send.
 */
export function buildWhatsAppSlip(service, { config, link, now }) {
  const tz = config.office.timeZone;
  const wa = service.whatsapp || {};
  const name = pick(service.name);
  const instructions = pick(wa.instructions);
  return h('div', { class: 'slip slip-whatsapp' },
    h('p', { class: 'slip-office' }, pick(config.office.name)),
    h('p', { class: 'slip-service' }, name),
    h('p', { class: 'slip-label' }, t('waSlipTo')),
    h('p', { class: 'slip-wa-number' }, wa.display || wa.number),
    h('p', { class: 'slip-label' }, t('waSendTitle')),
    instructions
      ? h('p', { class: 'slip-wa-send' }, instructions)
      : h('ol', { class: 'slip-wa-send' },
        h('li', {}, t('waSendService', { service: name })),
        h('li', {}, t('waSendIdentity')),
        h('li', {}, t('waSendDocs'))),
    link && slipQr(link, t('waScan')),
    link && h('p', { class: 'slip-small' }, t('waScan')),
    h('p', { class: 'slip-small' }, t('waResult')),
    h('p', { class: 'slip-small' }, t('printedAt', { date: fmtDate(now.day), time: fmtTime(now.instant, tz) })),
  );
}

/**
 * Put the slip in #print-area, size the page to the slip (a roll has no fixed page length,
 * so a fixed height would waste paper or cut the QR), and print.
 */
const pageSheet = new CSSStyleSheet();

export function printSlip(slip) {
  const area = document.getElementById('print-area');
  const paper = PAPER[paperWidth()];
  area.dataset.paper = String(paperWidth());
  area.style.setProperty('--paper-width', `${paper.width}mm`);
  area.style.setProperty('--paper-pad', `${paper.pad}mm`);
  area.replaceChildren(slip);
  // Measured on screen (the slip styles apply to all media); 96 CSS px = 25.4 mm.
  const heightMm = Math.ceil((area.getBoundingClientRect().height * 25.4) / 96) + 2;
  // A constructed sheet, not a <style> element: the Content-Security-Policy allows no inline style.
  pageSheet.replaceSync(`@page { size: ${paper.width}mm ${Math.max(heightMm, 60)}mm; margin: 0; }`);
  if (!document.adoptedStyleSheets.includes(pageSheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
  }
  if (new URLSearchParams(location.search).get('print') === 'off') return;
  // Let the screen paint the ticket first: print() blocks while a (non-kiosk) dialog is open.
  requestAnimationFrame(() => setTimeout(() => window.print(), 50));
}
