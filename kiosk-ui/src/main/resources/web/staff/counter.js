// Choosing the counter (loket) this screen works for; kept in sessionStorage across logins.
import { request, officeId, ApiError } from './api.js';
import { h, bi, clear } from './dom.js';
import { startPage } from './session.js';

const me = await startPage('OPERATOR', { id: 'Pilih loket', en: 'Choose a counter' });
if (me) {
  const main = document.querySelector('main');
  try {
    const { counters } = await request(`offices/${officeId()}/counters`);
    const chosen = JSON.parse(sessionStorage.getItem('antrean.counter') || 'null');
    clear(main, h('section', { class: 'panel' },
      h('h1', {}, bi('Pilih loket Anda', 'Choose your counter')),
      h('p', {}, bi('Pilihan ini tersimpan di layar ini sampai Anda keluar.', 'This screen remembers it until you log out.')),
      h('div', { class: 'counter-choice' }, counters.map((c) => h('button', {
        type: 'button', class: 'primary huge', 'data-counter': c.id,
        'aria-pressed': chosen && chosen.id === c.id ? 'true' : 'false',
        onclick: () => {
          sessionStorage.setItem('antrean.counter', JSON.stringify({ id: c.id, name: c.name }));
          location.assign('console.html');
        },
      }, c.name)))));
  } catch (e) {
    clear(main, h('p', { class: 'message error', role: 'alert' }, e instanceof ApiError
      ? bi(e.words.id, e.words.en) : bi('Server tidak dapat dihubungi. Muat ulang halaman.', 'The server cannot be reached. Reload the page.')));
  }
}
