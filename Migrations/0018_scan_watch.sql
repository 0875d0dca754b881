-- The daily scan pays for what is new (issue 14): which terms a scan must look at.
--
-- After a scan judged a term, nothing the scan detects can change for it until either one of
-- its records changes (the triggers below note the term in `scan_pending`) or a day comes on
-- which a window closes or a month of silence completes (`scan_watch.next_on`, computed by
-- `ViolationRules.nextJudgement`; NULL: no such day). A daily scan reads the pending terms and
-- those whose day has come, by these two indexes, instead of every term in scope. A scan as
-- of an instant before the latest change (`scan_clock`) reads every term, and leaves both
-- tables as they are: records dated after its day exist, which it cannot see.
CREATE TABLE scan_watch (
    term_id INTEGER PRIMARY KEY REFERENCES supervision_term (id),
    next_on TEXT CHECK (next_on IS date(next_on, '+0 days'))
) STRICT;
CREATE INDEX scan_watch_next ON scan_watch (next_on) WHERE next_on IS NOT NULL;

CREATE TABLE scan_pending (
    term_id INTEGER PRIMARY KEY
) STRICT;

-- The latest instant (seconds since the epoch) of a change made through a use case.
CREATE TABLE scan_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    latest_change_at INTEGER NOT NULL
) STRICT;
INSERT INTO scan_clock (id, latest_change_at) VALUES (1, -9223372036854775808);

CREATE TRIGGER scan_term_insert AFTER INSERT ON supervision_term
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.id); END;
CREATE TRIGGER scan_term_update AFTER UPDATE ON supervision_term
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.id); END;
CREATE TRIGGER scan_level_change AFTER INSERT ON term_level_change
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER scan_appointment_insert AFTER INSERT ON appointment WHEN new.outcome IS NOT NULL
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER scan_appointment_update AFTER UPDATE OF outcome, local_date, local_time, term_id ON appointment
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER scan_life_log_entry AFTER INSERT ON life_log_entry
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER scan_location_report_insert AFTER INSERT ON location_report
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER scan_location_report_delete AFTER DELETE ON location_report
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (old.term_id); END;
CREATE TRIGGER scan_restriction_insert AFTER INSERT ON restriction
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER scan_restriction_update AFTER UPDATE ON restriction
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER scan_restriction_delete AFTER DELETE ON restriction
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (old.term_id); END;
CREATE TRIGGER scan_violation_delete AFTER DELETE ON violation
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (old.term_id); END;
-- A term whose settled date is gone is read in full again (see 0007).
CREATE TRIGGER scan_settled_delete AFTER DELETE ON life_log_settled
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) VALUES (old.term_id); END;
-- Holidays move evidence windows; the settings move every window.
CREATE TRIGGER scan_holiday_insert AFTER INSERT ON holiday
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_holiday_update AFTER UPDATE ON holiday
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_holiday_delete AFTER DELETE ON holiday
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_contact_standard_insert AFTER INSERT ON contact_standard
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_contact_standard_update AFTER UPDATE ON contact_standard
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_contact_standard_delete AFTER DELETE ON contact_standard
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_agency_setting_insert AFTER INSERT ON agency_setting
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_agency_setting_update AFTER UPDATE ON agency_setting
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;
CREATE TRIGGER scan_agency_setting_delete AFTER DELETE ON agency_setting
BEGIN INSERT OR IGNORE INTO scan_pending (term_id) SELECT id FROM supervision_term; END;

-- An existing database: its next scan looks at every term.
INSERT INTO scan_pending (term_id) SELECT id FROM supervision_term;
