-- Retention (issue 16) for document pickups: name, number, last 4 NIK digits and the representative
-- are erased a set time after the document was collected or returned to the archive.
ALTER TABLE pickup_document
    MODIFY nik_last4 CHAR(4) NULL,
    ADD COLUMN erased_at TIMESTAMP(3) NULL;
