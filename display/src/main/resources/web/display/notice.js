// The office's notice line (ticker) under the calls, set by an admin in the settings
// (display.notice) and changed live by the stream's settings message.
// A notice that fits is shown still. A longer one scrolls across, slowly, one pass after another;
// on a screen that asks for reduced motion nothing moves: the notice is shown a line at a time,
// each for a few seconds (a change of text, like the reminders, never a movement or a flash).
// Either way the band keeps one line, so the call number keeps its size.
//
// data-testid: notice (hidden when empty; data-mode = still | scroll | pages; data-notice = the
// whole text, also its aria-label), notice-text (what is on screen now).

const SPEED_PX_PER_S = 110; // readable from across the room
const PAGE_MS = 7000;

const tid = id => document.querySelector(`[data-testid="${id}"]`);
const reducedMotion = matchMedia('(prefers-reduced-motion: reduce)');

export function createNotice() {
  const box = tid('notice');
  const text = tid('notice-text');
  let current = null;
  let pages = [];
  let timer = 0;

  /** Width of a text on one line in the band's type. */
  function widthOf(s) {
    text.textContent = s;
    return text.scrollWidth;
  }

  /** The notice cut into lines that each fit the band (a single over-long word gets a line of its own). */
  function paginate(full, width) {
    const out = [];
    let line = '';
    for (const word of full.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (!line || widthOf(next) <= width) line = next;
      else { out.push(line); line = word; }
    }
    if (line) out.push(line);
    return out;
  }

  function layout() {
    clearInterval(timer);
    pages = [];
    if (!current) return;
    box.dataset.mode = 'still';
    for (const p of ['--notice-from', '--notice-to', '--notice-seconds']) box.style.removeProperty(p);
    text.style.whiteSpace = 'nowrap';
    const width = box.clientWidth - parseFloat(getComputedStyle(box).paddingLeft) - parseFloat(getComputedStyle(box).paddingRight);
    const full = widthOf(current);
    if (full <= width) {
      text.style.removeProperty('white-space');
      return;
    }
    if (reducedMotion.matches) {
      pages = paginate(current, width);
      text.style.removeProperty('white-space');
      let i = 0;
      const show = () => {
        text.textContent = pages[i % pages.length];
        box.dataset.page = String(i % pages.length);
        i += 1;
      };
      box.dataset.mode = 'pages';
      show();
      timer = setInterval(show, PAGE_MS);
      return;
    }
    text.style.removeProperty('white-space');
    text.textContent = current;
    box.style.setProperty('--notice-from', `${width}px`);
    box.style.setProperty('--notice-to', `${-full}px`);
    box.style.setProperty('--notice-seconds', `${Math.max(8, (width + full) / SPEED_PX_PER_S)}s`);
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
      box.dataset.notice = next ?? '';
      box.setAttribute('aria-label', next ? `Pengumuman: ${next}` : 'Pengumuman');
      document.querySelector('.screen')?.classList.toggle('has-notice', !!next);
      text.textContent = next ?? '';
      layout();
      return true;
    },
    /** The lines shown in turn (reduced motion), for tests. */
    get pages() { return [...pages]; },
  };
}
