// Telling the resident, whose phone is in a pocket outside, that something happened:
// vibration and a short tune where the browser allows. Both need a prior tap on the page
// (Chrome's "sticky user activation"; iOS has no vibration at all), so the page offers a button
// and also unlocks on the first tap anywhere.

import { createChime } from '/display/chime.js';

const PATTERNS = {
  ADMITTED: [300, 150, 300],
  CALLED: [500, 200, 500, 200, 500],
};

export function createAlerts() {
  const chime = createChime();
  const canVibrate = typeof navigator.vibrate === 'function';

  return {
    /** Whether there is anything to switch on. */
    get supported() { return chime.supported || canVibrate; },
    get on() { return chime.running; },
    /** Call from a tap. Resolves true when sound now plays. */
    async unlock({ test = false } = {}) {
      const ok = await chime.unlock();
      if (test) {
        chime.play('test');
        if (canVibrate) navigator.vibrate(80);
      }
      return ok;
    },
    /** ADMITTED or CALLED: vibrate and chime (each silently does nothing when not allowed). */
    notify(state) {
      if (canVibrate) { try { navigator.vibrate(PATTERNS[state] ?? 200); } catch { /* not allowed */ } }
      chime.play('alert');
    },
  };
}
