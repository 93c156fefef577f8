// The audit trail in people's words (issue 13): one formatter per action, Indonesian and English,
// never raw JSON or state codes. A kind this page does not know yet still reads as words.
import { STATES } from './format.js';

const ROLE = { OPERATOR: ['petugas loket', 'counter staff'], SUPERVISOR: ['penyelia', 'supervisor'], ADMIN: ['admin', 'admin'] };
const COUNTER_STATUS = { OPEN: ['buka', 'open'], BREAK: ['istirahat', 'on break'], CLOSED: ['tutup', 'closed'] };
const OUTCOME = { DONE: ['selesai dilayani', 'served'], NO_SHOW: ['tidak hadir', 'did not show up'], REFUSED: ['ditolak', 'refused'], CANCELLED: ['dibatalkan', 'cancelled'] };

/** What each settings key is called on the settings page. */
const SETTING = {
  dailyQuota: ['kuota harian', 'daily quota'], slotMinutes: ['panjang slot', 'slot length'], slotCapacity: ['orang per slot', 'persons per slot'],
  roomCapacity: ['kapasitas ruang tunggu', 'waiting-room capacity'], bookingHorizonDays: ['pesan paling jauh', 'booking horizon'],
  openingHours: ['jam buka', 'opening hours'], holidays: ['hari libur', 'holidays'], checklist: ['daftar periksa protokol kesehatan', 'health checklist'],
  urgencyReasons: ['alasan mendesak', 'urgency reasons'], counters: ['loket', 'counters'], nikRegionPolicy: ['kebijakan wilayah NIK', 'NIK region policy'],
  display: ['layar ruang tunggu', 'waiting-room display'],
};
const NIK_POLICY = { OFF: ['tidak diperiksa', 'not checked'], WARN: ['diberi tanda', 'flagged'], ENFORCE: ['ditolak', 'refused'] };

const name = (c) => (typeof c === 'object' && c ? c.name || (c.id ? `Loket ${c.id}` : '') : c ? `Loket ${c}` : '');
const st = (code) => STATES[code] || [String(code ?? '').toLowerCase(), String(code ?? '').toLowerCase()];

/** A setting's value as words: numbers and short texts as they are, lists by their count. */
function value(key, v) {
  if (v === null || v === undefined) return ['–', '–'];
  if (key === 'nikRegionPolicy') return NIK_POLICY[v] || [String(v), String(v)];
  if (key === 'slotMinutes') return [`${v} menit`, `${v} minutes`];
  if (key === 'bookingHorizonDays') return [`${v} hari`, `${v} days`];
  if (key === 'roomCapacity' || key === 'slotCapacity') return [`${v} orang`, `${v} persons`];
  if (key === 'dailyQuota' && typeof v === 'object') {
    const s = Object.values(v).join(', ');
    return [s, s];
  }
  if (key === 'counters' && Array.isArray(v)) {
    const s = v.map((c) => c.name).join(', ');
    return [s, s];
  }
  if (key === 'holidays' && Array.isArray(v)) return [v.join(', ') || 'tidak ada', v.join(', ') || 'none'];
  if (key === 'display' && typeof v === 'object') return [v.notice ? `“${v.notice}”` : 'tanpa pengumuman', v.notice ? `“${v.notice}”` : 'no notice'];
  if (Array.isArray(v)) return [`${v.length} baris`, `${v.length} rows`];
  if (typeof v === 'object') return ['diubah', 'changed'];
  return [String(v), String(v)];
}

function changedSettings(p) {
  const keys = Object.keys(p.new || {}).filter((k) => JSON.stringify(p.new[k]) !== JSON.stringify(p.old?.[k]));
  if (!keys.length) return ['Tidak ada yang berubah', 'Nothing changed'];
  const parts = keys.map((k) => {
    const [lid, len] = SETTING[k] || [k, k];
    const [oid, oen] = value(k, p.old?.[k]);
    const [nid, nen] = value(k, p.new[k]);
    const simple = typeof p.new[k] !== 'object' || k === 'dailyQuota' || k === 'counters' || k === 'holidays' || k === 'display';
    return simple ? [`${lid}: ${oid} → ${nid}`, `${len}: ${oen} → ${nen}`] : [`${lid} diubah`, `${len} changed`];
  });
  return [parts.map((x) => x[0]).join('; '), parts.map((x) => x[1]).join('; ')];
}

function changedProfile(p) {
  const parts = [];
  if (JSON.stringify(p.old?.name) !== JSON.stringify(p.new?.name)) {
    parts.push([`nama kantor → “${p.new?.name?.id}”`, `office name → “${p.new?.name?.en}”`]);
  }
  const old = Object.fromEntries((p.old?.services || []).map((s) => [s.code, s]));
  for (const s of p.new?.services || []) {
    const o = old[s.code] || {};
    if (o.whatsapp !== s.whatsapp) parts.push([`WhatsApp ${s.code.toLowerCase().replaceAll('_', ' ')}: ${o.whatsapp || '–'} → ${s.whatsapp || '–'}`,
      `WhatsApp ${s.code.toLowerCase().replaceAll('_', ' ')}: ${o.whatsapp || '–'} → ${s.whatsapp || '–'}`]);
    if (JSON.stringify(o.instructions) !== JSON.stringify(s.instructions)) parts.push([`petunjuk ${s.code.toLowerCase().replaceAll('_', ' ')} diubah`,
      `instructions for ${s.code.toLowerCase().replaceAll('_', ' ')} changed`]);
  }
  if (!parts.length) return ['Tidak ada yang berubah', 'Nothing changed'];
  return [parts.map((x) => x[0]).join('; '), parts.map((x) => x[1]).join('; ')];
}

