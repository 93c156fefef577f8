// Tickets per hour as an inline SVG bar chart, drawn here (no chart library, nothing fetched).
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Hours 07–17 always, wider when tickets fall outside them; every bar carries its number. */
export function hourChart(perHour, { title, desc }) {
  let first = 7;
  let last = 17;
  perHour.forEach((n, h) => { if (n > 0) { first = Math.min(first, h); last = Math.max(last, h); } });
  const hours = [];
  for (let h = first; h <= last; h++) hours.push(h);
  const max = Math.max(1, ...perHour);
  const W = 800;
  const H = 300;
  const left = 40;
  const bottom = 40;
  const top = 20;
  const bw = (W - left - 10) / hours.length;
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'chart-title chart-desc', class: 'hour-chart' });
  svg.append(el('title', { id: 'chart-title' }, title), el('desc', { id: 'chart-desc' }, desc));
  const y = (v) => H - bottom - (v / max) * (H - bottom - top);
  const step = Math.max(1, Math.ceil(max / 5));
  for (let v = 0; v <= max; v += step) {
    svg.append(el('line', { x1: left, x2: W - 10, y1: y(v), y2: y(v), stroke: '#c8c8c8', 'stroke-width': 1 }));
    svg.append(el('text', { x: left - 6, y: y(v) + 5, 'text-anchor': 'end', 'font-size': 14, fill: '#333' }, String(v)));
  }
  hours.forEach((h, i) => {
    const n = perHour[h] || 0;
    const x = left + i * bw + bw * 0.15;
    const w = bw * 0.7;
    if (n > 0) {
      svg.append(el('rect', { x, y: y(n), width: w, height: H - bottom - y(n), fill: '#0a4b8f', 'data-hour': h }));
      svg.append(el('text', { x: x + w / 2, y: y(n) - 5, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 700, fill: '#111' }, String(n)));
    }
    svg.append(el('text', { x: x + w / 2, y: H - bottom + 20, 'text-anchor': 'middle', 'font-size': 14, fill: '#111' }, `${String(h).padStart(2, '0')}`));
  });
  svg.append(el('line', { x1: left, x2: W - 10, y1: H - bottom, y2: H - bottom, stroke: '#111', 'stroke-width': 2 }));
  svg.append(el('text', { x: W / 2, y: H - 4, 'text-anchor': 'middle', 'font-size': 14, fill: '#333' }, 'Jam (WIB) / Hour'));
  return svg;
}
