// "Berhenti kirim pesan / Stop messages": shown while the office sends this ticket WhatsApp
// messages (the resident said yes at the kiosk); one tap stops them, nothing is sent after.
//
// data-testid: messages-area (hidden unless messages are on or were just stopped),
//   messages-stop (the button), messages-state (what is true now).

const tid = id => document.querySelector(`[data-testid="${id}"]`);

export async function setupMessages(api) {
  const area = tid('messages-area');
  const button = tid('messages-stop');
  const state = tid('messages-state');
  if (!area || !button || !state) return;
  const show = (s) => {
    area.hidden = s === 'NONE';
    button.hidden = s !== 'ON';
    state.querySelector('.id').textContent = s === 'ON'
      ? 'Kabar antrean dikirim ke WhatsApp Anda.' : 'Pesan WhatsApp sudah dihentikan.';
    state.querySelector('.en').textContent = s === 'ON'
      ? 'Queue news is sent to your WhatsApp.' : 'WhatsApp messages are stopped.';
  };
  // "Delete my WhatsApp number" (my-data.js) stops them too.
  document.addEventListener('antrean:messages', (e) => { if (area.hidden === false) show(e.detail); });
  try {
    const res = await fetch(`${api}/messages`, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!res.ok) return;
    show((await res.json()).messages);
  } catch {
    return; // no answer: show nothing rather than a button that may not work
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const res = await fetch(`${api}/messages/stop`, { method: 'POST', headers: { Accept: 'application/json' } });
      if (res.ok) {
        show('STOPPED');
        state.focus();
      }
    } finally {
      button.disabled = false;
    }
  });
}
