-- The office of the 2020 circular SE 470/172/Disdukcapil OKI/2020. Every value here is a starting
-- point an admin changes in the settings; no code depends on them.
INSERT INTO office (id, name_id, name_en, time_zone, nik_region, settings) VALUES (
  'oki',
  'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Ogan Komering Ilir',
  'Population and Civil Registration Office, Ogan Komering Ilir Regency',
  'Asia/Jakarta',
  '1602',
  '{
    "dailyQuota": {"KTP_EL_RECORDING": 50},
    "slotMinutes": 30,
    "slotCapacity": 5,
    "roomCapacity": 10,
    "bookingHorizonDays": 7,
    "openingHours": {
      "MONDAY":    [{"open": "08:00", "close": "15:00"}],
      "TUESDAY":   [{"open": "08:00", "close": "15:00"}],
      "WEDNESDAY": [{"open": "08:00", "close": "15:00"}],
      "THURSDAY":  [{"open": "08:00", "close": "15:00"}],
      "FRIDAY":    [{"open": "08:00", "close": "11:30"}],
      "SATURDAY":  [],
      "SUNDAY":    []
    },
    "holidays": [],
    "checklist": [
      {"code": "MASK", "required": true,
       "label": {"id": "Saya memakai masker", "en": "I am wearing a mask"}},
      {"code": "GLOVES", "required": true,
       "label": {"id": "Saya memakai sarung tangan", "en": "I am wearing gloves"}},
      {"code": "NO_SYMPTOMS", "required": true,
       "label": {"id": "Saya tidak demam, batuk, atau sesak napas", "en": "I have no fever, cough or shortness of breath"}}
    ],
    "urgencyReasons": [
      {"code": "SCHOOL", "label": {"id": "Pendaftaran sekolah / kuliah", "en": "School or university enrolment"}},
      {"code": "RECRUITMENT", "label": {"id": "Seleksi TNI / Polri / ASN", "en": "Military, police or civil-service recruitment"}},
      {"code": "HOSPITAL", "label": {"id": "Berobat / rumah sakit", "en": "Medical treatment / hospital"}},
      {"code": "BPJS_SOCIAL_AID", "label": {"id": "BPJS / bantuan sosial", "en": "BPJS health insurance / social aid"}},
      {"code": "OTHER", "label": {"id": "Lainnya (tulis alasan)", "en": "Other (write the reason)"}}
    ],
    "counters": [{"id": "1", "name": "Loket 1"}, {"id": "2", "name": "Loket 2"}],
    "nikRegionPolicy": "WARN"
  }'
);

INSERT INTO waiting_room (office_id) VALUES ('oki');

INSERT INTO service (office_id, code, sort_order, in_office, ticket_prefix, whatsapp, name_id, name_en) VALUES
 ('oki', 'KTP_EL_RECORDING', 1, TRUE, 'A', NULL, 'Perekaman KTP-el (mendesak)', 'Urgent KTP-el recording'),
 ('oki', 'KK', 2, FALSE, NULL, '+6287894567172', 'Kartu Keluarga (KK)', 'Family card (KK)'),
 ('oki', 'PINDAH_DATANG', 3, FALSE, NULL, '+6287894567172', 'Pindah datang penduduk', 'Moving in or out'),
 ('oki', 'KTP_EL_PRINT', 4, FALSE, NULL, '+6287894567172', 'Pencetakan KTP-el', 'KTP-el printing'),
 ('oki', 'AKTA_KELAHIRAN', 5, FALSE, NULL, '+6285927941900', 'Akta kelahiran', 'Birth certificate'),
 ('oki', 'AKTA_KEMATIAN', 6, FALSE, NULL, '+6285927941900', 'Akta kematian', 'Death certificate'),
 ('oki', 'AKTA_PERKAWINAN', 7, FALSE, NULL, '+6285927941900', 'Akta perkawinan', 'Marriage certificate'),
 ('oki', 'AKTA_PERCERAIAN', 8, FALSE, NULL, '+6285927941900', 'Akta perceraian', 'Divorce certificate'),
 ('oki', 'AKTA_PENGANGKATAN_PENGESAHAN_ANAK', 9, FALSE, NULL, '+6285927941900',
  'Akta pengangkatan dan pengesahan anak', 'Adoption and legitimation of a child');
