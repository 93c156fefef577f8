-- The one satisfaction question asked on the ticket page after DONE (IKM, 1-4). One answer per
-- ticket (the primary key); office and day are copied so the daily report reads this table alone.
-- The comment is the resident's own words: at most 500 characters, never shown on a public page.
CREATE TABLE survey_answer (
    ticket_id   BIGINT        NOT NULL PRIMARY KEY,
    office_id   VARCHAR(32)   NOT NULL,
    day         DATE          NOT NULL,
    score       TINYINT       NOT NULL,
    comment     VARCHAR(500)  NULL,
    answered_at TIMESTAMP(3)  NOT NULL,
    KEY ix_survey_office_day (office_id, day),
    CONSTRAINT ck_survey_score CHECK (score BETWEEN 1 AND 4)
);
