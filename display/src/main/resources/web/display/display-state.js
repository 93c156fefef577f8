// The display's model and how each stream event changes it. Pure (no DOM, no clock), so the
// same events always give the same screen: a replay after a reconnect lands where a live view is.

const RECENT_MAX = 10;

export function emptyState() {
  return {
    office: null,
    counters: [],      // [{id, name, current: {number, state, calledAt, announcedAt, recalls} | null}]
    recentCalls: [],   // newest first: [{number, counter: {id, name}, at}]
    admitted: [],      // numbers allowed into the waiting room and not yet called
    occupancy: null,   // {present, capacity}
    waitingOutside: null,
    quota: null,       // {issued, limit}
    reminders: [],
    display: null,     // {notice, voice}: the office's notice line and its choice of voice
    serverTime: null,
  };
}

/** Applies one event; returns the same state object (mutated) for convenience. */
export function reduce(state, name, data) {
  if (!data || typeof data !== 'object') return state;
  // Every server message carries the room's counts as `room`, so one feed event is one message.
  if (name !== 'snapshot' && name !== 'occupancy' && data.room) reduce(state, 'occupancy', data.room);
  switch (name) {
    case 'snapshot': return fromSnapshot(data);
    case 'called': return onCalled(state, data);
    case 'recalled': return onRecalled(state, data);
    case 'serving': return onServing(state, data);
    case 'admitted':
      if (data.number && !state.admitted.includes(data.number)) state.admitted.push(data.number);
      return state;
    case 'finished': return onFinished(state, data);
    case 'occupancy':
      state.occupancy = { present: data.present, capacity: data.capacity ?? state.occupancy?.capacity };
      if ('waitingOutside' in data) state.waitingOutside = data.waitingOutside;
      if (data.quota) state.quota = data.quota;
      return state;
    case 'settings': return onSettings(state, data);
    case 'counter': return onCounterStatus(state, data);
    default: return state;
  }
}

function fromSnapshot(s) {
  const state = emptyState();
  state.office = s.office ?? null;
  state.counters = (s.counters ?? []).map(c => ({
    id: String(c.id),
    name: c.name,
    status: c.status ?? 'OPEN',
    current: c.current ? { ...c.current, announcedAt: c.current.calledAt, recalls: c.current.recalls ?? 0 } : null,
  }));
  state.recentCalls = (s.recentCalls ?? []).slice(0, RECENT_MAX);
  state.admitted = [...(s.admitted ?? [])];
  state.occupancy = s.occupancy ?? null;
  state.waitingOutside = s.waitingOutside ?? null;
  state.quota = s.quota ?? null;
  state.reminders = s.reminders ?? [];
  state.display = s.display ?? null;
  state.serverTime = s.serverTime ?? null;
  return state;
}

function counterOf(state, ref) {
  const id = String(ref?.id ?? '');
  let c = state.counters.find(x => x.id === id);
  if (!c) { // a counter added since the snapshot: show it rather than drop the call
    c = { id, name: ref?.name ?? `Loket ${id}`, current: null };
    state.counters.push(c);
    state.counters.sort((a, b) => a.id.localeCompare(b.id, undefined, { numeric: true }));
  }
  return c;
}

function clearNumberElsewhere(state, number, keep) {
  for (const c of state.counters) if (c !== keep && c.current?.number === number) c.current = null;
}

function onCalled(state, e) {
  const c = counterOf(state, e.counter);
  clearNumberElsewhere(state, e.number, c);
  c.current = { number: e.number, state: 'CALLED', calledAt: e.at, announcedAt: e.at, recalls: 0, order: nextOrder(state) };
  pushRecent(state, e);
  state.admitted = state.admitted.filter(n => n !== e.number);
  return state;
}

function onRecalled(state, e) {
  const c = counterOf(state, e.counter);
  clearNumberElsewhere(state, e.number, c);
  const calledAt = c.current?.number === e.number ? c.current.calledAt : e.at;
  c.current = { number: e.number, state: 'CALLED', calledAt, announcedAt: e.at, recalls: e.recalls ?? 1, order: nextOrder(state) };
  pushRecent(state, e);
  state.admitted = state.admitted.filter(n => n !== e.number);
  return state;
}

function onServing(state, e) {
  for (const c of state.counters) if (c.current?.number === e.number) c.current = { ...c.current, state: 'SERVING' };
  return state;
}

function onFinished(state, e) {
  for (const c of state.counters) if (c.current?.number === e.number) c.current = null;
  state.admitted = state.admitted.filter(n => n !== e.number);
  return state;
}

function onSettings(state, e) {
  if (Array.isArray(e.counters)) {
    const old = new Map(state.counters.map(c => [c.id, c]));
    state.counters = e.counters.map(c => ({ id: String(c.id), name: c.name, status: old.get(String(c.id))?.status ?? 'OPEN',
      current: old.get(String(c.id))?.current ?? null }));
  }
  if (e.display) state.display = e.display;
  if (e.roomCapacity != null) state.occupancy = { present: state.occupancy?.present ?? 0, capacity: e.roomCapacity };
  return state;
}

/** A counter staff marked open, on break or closed (the tile says so). */
function onCounterStatus(state, e) {
  const id = String(e.counter?.id ?? '');
  const c = state.counters.find(x => x.id === id);
  if (c) c.status = e.status ?? 'OPEN';
  return state;
}

/** A recall moves the number to the top instead of listing it twice. */
function pushRecent(state, e) {
  const entry = { number: e.number, counter: { id: String(e.counter?.id ?? ''), name: e.counter?.name ?? '' }, at: e.at };
  state.recentCalls = [entry, ...state.recentCalls.filter(r => r.number !== e.number)].slice(0, RECENT_MAX);
}

/** Calls in the order they were applied: breaks ties between calls stamped with the same second. */
function nextOrder(state) {
  state.callOrder = (state.callOrder ?? 0) + 1;
  return state.callOrder;
}

/** The big call on screen: the counter most recently announced, or null when no counter has anyone. */
export function heroOf(state) {
  const time = c => Date.parse(c.current.announcedAt) || 0;
  const later = (a, b) => time(a) > time(b) || (time(a) === time(b) && (a.current.order ?? 0) > (b.current.order ?? 0));
  let best = null;
  for (const c of state.counters) {
    if (c.current && (!best || later(c, best))) best = c;
  }
  return best ? { number: best.current.number, state: best.current.state, recalls: best.current.recalls ?? 0, counter: { id: best.id, name: best.name } } : null;
}

/** Feed ids are numbers; an event we already applied (replayed twice) is skipped. */
export function isStale(id, lastApplied) {
  if (!id || !lastApplied) return false;
  const a = Number(id), b = Number(lastApplied);
  return Number.isFinite(a) && Number.isFinite(b) && a <= b;
}
