// Dates and times in the office's zone (WIB), 24-hour clock, dates as "Selasa, 1 Desember 2026".

const ZONE = 'Asia/Jakarta';
const dateFmt = new Intl.DateTimeFormat('id-ID', { timeZone: ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function longDate(isoOrDate) {
  const d = typeof isoOrDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(isoOrDate)
    ? new Date(isoOrDate + 'T12:00:00+07:00') : new Date(isoOrDate);
  return dateFmt.format(d);
}

const secondsFmt = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

export function time(iso, seconds = false) {
  return iso ? (seconds ? secondsFmt : timeFmt).format(new Date(iso)) : '';
}

export function dateTime(iso) {
  return `${longDate(iso)} ${time(iso)}`;
}

export function minutes(v) {
  return v === null || v === undefined ? '–' : `${String(v).replace('.', ',')} mnt`;
}

export const STATES = {
  BOOKED: ['Menunggu di luar', 'Waiting outside'],
  ADMITTED: ['Di ruang tunggu', 'In the waiting room'],
  CALLED: ['Dipanggil', 'Called'],
  SERVING: ['Sedang dilayani', 'Being served'],
  DONE: ['Selesai', 'Done'],
  NO_SHOW: ['Tidak hadir', 'Did not show up'],
  REFUSED: ['Ditolak', 'Refused'],
  CANCELLED: ['Dibatalkan', 'Cancelled'],
};

export const PRIORITY = {
  ELDERLY: ['Lansia', 'Elderly'],
  DISABLED: ['Penyandang disabilitas', 'Disabled'],
  PREGNANT: ['Ibu hamil', 'Pregnant'],
};
