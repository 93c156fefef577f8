// Pictograms drawn for this project as inline SVG (no icon fonts, nothing fetched).

const base = (body, label) => `<svg class="icon" viewBox="0 0 48 48" width="48" height="48" ${label ? `role="img" aria-label="${label}"` : 'aria-hidden="true"'} fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;

export const ICONS = {
  mask: base('<path d="M8 18c6-2 10-4 16-4s10 2 16 4v8c0 8-8 12-16 12S8 34 8 26z"/><path d="M8 20H4v4c0 3 2 5 5 5M40 20h4v4c0 3-2 5-5 5"/><path d="M16 22h16M16 28h16"/>'),
  gloves: base('<path d="M14 42V22l-4-8a2.5 2.5 0 0 1 4.5-2l3.5 6V8a2.5 2.5 0 0 1 5 0v10-12a2.5 2.5 0 0 1 5 0v12-9a2.5 2.5 0 0 1 5 0v11-6a2.5 2.5 0 0 1 5 0v16c0 6-3 10-6 12"/><path d="M14 36h20"/>'),
  thermometer: base('<path d="M20 8a4 4 0 0 1 8 0v20a8 8 0 1 1-8 0z"/><path d="M24 18v14"/><circle cx="24" cy="34" r="2" fill="currentColor"/>'),
  warning: base('<path d="M24 6 44 40H4z"/><path d="M24 18v10"/><circle cx="24" cy="34" r="1.5" fill="currentColor"/>'),
  call: base('<path d="M8 20v8h8l12 10V10L16 20z"/><path d="M34 16c3 3 3 13 0 16M38 11c6 6 6 20 0 26"/>'),
  recall: base('<path d="M10 24a14 14 0 1 0 4-10"/><path d="M10 6v9h9"/>'),
  start: base('<path d="M16 10v28l22-14z"/>'),
  done: base('<path d="M8 26l10 10L40 12"/>'),
  absent: base('<circle cx="24" cy="16" r="7"/><path d="M10 42c0-8 6-14 14-14s14 6 14 14"/><path d="M6 6l36 36"/>'),
  number: base('<path d="M18 6 14 42M34 6l-4 36M8 17h34M6 31h34"/>'),
  transfer: base('<path d="M6 16h30M28 8l8 8-8 8"/><path d="M42 32H12M20 24l-8 8 8 8"/>'),
  refuse: base('<circle cx="24" cy="24" r="17"/><path d="M12 36 36 12"/>'),
};
