// Idle watchdog: the next person at the kiosk must never see the previous person's NIK, so
// after `timeoutMs` without a touch or key the kiosk resets. The last `warnMs` show a
// countdown that any touch cancels, so a slow reader is not thrown out without warning.

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'];

export function createIdleTimer({ timeoutMs, warnMs, onWarn, onTimeout, onActive }) {
  let armed = false;
  let timer = 0;
  let deadline = 0;
  let warning = false;

  const clear = () => clearTimeout(timer);

  function tick() {
    const left = deadline - Date.now();
    if (left <= 0) {
      armed = false;
      warning = false;
      onTimeout();
      return;
    }
    if (left <= warnMs) {
      warning = true;
      onWarn(Math.ceil(left / 1000));
      timer = setTimeout(tick, Math.min(1000, left));
    } else {
      timer = setTimeout(tick, left - warnMs);
    }
  }

  function poke() {
    if (!armed) return;
    clear();
    if (warning) {
      warning = false;
      onActive();
    }
    deadline = Date.now() + timeoutMs;
    timer = setTimeout(tick, Math.max(0, timeoutMs - warnMs));
  }

  for (const type of ACTIVITY) document.addEventListener(type, poke, { capture: true, passive: true });

  return {
    /** Start (or restart) watching; called on every screen that holds typed data. */
    arm() { armed = true; poke(); },
    /** Stop watching (the welcome screen has nothing to clear). */
    disarm() {
      armed = false;
      clear();
      if (warning) { warning = false; onActive(); }
    },
    poke,
  };
}
