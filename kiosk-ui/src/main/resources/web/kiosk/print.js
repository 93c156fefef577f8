// Thermal-printer slip. The kiosk runs Chromium with --kiosk --kiosk-printing, so
// window.print() goes straight to the default printer (see README.md in this folder).
import { h } from './dom.js';
import { t, pick, fmtDate, fmtTime, fmtSlot, ticketInstruction } from './i18n.js';
import { qrSvg } from './qr.js';

// Roll widths; the printable band is narrower (58 mm → 48 mm, 80 mm → 72 mm at 203 dpi),
// so the slip pads itself instead of trusting the driver's margins.
const PAPER = { 58: { width: 58, pad: 5 }, 80: { width: 80, pad: 4 } };

export function paperWidth() {
  const p = new URLSearchParams(location.search).get('paper');
  return p === '58' ? 58 : 80;
}

/** The slip for one ticket, in the resident's language, monochrome. */
export function buildSlip(ticket, { config, statusLink, now }) {
  const tz = config.office.timeZone;
  const service = config.services.find((s) => s.code === ticket.service);
  const row = (label, value) => value && h('div', { class: 'slip-row' }, h('span', {}, label), h('b', {}, value));
  const ahead = ticket.peopleAhead ?? Math.max(0, (ticket.position ?? 1) - 1);
  return h('div', { class: 'slip' },
    h('p', { class: 'slip-office' }, pick(config.office.name)),
    h('p', { class: 'slip-label' }, t('queueNumber')),
    h('p', { class: 'slip-number' }, ticket.number),
    h('p', { class: 'slip-service' }, service ? pick(service.name) : ticket.service),
    ticket.day !== config.today && h('p', { class: 'slip-day' }, t('comeOnDay', { date: fmtDate(ticket.day) })),
    row(t('day'), fmtDate(ticket.day)),
    row(t('slot'), fmtSlot(ticket.slot)),
    ticket.position != null && row(t('position'), `${t('positionValue', { n: ticket.position })} · ${t('peopleAhead', { n: ahead })}`),
    ticket.estimatedCallAt && row(t('estimated'), fmtTime(ticket.estimatedCallAt, tz)),
    h('p', { class: 'slip-wait' }, ticketInstruction(ticket)),
    h('p', { class: 'slip-ppe' }, t('bringPpe')),
    statusLink && h('div', { class: 'slip-qr', html: qrSvg(statusLink, { label: t('scanStatus') }) }),
    statusLink && h('p', { class: 'slip-small' }, t('scanStatus')),
    statusLink && h('p', { class: 'slip-url' }, statusLink),
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
  const heightMm = Math.ceil((area.getBoundingClientRect().height * 25.4) / 96) + 6;
  // A constructed sheet, not a <style> element: the Content-Security-Policy allows no inline style.
  pageSheet.replaceSync(`@page { size: ${paper.width}mm ${Math.max(heightMm, 60)}mm; margin: 0; }`);
  if (!document.adoptedStyleSheets.includes(pageSheet)) {
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, pageSheet];
  }
  if (new URLSearchParams(location.search).get('print') === 'off') return;
  // Let the screen paint the ticket first: print() blocks while a (non-kiosk) dialog is open.
  requestAnimationFrame(() => setTimeout(() => window.print(), 50));
}
