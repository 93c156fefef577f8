// The NIK checked where it is typed (issue 13), by the server's rules (NikPolicy; its province
// list comes in GET …/kiosk as nik.provinces). The server checks it all again (and the serial).
import { t } from './i18n.js';

/** The birth date a NIK encodes (day + 40 for women), in the latest century not after today. */
export function nikBirthDate(nik, todayIso) {
  let day = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  if (day > 40) day -= 40;
  for (const century of [2000, 1900]) {
    const y = century + year;
    const d = new Date(Date.UTC(y, month - 1, day));
    const valid = month >= 1 && month <= 12 && day >= 1
      && d.getUTCFullYear() === y && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
    const iso = `${String(y).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    if (valid && (!todayIso || iso <= todayIso)) return iso;
  }
  return null;
}

/**
 * null when the 16 digits pass the checks made here, else {code, text} in the current language.
 * Fewer than 16 digits are not judged (the resident is still typing).
 */
export function nikProblem(nik, config, todayIso) {
  if (!/^\d{16}$/.test(nik || '')) return null;
  const rules = config && config.nik;
  if (rules && Array.isArray(rules.provinces) && !rules.provinces.includes(nik.slice(0, 2))) {
    return { code: 'PROVINCE', text: t('nikBadProvince', { code: nik.slice(0, 2) }) };
  }
  if (nik.startsWith('00', 2) || nik.startsWith('00', 4)) {
    return { code: 'REGION', text: t('nikBadRegion') };
  }
  if (!nikBirthDate(nik, todayIso)) {
    return { code: 'BIRTH_DATE', text: t('nikBadBirthDate', { digits: nik.slice(6, 12) }) };
  }
  return null;
}
