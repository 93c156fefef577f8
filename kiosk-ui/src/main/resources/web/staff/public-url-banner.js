// Admin pages: a banner while ANTREAN_PUBLIC_URL is unset or a loopback address, so the ticket
// slip's QR code would not open on a resident's phone (issue 13). Fed by the kiosk API's
// publicUrlWarning (UNSET or LOOPBACK); nothing is shown when the address is fine or unknown.
import { request, officeId } from './api.js';
import { h, bi } from './dom.js';

try {
  const kiosk = await request(`offices/${officeId()}/kiosk`, { on401: 'ignore' });
  const TEXT = {
    UNSET: ['ANTREAN_PUBLIC_URL belum diatur: kode QR di slip antrean berisi alamat kios sendiri; bila browser kios berjalan di server, alamat itu 127.0.0.1 dan tidak bisa dibuka ponsel warga.',
      "ANTREAN_PUBLIC_URL is unset: the ticket slip's QR code holds the kiosk's own address; when the kiosk's browser runs on the server that is 127.0.0.1, which residents' phones cannot open."],
    LOOPBACK: ['ANTREAN_PUBLIC_URL berisi alamat loopback (mis. localhost): kode QR di slip antrean tidak bisa dibuka ponsel warga.',
      "ANTREAN_PUBLIC_URL is a loopback address (e.g. localhost): residents' phones cannot open the ticket slip's QR code."],
  };
  const code = kiosk && kiosk.publicUrlWarning;
  const w = code && TEXT[code] && { id: TEXT[code][0], en: TEXT[code][1] };
  if (w) {
    document.body.prepend(h('div', { class: 'message warn public-url-warning', role: 'alert', 'data-testid': 'public-url-warning' },
      bi(w.id, w.en)));
  }
} catch {
  // The settings page has its own error handling; the banner is an extra.
}
