-- The last settings document a save checked in full (schema and office rules). Should the settings
-- column ever fail to read (edited by hand), a node that has no good copy in memory falls back to this.
ALTER TABLE office ADD COLUMN settings_last_good JSON NULL CHECK (settings_last_good IS NULL OR JSON_VALID(settings_last_good));

UPDATE office SET settings_last_good = settings;
