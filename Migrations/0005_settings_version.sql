-- A counter that every change to the agency's settings bumps (the agency row, the contact
-- standard, the agency settings, the holidays, the staff accounts). A process keeps what it
-- read with the counter it saw, and reads again only when the counter has moved: one indexed
-- read per command instead of four queries, a time-zone check and an account look-up. It lives
-- in the file, so a change made by another process (or connection) is seen at its next command.
CREATE TABLE settings_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
) STRICT;
INSERT INTO settings_version (id, version) VALUES (1, 0);

CREATE TRIGGER agency_changed_insert AFTER INSERT ON agency
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agency_changed_update AFTER UPDATE ON agency
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agency_changed_delete AFTER DELETE ON agency
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER contact_standard_changed_insert AFTER INSERT ON contact_standard
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER contact_standard_changed_update AFTER UPDATE ON contact_standard
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER contact_standard_changed_delete AFTER DELETE ON contact_standard
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER agency_setting_changed_insert AFTER INSERT ON agency_setting
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agency_setting_changed_update AFTER UPDATE ON agency_setting
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER agency_setting_changed_delete AFTER DELETE ON agency_setting
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER holiday_changed_insert AFTER INSERT ON holiday
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER holiday_changed_update AFTER UPDATE ON holiday
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER holiday_changed_delete AFTER DELETE ON holiday
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;

CREATE TRIGGER officer_changed_insert AFTER INSERT ON officer
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER officer_changed_update AFTER UPDATE ON officer
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER officer_changed_delete AFTER DELETE ON officer
BEGIN UPDATE settings_version SET version = version + 1 WHERE id = 1; END;
