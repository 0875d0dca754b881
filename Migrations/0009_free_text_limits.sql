-- caseload:foreign-keys-off
-- Free-text columns that had no length rule get the application's (SPEC §10, §14): at most
-- 4,000 characters, counted as SQLite's length() counts them (Unicode scalars), which is how
-- InputHygiene counts after NFC. SQLite cannot add a CHECK to a column, so each table is
-- rebuilt (SQLite's twelve-step procedure: new table, copy, drop, rename, then its indexes and
-- triggers). Other tables refer to these ones, so the migrator runs this with foreign keys
-- off and checks `PRAGMA foreign_key_check` before it commits.

CREATE TABLE supervision_term_new (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    officer_id TEXT NOT NULL REFERENCES officer (id),
    starts_on TEXT NOT NULL CHECK (starts_on IS date(starts_on, '+0 days')),
    months INTEGER NOT NULL CHECK (months BETWEEN 6 AND 12),
    ends_on TEXT NOT NULL CHECK (ends_on IS date(ends_on, '+0 days') AND ends_on >= starts_on),
    level TEXT NOT NULL CHECK (level IN ('high', 'medium', 'low')),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'discharged', 'revoked')),
    closed_on TEXT CHECK (closed_on IS date(closed_on, '+0 days')),
    close_reason TEXT CHECK (length(close_reason) BETWEEN 1 AND 4000),
    first_interview_due_on TEXT NOT NULL CHECK (first_interview_due_on IS date(first_interview_due_on, '+0 days')),
    first_life_log_due_on TEXT NOT NULL CHECK (first_life_log_due_on IS date(first_life_log_due_on, '+0 days')),
    created_at TEXT NOT NULL,
    CHECK ((status = 'open') = (closed_on IS NULL))
) STRICT;
INSERT INTO supervision_term_new SELECT * FROM supervision_term;
DROP TABLE supervision_term;
ALTER TABLE supervision_term_new RENAME TO supervision_term;
CREATE INDEX supervision_term_person ON supervision_term (person_id, starts_on);
CREATE INDEX supervision_term_officer ON supervision_term (officer_id, status);

CREATE TABLE term_level_change_new (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    level TEXT NOT NULL CHECK (level IN ('high', 'medium', 'low')),
    effective_on TEXT NOT NULL CHECK (effective_on IS date(effective_on, '+0 days')),
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    reason TEXT CHECK (length(reason) BETWEEN 1 AND 4000)
) STRICT;
INSERT INTO term_level_change_new SELECT * FROM term_level_change;
DROP TABLE term_level_change;
ALTER TABLE term_level_change_new RENAME TO term_level_change;
CREATE INDEX term_level_change_term ON term_level_change (term_id, effective_on);

CREATE TABLE appointment_outcome_new (
    id INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointment (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('attended', 'failed-to-attend', 'acceptable-absence',
                                             'unacceptable-absence', 'rescheduled')),
    reason TEXT CHECK (reason IN ('illness', 'medical', 'employment', 'family-emergency',
                                  'court', 'transport', 'other')),
    requested_by TEXT CHECK (requested_by IN ('supervisee', 'agency')),
    new_appointment_id INTEGER REFERENCES appointment (id),
    notes TEXT CHECK (length(notes) BETWEEN 1 AND 4000),
    corrects_outcome_id INTEGER REFERENCES appointment_outcome (id),
    correction_reason TEXT CHECK (length(correction_reason) BETWEEN 1 AND 4000),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK ((outcome = 'acceptable-absence') = (reason IS NOT NULL)),
    CHECK ((outcome = 'rescheduled') = (requested_by IS NOT NULL)),
    CHECK ((corrects_outcome_id IS NULL) = (correction_reason IS NULL))
) STRICT;
INSERT INTO appointment_outcome_new SELECT * FROM appointment_outcome;
DROP TABLE appointment_outcome;
ALTER TABLE appointment_outcome_new RENAME TO appointment_outcome;
CREATE INDEX appointment_outcome_appointment ON appointment_outcome (appointment_id, id);
CREATE TRIGGER appointment_outcome_is_append_only_update BEFORE UPDATE ON appointment_outcome
BEGIN SELECT RAISE(ABORT, 'recorded outcomes are never edited; record a correction'); END;
CREATE TRIGGER appointment_outcome_is_append_only_delete BEFORE DELETE ON appointment_outcome
BEGIN SELECT RAISE(ABORT, 'recorded outcomes are never deleted'); END;
