-- Antrean schema. Times are UTC (TIMESTAMP); a ticket's day and slot are in the office's own zone.

CREATE TABLE office (
    id            VARCHAR(32)  NOT NULL PRIMARY KEY,
    name_id       VARCHAR(200) NOT NULL,
    name_en       VARCHAR(200) NOT NULL,
    time_zone     VARCHAR(64)  NOT NULL,
    nik_region    VARCHAR(6)   NOT NULL,
    settings      JSON         NOT NULL CHECK (JSON_VALID(settings)),
    settings_rev  INT          NOT NULL DEFAULT 1,
    updated_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=InnoDB;

-- What residents can ask for: in office (a ticket) or by WhatsApp (a number, no ticket).
CREATE TABLE service (
    office_id     VARCHAR(32)  NOT NULL,
    code          VARCHAR(64)  NOT NULL,
    sort_order    INT          NOT NULL,
    in_office     BOOLEAN      NOT NULL,
    ticket_prefix VARCHAR(4)   NULL,
    whatsapp      VARCHAR(20)  NULL,
    name_id       VARCHAR(200) NOT NULL,
    name_en       VARCHAR(200) NOT NULL,
    PRIMARY KEY (office_id, code),
    CONSTRAINT fk_service_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

-- The hot row of ticket issuing: one per office, service and day. Touched last in the transaction.
CREATE TABLE day_counter (
    office_id     VARCHAR(32)  NOT NULL,
    service       VARCHAR(64)  NOT NULL,
    day           DATE         NOT NULL,
    last_number   INT          NOT NULL DEFAULT 0,
    issued        INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, service, day)
) ENGINE=InnoDB;

-- How many tickets each slot of a day holds. The layout number changes with the opening hours or
-- the slot length, so slots of an older layout are never mixed with the current ones.
CREATE TABLE slot_usage (
    office_id     VARCHAR(32)  NOT NULL,
    service       VARCHAR(64)  NOT NULL,
    day           DATE         NOT NULL,
    layout        INT          NOT NULL,
    start_min     SMALLINT     NOT NULL,
    end_min       SMALLINT     NOT NULL,
    used          INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, service, day, layout, start_min)
) ENGINE=InnoDB;

CREATE TABLE ticket (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    token           VARCHAR(32)  NOT NULL,
    office_id       VARCHAR(32)  NOT NULL,
    service         VARCHAR(64)  NOT NULL,
    day             DATE         NOT NULL,
    ticket_prefix   VARCHAR(4)   NOT NULL,
    number          INT          NULL,
    slot_start_min  SMALLINT     NULL,
    slot_end_min    SMALLINT     NULL,
    slot_layout     INT          NULL,
    state           VARCHAR(16)  NOT NULL,
    priority_group  VARCHAR(16)  NULL,
    priority_rank   TINYINT      NOT NULL,
    urgency_reason  VARCHAR(32)  NOT NULL,
    urgency_note    VARCHAR(200) NULL,
    nik_hash        BINARY(32)   NOT NULL,
    nik_last4       CHAR(4)      NOT NULL,
    -- Set while the ticket is active, NULL once it ends: the one-active-ticket-per-NIK rule.
    active_nik_hash BINARY(32)   NULL,
    region_warning  BOOLEAN      NOT NULL DEFAULT FALSE,
    name            VARCHAR(100) NULL,
    phone           VARCHAR(20)  NULL,
    channel         VARCHAR(16)  NOT NULL,
    counter_id      VARCHAR(16)  NULL,
    -- Set while the ticket is CALLED or SERVING: one resident at a counter at a time.
    active_counter  VARCHAR(16)  NULL,
    recalls         INT          NOT NULL DEFAULT 0,
    refuse_reason   VARCHAR(200) NULL,
    temperature_c   DECIMAL(4,1) NULL,
    issued_at       TIMESTAMP(3) NOT NULL,
    admitted_at     TIMESTAMP(3) NULL,
    called_at       TIMESTAMP(3) NULL,
    serving_at      TIMESTAMP(3) NULL,
    finished_at     TIMESTAMP(3) NULL,
    UNIQUE KEY uq_ticket_token (token),
    UNIQUE KEY uq_ticket_number (office_id, service, day, number),
    UNIQUE KEY uq_ticket_active_nik (office_id, day, active_nik_hash),
    UNIQUE KEY uq_ticket_active_counter (office_id, day, active_counter),
    KEY ix_ticket_queue (office_id, day, state, priority_rank, slot_start_min, number),
    CONSTRAINT fk_ticket_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

-- Every state change, appended in the same transaction: the single source for displays,
-- notifications, reports and the audit trail. No personal data in payloads.
CREATE TABLE event (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    office_id   VARCHAR(32)  NULL,
    type        VARCHAR(32)  NOT NULL,
    ticket_id   BIGINT       NULL,
    actor       VARCHAR(64)  NULL,
    payload     JSON         NOT NULL CHECK (JSON_VALID(payload)),
    created_at  TIMESTAMP(3) NOT NULL,
    KEY ix_event_office (office_id, id),
    KEY ix_event_type_time (office_id, type, created_at)
) ENGINE=InnoDB;

-- One row per office: locked while tickets are admitted into the waiting room, so two nodes never
-- admit past the room's capacity.
CREATE TABLE waiting_room (
    office_id   VARCHAR(32)  NOT NULL PRIMARY KEY,
    CONSTRAINT fk_room_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

-- Responses already given to a client's Idempotency-Key, so a retried request never issues twice.
CREATE TABLE idempotency_key (
    office_id     VARCHAR(32)  NOT NULL,
    idem_key      VARCHAR(128) NOT NULL,
    request_hash  BINARY(32)   NOT NULL,
    status        SMALLINT     NOT NULL,
    response      JSON         NOT NULL CHECK (JSON_VALID(response)),
    created_at    TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (office_id, idem_key),
    KEY ix_idem_created (created_at)
) ENGINE=InnoDB;

CREATE TABLE staff (
    username        VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash   VARCHAR(255) NOT NULL,
    role            VARCHAR(16)  NOT NULL,
    disabled        BOOLEAN      NOT NULL DEFAULT FALSE,
    failed_logins   INT          NOT NULL DEFAULT 0,
    locked_until    TIMESTAMP(3) NULL,
    created_at      TIMESTAMP(3) NOT NULL,
    updated_at      TIMESTAMP(3) NOT NULL
) ENGINE=InnoDB;

-- Only a hash of the session token is stored: a copy of this table cannot log anyone in.
CREATE TABLE staff_session (
    token_hash    BINARY(32)   NOT NULL PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    csrf_token    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL,
    last_seen_at  TIMESTAMP(3) NOT NULL,
    KEY ix_session_user (username),
    CONSTRAINT fk_session_staff FOREIGN KEY (username) REFERENCES staff (username) ON DELETE CASCADE
) ENGINE=InnoDB;
