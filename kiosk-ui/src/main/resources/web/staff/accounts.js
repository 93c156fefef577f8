// Admin: staff accounts — create, change role, disable, reset password.
import { request, ApiError, NetworkError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage } from './session.js';
import { dateTime } from './format.js';

const ROLES = [['OPERATOR', 'Operator loket', 'Counter operator'], ['SUPERVISOR', 'Supervisor', 'Supervisor'], ['ADMIN', 'Admin', 'Admin'],
  ['TRACER', 'Penelusuran kontak (Dinas Kesehatan)', 'Contact tracing (health office)']];
const me = await startPage('ADMIN', { id: 'Akun petugas', en: 'Staff accounts' });
const main = document.querySelector('main');

if (me) await draw();

async function draw(note) {
  const { staff } = await request('staff');
  const msg = h('div', { id: 'accounts-message', class: 'message-slot' });
  const username = h('input', { id: 'new-username', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true });
  const password = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', minlength: '10', required: true, 'aria-describedby': 'pw-hint' });
  const role = h('select', { id: 'new-role' }, ROLES.map(([v, id, en]) => h('option', { value: v }, `${id} / ${en}`)));
  const create = h('form', { class: 'grid-fields', id: 'create-form', novalidate: true },
    h('label', { for: 'new-username' }, bi('Nama pengguna', 'Username'), username),
    h('label', { for: 'new-password' }, bi('Kata sandi awal', 'Initial password'), password, h('span', { class: 'hint', id: 'pw-hint' }, bi('Paling sedikit 10 karakter.', 'At least 10 characters.'))),
    h('label', { for: 'new-role' }, bi('Peran', 'Role'), role),
    h('div', { class: 'field' }, h('span', { 'aria-hidden': 'true' }, ' '), h('button', { type: 'submit', class: 'primary', id: 'create' }, bi('Buat akun', 'Create account'))));
  create.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await act(() => request('staff', { method: 'POST', body: { username: username.value.trim(), password: password.value, role: role.value } }),
      [`Akun ${username.value.trim()} dibuat.`, `Account ${username.value.trim()} created.`]);
  });
  clear(main,
    h('section', { class: 'panel' }, h('h1', {}, bi('Akun petugas', 'Staff accounts')), msg,
      h('div', { class: 'table-wrap' }, h('table', { id: 'staff-table' },
        h('thead', {}, h('tr', {}, ['Nama pengguna/Username', 'Peran/Role', 'Status/Status', 'Kata sandi baru/New password'].map((c) => {
          const [id, en] = c.split('/');
          return h('th', { scope: 'col' }, bi(id, en));
        }))),
        h('tbody', {}, staff.map(row))))),
    h('section', { class: 'panel' }, h('h2', {}, bi('Akun baru', 'New account')), create));
  if (note) clear(msg, h('p', { class: 'message ok', role: 'status' }, bi(note[0], note[1])));
}

function row(s) {
  const self = s.username === me.username;
  const pw = h('input', { type: 'password', id: `pw-${s.username}`, autocomplete: 'new-password', 'aria-label': `Kata sandi baru untuk ${s.username} / New password for ${s.username}` });
  return h('tr', { 'data-username': s.username },
    h('th', { scope: 'row' }, s.username, s.lockedUntil ? h('div', { class: 'hint' }, bi(`Terkunci sampai ${dateTime(s.lockedUntil)}`, 'Locked')) : null),
    h('td', {}, h('select', {
      id: `role-${s.username}`, 'aria-label': `Peran ${s.username} / Role of ${s.username}`, disabled: self,
      onchange: (ev) => act(() => request(`staff/${encodeURIComponent(s.username)}`, { method: 'PUT', body: { role: ev.target.value } }),
        [`Peran ${s.username} menjadi ${ev.target.value}.`, `${s.username} is now ${ev.target.value}.`]),
    }, ROLES.map(([v, id, en]) => h('option', { value: v, selected: s.role === v }, `${id} / ${en}`)))),
    h('td', {}, h('span', { class: 'status-text' }, s.disabled ? bi('Nonaktif', 'Disabled') : bi('Aktif', 'Active')), h('button', {
      type: 'button', id: `toggle-${s.username}`, disabled: self, class: 'secondary',
      onclick: () => act(() => request(`staff/${encodeURIComponent(s.username)}`, { method: 'PUT', body: { disabled: !s.disabled } }),
        s.disabled ? [`${s.username} diaktifkan.`, `${s.username} enabled.`] : [`${s.username} dinonaktifkan.`, `${s.username} disabled.`]),
    }, s.disabled ? bi('Aktifkan', 'Enable') : bi('Nonaktifkan', 'Disable'))),
    h('td', {}, h('div', { class: 'interval' }, pw, h('button', {
      type: 'button', id: `reset-${s.username}`,
      onclick: () => act(() => request(`staff/${encodeURIComponent(s.username)}`, { method: 'PUT', body: { password: pw.value } }),
        [`Kata sandi ${s.username} diganti.`, `Password of ${s.username} reset.`]),
    }, bi('Ganti', 'Reset')))));
}

async function act(call, note) {
  try {
    await call();
    await draw(note);
  } catch (e) {
    const msg = document.getElementById('accounts-message');
    if (e instanceof ApiError) clear(msg, h('p', { class: 'message error', role: 'alert' }, bi(e.words.id, e.words.en)));
    else if (e instanceof NetworkError) clear(msg, h('p', { class: 'message error', role: 'alert' }, bi('Server tidak dapat dihubungi. Coba lagi.', 'The server cannot be reached. Try again.')));
    else throw e;
    msg.scrollIntoView({ block: 'nearest' });
  }
}
