// Every word the kiosk shows, in Indonesian (first, the office's language) and English.
// Wording follows /shared/UI.md: "antrean", "loket", "protokol kesehatan", "masker",
// "sarung tangan", "Kuota hari ini sudah penuh", "Silakan datang kembali".

const STRINGS = {
  id: {
    appTitle: 'Antrean — Kios',
    language: 'Bahasa',
    back: 'Kembali',
    next: 'Lanjut',
    done: 'Selesai',
    skip: 'Lewati',
    yes: 'Ya',
    no: 'Tidak',
    selected: 'dipilih',
    today: 'hari ini',
    atTime: 'pukul {time}',
    tryAgain: 'Coba lagi',
    loading: 'Memuat…',
    sending: 'Sedang memproses…',

    welcomeTitle: 'Selamat datang',
    welcomeLead: 'Ambil nomor antrean perekaman KTP-el (mendesak), atau lihat nomor WhatsApp untuk layanan lain.',
    start: 'Sentuh untuk mulai',
    openUntil: 'hari ini sampai pukul {time}',
    openNow: 'Buka',
    closedNow: 'Tutup sekarang',
    opensAgain: 'Buka lagi {date}, pukul {time}',
    quotaLeft: 'Sisa kuota hari ini: {left} dari {limit}',
    quotaFull: 'Kuota hari ini sudah penuh',
    nextSlot: 'Jadwal kosong berikutnya: {when}',
    noSlot: 'Belum ada jadwal kosong',
    occupancy: 'Ruang tunggu: {present} dari {capacity} orang',
    waitingOutside: 'Menunggu di luar: {n} orang',
    offline: 'Tidak dapat terhubung ke server. Mencoba lagi…',
    staffHelp: 'Perlu bantuan? Tanyakan kepada petugas.',
    closedNotice: 'Kantor sedang tutup. Hari ini tidak ada nomor antrean lagi.',
    fullNotice: 'Kuota hari ini sudah penuh.',
    laterDayOffer: 'Anda dapat memesan nomor antrean untuk {when}.',
    noDayOffer: 'Belum ada jadwal kosong. Layanan lewat WhatsApp tetap bisa dipakai.',
    startLater: 'Pesan nomor untuk hari lain',
    startWhatsApp: 'Lihat layanan lewat WhatsApp',
    moreActions: 'Pilihan lain',

    serviceTitle: 'Pilih layanan',
    inOfficeTag: 'Di kantor ini — ambil nomor antrean',
    whatsappHeading: 'Layanan lewat WhatsApp, tanpa datang ke kantor',
    whatsappTag: 'Lewat WhatsApp',

    waLead: 'Layanan ini tidak dilayani tatap muka. Kirim pesan WhatsApp ke nomor:',
    waScan: 'Pindai kode QR dengan ponsel untuk membuka WhatsApp',
    waSendTitle: 'Yang dikirim',
    waSendService: 'Nama layanan: {service}',
    waSendIdentity: 'Nama lengkap dan NIK',
    waSendDocs: 'Foto dokumen persyaratan (misalnya KK, KTP-el, surat keterangan)',
    waResult: 'Kabar pengambilan dokumen dikirim lewat WhatsApp. Tidak perlu nomor antrean.',
    waMessage: 'Layanan: {service}',
    waPrint: 'Cetak petunjuk',
    waSlipTo: 'Kirim pesan WhatsApp ke',

    reasonTitle: 'Apa keperluan mendesak Anda?',
    reasonLead: 'Perekaman KTP-el di kantor hanya untuk keperluan mendesak.',

    noteTitle: 'Tulis alasan Anda',
    noteLabel: 'Alasan (paling banyak 200 huruf)',
    noteCount: '{n} dari 200 huruf',
    noteRequired: 'Tulis alasan singkat dulu.',
    space: 'Spasi',
    deleteChar: 'Hapus',

    nikTitle: 'Masukkan NIK Anda',
    nikLead: 'NIK adalah 16 angka di KTP-el atau Kartu Keluarga.',
    nikLabel: 'NIK',
    nikProgress: '{n} dari 16 angka',
    nikComplete: 'Lengkap: 16 angka',
    nikCheckFailed: 'Periksa lagi NIK Anda',
    nikBadProvince: 'Kode provinsi {code} (2 angka pertama) tidak dikenal. Periksa lagi angka di KTP-el atau KK.',
    nikBadRegion: 'Kode kabupaten/kota atau kecamatan (angka ke-3 sampai ke-6) tidak sah. Periksa lagi.',
    nikBadBirthDate: 'Tanggal lahir pada NIK ({digits}, angka ke-7 sampai ke-12) tidak sah. Periksa lagi.',
    clearAll: 'Hapus semua',
    deleteDigit: 'Hapus satu angka',

    phoneLabel: 'Nomor HP',
    phoneHint: 'Nomor HP dimulai 08 dan berisi 10–13 angka',
    phoneValid: 'Nomor HP benar',
    phoneSkip: 'Lewati — tanpa nomor HP',
    consentTitle: 'Kabar antrean lewat WhatsApp? (boleh dilewati)',
    consentText: '{office} akan mengirim pesan WhatsApp ke nomor ini: nomor antrean Anda, saat boleh masuk ruang tunggu, saat giliran hampir tiba, saat dipanggil, dan bila tiket Anda berubah. Nomor disimpan sampai {days} hari setelah hari kunjungan, lalu dihapus. Balas BERHENTI kapan saja untuk berhenti.',
    consentAgree: 'Setuju, kirim ke nomor ini',

    nameTitle: 'Nama Anda (boleh dilewati)',
    nameLead: 'Petugas loket akan menyapa Anda dengan nama ini. Nama tidak tampil di layar ruang tunggu.',
    nameLabel: 'Nama',
    nameSkip: 'Lewati — tanpa nama',

    priorityTitle: 'Apakah Anda termasuk kelompok prioritas?',
    priorityLead: 'Kelompok prioritas dipanggil lebih dulu. Petugas akan memeriksa.',
    priorityNone: 'Bukan / tidak ada',

    checkTitle: 'Protokol kesehatan',
    checkLead: 'Jawab setiap pertanyaan dengan jujur.',
    checkAnswerAll: 'Jawab semua pertanyaan dulu.',
    ask_NO_SYMPTOMS: 'Apakah Anda demam, batuk atau sesak napas?',

    ticketTitle: 'Nomor antrean Anda',
    queueNumber: 'Nomor antrean',
    waitOutside: 'Tunggu di luar sampai nomor Anda dipanggil masuk',
    service: 'Layanan',
    day: 'Tanggal',
    slot: 'Jadwal',
    position: 'Urutan',
    positionValue: 'ke-{n}',
    peopleAhead: { zero: 'Tidak ada orang di depan Anda', other: '{n} orang di depan Anda' },
    estimated: 'Perkiraan dipanggil',
    scanStatus: 'Pindai untuk melihat status antrean',
    printing: 'Tiket sedang dicetak — silakan ambil.',
    reprint: 'Cetak ulang',
    returnIn: 'Kembali ke awal dalam {n} detik',
    bringPpe: 'Pakai masker dan sarung tangan saat masuk.',
    comeOnDay: 'Datang pada {date}',
    comeOnDayAt: 'Datang pada {date}, pukul {time}',
    laterDayKeep: 'Simpan slip ini. Hari ini tidak perlu menunggu.',
    printedAt: 'Dicetak {date} {time}',

    refusalTitle: 'Maaf, Anda belum dapat masuk',
    refusalLead: 'Demi kesehatan bersama, perekaman KTP-el di kantor memerlukan protokol kesehatan.',
    refusalNeeded: 'Yang diperlukan:',
    refusalComeBack: 'Silakan datang kembali bila sudah siap. Tidak ada nomor antrean yang dibuat.',
    need_MASK: 'Memakai masker',
    need_GLOVES: 'Memakai sarung tangan',
    need_NO_SYMPTOMS: 'Sehat: tidak demam, batuk, atau sesak napas. Bila sakit, periksakan diri dulu.',

    quotaTitle: 'Kuota hari ini sudah penuh',
    nextAvailable: 'Jadwal terdekat yang masih kosong: {date}, pukul {time}',
    noneAvailable: 'Belum ada jadwal kosong dalam beberapa hari ke depan.',
    comeBack: 'Silakan datang kembali',
    bookDay: 'Pesan nomor untuk {date}',

    closedTitle: 'Kantor sedang tutup',
    bookDayLead: 'Anda dapat memesan nomor antrean untuk hari itu sekarang.',

    alreadyTitle: 'NIK ini sudah punya nomor antrean',
    alreadyToday: 'NIK ini sudah punya nomor {number} hari ini.',
    alreadyOnDay: 'NIK ini sudah punya nomor {number} untuk {date}.',
    alreadyLost: 'Slip hilang? Minta cetak ulang di loket.',

    retryTitle: 'Koneksi terputus',
    retryLead: 'Permintaan Anda belum sampai, atau jawabannya hilang. Tekan “Coba lagi”. Anda tidak akan mendapat dua nomor.',
    retryFailed: 'Masih belum tersambung. Coba lagi sebentar lagi, atau minta bantuan petugas.',

    errorTitle: 'Terjadi kesalahan',
    errorGeneric: 'Silakan coba lagi atau minta bantuan petugas.',

    idleWarn: 'Layar kembali ke awal dalam {n} detik. Sentuh layar untuk melanjutkan.',

    state_ADMITTED: 'Silakan masuk ke ruang tunggu',

    days: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
    months: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
      'September', 'Oktober', 'November', 'Desember'],
  },
  en: {
    appTitle: 'Antrean — Kiosk',
    language: 'Language',
    back: 'Back',
    next: 'Next',
    done: 'Done',
    skip: 'Skip',
    yes: 'Yes',
    no: 'No',
    selected: 'selected',
    today: 'today',
    atTime: 'at {time}',
    tryAgain: 'Try again',
    loading: 'Loading…',
    sending: 'Processing…',

    welcomeTitle: 'Welcome',
    welcomeLead: 'Get a queue number for urgent KTP-el recording, or find the WhatsApp number for other services.',
    start: 'Touch to start',
    openUntil: 'today until {time}',
    openNow: 'Open',
    closedNow: 'Closed now',
    opensAgain: 'Opens {date} at {time}',
    quotaLeft: "Today's quota left: {left} of {limit}",
    quotaFull: "Today's quota is full",
    nextSlot: 'Next free slot: {when}',
    noSlot: 'No free slot yet',
    occupancy: 'Waiting room: {present} of {capacity} people',
    waitingOutside: 'Waiting outside: {n} people',
    offline: 'Cannot reach the server. Trying again…',
    staffHelp: 'Need help? Ask a staff member.',
    closedNotice: 'The office is closed. No more queue numbers today.',
    fullNotice: "Today's quota is full.",
    laterDayOffer: 'You can book a queue number for {when}.',
    noDayOffer: 'No free slot yet. The WhatsApp services are still open.',
    startLater: 'Book a later day',
    startWhatsApp: 'See the WhatsApp services',
    moreActions: 'Other options',

    serviceTitle: 'Choose a service',
    inOfficeTag: 'At this office — get a queue number',
    whatsappHeading: 'WhatsApp services, no office visit',
    whatsappTag: 'Via WhatsApp',

    waLead: 'This service is not provided at the counter. Send a WhatsApp message to:',
    waScan: 'Scan the QR code with your phone to open WhatsApp',
    waSendTitle: 'What to send',
    waSendService: 'The service: {service}',
    waSendIdentity: 'Your full name and NIK',
    waSendDocs: 'Photos of the required documents (e.g. KK, KTP-el, letters)',
    waResult: 'You will be told on WhatsApp when to collect your document. No queue number needed.',
    waMessage: 'Layanan: {service}',
    waPrint: 'Print these details',
    waSlipTo: 'Send a WhatsApp message to',

    reasonTitle: 'Why is it urgent?',
    reasonLead: 'KTP-el recording at the office is for urgent needs only.',

    noteTitle: 'Write your reason',
    noteLabel: 'Reason (200 characters at most)',
    noteCount: '{n} of 200 characters',
    noteRequired: 'Please write a short reason first.',
    space: 'Space',
    deleteChar: 'Delete',

    nikTitle: 'Enter your NIK',
    nikLead: 'The NIK is the 16-digit number on your KTP-el or family card.',
    nikLabel: 'NIK',
    nikProgress: '{n} of 16 digits',
    nikComplete: 'Complete: 16 digits',
    nikCheckFailed: 'Please check your NIK',
    nikBadProvince: 'The province code {code} (first 2 digits) is unknown. Check the number on your KTP-el or KK.',
    nikBadRegion: 'The regency or district code (digits 3 to 6) is not valid. Please check.',
    nikBadBirthDate: 'The birth date in the NIK ({digits}, digits 7 to 12) is not valid. Please check.',
    clearAll: 'Clear',
    deleteDigit: 'Delete one digit',

    phoneLabel: 'Mobile number',
    phoneHint: 'A mobile number starts with 08 and has 10–13 digits',
    phoneValid: 'Number looks right',
    phoneSkip: 'Skip — no mobile number',
    consentTitle: 'Queue news on WhatsApp? (optional)',
    consentText: '{office} will send WhatsApp messages to this number: your queue number, when you may enter the waiting room, when your turn is near, when you are called, and if your ticket changes. The number is kept until {days} days after your visit, then deleted. Reply STOP at any time to stop.',
    consentAgree: 'Agree, send to this number',

    nameTitle: 'Your name (optional)',
    nameLead: 'Counter staff will greet you by this name. It is never shown on the waiting-room screen.',
    nameLabel: 'Name',
    nameSkip: 'Skip — no name',

    priorityTitle: 'Do you belong to a priority group?',
    priorityLead: 'Priority groups are called first. Staff will check.',
    priorityNone: 'No / none',

    checkTitle: 'Health protocol',
    checkLead: 'Please answer each question honestly.',
    checkAnswerAll: 'Please answer every question first.',
    ask_NO_SYMPTOMS: 'Do you have a fever, a cough or shortness of breath?',

    ticketTitle: 'Your queue number',
    queueNumber: 'Queue number',
    waitOutside: 'Wait outside until your number is called in',
    service: 'Service',
    day: 'Date',
    slot: 'Time slot',
    position: 'Position',
    positionValue: 'no. {n}',
    peopleAhead: { zero: 'Nobody ahead of you', one: '1 person ahead of you', other: '{n} people ahead of you' },
    estimated: 'Expected call',
    scanStatus: 'Scan to see your queue status',
    printing: 'Your ticket is printing — please take it.',
    reprint: 'Print again',
    returnIn: 'Back to the start in {n} seconds',
    bringPpe: 'Wear a mask and gloves when you come in.',
    comeOnDay: 'Come on {date}',
    comeOnDayAt: 'Come on {date} at {time}',
    laterDayKeep: 'Keep this slip. No need to wait today.',
    printedAt: 'Printed {date} {time}',

    refusalTitle: 'Sorry, you cannot come in yet',
    refusalLead: 'To keep everyone safe, KTP-el recording at the office requires the health protocol.',
    refusalNeeded: 'What you need:',
    refusalComeBack: 'Please come back when you are ready. No queue number was issued.',
    need_MASK: 'Wear a mask',
    need_GLOVES: 'Wear gloves',
    need_NO_SYMPTOMS: 'Be well: no fever, cough or shortness of breath. If you are ill, see a doctor first.',

    quotaTitle: "Today's quota is full",
    nextAvailable: 'Earliest free slot: {date} at {time}',
    noneAvailable: 'There is no free slot in the next few days.',
    comeBack: 'Please come back',
    bookDay: 'Book a number for {date}',

    closedTitle: 'The office is closed',
    bookDayLead: 'You can book a queue number for that day now.',

    alreadyTitle: 'This NIK already has a queue number',
    alreadyToday: 'This NIK already has number {number} today.',
    alreadyOnDay: 'This NIK already has number {number} for {date}.',
    alreadyLost: 'Lost the slip? Ask for a reprint at a counter.',

    retryTitle: 'Connection lost',
    retryLead: 'Your request did not get through, or the answer was lost. Press “Try again”. You will not get two numbers.',
    retryFailed: 'Still not connected. Try again in a moment, or ask a staff member.',

    errorTitle: 'Something went wrong',
    errorGeneric: 'Please try again or ask a staff member.',

    idleWarn: 'The screen goes back to the start in {n} seconds. Touch the screen to continue.',

    state_ADMITTED: 'Please come into the waiting room',

    days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
      'September', 'October', 'November', 'December'],
  },
};

