// Dates and times in the office's zone (not the device's): "Selasa, 1 Desember 2026", "09:41 WIB".
// The device clock may be wrong (a TV that never synced), so callers pass a server offset.

// Indonesian zone names; Intl prints "GMT+7" for these outside the id-ID locale data.
const ZONE_NAMES = {
  'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA', 'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

const cache = new Map();
function fmt(timeZone, options) {
  const key = timeZone + JSON.stringify(options);
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat('id-ID', { timeZone, ...options }));
  return cache.get(key);
}

/** The zone if this browser knows it, else the fallback: a typo in the office settings must not blank the screen. */
export function validZone(timeZone, fallback = 'Asia/Jakarta') {
  if (!timeZone) return fallback;
  try { new Intl.DateTimeFormat('id-ID', { timeZone }); return timeZone; } catch { return fallback; }
}

export function zoneName(timeZone) {
  if (ZONE_NAMES[timeZone]) return ZONE_NAMES[timeZone];
  const part = fmt(timeZone, { timeZoneName: 'short' }).formatToParts(new Date()).find(p => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** "Selasa, 1 Desember 2026" */
export function formatDate(date, timeZone) {
  return fmt(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** "09:41" (24 h; a colon, like the slot times the API sends, rather than id-ID's "09.41"). */
export function formatTime(date, timeZone, { seconds = false } = {}) {
  const parts = fmt(timeZone, { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), hourCycle: 'h23' })
    .formatToParts(date);
  const get = t => parts.find(p => p.type === t)?.value ?? '00';
  return [get('hour'), get('minute'), ...(seconds ? [get('second')] : [])].join(':');
}

/** The calendar day "2026-12-01" in the zone, to compare with a ticket's day. */
export function dayKey(date, timeZone) {
  const p = fmt(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  const get = t => p.find(x => x.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** A plain ISO day ("2026-12-01", no zone) as "Selasa, 1 Desember 2026"; read as UTC so it never shifts. */
export function formatDay(isoDay) {
  const d = new Date(`${isoDay}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? String(isoDay) : formatDate(d, 'UTC');
}

/**
 * Calls tick(now) every second, aligned to the second boundary so the minute flips on time.
 * nowFn lets the caller correct the device clock with the server's.
 */
export function startTicker(tick, nowFn = () => Date.now()) {
  let timer = 0;
  const run = () => {
    const now = nowFn();
    tick(new Date(now));
    timer = setTimeout(run, 1000 - (now % 1000) + 5);
  };
  run();
  return () => clearTimeout(timer);
}
