-- Whether a counter (loket) is open, on break or closed, as staff last set it. No row: open.
-- Kept per office and counter id; a counter removed from the settings simply is not shown.
CREATE TABLE counter_status (
    office_id   VARCHAR(32)  NOT NULL,
    counter_id  VARCHAR(16)  NOT NULL,
    status      VARCHAR(8)   NOT NULL,
    since       TIMESTAMP(3) NOT NULL,
    changed_by  VARCHAR(64)  NULL,
    PRIMARY KEY (office_id, counter_id),
    CONSTRAINT fk_counter_status_office FOREIGN KEY (office_id) REFERENCES office (id)
) ENGINE=InnoDB;
