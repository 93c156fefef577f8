// Who is logged in, the page header with only the pages their role may open, and logout.
import { request, setCsrf, toLogin, NetworkError } from './api.js';
import { h, bi, clear } from './dom.js';

const RANK = { OPERATOR: 0, SUPERVISOR: 1, ADMIN: 2 };
// Contact tracing stands beside the ladder: only a TRACER account traces, and it does nothing else.
const BESIDE = 'TRACER';

const PAGES = [
  { href: 'console.html', id: 'Loket', en: 'Counter', role: 'OPERATOR' },
  { href: 'pickups.html', id: 'Dokumen siap diambil', en: 'Documents ready', role: 'OPERATOR' },
  { href: 'supervisor.html', id: 'Laporan', en: 'Reports', role: 'SUPERVISOR' },
  { href: 'messages.html', id: 'Pesan', en: 'Messages', role: 'SUPERVISOR' },
  { href: 'settings.html', id: 'Pengaturan', en: 'Settings', role: 'ADMIN' },
  { href: 'accounts.html', id: 'Akun petugas', en: 'Staff accounts', role: 'ADMIN' },
  { href: 'audit.html', id: 'Jejak audit', en: 'Audit trail', role: 'ADMIN' },
  { href: 'privacy.html', id: 'Data pribadi', en: 'Personal data', role: 'SUPERVISOR' },
  { href: 'tracing.html', id: 'Penelusuran kontak', en: 'Contact tracing', role: 'TRACER' },
];

export function allows(role, needed) {
  if (role === BESIDE || needed === BESIDE) return role === needed;
  return RANK[role] !== undefined && RANK[role] >= RANK[needed];
}

/**
 * Checks the session and draws the header. Resolves to {username, role} when the role suffices;
 * otherwise shows why the page is closed to them and resolves to null (the API refuses anyway).
 */
export async function startPage(needed, title) {
  let me;
  try {
    me = await request('auth/me', { on401: 'none' });
  } catch (e) {
    if (e instanceof NetworkError) {
      clear(document.querySelector('main'), h('p', { class: 'message error', role: 'alert' },
        bi('Server tidak dapat dihubungi. Periksa jaringan lalu muat ulang halaman.',
          'The server cannot be reached. Check the network, then reload the page.')));
      return null;
    }
    toLogin(false);
    return null;
  }
  setCsrf(me.csrfToken);
  header(me, title);
  if (!allows(me.role, needed) && me.role === BESIDE) {
    // A tracing account lands on the counter pages after login: its own page is the tracing one.
    location.replace('tracing.html');
    return null;
  }
  if (!allows(me.role, needed)) {
    clear(document.querySelector('main'), h('section', { class: 'panel forbidden', role: 'alert' },
      h('h1', {}, bi('Halaman ini bukan untuk peran Anda', 'This page is not for your role')),
      h('p', {}, bi(`Halaman ini untuk peran ${needed}; Anda masuk sebagai ${me.role}.`,
        `This page needs the role ${needed}; you are logged in as ${me.role}.`)),
      h('p', {}, h('a', { class: 'button', href: 'console.html' }, bi('Ke loket', 'Go to the counter')))));
    document.body.dataset.forbidden = 'true';
    return null;
  }
  return me;
}

function header(me, title) {
  const here = location.pathname.split('/').pop() || 'index.html';
  const nav = h('nav', { 'aria-label': 'Halaman / Pages' },
    h('ul', {}, PAGES.filter((p) => allows(me.role, p.role)).map((p) => h('li', {},
      h('a', { href: p.href, 'aria-current': here === p.href || (p.href === 'console.html' && here === 'counter.html') ? 'page' : null },
        bi(p.id, p.en))))));
  const logout = h('button', { type: 'button', class: 'secondary', id: 'logout', onclick: async () => {
    try {
      await request('auth/logout', { method: 'POST', on401: 'none' });
    } catch {
      // Logged out already or offline: the login page is the right place either way.
    }
    sessionStorage.removeItem('antrean.counter');
    location.assign('index.html');
  } }, bi('Keluar', 'Log out'));
  const bar = h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, h('strong', {}, 'Antrean'), title.brand ? [' · ', h('span', {}, title.brand)] : null),
    nav,
    h('div', { class: 'who' }, h('span', { class: 'user', 'data-role': me.role }, `${me.username} (${me.role})`), logout));
  document.body.prepend(bar);
}
