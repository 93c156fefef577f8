-- Document pickup (issue 14): finished documents announced by WhatsApp, their pickup appointments
-- in pickup slots of their own capacity, and pickup tickets (service 'PICKUP') in the same queue.

-- Per office; an office without a row runs on the defaults (PickupSettings.DEFAULTS).
CREATE TABLE pickup_settings (
    office_id             VARCHAR(32)  NOT NULL PRIMARY KEY,
    slot_minutes          SMALLINT     NOT NULL,
    slot_capacity         SMALLINT     NOT NULL,
    day_capacity          SMALLINT     NOT NULL,
    horizon_days          SMALLINT     NOT NULL,
    lead_days             SMALLINT     NOT NULL,
    overdue_days          SMALLINT     NOT NULL,
    second_reminder_days  SMALLINT     NOT NULL,
    archive_days          SMALLINT     NOT NULL,
    -- {"<counter id>": "RECORDING" | "PICKUP" | "BOTH"}; a counter not listed serves both.
    counter_serves        VARCHAR(4000) NOT NULL,
    updated_at            TIMESTAMP(3) NOT NULL,
    CONSTRAINT fk_pickup_settings_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

-- One finished document. PERSONAL DATA: resident_name, whatsapp_phone, representative_name and
-- representative_relation (erased to NULL by retention once collected_at / archived_at is older
-- than the office's retention period); nik_last4 is the NIK's last four digits only.
CREATE TABLE pickup_document (
    id                      BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    office_id               VARCHAR(32)  NOT NULL,
    doc_type                VARCHAR(32)  NOT NULL,
    reference               VARCHAR(64)  NOT NULL,
    resident_name           VARCHAR(100) NULL,
    whatsapp_phone          VARCHAR(20)  NULL,
    nik_last4               CHAR(4)      NOT NULL,
    language                CHAR(2)      NOT NULL,
    -- The link's token (like a ticket's); the pickup code is derived from it with the server's secret
    -- and only its keyed hash is stored, for the kiosk's lookup.
    link_token              VARCHAR(32)  NOT NULL,
    code_hash               BINARY(32)   NOT NULL,
    -- READY, COLLECTED, ARCHIVED
    state                   VARCHAR(12)  NOT NULL,
    appt_day                DATE         NOT NULL,
    appt_start_min          SMALLINT     NOT NULL,
    appt_end_min            SMALLINT     NOT NULL,
    reschedules             INT          NOT NULL DEFAULT 0,
    reminders_sent          TINYINT      NOT NULL DEFAULT 0,
    representative_name     VARCHAR(100) NULL,
    representative_relation VARCHAR(50)  NULL,
    -- Why messages may be sent: the resident gave this number to the office over WhatsApp for it.
    consent_basis           VARCHAR(32)  NOT NULL,
    consent_text_version    VARCHAR(32)  NOT NULL,
    messages_stopped_at     TIMESTAMP(3) NULL,
    registered_at           TIMESTAMP(3) NOT NULL,
    registered_day          DATE         NOT NULL,
    registered_by           VARCHAR(64)  NOT NULL,
    ticket_id               BIGINT       NULL,
    overdue_day             DATE         NULL,
    collected_at            TIMESTAMP(3) NULL,
    collected_day           DATE         NULL,
    collector               VARCHAR(16)  NULL,
    collected_by            VARCHAR(64)  NULL,
    archived_at             TIMESTAMP(3) NULL,
    UNIQUE KEY uq_pickup_reference (office_id, doc_type, reference),
    UNIQUE KEY uq_pickup_token (link_token),
    UNIQUE KEY uq_pickup_code (office_id, code_hash),
    KEY ix_pickup_state_day (office_id, state, appt_day),
    KEY ix_pickup_ticket (ticket_id),
    KEY ix_pickup_registered (office_id, registered_day),
    KEY ix_pickup_collected (office_id, collected_day),
    CONSTRAINT fk_pickup_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

-- A day's pickup appointments. The row is locked by every booking of the day, so the day's and its
-- slots' capacity hold with any number of staff and nodes registering at once. layout: the slot
-- layout the day's pickup_slot rows were made for.
CREATE TABLE pickup_day (
    office_id  VARCHAR(32) NOT NULL,
    day        DATE        NOT NULL,
    booked     INT         NOT NULL DEFAULT 0,
    layout     INT         NULL,
    PRIMARY KEY (office_id, day)
) ENGINE=InnoDB;

CREATE TABLE pickup_slot (
    office_id  VARCHAR(32) NOT NULL,
    day        DATE        NOT NULL,
    start_min  SMALLINT    NOT NULL,
    end_min    SMALLINT    NOT NULL,
    booked     INT         NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, day, start_min)
) ENGINE=InnoDB;

-- Pickup messages go through the same outbox: a row is about a ticket or about a document.
ALTER TABLE notify_outbox MODIFY ticket_id BIGINT NULL,
    ADD COLUMN pickup_id BIGINT NULL,
    ADD KEY ix_outbox_pickup (pickup_id, id),
    ADD CONSTRAINT fk_outbox_pickup FOREIGN KEY (pickup_id) REFERENCES pickup_document (id) ON DELETE CASCADE;
