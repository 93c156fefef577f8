// The waiting-room display: /display/?office=oki
//
// Query parameters: office (default "oki"); sound=off for a silent screen (no overlay, no chime);
// speak=digits to say "A, nol satu tujuh" instead of the default "A tujuh belas" (speech voice only);
// voice=clips or voice=speech to override the office's choice (settings display.voice) on this screen.
//
// data-testid (stable, for Playwright):
//   current-call     the big call panel; data-state = CALLED | SERVING | IDLE, data-counter = counter id
//   current-label    its label ("Dipanggil · Now calling", "Panggilan ke-2", …)
//   current-number   the called number, "A-017" ("—" when no one is called)
//   current-counter  the counter's name, "Loket 2"
//   counters         the row of counter tiles
//   counter-tile-{id}, counter-name-{id}, counter-number-{id}, counter-state-{id}
//                    one tile per counter; the tile's data-state = CALLED | SERVING | IDLE
//   admitted-list    "Silakan masuk ke ruang tunggu": <li data-number="A-018"> per admitted number
//   recent-calls     newest first: <li data-number="A-017"> with number, counter and time
//   occupancy        room occupancy; occupancy-present, occupancy-capacity, waiting-outside inside it
//   quota            today's remaining quota; quota-left, quota-limit, or quota-full when none is left
//   reminder, reminder-id, reminder-en, reminder-icon   the rotating health-protocol reminder
//   clock, clock-time ("09:41"), clock-zone ("WIB"), clock-date ("Selasa, 1 Desember 2026")
//   office-name, office-name-en
//   offline-banner   visible (not [hidden]) while the stream is down; offline-retry: the countdown
//   sound-overlay    the first-tap "Aktifkan suara" overlay; sound-enable: its button
//   notice, notice-text   the office's notice line (notice.js); voice-notice: "cannot speak" (voice-notice.js)
// Also: <body data-last-spoken="Nomor antrean A tujuh belas, silakan menuju loket dua"> holds the
// last announcement queued (set even with sound=off or without an id-ID voice), data-last-clips its
// voice-pack clips ("nomor-antrean huruf-a tujuh belas silakan-menuju loket dua"),
// <body data-stream="open|offline|connecting"> and data-voice (voice-notice.js).
// window.antreanDisplay.voiceLog lists every clip as it starts playing.

import { openStream } from './stream.js';
import { emptyState, reduce, isStale } from './display-state.js';
import { createView } from './display-view.js';
import { createChime } from './chime.js';
import { createSpeaker } from './speech.js';
import { createAnnouncer } from './announcer.js';
import { startTicker, validZone } from './clock.js';
import { DEFAULT_REMINDERS } from './i18n.js';
import { createClipPlayer } from './voice-pack.js';
import { createNotice } from './notice.js';
import { showVoiceState } from './voice-notice.js';

const REMINDER_MS = 10000;
const ANNOUNCE_WINDOW_MS = 120000; // calls older than this (replayed after a long outage) are shown, not spoken

const params = new URLSearchParams(location.search);
const office = params.get('office') || 'oki';
const soundWanted = params.get('sound') !== 'off';
const voiceOverride = { clips: 'CLIPS', speech: 'SPEECH' }[params.get('voice')] ?? null;

let state = emptyState();
let timeZone = 'Asia/Jakarta';
let clockOffset = 0; // server time minus device time: the TV's own clock may be wrong
let lastApplied = '';
let hadSnapshot = false;
let connection = { state: 'connecting', attempt: 0 };
const now = () => Date.now() + clockOffset;

const view = createView();
const chime = createChime();
const speaker = createSpeaker();
const voiceLog = [];
const clips = createClipPlayer({ onPlay: name => voiceLog.push(name) });
const notice = createNotice();
let blocked = false; // the browser refuses sound until a gesture
const announcer = createAnnouncer({
  chime, speaker, clips,
  mode: params.get('speak') === 'digits' ? 'digits' : 'words',
  voice: voiceOverride ?? 'SPEECH',
  onQueue: (text, parts) => {
    document.body.dataset.lastSpoken = text;
    document.body.dataset.lastClips = parts.join(' ');
  },
  onVoice: who => {
    if (who === 'blocked') { blocked = true; view.soundOverlay(true); }
    refreshVoice();
  },
});

/** What speaks the calls now, on screen when nothing can. */
function refreshVoice() {
  if (!soundWanted) return showVoiceState('off');
  if (blocked) return showVoiceState('blocked');
  if (!clips.known) return undefined; // the pack is being asked for
  return showVoiceState(announcer.speaker);
}