export const LANGS = ['id', 'en'];
let current = 'id';

export function setLang(lang) {
  current = LANGS.includes(lang) ? lang : 'id';
  document.documentElement.lang = current;
}

export const lang = () => current;

/** t('quotaLeft', {left: 3, limit: 50}); falls back to Indonesian, then to the key itself. */
export function t(key, params = {}) {
  const s = STRINGS[current][key] ?? STRINGS.id[key] ?? key;
  return typeof s === 'string' ? s.replace(/\{(\w+)\}/g, (_, k) => params[k] ?? '') : s;
}

/**
 * A count in words, singular or plural by the language's own rules (Intl.PluralRules), with
 * a sentence of its own for none: tn('peopleAhead', 1) → "1 person ahead of you". Indonesian has
 * no plural form, so its strings give only `zero` and `other`.
 */
export function tn(key, n, params = {}) {
  const forms = STRINGS[current][key] ?? STRINGS.id[key];
  if (!forms || typeof forms === 'string') return t(key, { ...params, n });
  const form = n === 0 && forms.zero ? 'zero' : new Intl.PluralRules(current === 'id' ? 'id' : 'en').select(n);
  const s = forms[form] ?? forms.other;
  return s.replace(/\{(\w+)\}/g, (_, k) => (k === 'n' ? String(n) : params[k] ?? ''));
}

