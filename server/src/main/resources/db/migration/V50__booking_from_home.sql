-- Booking from home (issue 15). A ticket booked on a phone is not in the building: it waits for
-- its resident to check in at the door (awaits_checkin) before it may take a waiting-room place.
-- The short code is what a resident types at the kiosk when the QR code cannot be scanned; it is
-- unique over all offices, so a code names one ticket and nothing else.
ALTER TABLE ticket
    ADD COLUMN awaits_checkin BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN checked_in_at  TIMESTAMP(3) NULL,
    ADD COLUMN short_code     CHAR(8) NULL,
    ADD UNIQUE KEY uq_ticket_short_code (short_code),
    ADD KEY ix_ticket_awaiting (awaits_checkin, office_id, state, day);

-- Phone bookings of the day, kept in the same transactions as issued: the phone share of the quota.
ALTER TABLE day_counter ADD COLUMN phone_issued INT NOT NULL DEFAULT 0;

-- The booking rules a supervisor may change: phone share of the quota, grace period, request limits.
CREATE TABLE booking_settings (
    office_id   VARCHAR(32)  NOT NULL PRIMARY KEY,
    settings    JSON         NOT NULL CHECK (JSON_VALID(settings)),
    updated_at  TIMESTAMP(3) NOT NULL,
    updated_by  VARCHAR(64)  NULL,
    CONSTRAINT fk_booking_settings_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;

-- Booking requests turned down (by a rule or by a request limit), counted per day for the report:
-- one row per office, day and kind, added to in batches (a flood costs no row per request).
CREATE TABLE booking_refusal (
    office_id   VARCHAR(32)  NOT NULL,
    day         DATE         NOT NULL,
    kind        VARCHAR(40)  NOT NULL,
    n           INT          NOT NULL DEFAULT 0,
    PRIMARY KEY (office_id, day, kind)
) ENGINE=InnoDB;
