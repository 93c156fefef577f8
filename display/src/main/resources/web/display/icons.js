// Pictograms drawn for this project as inline SVG (nothing fetched; no icon fonts).
// 64×64 grid, stroked in currentColor so they take the text colour and its contrast.
// They are decorative (aria-hidden): every icon stands next to words that say the same.

const svg = body =>
  `<svg viewBox="0 0 64 64" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" ` +
  `stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const ICONS = {
  mask: svg(
    '<path d="M14 24c10-5 26-5 36 0v14c-8 9-28 9-36 0z"/>' +
    '<path d="M20 29.5h24M20 36h24"/>' +
    '<path d="M14 26c-8-1-10 4-8 9 1.5 3.5 4.5 4.5 8 3.5M50 26c8-1 10 4 8 9-1.5 3.5-4.5 4.5-8 3.5"/>'),
  gloves: svg(
    '<path d="M22 54V41l-8-9c-2-2.5 1-6 4-4l6 5V14a3 3 0 0 1 6 0v15V10a3 3 0 0 1 6 0v19V13a3 3 0 0 1 6 0v17V18a3 3 0 0 1 6 0v22l-4 14"/>' +
    '<path d="M20 58h26M21 54h24"/>'),
  distance: svg(
    '<circle cx="12" cy="16" r="5"/><path d="M5 46V31c0-4 3-7 7-7s7 3 7 7v15M9 46v12M15 46v12"/>' +
    '<circle cx="52" cy="16" r="5"/><path d="M45 46V31c0-4 3-7 7-7s7 3 7 7v15M49 46v12M55 46v12"/>' +
    '<path d="M24 36h16M28 32l-4 4 4 4M36 32l4 4-4 4"/>'),
  handwash: svg( // a tap, two drops and an open hand
    '<path d="M4 10h12a5 5 0 0 1 5 5v4M16 19h10"/>' +
    '<path d="M21 25c-2 3-3 4.5-3 6a3 3 0 0 0 6 0c0-1.5-1-3-3-6zM21 39c-2 3-3 4.5-3 6a3 3 0 0 0 6 0c0-1.5-1-3-3-6z"/>' +
    '<g transform="translate(22 12) scale(0.72)" stroke-width="4.8">' +
    '<path d="M22 58V41l-8-9c-2-2.5 1-6 4-4l6 5V14a3 3 0 0 1 6 0v15V10a3 3 0 0 1 6 0v19V13a3 3 0 0 1 6 0v17V18a3 3 0 0 1 6 0v22c0 8-4 14-8 18"/></g>'),
  thermometer: svg(
    '<path d="M26 38V12a6 6 0 0 1 12 0v26a11 11 0 1 1-12 0z"/><path d="M32 20v26"/><circle cx="32" cy="46" r="4"/>' +
    '<path d="M44 14h6M44 22h6M44 30h6"/>'),
  protocol: svg(
    '<path d="M32 6l20 7v16c0 14-9 24-20 29C21 53 12 43 12 29V13z"/><path d="M23 31l7 7 12-13"/>'),
  sound: svg(
    '<path d="M8 24h10l14-12v40L18 40H8z"/><path d="M42 22c4 3 6 6 6 10s-2 7-6 10M48 14c7 5 10 11 10 18s-3 13-10 18"/>'),
  offline: svg(
    '<path d="M6 24c14-13 38-13 52 0M14 32c10-8 26-8 36 0M22 40c6-4 14-4 20 0"/><circle cx="32" cy="50" r="3"/>' +
    '<path d="M10 8l44 48"/>'),
  people: svg(
    '<circle cx="22" cy="18" r="7"/><path d="M8 54V40c0-7 6-12 14-12s14 5 14 12v14"/>' +
    '<circle cx="44" cy="20" r="6"/><path d="M40 29c9-1 16 4 16 11v14"/>'),
  ticket: svg(
    '<path d="M8 18h48v8a6 6 0 0 0 0 12v8H8v-8a6 6 0 0 0 0-12z"/><path d="M24 18v28" stroke-dasharray="3 5"/>' +
    '<path d="M32 28h14M32 36h10"/>'),
  bell: svg(
    '<path d="M16 44V30a16 16 0 0 1 32 0v14l4 6H12z"/><path d="M27 54a5 5 0 0 0 10 0"/>'),
  check: svg('<path d="M12 34l13 13 27-30"/>'),
  clock: svg('<circle cx="32" cy="32" r="24"/><path d="M32 18v15l10 6"/>'),
  door: svg('<path d="M14 58V8h30v50M8 58h48"/><path d="M44 14l10 4v40"/><circle cx="37" cy="34" r="2"/>'),
  stop: svg('<circle cx="32" cy="32" r="24"/><path d="M15 15l34 34"/>'),
  // a WhatsApp-style chat bubble with a handset, drawn for this project
  chat: svg('<path d="M32 8a24 24 0 0 0-20.6 36.3L8 56l12.1-3.2A24 24 0 1 0 32 8z"/>' +
    '<path d="M24 21c-2 0-3.5 2-3 4.5 1.5 7 8 13.5 15 15 2.5.5 4.5-1 4.5-3l-4.5-2.5-2.5 2.5c-3-1.5-6-4.5-7.5-7.5l2.5-2.5z"/>'),
};

/** The pictogram for a reminder text, matched on Indonesian or English keywords. */
export function reminderIcon(reminder) {
  const t = `${reminder?.id ?? ''} ${reminder?.en ?? ''}`.toLowerCase();
  if (/masker|mask/.test(t)) return ICONS.mask;
  if (/sarung tangan|glove/.test(t)) return ICONS.gloves;
  if (/jarak|distance|apart/.test(t)) return ICONS.distance;
  if (/cuci|tangan|wash|hand/.test(t)) return ICONS.handwash;
  if (/suhu|demam|temperature|fever/.test(t)) return ICONS.thermometer;
  return ICONS.protocol;
}
