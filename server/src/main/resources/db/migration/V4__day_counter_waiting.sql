-- How many of the day's tickets still wait (BOOKED or ADMITTED), kept in the same transactions
-- that issue, call and cancel them. A newly issued ticket's position is then this count minus
-- the few tickets queued behind it, instead of a count over everyone ahead of it.
ALTER TABLE day_counter ADD COLUMN waiting INT NOT NULL DEFAULT 0,
    ADD KEY ix_day_counter_day (office_id, day);

UPDATE day_counter d SET waiting = (
    SELECT COUNT(*) FROM ticket t
    WHERE t.office_id = d.office_id AND t.service = d.service AND t.day = d.day
      AND t.state IN ('BOOKED', 'ADMITTED') AND t.number IS NOT NULL);
