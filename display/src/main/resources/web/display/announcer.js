// Plays announcements one after the other: chime, then the spoken call.
// Calls can arrive together (two counters at once, or a burst replayed after a reconnect);
// overlapping voices would be unintelligible, and a long backlog is worse than skipping it.

import { callPhrase } from './speech.js';

const MAX_WAITING = 3; // beyond this the oldest waiting announcements are dropped: they are on screen

export function createAnnouncer({ chime, speaker, mode = 'digits', onQueue = () => {} }) {
  const queue = [];
  let busy = false;
  let enabled = true;

  async function drain() {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const { text } = queue.shift();
      await chime.play('call');
      if (speaker.available) await speaker.speak(text);
      await pause(600); // a breath between two calls
    }
    busy = false;
  }

  return {
    /** Queue one call; returns the phrase that will be spoken (handy for tests and logs). */
    announce(number, counterName) {
      const text = callPhrase(number, counterName, mode);
      onQueue(text); // also when silent, so tests and logs see what would have been said
      if (!enabled) return text;
      queue.push({ text });
      while (queue.length > MAX_WAITING) queue.shift();
      drain();
      return text;
    },
    set enabled(v) { enabled = !!v; if (!enabled) { queue.length = 0; speaker.cancel(); } },
    get enabled() { return enabled; },
  };
}

const pause = ms => new Promise(r => setTimeout(r, ms));
