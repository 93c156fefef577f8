// The office part of the settings page (issue 13): its name, and per service the WhatsApp number
// and the instructions residents read; plus the display's notice line when the server has it.
import { request } from './api.js';
import { h, bi } from './dom.js';

let profile = null;   // GET offices/{office}/profile, edited in place
let saved = null;     // its JSON as last saved, so an unchanged profile is not saved again

export async function loadProfile(office) {
  profile = await request(`offices/${office}/profile`);
  saved = JSON.stringify(profile);
}

/** Saves the profile first when it changed; its problems come back as INVALID_SETTINGS with paths under "profile.". */
export async function saveProfile(office) {
  if (!profile || JSON.stringify(profile) === saved) return;
  try {
    profile = await request(`offices/${office}/profile`, { method: 'PUT', body: { name: profile.name, services: profile.services } });
    saved = JSON.stringify(profile);
  } catch (e) {
    if (e.code === 'INVALID_SETTINGS') {
      e.details.problems = (e.details.problems || []).map((p) => ({ ...p, path: p.path ? `profile.${p.path}` : 'profile' }));
    }
    throw e;
  }
}

function field(path, id, en, value, set, opts = {}) {
  const input = h(opts.area ? 'textarea' : 'input', {
    id: path, type: opts.area ? null : 'text', rows: opts.area ? '3' : null, maxlength: opts.max || null,
    inputmode: opts.tel ? 'tel' : null, autocomplete: 'off', placeholder: opts.placeholder || null,
    oninput: (ev) => set(ev.target.value),
  });
  input.value = value ?? '';
  return h('div', { class: 'field', 'data-path': path }, h('label', { for: path }, bi(id, en)), input);
}

/** The office's name and its services: the name at the top of every screen, the numbers on the kiosk's slips. */
export function profileSection(section) {
  if (!profile) return null;
  const p = profile;
  return section('Kantor dan layanan', 'Office and services',
    h('div', { class: 'grid-fields wide-fields' },
      field('profile.name.id', 'Nama kantor (Indonesia)', 'Office name (Indonesian)', p.name.id, (v) => { p.name.id = v; }, { max: 200 }),
      field('profile.name.en', 'Nama kantor (Inggris)', 'Office name (English)', p.name.en, (v) => { p.name.en = v; }, { max: 200 })),
    h('div', { class: 'rows', id: 'profile-services' }, p.services.map((s, i) => h('div', { class: 'row service-row', 'data-service': s.code, 'data-path': `profile.services[${i}]` },
      h('h3', {}, bi(s.name.id, s.name.en), s.inOffice ? h('span', { class: 'hint' }, ' · ', bi('dilayani di kantor', 'served in the office')) : null),
      field(`profile.services[${i}].whatsapp`, 'Nomor WhatsApp', 'WhatsApp number', s.whatsapp, (v) => { s.whatsapp = v.trim() || null; },
        { tel: true, placeholder: '0878-9456-7172', max: 20 }),
      field(`profile.services[${i}].instructions.id`, 'Petunjuk: apa yang dikirim (Indonesia)', 'Instructions: what to send (Indonesian)',
        s.instructions?.id, (v) => { s.instructions = { id: v, en: s.instructions?.en ?? '' }; }, { area: true, max: 500 }),
      field(`profile.services[${i}].instructions.en`, 'Petunjuk (Inggris)', 'Instructions (English)',
        s.instructions?.en, (v) => { s.instructions = { id: s.instructions?.id ?? '', en: v }; }, { area: true, max: 500 })))));
}

/**
 * The display's notice line ("display.notice", added by the display work of issue 13). Shown only
 * when the server's settings carry a `display` object; until then this hook draws nothing.
 */
export function displaySection(section, s) {
  if (!s || typeof s.display !== 'object' || s.display === null) return null;
  return section('Layar ruang tunggu', 'Waiting-room display',
    field('display.notice', 'Pengumuman berjalan (kosongkan bila tidak ada)', 'Notice line (leave empty for none)', s.display.notice,
      (v) => { s.display.notice = v; }, { max: 200 }),
    voiceField(s.display));
}

/** How calls are spoken: the display's own voice (recordings where it has none) or always the recordings. */
function voiceField(d) {
  const select = h('select', { id: 'display.voice', onchange: (ev) => { d.voice = ev.target.value; } },
    h('option', { value: 'SPEECH' }, 'Suara perangkat, rekaman bila tidak ada · The device\'s voice, recordings where it has none'),
    h('option', { value: 'CLIPS' }, 'Selalu rekaman suara · Always the recordings'));
  select.value = d.voice === 'CLIPS' ? 'CLIPS' : 'SPEECH';
  return h('div', { class: 'field', 'data-path': 'display.voice' },
    h('label', { for: 'display.voice' }, bi('Suara panggilan', 'Call voice')), select);
}