/** Each kind: [action id, action en] and (payload, event) -> [details id, details en]. */
export const AUDIT = {
  TICKET_CALLED: [['Memanggil', 'Called'], (p) => {
    const how = p.chosen ? [' (nomor dipilih)', ' (chosen number)'] : [''];
    const early = p.early ? [' — lebih awal, dari luar', ' — early, from outside'] : ['', ''];
    return [`${p.number} ke ${name(p.counter)}${how[0]}${early[0]}`, `${p.number} to ${name(p.counter)}${how[1] || ''}${early[1]}`];
  }],
  TICKET_RECALLED: [['Memanggil ulang', 'Recalled'], (p) => [`${p.number}, panggilan ke-${(p.recalls ?? 0) + 1}`, `${p.number}, call no. ${(p.recalls ?? 0) + 1}`]],
  TICKET_ADMITTED: [['Mempersilakan masuk', 'Let in'], (p) => [`${p.number} masuk ruang tunggu${p.early ? ' lebih awal' : ''}`,
    `${p.number} into the waiting room${p.early ? ' early' : ''}`]],
  TICKET_SERVING: [['Mulai melayani', 'Started serving'], (p) => [`${p.number}; masker dan sarung tangan diperiksa${p.temperatureMeasured ? ', suhu diukur' : ''}`,
    `${p.number}; mask and gloves checked${p.temperatureMeasured ? ', temperature taken' : ''}`]],
  TICKET_FINISHED: [['Menutup tiket', 'Closed a ticket'], (p) => {
    const [oid, oen] = OUTCOME[p.outcome] || st(p.outcome);
    return [`${p.number}: ${oid}${p.reason ? ` (${p.reason})` : ''}`, `${p.number}: ${oen}${p.reason ? ` (reason in Indonesian: ${p.reason})` : ''}`];
  }],
  TICKET_CANCELLED: [['Membatalkan tiket', 'Cancelled a ticket'], (p) => [`${p.number}`, `${p.number}`]],
  TICKET_TRANSFERRED: [['Mengalihkan', 'Transferred'], (p) => [`${p.number} dari ${name(p.from)} ke ${name(p.counter)}`,
    `${p.number} from ${name(p.from)} to ${name(p.counter)}`]],
  TICKET_REQUEUED: [['Mengembalikan ke antrean', 'Returned to the queue'], (p) => [`${p.number} (tadinya ${st(p.from)[0].toLowerCase()})`,
    `${p.number} (was: ${st(p.from)[1].toLowerCase()})`]],
  TICKET_REPRINTED: [['Mencetak ulang slip', 'Reprinted a slip'], (p) => [`${p.number}, setelah KTP diperiksa`, `${p.number}, after the ID card was checked`]],
  COUNTER_STATUS: [['Status loket', 'Counter status'], (p) => {
    const [a, b] = COUNTER_STATUS[p.status] || [p.status, p.status];
    const [pa, pb] = COUNTER_STATUS[p.previous] || [p.previous, p.previous];
    return [`${name(p.counter)}: ${pa} → ${a}`, `${name(p.counter)}: ${pb} → ${b}`];
  }],
  SETTINGS_CHANGED: [['Mengubah pengaturan', 'Changed settings'], changedSettings],
  OFFICE_PROFILE_CHANGED: [['Mengubah profil kantor', 'Changed the office profile'], changedProfile],
  STAFF_CREATED: [['Membuat akun', 'Created an account'], (p) => {
    const [rid, ren] = ROLE[p.role] || [p.role, p.role];
    return [`${p.username} (${p.role}) — ${rid}`, `${p.username} (${p.role}) — ${ren}`];
  }],
  STAFF_UPDATED: [['Mengubah akun', 'Changed an account'], (p) => {
    const id = [];
    const en = [];
    if (p.role && p.role.old !== p.role.new) {
      id.push(`peran ${ROLE[p.role.old]?.[0] || p.role.old} → ${ROLE[p.role.new]?.[0] || p.role.new}`);
      en.push(`role ${ROLE[p.role.old]?.[1] || p.role.old} → ${ROLE[p.role.new]?.[1] || p.role.new}`);
    }
    if (p.disabled && p.disabled.old !== p.disabled.new) {
      id.push(p.disabled.new ? 'dinonaktifkan' : 'diaktifkan lagi');
      en.push(p.disabled.new ? 'disabled' : 'enabled again');
    }
    if (p.passwordReset) {
      id.push('kata sandi diganti');
      en.push('password reset');
    }
    return [`${p.username}: ${id.join(', ') || 'tanpa perubahan'}`, `${p.username}: ${en.join(', ') || 'no change'}`];
  }],
};

/** The action and details of an audit entry, in both languages. */
export function describe(e) {
  const f = AUDIT[e.type];
  const p = e.payload || {};
  if (f) {
    const [details] = [f[1](p, e)];
    return { action: f[0], details };
  }
  // A kind added later: its name as words, and the ticket number when there is one; never the payload.
  const words = e.type.toLowerCase().replaceAll('_', ' ');
  return { action: [words, words], details: p.number ? [p.number, p.number] : ['–', '–'] };
}
