// Login: wrong password and lockout in words; afterwards back to where the session ran out.
import { request, ApiError, NetworkError } from './api.js';
import { bi, clear } from './dom.js';
import { time, longDate } from './format.js';

const form = document.getElementById('login');
const message = document.getElementById('message');
const submit = document.getElementById('submit');

function show(kind, id, en) {
  message.hidden = false;
  message.className = `message ${kind}`;
  clear(message, bi(id, en, 'p'));
}

if (sessionStorage.getItem('antrean.expired')) {
  sessionStorage.removeItem('antrean.expired');
  const counter = JSON.parse(sessionStorage.getItem('antrean.counter') || 'null');
  show('warn', 'Sesi Anda berakhir. Silakan masuk lagi' + (counter ? `; ${counter.name} tetap dipilih.` : '.'),
    'Your session ended. Please log in again' + (counter ? `; ${counter.name} stays selected.` : '.'));
}

/**
 * Where a login lands: back to the page the session ran out on; the console of the counter this
 * screen serves; otherwise the person's own page: supervisors their report, admins the settings,
 * operators the choice of counter (supervisors and admins who serve at a counter choose it from "Loket").
 */
const HOME = { SUPERVISOR: 'supervisor.html', ADMIN: 'settings.html' };

function next(role) {
  const n = new URLSearchParams(location.search).get('next');
  // Only our own pages, never another site.
  if (n && /^[a-z]+\.html(\?[\w=&%.-]*)?$/.test(n)) return n;
  if (sessionStorage.getItem('antrean.counter')) return 'console.html';
  return HOME[role] || 'counter.html';
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    show('error', 'Isi nama pengguna dan kata sandi.', 'Enter your username and password.');
    (username ? form.password : form.username).focus();
    return;
  }
  submit.disabled = true;
  try {
    const me = await request('auth/login', { method: 'POST', body: { username, password }, on401: 'none' });
    location.assign(next(me?.role));
  } catch (e) {
    if (e instanceof ApiError && e.code === 'LOGIN_LOCKED') {
      // Locked for this device and this name only; other computers of the office can still log in.
      const until = e.details.lockedUntil;
      show('error', `Masuk dari perangkat ini dikunci karena terlalu banyak percobaan yang salah. Coba lagi setelah pukul ${time(until)} WIB (${longDate(until)}).`,
        `Login from this device is locked after too many failed attempts. Try again after ${time(until)} WIB.`);
    } else if (e instanceof ApiError && e.status === 401) {
      show('error', 'Nama pengguna atau kata sandi salah, atau akun dinonaktifkan.', 'Wrong username or password, or the account is disabled.');
    } else if (e instanceof ApiError) {
      show('error', e.words.id, e.words.en);
    } else if (e instanceof NetworkError) {
      show('error', 'Server tidak dapat dihubungi. Periksa jaringan lalu coba lagi.', 'The server cannot be reached. Check the network and try again.');
    }
    form.password.select();
  } finally {
    submit.disabled = false;
  }
});

form.username.focus();
