// Pictograms drawn for this project (UI.md: no icon fonts or images fetched at run time).
// All on a 64×64 grid, stroked in currentColor so they follow text colour and contrast,
// and always shown next to words: an icon never carries meaning on its own.

const svg = (body, extra = '') =>
  `<svg viewBox="0 0 64 64" fill="none" stroke="currentColor" stroke-width="4" ` +
  `stroke-linecap="round" stroke-linejoin="round" focusable="false" ${extra}>${body}</svg>`;

export const ICONS = {
  // Surgical mask with pleats and ear loops.
  mask: svg('<path d="M14 22q18-8 36 0l-2 20q-16 9-32 0z"/><path d="M18 29h28M18 36h28"/>' +
    '<path d="M14 24q-9 1-7 10t9 8M50 24q9 1 7 10t-9 8"/>'),
  // Glove: four fingers, thumb and a cuff.
  gloves: svg('<path d="M20 46V30l-6-8q-2-5 3-5l5 6V14q0-4 3.5-4T29 14v12V10q0-4 3.5-4T36 10v16V13q0-4 3.5-4T43 13v14V19q0-4 3.5-4T50 19v17q0 10-8 10z"/>' +
    '<path d="M18 46h26v10H18z"/>'),
  // Thermometer: fever check.
  thermometer: svg('<path d="M27 38V12a5 5 0 0 1 10 0v26a10 10 0 1 1-10 0z"/><path d="M32 44V22"/>' +
    '<circle cx="32" cy="47" r="4" fill="currentColor"/><path d="M44 14h6M44 22h6M44 30h6"/>'),
  // Chat bubble with a handset: the WhatsApp-style pictogram, drawn here.
  chat: svg('<path d="M32 7a25 25 0 0 0-21.6 37.6L7 57l12.8-3.3A25 25 0 1 0 32 7z"/>' +
    '<path d="M24 21q-3 2-1 7 4 9 13 13 5 2 7-1l1-3-6-3-3 3q-5-2-7-7l3-3-3-6z" stroke-width="3"/>'),
  // KTP-el identity card.
  idcard: svg('<rect x="6" y="14" width="52" height="36" rx="5"/><circle cx="21" cy="29" r="5"/>' +
    '<path d="M13 43q8-8 16 0M36 26h14M36 33h14M36 40h9"/>'),
  school: svg('<path d="M4 24 32 12l28 12-28 12z"/><path d="M16 30v12q16 10 32 0V30M58 25v16"/>'),
  recruitment: svg('<path d="M32 6 52 13v16q0 17-20 28Q12 46 12 29V13z"/>' +
    '<path d="m32 19 3.5 7 7.5 1-5.5 5.3 1.3 7.5L32 36l-6.8 3.8 1.3-7.5L21 27l7.5-1z" stroke-width="3"/>'),
  hospital: svg('<rect x="10" y="10" width="44" height="46" rx="4"/><path d="M32 20v20M22 30h20M26 56v-8h12v8"/>'),
  aid: svg('<path d="M32 50S12 38 12 24a10 10 0 0 1 20-3 10 10 0 0 1 20 3c0 14-20 26-20 26z"/>' +
    '<path d="M4 58h16l8-4h12"/>'),
  pencil: svg('<path d="M44 8l12 12-30 30-15 3 3-15z"/><path d="M38 14l12 12M14 42l8 8"/>'),
  // Priority groups.
  elderly: svg('<circle cx="28" cy="10" r="5"/><path d="M28 18q-7 4-8 16l6 2 2-8v28M28 36l8 20M34 24l8 6M44 30v26"/>' +
    '<path d="M44 30q0-4 4-4"/>'),
  wheelchair: svg('<circle cx="26" cy="9" r="5"/><path d="M26 18v16h16l6 14h6M26 26h12"/>' +
    '<path d="M20 30a13 13 0 1 0 20 14"/>'),
  pregnant: svg('<circle cx="30" cy="9" r="5"/><path d="M30 18q-6 6-6 14 0 6 4 9l-2 17M30 18q4 4 6 10 8 3 8 10t-10 7l-2 13"/>'),
  person: svg('<circle cx="32" cy="14" r="7"/><path d="M16 56q0-22 16-22t16 22"/>'),
  // Status and controls.
  check: svg('<path d="M12 34l13 13 27-30"/>', 'stroke-width="7"'),
  cross: svg('<path d="M16 16l32 32M48 16 16 48"/>', 'stroke-width="7"'),
  arrowLeft: svg('<path d="M52 32H14M28 16 12 32l16 16"/>', 'stroke-width="6"'),
  arrowRight: svg('<path d="M12 32h38M36 16l16 16-16 16"/>', 'stroke-width="6"'),
  backspace: svg('<path d="M22 14h32v36H22L8 32z"/><path d="M30 24l16 16M46 24 30 40"/>'),
  printer: svg('<path d="M18 24V8h28v16M18 44H10V24h44v20h-8"/><path d="M18 36h28v20H18z"/>'),
  offline: svg('<path d="M18 46h26a11 11 0 0 0 2-21.8A15 15 0 0 0 18 22a12 12 0 0 0 0 24z"/><path d="M8 8l48 48"/>'),
  calendar: svg('<rect x="8" y="12" width="48" height="44" rx="4"/><path d="M8 24h48M20 6v10M44 6v10"/>' +
    '<path d="M18 34h6M29 34h6M40 34h6M18 44h6M29 44h6"/>'),
  clock: svg('<circle cx="32" cy="32" r="24"/><path d="M32 18v15l10 6"/>'),
  closed: svg('<path d="M14 58V8h36v50M8 58h48"/><circle cx="41" cy="34" r="2.5" fill="currentColor"/>'),
  warning: svg('<path d="M32 6 60 56H4z"/><path d="M32 24v14"/><circle cx="32" cy="47" r="2.5" fill="currentColor"/>'),
  info: svg('<circle cx="32" cy="32" r="26"/><path d="M32 28v18"/><circle cx="32" cy="19" r="2.5" fill="currentColor"/>'),
  ticket: svg('<path d="M8 16h48v10a6 6 0 0 0 0 12v10H8V38a6 6 0 0 0 0-12z"/><path d="M24 16v32" stroke-dasharray="4 5"/>'),
  globe: svg('<circle cx="32" cy="32" r="24"/><path d="M8 32h48M32 8q-12 12 0 48M32 8q12 12 0 48"/>'),
};

// Which pictogram belongs to which server code; unknown codes fall back to a neutral one.
const BY_CODE = {
  MASK: 'mask', GLOVES: 'gloves', NO_SYMPTOMS: 'thermometer',
  SCHOOL: 'school', RECRUITMENT: 'recruitment', HOSPITAL: 'hospital', BPJS_SOCIAL_AID: 'aid', OTHER: 'pencil',
  ELDERLY: 'elderly', DISABLED: 'wheelchair', PREGNANT: 'pregnant', NONE: 'person',
  KTP_EL_RECORDING: 'idcard',
};

export const iconFor = (code, fallback = 'info') => ICONS[BY_CODE[code] || fallback] || ICONS.info;
