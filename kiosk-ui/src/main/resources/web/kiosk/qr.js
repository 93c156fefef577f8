// QR codes as crisp SVG (sharp on screen and on a 203-dpi thermal head), encoded by the
// vendored qrcode-generator library; this file only draws its module matrix.
// The encoder (21 KB) is not part of the first load: it is fetched when the resident leaves the
// welcome screen, long before a ticket or a slip needs it.
let qrcode = null;
let loading = null;

export function loadQr() {
  if (!loading) {
    loading = import('./vendor/qrcode-generator-2.0.4.min.mjs').then((m) => { qrcode = m.default; });
  }
  return loading;
}

export const qrLoaded = () => qrcode !== null;

/**
 * SVG markup for `text`. Error correction M survives a scuffed paper slip; the 4-module
 * quiet zone is what phone scanners need. One <path> keeps the DOM small.
 */
export function qrSvg(text, { label = '', level = 'M' } = {}) {
  const escapedLabel = label.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  // Not loaded yet (a very fast tap): an empty square; the screen is drawn again once it is.
  if (!qrcode) return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1" role="img" aria-label="${escapedLabel}"></svg>`;
  const qr = qrcode(0, level);
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const quiet = 4;
  let d = '';
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      if (qr.isDark(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
    }
  }
  const size = n + quiet * 2;
  const escaped = escapedLabel;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" ` +
    `role="img" aria-label="${escaped}"><rect width="${size}" height="${size}" fill="#fff"/>` +
    `<path d="${d}" fill="#000"/></svg>`;
}
