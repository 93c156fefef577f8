// The recorded voice pack: short clips (/voice/{name}) played back to back, for displays without an
// Indonesian speech voice or offices that prefer recordings. The built-in clips were generated with
// espeak-ng (display/voice/generate.sh); an office's own recordings of the same names replace them
// on the server (ANTREAN_VOICE_DIR), so this file never changes for them.
//
// A call is composed from: nomor-antrean, huruf-a … huruf-z, the number words (nol … sembilan,
// sepuluh, sebelas, belas, puluh, seratus, ratus, seribu, ribu: any number below a million),
// silakan-menuju, loket and the counter's number.

import { terbilang } from './terbilang.js';
import { counterPhrase } from './speech.js';

/** Every clip a pack must have; words outside this list are not said by the clips. */
export const CLIPS = [
  'nomor-antrean', 'silakan-menuju', 'loket',
  'nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan',
  'sepuluh', 'sebelas', 'belas', 'puluh', 'seratus', 'ratus', 'seribu', 'ribu',
  ...'abcdefghijklmnopqrstuvwxyz'.split('').map(c => `huruf-${c}`),
];
const KNOWN = new Set(CLIPS);

/** Clip names of a number's words: 17 → ['tujuh', 'belas']; null when beyond the pack (≥ 1 000 000). */
export function numberClips(n) {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e6) return null;
  return terbilang(n).split(' ');
}

/**
 * The clips of a call: "A-017", "Loket 2" →
 * nomor-antrean huruf-a tujuh belas silakan-menuju loket dua.
 * A counter name's own words that have no clip ("Loket Prioritas") are left out; its numbers are said.
 */
export function callClips(number, counterName) {
  const out = ['nomor-antrean'];
  const m = /^\s*([A-Za-z]*)[\s-]*(\d+)\s*$/.exec(String(number));
  if (m) {
    for (const c of m[1].toLowerCase()) out.push(`huruf-${c}`);
    const words = numberClips(Number(m[2]));
    if (words) out.push(...words);
    else for (const d of m[2]) out.push(numberClips(Number(d))[0]);
  }
  out.push('silakan-menuju');
  const counter = counterPhrase(counterName).toLowerCase().split(/\s+/).filter(w => KNOWN.has(w));
  if (counter[0] !== 'loket') out.push('loket');
  out.push(...counter);
  return out;
}

/**
 * Plays clip lists. available: the pack answered (checked once at start by probe()). play()
 * resolves to 'played', 'blocked' (the browser refused to play without a gesture) or 'failed'.
 */
export function createClipPlayer({ base = '/voice/', onPlay = () => {} } = {}) {
  let available = null; // null: not known yet
  const cache = new Map();

  function audio(name) {
    let a = cache.get(name);
    if (!a) {
      a = new Audio(`${base}${name}`);
      a.preload = 'auto';
      cache.set(name, a);
    }
    return a;
  }

  function playOne(name) {
    return new Promise(resolve => {
      const a = audio(name);
      let done = false;
      const finish = result => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        a.removeEventListener('ended', onEnded);
        a.removeEventListener('error', onError);
        resolve(result);
      };
      const onEnded = () => finish('played');
      const onError = () => finish('failed');
      // A clip is under two seconds; a stalled one must not hold the queue.
      const timer = setTimeout(() => finish('failed'), 4000);
      a.addEventListener('ended', onEnded);
      a.addEventListener('error', onError);
      a.currentTime = 0;
      onPlay(name);
      a.play().catch(e => finish(e?.name === 'NotAllowedError' ? 'blocked' : 'failed'));
    });
  }

  return {
    get available() { return available === true; },
    get known() { return available !== null; },
    /** Asks the server for the first clip of every call: is there a pack at all? */
    async probe() {
      try {
        const res = await fetch(`${base}nomor-antrean`, { cache: 'no-cache' });
        available = res.ok && /^audio\//.test(res.headers.get('Content-Type') ?? '');
      } catch {
        available = false;
      }
      return available;
    },
    async play(names) {
      names.forEach(audio); // start loading every clip of the call before the first one plays
      for (const name of names) {
        const r = await playOne(name);
        if (r !== 'played') {
          if (r === 'failed') available = false;
          return r;
        }
      }
      return 'played';
    },
  };
}
