// Tiny element builder: screens are rebuilt from state on every change, so a terse,
// dependency-free way to write DOM trees keeps the screen code readable.

/**
 * h('button', {class: 'big', dataset: {testid: 'next'}, onclick}, 'Lanjut', icon)
 * Attributes: `class`, `dataset`, `on<event>` functions, `html` (trusted SVG only),
 * booleans (true → present, false/null → absent), everything else via setAttribute.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value == null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'html') el.innerHTML = value; // only for our own inline SVG strings
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Inline SVG string → element wrapper (decorative unless a label is given). */
export function icon(svg, cls = 'icon') {
  return h('span', { class: cls, 'aria-hidden': 'true', html: svg });
}
