// Words shared by the waiting-room display and the resident's ticket page.
// They are copied from shared/UI.md so every screen (and the speech) says the same thing;
// change them there first. Every entry is {id, en}: Indonesian first, English short and secondary.

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
    case 'REFUSED': return ticket.refuseReason
      ? { id: `Ditolak (alasan: ${ticket.refuseReason})`, en: `Refused (reason: ${ticket.refuseReason})` }
      : { id: 'Ditolak', en: 'Refused' };
    case 'CANCELLED': return { id: 'Dibatalkan', en: 'Cancelled' };
    default: return { id: String(state ?? '—'), en: '' };
  }
}

export const SERVICE = {
  KTP_EL_RECORDING: { id: 'Perekaman KTP-el (mendesak)', en: 'Urgent KTP-el recording' },
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
  title: { id: 'Antrean', en: 'Queue' },
  nowCalling: { id: 'Dipanggil', en: 'Now calling' },
  nowServing: { id: 'Sedang dilayani', en: 'Being served' },
  recall: n => ({ id: `Panggilan ke-${n + 1}`, en: `Call no. ${n + 1}` }),
  idle: { id: 'Harap menunggu panggilan', en: 'Please wait to be called' },
  counterIdle: { id: 'Belum ada panggilan', en: 'No call yet' },
  admitted: { id: 'Silakan masuk ke ruang tunggu', en: 'Please come into the waiting room' },
  admittedNone: { id: 'Belum ada', en: 'None yet' },
  more: n => ({ id: `+${n} lagi`, en: `+${n} more` }),
  recent: { id: 'Panggilan terakhir', en: 'Recent calls' },
  recentNone: { id: 'Belum ada panggilan', en: 'No calls yet' },
  occupancy: { id: 'Ruang tunggu', en: 'Waiting room' },
  waitingOutside: n => ({ id: `${n} menunggu di luar`, en: `${n} waiting outside` }),
  quota: { id: 'Sisa kuota hari ini', en: "Today's remaining quota" },
  quotaFull: { id: 'Kuota hari ini sudah penuh', en: "Today's quota is full" },
  protocol: { id: 'Protokol kesehatan', en: 'Health protocol' },
  soundOn: { id: 'Aktifkan suara', en: 'Enable sound' },
  soundHint: { id: 'Ketuk di mana saja atau tekan tombol apa pun', en: 'Tap anywhere or press any key' },
};

/** Labels of the resident's ticket page. */
export const TICKET = {
  title: { id: 'Nomor antrean', en: 'Queue number' },
  peopleAhead: { id: 'Orang di depan Anda', en: 'People ahead of you' },
  estimatedCall: { id: 'Perkiraan dipanggil', en: 'Estimated call time' },
  slot: { id: 'Jadwal', en: 'Time slot' },
  unknown: { id: 'Belum dapat diperkirakan', en: 'Not known yet' },
  cancel: { id: 'Batalkan antrean', en: 'Cancel this ticket' },
  cancelQuestion: { id: 'Yakin ingin membatalkan antrean ini? Nomor ini tidak dapat dipakai lagi.',
    en: 'Cancel this ticket? The number cannot be used again.' },
  cancelYes: { id: 'Ya, batalkan', en: 'Yes, cancel' },
  cancelNo: { id: 'Tidak', en: 'No' },
  cancelFailed: { id: 'Gagal membatalkan. Coba lagi.', en: 'Could not cancel. Please try again.' },
  alertsEnable: { id: 'Aktifkan suara & getar', en: 'Turn on sound & vibration' },
  alertsOn: { id: 'Suara & getar aktif', en: 'Sound & vibration on' },
  notFound: { id: 'Nomor antrean tidak ditemukan', en: 'Ticket not found' },
  notFoundHint: { id: 'Periksa tautan atau kode QR pada karcis Anda.', en: 'Check the link or the QR code on your ticket.' },
  lastUpdate: { id: 'Diperbarui', en: 'Updated' },
  guide: {
    BOOKED: { id: 'Tunggu di luar gedung dan jaga jarak. Halaman ini berubah sendiri saat Anda boleh masuk.',
      en: 'Wait outside and keep your distance. This page changes by itself when you may come in.' },
    ADMITTED: { id: 'Masuk ke ruang tunggu dengan masker dan sarung tangan, lalu tunggu nomor Anda dipanggil.',
      en: 'Come in wearing a mask and gloves, then wait for your number to be called.' },
    CALLED: { id: 'Segera menuju loket yang disebut di atas.', en: 'Please go to the counter shown above now.' },
  },
};

/** The offline banner, shared by both pages. */
export const OFFLINE = {
  text: { id: 'Koneksi terputus. Menyambung kembali…', en: 'Connection lost. Reconnecting…' },
  retryIn: s => ({ id: `Mencoba lagi dalam ${s} detik`, en: `Retrying in ${s} s` }),
  connecting: { id: 'Menyambung…', en: 'Connecting…' },
};
