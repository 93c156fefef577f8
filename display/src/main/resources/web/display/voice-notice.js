// Says on screen when the display cannot speak the calls, so staff notice before residents do:
// the browser blocks sound until someone taps (autoplay policy), or there is neither an Indonesian
// speech voice nor the recorded voice pack. The calls stay on screen either way.
//
// data-testid: voice-notice (hidden while calls are spoken; data-reason = blocked | none).
// <body data-voice="speech|clips|none|off|blocked">: what speaks the calls now.

const TEXT = {
  blocked: { id: 'Suara diblokir browser. Ketuk layar atau tekan tombol apa pun untuk mengaktifkan.',
    en: 'Sound is blocked by the browser. Tap the screen or press any key.' },
  none: { id: 'Panggilan tidak dapat diucapkan: tidak ada suara bahasa Indonesia dan rekaman suara. Nomor tetap tampil di layar.',
    en: 'Calls cannot be spoken: no Indonesian voice and no recordings. Numbers are still shown.' },
};

const tid = id => document.querySelector(`[data-testid="${id}"]`);

export function showVoiceState(state) {
  document.body.dataset.voice = state;
  const box = tid('voice-notice');
  const reason = state === 'blocked' || state === 'none' ? state : null;
  box.hidden = !reason;
  if (!reason || box.dataset.reason === reason) return;
  box.dataset.reason = reason;
  box.querySelector('.id').textContent = TEXT[reason].id;
  box.querySelector('.en').textContent = TEXT[reason].en;
}