/** Whether a key exists (e.g. a written "what you need" sentence for a checklist code). */
export const has = (key) => key in STRINGS[current] || key in STRINGS.id;

/** A server-side {id, en} label in the current language. */
export function pick(label) {
  if (label == null) return '';
  if (typeof label === 'string') return label;
  return label[current] ?? label.id ?? label.en ?? '';
}

/** Server error body → message in the current language ("messages" first, then "message"). */
export function errorText(body) {
  return (body && (pick(body.messages) || body.message)) || t('errorGeneric');
}

/**
 * What the resident does now, from the ticket's state: a ticket whose slot has started while the
 * waiting room has space is ADMITTED at once ("Silakan masuk ke ruang tunggu"); a BOOKED one
 * waits outside until it is called in; any later state in the server's own words.
 */
export function ticketInstruction(ticket, today) {
  const state = ticket?.state;
  // A ticket for a later day: waiting outside today would be wrong (the slip names the day and time).
  if ((!state || state === 'BOOKED') && today && ticket?.day && ticket.day !== today) return t('laterDayKeep');
  if (!state || state === 'BOOKED') return t('waitOutside');
  if (state === 'ADMITTED') return t('state_ADMITTED');
  return pick(ticket.stateLabel) || t('waitOutside');
}

/** "2026-12-01" → "Selasa, 1 Desember 2026" (weekday computed in UTC: the date has no zone). */
export function fmtDate(isoDay) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay || '');
  if (!m) return isoDay || '';
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  const weekday = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return `${t('days')[weekday]}, ${d} ${t('months')[mo - 1]} ${y}`;
}

/** An ISO instant → "09:40" on a 24-hour clock in the office's zone (WIB for OKI). */
export function fmtTime(iso, timeZone) {
  const date = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
      .format(date);
  } catch {
    return date.toTimeString().slice(0, 5);
  }
}

/** An ISO instant → "YYYY-MM-DD" in the office's zone. */
export function isoDayIn(date, timeZone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })
      .format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}

/** Slot {start, end} → "09:00–09:30". */
export const fmtSlot = (slot) => (slot ? [slot.start, slot.end].filter(Boolean).join('–') : '');
