-- Personal data lifecycle (issue 16): how long an office keeps residents' personal data, the claim
-- row that lets one node at a time erase what is past its time, and erasable columns.

-- Per office: days personal data is kept after a ticket ends, and after a document was collected
-- (pickups). The run_* columns are the retention job's claim (a compare-and-set, so it holds across
-- Galera nodes, where GET_LOCK and FOR UPDATE do not) and the last run's outcome.
CREATE TABLE privacy_office (
    office_id             VARCHAR(32)  NOT NULL PRIMARY KEY,
    keep_days_ticket      SMALLINT     NOT NULL DEFAULT 30,
    keep_days_pickup      SMALLINT     NOT NULL DEFAULT 30,
    updated_at            TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    run_claimed_by        VARCHAR(64)  NULL,
    run_claimed_until     TIMESTAMP(3) NULL,
    last_run_at           TIMESTAMP(3) NULL,
    last_run_erased       INT          NULL,
    CONSTRAINT fk_privacy_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

INSERT INTO privacy_office (office_id) SELECT id FROM office;

-- A ticket's personal data (NIK hash and last 4, name, phone, notes, temperature, priority group)
-- can be erased; erased_at says when, so the ticket page and contact tracing can say so. What
-- reports need (service, day, number, states, times, counter, channel) stays.
ALTER TABLE ticket
    MODIFY nik_hash BINARY(32) NULL,
    MODIFY nik_last4 CHAR(4) NULL,
    ADD COLUMN erased_at TIMESTAMP(3) NULL,
    ADD KEY ix_ticket_erase (office_id, erased_at, day);

-- A consent's number and a message's recipient are erased with the rest (or at once when the
-- resident deletes their WhatsApp number); the rows stay for the reports until their own time.
ALTER TABLE notify_consent MODIFY phone VARCHAR(20) NULL;
ALTER TABLE notify_outbox MODIFY recipient VARCHAR(20) NULL;

-- A resident's tickets by NIK (keyed hash): the supervisor's answer to a data request, and contact
-- tracing by NIK.
ALTER TABLE ticket ADD KEY ix_ticket_nik (office_id, nik_hash);
