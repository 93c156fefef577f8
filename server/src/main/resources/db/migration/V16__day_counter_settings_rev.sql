-- The settings revision and slot layout a day's slot rows were counted for. A ticket is taken only
-- when its own settings revision matches; a newer one first recounts the day's booked persons into
-- the slots of its layout, so a change of slot length or hours mid-day cannot overbook a time window.
-- NULL (days begun before this migration) is recounted by the next ticket.
ALTER TABLE day_counter
    ADD COLUMN settings_rev INT NULL,
    ADD COLUMN layout INT NULL;
