// Words shared by the waiting-room display and the resident's ticket page: the ones the scripts
// put on screen. Fixed headings live in the two index.html files. All follow shared/UI.md so every
// screen (and the speech) says the same thing; change them there first.
// Every entry is {id, en}: Indonesian first, English short and secondary.

/** "Loket 2" → "counter 2" for the English line; other names are kept as the office wrote them. */
export function counterNameEn(name) {
  return String(name ?? '').replace(/^\s*loket\b/i, 'counter');
}

/**
 * The ticket state in plain words. `ticket` supplies the counter (CALLED) and the reason (REFUSED).
 * Unknown states fall back to the raw code so a new server state is visible rather than blank.
 */
export function stateText(state, ticket = {}) {
  const counter = ticket.counter?.name ?? '';
  switch (state) {
    case 'BOOKED': return { id: 'Menunggu di luar', en: 'Waiting outside' };
    case 'ADMITTED': return { id: 'Silakan masuk ke ruang tunggu', en: 'Please come into the waiting room' };
    case 'CALLED': return counter
      ? { id: `Dipanggil ke ${counter}`, en: `Called to ${counterNameEn(counter)}` }
      : { id: 'Dipanggil', en: 'Called' };
    case 'SERVING': return { id: 'Sedang dilayani', en: 'Being served' };
    case 'DONE': return { id: 'Selesai', en: 'Done' };
    case 'NO_SHOW': return { id: 'Tidak hadir', en: 'Did not show up' };
    case 'REFUSED': {
      // The server gives the reason in both languages (refusal.reason); never the Indonesian words on the English line.
      const r = ticket.refusal?.reason;
      return r ? { id: `Ditolak (alasan: ${r.id})`, en: `Refused (reason: ${r.en})` } : { id: 'Ditolak', en: 'Refused' };
    }
    case 'CANCELLED': return { id: 'Dibatalkan', en: 'Cancelled' };
    default: return { id: String(state ?? '—'), en: '' };
  }
}

export const SERVICE = {
  KTP_EL_RECORDING: { id: 'Perekaman KTP-el (mendesak)', en: 'Urgent KTP-el recording' },
  PICKUP: { id: 'Pengambilan dokumen', en: 'Document pickup' },
};

/** Used when the server sends no reminder texts (the display must never show an empty band). */
export const DEFAULT_REMINDERS = [
  { id: 'Gunakan masker', en: 'Wear a mask' },
  { id: 'Gunakan sarung tangan', en: 'Wear gloves' },
  { id: 'Jaga jarak minimal 1 meter', en: 'Keep at least 1 metre apart' },
  { id: 'Cuci tangan dengan sabun', en: 'Wash your hands with soap' },
];

/** Fixed labels of the display. */
export const DISPLAY = {
  nowCalling: { id: 'Dipanggil', en: 'Now calling' },
  nowServing: { id: 'Sedang dilayani', en: 'Being served' },
  recall: n => ({ id: `Panggilan ke-${n + 1}`, en: `Call no. ${n + 1}` }),
  idle: { id: 'Harap menunggu panggilan', en: 'Please wait to be called' },
  counterIdle: { id: 'Belum ada panggilan', en: 'No call yet' },
  counterBreak: { id: 'Istirahat', en: 'On break' },
  counterClosed: { id: 'Loket tutup', en: 'Counter closed' },
  admittedNone: { id: 'Belum ada', en: 'None yet' },
  more: n => ({ id: `+${n} lagi`, en: `+${n} more` }),
  recentNone: { id: 'Belum ada panggilan', en: 'No calls yet' },
  occupancy: { id: 'Ruang tunggu', en: 'Waiting room' },
  waitingOutside: n => ({ id: `${n} di luar`, en: `${n} outside` }),
  quota: { id: 'Sisa kuota hari ini', en: 'Quota left today' },
  quotaFull: { id: 'Kuota hari ini sudah penuh', en: "Today's quota is full" },
};

/** Labels of the resident's ticket page. */
export const TICKET = {
  unknown: { id: 'Belum dapat diperkirakan', en: 'Not known yet' },
  youAreNext: { id: 'Anda berikutnya', en: 'You are next' },
  cancelFailed: { id: 'Gagal membatalkan. Coba lagi.', en: 'Could not cancel. Please try again.' },
  alertsEnable: { id: 'Aktifkan suara & getar', en: 'Turn on sound & vibration' },
  alertsOn: { id: 'Suara & getar aktif', en: 'Sound & vibration on' },
  notFound: { id: 'Nomor antrean tidak ditemukan', en: 'Ticket not found' },
  lastUpdate: { id: 'Diperbarui', en: 'Updated' },
  guide: {
    BOOKED: { id: 'Tunggu di luar gedung dan jaga jarak. Halaman ini berubah sendiri saat Anda boleh masuk.',
      en: 'Wait outside and keep your distance. This page changes by itself when you may come in.' },
    ADMITTED: { id: 'Masuk ke ruang tunggu dengan masker dan sarung tangan, lalu tunggu nomor Anda dipanggil.',
      en: 'Come in wearing a mask and gloves, then wait for your number to be called.' },
    CALLED: { id: 'Segera menuju loket yang disebut di atas.', en: 'Please go to the counter shown above now.' },
  },
};

/** The display's offline countdown (the banner's own words are in index.html). */
export const OFFLINE = {
  retryIn: s => ({ id: `Mencoba lagi dalam ${s} detik`, en: `Retrying in ${s} s` }),
  connecting: { id: 'Menyambung…', en: 'Connecting…' },
};
