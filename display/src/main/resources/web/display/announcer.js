// Plays announcements one after the other: chime, then the spoken call.
// Calls can arrive together (two counters at once, or a burst replayed after a reconnect);
// overlapping voices would be unintelligible, and a long backlog is worse than skipping it.
//
// Who speaks: with the office's voice SPEECH, the display's Indonesian speech voice, or the recorded
// clips where there is none; with CLIPS, the clips, or the speech voice should the clips be missing.
// Neither: the chime alone, and onVoice('none') lets the screen say so.

import { callPhrase } from './speech.js';
import { callClips } from './voice-pack.js';

const MAX_WAITING = 3; // beyond this the oldest waiting announcements are dropped: they are on screen

export function createAnnouncer({ chime, speaker, clips, mode = 'words', voice = 'SPEECH',
  onQueue = () => {}, onVoice = () => {} }) {
  const queue = [];
  let busy = false;
  let enabled = true;
  let choice = voice;

  /** 'speech', 'clips' or 'none': what would speak the next call. */
  function speakerNow() {
    const order = choice === 'CLIPS' ? ['clips', 'speech'] : ['speech', 'clips'];
    for (const v of order) {
      if (v === 'speech' && speaker.available) return 'speech';
      if (v === 'clips' && clips?.available) return 'clips';
    }
    return 'none';
  }

  async function drain() {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const { text, parts } = queue.shift();
      await chime.play('call');
      const who = speakerNow();
      onVoice(who);
      if (who === 'speech') await speaker.speak(text);
      else if (who === 'clips') {
        const r = await clips.play(parts);
        if (r !== 'played') onVoice(r === 'blocked' ? 'blocked' : speakerNow());
      }
      await pause(600); // a breath between two calls
    }
    busy = false;
  }

  return {
    /** Queue one call; returns the phrase that will be spoken (handy for tests and logs). */
    announce(number, counterName) {
      const text = callPhrase(number, counterName, mode);
      const parts = callClips(number, counterName);
      onQueue(text, parts); // also when silent, so tests and logs see what would have been said
      if (!enabled) return text;
      queue.push({ text, parts });
      while (queue.length > MAX_WAITING) queue.shift();
      drain();
      return text;
    },
    /** The office's choice from its settings: 'SPEECH' or 'CLIPS'. */
    set voice(v) { choice = v === 'CLIPS' ? 'CLIPS' : 'SPEECH'; },
    get voice() { return choice; },
    get speaker() { return speakerNow(); },
    set enabled(v) { enabled = !!v; if (!enabled) { queue.length = 0; speaker.cancel(); } },
    get enabled() { return enabled; },
  };
}

const pause = ms => new Promise(r => setTimeout(r, ms));
