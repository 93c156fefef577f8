// Building the DOM without innerHTML, so nothing from the server is ever parsed as markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Indonesian first, English second and smaller. */
export function bi(id, en, tag = 'span') {
  return h(tag, { class: 'bi' }, h('span', { lang: 'id' }, id), en ? h('span', { class: 'en', lang: 'en' }, en) : null);
}

export function svg(markup) {
  const t = document.createElement('template');
  t.innerHTML = markup.trim(); // only our own constant pictograms
  return t.content.firstChild;
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}
