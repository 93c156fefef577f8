// What the display says for a call, and saying it with an Indonesian (id-ID) voice.
// Without such a voice the recorded clips speak (voice-pack.js): an English voice reading
// "A-017 Loket 2" would mislead more than help, so it is never used.

import { terbilang, spellDigits, numbersToWords } from './terbilang.js';

/**
 * "A-017" + "Loket 2" → "Nomor antrean A tujuh belas, silakan menuju loket dua".
 * mode 'words' (default, UI.md): the number as a whole, as Indonesians say it ("tujuh belas",
 * "seratus dua puluh tiga"). mode 'digits' (?speak=digits): each digit as printed, "A, nol satu
 * tujuh", for an office that prefers it. The counter is always said as a word: "loket dua".
 */
export function callPhrase(number, counterName, mode = 'words') {
  const m = /^\s*([A-Za-z]*)[\s-]*(\d+)\s*$/.exec(String(number));
  let spoken;
  if (m) {
    const letters = m[1].toUpperCase().split('').join(' '); // "AB" → "A B": each letter on its own
    if (mode === 'digits') {
      const digits = spellDigits(m[2]);
      spoken = letters ? `${letters}, ${digits}` : digits;
    } else {
      const words = terbilang(Number(m[2]));
      spoken = letters ? `${letters} ${words}` : words;
    }
  } else {
    spoken = numbersToWords(number);
  }
  return `Nomor antrean ${spoken}, silakan menuju ${counterPhrase(counterName)}`;
}

/** "Loket 2" → "loket dua"; any other name keeps its words, with its numbers said as words. */
export function counterPhrase(name) {
  const text = numbersToWords(String(name ?? '').trim());
  return text.replace(/^loket\b/i, 'loket');
}

/** Picks an id-ID voice (Android still reports the old code "in-ID"). */
export function pickIndonesianVoice(voices) {
  return voices.find(v => /^(id|in)[-_]ID$/i.test(v.lang) && v.localService)
    ?? voices.find(v => /^(id|in)[-_]ID$/i.test(v.lang))
    ?? voices.find(v => /^(id|in)\b/i.test(v.lang))
    ?? null;
}

/** Wraps speechSynthesis; speak() resolves when done, failed or timed out (never hangs the queue). */
export function createSpeaker() {
  const synth = globalThis.speechSynthesis;
  let voice = null;
  const refresh = () => { voice = synth ? pickIndonesianVoice(synth.getVoices()) : null; };
  if (synth) {
    refresh();
    // Voices load asynchronously in Chromium; the list arrives with this event.
    synth.addEventListener?.('voiceschanged', refresh);
  }

  return {
    get available() { return !!voice; },
    get voiceName() { return voice?.name ?? null; },
    speak(text) {
      if (!synth || !voice) return Promise.resolve(false);
      return new Promise(resolve => {
        const u = new SpeechSynthesisUtterance(text);
        u.voice = voice;
        u.lang = voice.lang;
        u.rate = 0.9; // a touch slower than normal: a waiting room echoes
        u.volume = 1;
        // Chromium sometimes never fires "end": time out on a generous estimate of the length.
        const timer = setTimeout(() => finish(false), 4000 + text.length * 120);
        function finish(ok) { clearTimeout(timer); resolve(ok); }
        u.onend = () => finish(true);
        u.onerror = () => finish(false);
        synth.speak(u);
      });
    },
    cancel() { synth?.cancel(); },
    /** Call inside a tap: a silent utterance unlocks speech where the browser requires a gesture. */
    prime() {
      if (!synth) return;
      const u = new SpeechSynthesisUtterance(' ');
      u.volume = 0;
      synth.speak(u);
    },
  };
}
