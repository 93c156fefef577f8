// Chimes synthesised with WebAudio, so no audio file is shipped or fetched.
// Browsers start an AudioContext "suspended" until a user gesture; unlock() must be called from
// one (a tap or key press). A kiosk started with an autoplay flag is "running" from the start.

const TUNES = {
  // The familiar three-note "ding-dong-ding" before an announcement (~1.8 s).
  call: [[659.25, 0], [523.25, 0.45], [783.99, 0.9]],
  // Two short rising notes for the resident's phone: admitted or called.
  alert: [[880, 0], [1174.66, 0.22]],
  // One soft note to confirm that sound works.
  test: [[659.25, 0]],
};

export function createChime() {
  const Ctx = globalThis.AudioContext ?? globalThis.webkitAudioContext;
  let ctx = null;
  try { ctx = Ctx ? new Ctx() : null; } catch { ctx = null; }

  /** Bell-like note: a sine with a quieter octave, fast attack, exponential decay. */
  function note(freq, at, length, gain) {
    const out = ctx.createGain();
    out.gain.setValueAtTime(0.0001, at);
    out.gain.exponentialRampToValueAtTime(gain, at + 0.015);
    out.gain.exponentialRampToValueAtTime(0.0001, at + length);
    out.connect(ctx.destination);
    for (const [mult, level] of [[1, 1], [2, 0.25], [3, 0.08]]) {
      const osc = ctx.createOscillator();
      const g = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq * mult;
      g.gain.value = level;
      osc.connect(g).connect(out);
      osc.start(at);
      osc.stop(at + length + 0.05);
    }
  }

  return {
    /** True when sound can play without another gesture. */
    get running() { return ctx?.state === 'running'; },
    get supported() { return !!ctx; },
    async unlock() {
      if (!ctx) return false;
      try { await ctx.resume(); } catch { /* stays suspended */ }
      return ctx.state === 'running';
    },
    /** Plays a tune; resolves when it has finished (immediately when sound is not available). */
    play(name = 'call') {
      if (!ctx || ctx.state !== 'running') return Promise.resolve(false);
      const tune = TUNES[name] ?? TUNES.call;
      const t0 = ctx.currentTime + 0.05;
      const length = name === 'call' ? 1.1 : 0.5;
      for (const [freq, offset] of tune) note(freq, t0 + offset, length, name === 'call' ? 0.35 : 0.3);
      const total = (tune[tune.length - 1][1] + length) * 1000;
      return new Promise(resolve => setTimeout(() => resolve(true), total));
    },
  };
}