function applyDisplaySettings(d) {
  if (!voiceOverride && d?.voice) announcer.voice = d.voice;
  if (notice.update(d?.notice)) view.render(state, timeZone); // the band takes room from the lists
  refreshVoice();
}

// --- sound: browsers only allow audio after a gesture, so the first tap or key press unlocks it
function setupSound() {
  if (!soundWanted) { announcer.enabled = false; return; }
  const unlock = async () => {
    const ok = await chime.unlock();
    speaker.prime?.();
    if (ok || !chime.supported) {
      blocked = false;
      refreshVoice();
      view.soundOverlay(false);
      removeEventListener('pointerdown', unlock, true);
      removeEventListener('keydown', unlock, true);
      chime.play('test');
    }
  };
  addEventListener('pointerdown', unlock, true);
  addEventListener('keydown', unlock, true);
  // A kiosk browser started with an autoplay flag is allowed already: no overlay then.
  setTimeout(() => {
    blocked = chime.supported && !chime.running;
    view.soundOverlay(blocked);
    refreshVoice();
  }, 300);
  clips.probe().then(refreshVoice);
}

// --- the stream
function onEvent(name, data, id) {
  if (name === 'snapshot') return onSnapshot(data, id);
  if (isStale(id, lastApplied)) return; // replayed twice: already on screen
  if (id) lastApplied = id;
  reduce(state, name, data);
  view.render(state, timeZone);
  if (name === 'settings') applyDisplaySettings(state.display);
  if (name === 'called' || name === 'recalled') {
    view.markFresh(String(data.counter?.id ?? ''));
    if (isRecent(data.at)) announcer.announce(data.number, data.counter?.name ?? '');
  }
}

function onSnapshot(data, id) {
  const before = hadSnapshot ? currentNumbers(state) : null; // the first one: nothing to announce
  hadSnapshot = true;
  lastApplied = id || '';
  state = reduce(state, 'snapshot', data);
  timeZone = validZone(state.office?.timeZone, timeZone);
  if (data.serverTime) clockOffset = Date.parse(data.serverTime) - Date.now() || 0;
  reminders.update(state.reminders);
  view.render(state, timeZone);
  applyDisplaySettings(state.display);
  if (before) announceNewIn(state, before); // a fresh snapshot after an outage may hold calls we never saw
}

/** Calls older than the window (replayed after a long outage) are shown but not spoken. */
function isRecent(iso) {
  const at = Date.parse(iso);
  return !at || Math.abs(now() - at) < ANNOUNCE_WINDOW_MS;
}

function currentNumbers(s) {
  return new Map(s.counters.map(c => [c.id, c.current?.number ?? null]));
}

function announceNewIn(s, before) {
  for (const c of s.counters) {
    const cur = c.current;
    if (!cur || cur.state !== 'CALLED' || before.get(c.id) === cur.number) continue;
    view.markFresh(c.id);
    if (isRecent(cur.announcedAt)) announcer.announce(cur.number, c.name);
  }
}

function onStatus(status) {
  connection = status;
  document.body.dataset.stream = status.state;
  view.connection(status);
}

// --- rotating reminders
const reminders = (() => {
  let list = DEFAULT_REMINDERS;
  let i = 0;
  let timer = 0;
  const show = () => { view.reminder(list[i % list.length]); i += 1; };
  return {
    update(next) {
      const wanted = next?.length ? next : DEFAULT_REMINDERS;
      if (JSON.stringify(wanted) === JSON.stringify(list) && timer) return;
      list = wanted; i = 0;
      clearInterval(timer);
      show();
      timer = setInterval(show, REMINDER_MS);
    },
  };
})();

// --- keep the TV from dimming (where the Screen Wake Lock API exists: HTTPS or localhost)
function keepAwake() {
  const request = () => navigator.wakeLock?.request('screen').catch(() => {});
  request();
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') request(); });
}

view.render(state, timeZone);
reminders.update([]);
keepAwake();
startTicker(date => {
  view.clock(date, timeZone);
  if (connection.state === 'offline') view.connection(connection); // the countdown
  refreshVoice(); // speech voices arrive late in some browsers
}, now);
setupSound();
openStream(`/api/v1/offices/${encodeURIComponent(office)}/display/stream`, {
  onEvent,
  onStatus,
  onHttpError: () => 'retry', // a display never gives up: the server may be starting or restarting
});

// For debugging from the console and for tests.
window.antreanDisplay = { get state() { return state; }, announcer, clips, voiceLog, notice };
