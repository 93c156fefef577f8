-- What a resident sends by WhatsApp for each service not handled in the office. Starting texts an
-- admin may change; pickup of finished documents is announced by WhatsApp (circular, last point).
ALTER TABLE service
    ADD COLUMN send_id VARCHAR(500) NULL,
    ADD COLUMN send_en VARCHAR(500) NULL;

UPDATE service SET
  send_id = 'Kirim nama lengkap, NIK, nomor HP, foto KK lama, foto KTP-el, dan alasan perubahan KK.',
  send_en = 'Send your full name, NIK, phone number, a photo of the old family card, of your KTP-el, and why the card changes.'
  WHERE code = 'KK';
UPDATE service SET
  send_id = 'Kirim nama lengkap, NIK, nomor HP, foto KK dan KTP-el, alamat asal dan tujuan, serta surat pindah bila ada.',
  send_en = 'Send your full name, NIK, phone number, photos of the family card and KTP-el, old and new address, and the moving letter if you have one.'
  WHERE code = 'PINDAH_DATANG';
UPDATE service SET
  send_id = 'Kirim nama lengkap, NIK, nomor HP, dan foto KK. Jadwal pengambilan KTP-el diberitahukan lewat WhatsApp.',
  send_en = 'Send your full name, NIK, phone number and a photo of the family card. You will be told by WhatsApp when to collect the KTP-el.'
  WHERE code = 'KTP_EL_PRINT';
UPDATE service SET
  send_id = 'Kirim foto surat keterangan lahir, KK, KTP-el kedua orang tua, dan buku nikah atau akta perkawinan.',
  send_en = 'Send photos of the birth notification, the family card, both parents'' KTP-el, and the marriage book or certificate.'
  WHERE code = 'AKTA_KELAHIRAN';
UPDATE service SET
  send_id = 'Kirim foto surat keterangan kematian, KK, serta KTP-el almarhum dan pelapor.',
  send_en = 'Send photos of the death notification, the family card, and the KTP-el of the deceased and of the person reporting.'
  WHERE code = 'AKTA_KEMATIAN';
UPDATE service SET
  send_id = 'Kirim foto surat keterangan perkawinan dari pemuka agama, KK, KTP-el kedua mempelai, dan pas foto berdua.',
  send_en = 'Send photos of the marriage statement from the religious leader, the family cards, both spouses'' KTP-el and a photo of the couple.'
  WHERE code = 'AKTA_PERKAWINAN';
UPDATE service SET
  send_id = 'Kirim foto putusan pengadilan yang telah berkekuatan hukum tetap, akta perkawinan, KK, dan KTP-el.',
  send_en = 'Send photos of the final court decision, the marriage certificate, the family card and the KTP-el.'
  WHERE code = 'AKTA_PERCERAIAN';
UPDATE service SET
  send_id = 'Kirim foto penetapan pengadilan, akta kelahiran anak, KK, dan KTP-el orang tua.',
  send_en = 'Send photos of the court order, the child''s birth certificate, the family card and the parents'' KTP-el.'
  WHERE code = 'AKTA_PENGANGKATAN_PENGESAHAN_ANAK';
