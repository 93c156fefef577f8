// The office's notice line (ticker) under the calls, set by an admin in the settings
// (display.notice) and changed live by the stream's settings message.
// A notice that fits is shown still; a longer one scrolls across once per pass, slowly, unless the
// screen asks for reduced motion: then it wraps onto more lines instead (nothing moves, nothing is cut).
//
// data-testid: notice (hidden when empty; data-mode = still | scroll | wrap), notice-text.

const SPEED_PX_PER_S = 110; // readable from across the room; well under any flashing threshold

const tid = id => document.querySelector(`[data-testid="${id}"]`);
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

export function createNotice() {
  const box = tid('notice');
  const text = tid('notice-text');
  let current = null;

  function layout() {
    if (!current) return;
    box.dataset.mode = 'still';
    box.style.removeProperty('--notice-from');
    box.style.removeProperty('--notice-to');
    box.style.removeProperty('--notice-seconds');
    if (text.scrollWidth <= box.clientWidth) return;
    if (reducedMotion.matches) { box.dataset.mode = 'wrap'; return; }
    const from = box.clientWidth;
    const to = text.scrollWidth;
    box.style.setProperty('--notice-from', `${from}px`);
    box.style.setProperty('--notice-to', `${-to}px`);
    box.style.setProperty('--notice-seconds', `${Math.max(8, (from + to) / SPEED_PX_PER_S)}s`);
    box.dataset.mode = 'scroll';
  }

  reducedMotion.addEventListener?.('change', layout);
  addEventListener('resize', layout);

  return {
    /** Shows the notice ("" or null hides the band); returns true when the band changed. */
    update(notice) {
      const next = (notice ?? '').trim() || null;
      if (next === current) return false;
      current = next;
      box.hidden = !next;
      document.querySelector('.screen')?.classList.toggle('has-notice', !!next);
      text.textContent = next ?? '';
      layout();
      return true;
    },
  };
}
