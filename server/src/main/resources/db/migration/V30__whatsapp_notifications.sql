-- WhatsApp notifications: per-office switch, residents' consent, and the transactional outbox.

-- Off until an admin turns it on (and the provider is configured); N ahead for "your turn is near";
-- how long a consented number is kept after the ticket's day (said on the kiosk).
CREATE TABLE notify_office (
    office_id    VARCHAR(32)  NOT NULL PRIMARY KEY,
    enabled      BOOLEAN      NOT NULL DEFAULT FALSE,
    near_ahead   SMALLINT     NOT NULL DEFAULT 3,
    keep_days    SMALLINT     NOT NULL DEFAULT 30,
    updated_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    CONSTRAINT fk_notify_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

-- A resident's yes to messages for one ticket: which text they were shown, when, in which
-- language; stopped_at once they said stop (ticket page or an inbound STOP / BERHENTI).
CREATE TABLE notify_consent (
    ticket_id     BIGINT       NOT NULL PRIMARY KEY,
    office_id     VARCHAR(32)  NOT NULL,
    phone         VARCHAR(20)  NOT NULL,
    language      CHAR(2)      NOT NULL,
    text_version  VARCHAR(32)  NOT NULL,
    consented_at  TIMESTAMP(3) NOT NULL,
    stopped_at    TIMESTAMP(3) NULL,
    stopped_via   VARCHAR(16)  NULL,
    KEY ix_consent_phone (phone),
    CONSTRAINT fk_consent_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- One row per message, written in the transaction of the change that causes it. Any node claims
-- a due row by a compare-and-set on claimed_until (no FOR UPDATE: it does not cross Galera nodes).
-- dedupe_key makes "once per ticket" messages (turn near) and replays idempotent.
CREATE TABLE notify_outbox (
    id              BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    office_id       VARCHAR(32)  NOT NULL,
    ticket_id       BIGINT       NOT NULL,
    kind            VARCHAR(24)  NOT NULL,
    dedupe_key      VARCHAR(64)  NOT NULL,
    recipient       VARCHAR(20)  NOT NULL,
    language        CHAR(2)      NOT NULL,
    params          JSON         NOT NULL CHECK (JSON_VALID(params)),
    -- PENDING, SENT, FAILED (provider said final), DEAD (retries used up), DROPPED (stale or stopped)
    state           VARCHAR(12)  NOT NULL,
    not_before      TIMESTAMP(3) NOT NULL,
    next_attempt_at TIMESTAMP(3) NOT NULL,
    attempts        INT          NOT NULL DEFAULT 0,
    claimed_by      VARCHAR(64)  NULL,
    claimed_until   TIMESTAMP(3) NULL,
    -- Claims that expired without an outcome recorded: the message may have gone out twice.
    lost_claims     INT          NOT NULL DEFAULT 0,
    provider_id     VARCHAR(128) NULL,
    -- From the webhook: sent 1, delivered 2, read 3, failed 4; only a higher rank replaces a lower one.
    delivery        VARCHAR(12)  NULL,
    delivery_rank   TINYINT      NOT NULL DEFAULT 0,
    delivery_at     TIMESTAMP(3) NULL,
    last_error      VARCHAR(300) NULL,
    created_at      TIMESTAMP(3) NOT NULL,
    sent_at         TIMESTAMP(3) NULL,
    finished_at     TIMESTAMP(3) NULL,
    UNIQUE KEY uq_outbox_dedupe (dedupe_key),
    KEY ix_outbox_due (state, next_attempt_at),
    KEY ix_outbox_ticket (ticket_id, id),
    KEY ix_outbox_provider (provider_id),
    KEY ix_outbox_office (office_id, created_at),
    CONSTRAINT fk_outbox_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) ON DELETE CASCADE
) ENGINE=InnoDB;

-- At most one message per recipient every few seconds (the provider's pair rate), across nodes:
-- a node may send only after moving next_at forward with a compare-and-set.
CREATE TABLE notify_pace (
    recipient  VARCHAR(20)  NOT NULL PRIMARY KEY,
    next_at    TIMESTAMP(3) NOT NULL
) ENGINE=InnoDB;

-- What the provider last answered, per node, for the admins' page.
CREATE TABLE notify_provider_health (
    node        VARCHAR(64)  NOT NULL PRIMARY KEY,
    ok          BOOLEAN      NOT NULL,
    detail      VARCHAR(300) NULL,
    checked_at  TIMESTAMP(3) NOT NULL
) ENGINE=InnoDB;
