-- Date columns are checked with `d IS date(d, '+0 days')`: it refuses text that is not a date
-- and days that do not exist (2026-02-30), which `d = date(d)` lets through.
--
-- The supervision core: holidays, contact standard, persons, terms, interviews, life-log
-- entries, location reports and the audit log. Dates are local agency dates (YYYY-MM-DD);
-- instants are UTC text (YYYY-MM-DDTHH:MM:SSZ), which sorts like the instants.

CREATE TABLE agency_setting (
    key TEXT PRIMARY KEY CHECK (key IN (
        'first_interview_business_days', 'evidence_window_business_days', 'life_log_grace_days')),
    value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 60)
) STRICT;
INSERT INTO agency_setting (key, value) VALUES
    ('first_interview_business_days', 3),
    ('evidence_window_business_days', 5),
    ('life_log_grace_days', 3);

-- SPEC §4 contact standard, per supervision level.
CREATE TABLE contact_standard (
    level TEXT PRIMARY KEY CHECK (level IN ('high', 'medium', 'low')),
    interview_interval_days INTEGER NOT NULL CHECK (interview_interval_days BETWEEN 1 AND 366),
    life_log_interval_days INTEGER NOT NULL CHECK (life_log_interval_days BETWEEN 1 AND 366)
) STRICT;
INSERT INTO contact_standard (level, interview_interval_days, life_log_interval_days) VALUES
    ('high', 7, 7),
    ('medium', 14, 7),
    ('low', 28, 14);

CREATE TABLE holiday (
    on_date TEXT PRIMARY KEY CHECK (on_date IS date(on_date, '+0 days')),
    name TEXT CHECK (name IS NULL OR length(name) BETWEEN 1 AND 200),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    case_ref TEXT NOT NULL UNIQUE CHECK (length(case_ref) BETWEEN 1 AND 32),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    born_on TEXT NOT NULL CHECK (born_on IS date(born_on, '+0 days')),
    home_latitude REAL CHECK (home_latitude BETWEEN -90 AND 90),
    home_longitude REAL CHECK (home_longitude BETWEEN -180 AND 180),
    created_at TEXT NOT NULL,
    CHECK ((home_latitude IS NULL) = (home_longitude IS NULL))
) STRICT;

-- A term is 'open' until it is discharged early or revoked by an approved recall; an open
-- term whose ends_on has passed reads as 'completed' (derived, so no job has to flip it).
CREATE TABLE supervision_term (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person (id),
    officer_id TEXT NOT NULL REFERENCES officer (id),
    starts_on TEXT NOT NULL CHECK (starts_on IS date(starts_on, '+0 days')),
    months INTEGER NOT NULL CHECK (months BETWEEN 6 AND 12),
    ends_on TEXT NOT NULL CHECK (ends_on IS date(ends_on, '+0 days') AND ends_on >= starts_on),
    level TEXT NOT NULL CHECK (level IN ('high', 'medium', 'low')),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'discharged', 'revoked')),
    closed_on TEXT CHECK (closed_on IS date(closed_on, '+0 days')),
    close_reason TEXT,
    first_interview_due_on TEXT NOT NULL CHECK (first_interview_due_on IS date(first_interview_due_on, '+0 days')),
    first_life_log_due_on TEXT NOT NULL CHECK (first_life_log_due_on IS date(first_life_log_due_on, '+0 days')),
    created_at TEXT NOT NULL,
    CHECK ((status = 'open') = (closed_on IS NULL))
) STRICT;
CREATE INDEX supervision_term_person ON supervision_term (person_id, starts_on);
CREATE INDEX supervision_term_officer ON supervision_term (officer_id, status);

-- Level history: the row with the latest effective_on (then id) is the current level, which is
-- also kept on supervision_term.level for the listings.
CREATE TABLE term_level_change (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    level TEXT NOT NULL CHECK (level IN ('high', 'medium', 'low')),
    effective_on TEXT NOT NULL CHECK (effective_on IS date(effective_on, '+0 days')),
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    reason TEXT
) STRICT;
CREATE INDEX term_level_change_term ON term_level_change (term_id, effective_on);

CREATE TABLE appointment (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL CHECK (ends_at > starts_at),
    -- The agency-local date and wall time of the start (the zone is fixed at init).
    local_date TEXT NOT NULL CHECK (local_date IS date(local_date, '+0 days')),
    local_time TEXT NOT NULL CHECK (local_time GLOB '[0-2][0-9]:[0-5][0-9]'),
    minutes INTEGER NOT NULL CHECK (minutes BETWEEN 5 AND 480),
    kind TEXT NOT NULL CHECK (kind IN ('office', 'home', 'phone', 'video')),
    -- The current outcome; appointment_outcome keeps every recorded value.
    outcome TEXT CHECK (outcome IN ('attended', 'failed-to-attend', 'acceptable-absence',
                                    'unacceptable-absence', 'rescheduled')),
    rescheduled_from INTEGER REFERENCES appointment (id),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL
) STRICT;
CREATE INDEX appointment_term ON appointment (term_id, local_date);
CREATE INDEX appointment_awaiting_outcome ON appointment (ends_at) WHERE outcome IS NULL;

CREATE TABLE appointment_outcome (
    id INTEGER PRIMARY KEY,
    appointment_id INTEGER NOT NULL REFERENCES appointment (id),
    outcome TEXT NOT NULL CHECK (outcome IN ('attended', 'failed-to-attend', 'acceptable-absence',
                                             'unacceptable-absence', 'rescheduled')),
    reason TEXT CHECK (reason IN ('illness', 'medical', 'employment', 'family-emergency',
                                  'court', 'transport', 'other')),
    requested_by TEXT CHECK (requested_by IN ('supervisee', 'agency')),
    new_appointment_id INTEGER REFERENCES appointment (id),
    notes TEXT,
    corrects_outcome_id INTEGER REFERENCES appointment_outcome (id),
    correction_reason TEXT,
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK ((outcome = 'acceptable-absence') = (reason IS NOT NULL)),
    CHECK ((outcome = 'rescheduled') = (requested_by IS NOT NULL)),
    CHECK ((corrects_outcome_id IS NULL) = (correction_reason IS NULL))
) STRICT;
CREATE INDEX appointment_outcome_appointment ON appointment_outcome (appointment_id, id);

CREATE TRIGGER appointment_outcome_is_append_only_update BEFORE UPDATE ON appointment_outcome
BEGIN SELECT RAISE(ABORT, 'recorded outcomes are never edited; record a correction'); END;
CREATE TRIGGER appointment_outcome_is_append_only_delete BEFORE DELETE ON appointment_outcome
BEGIN SELECT RAISE(ABORT, 'recorded outcomes are never deleted'); END;

CREATE TABLE life_log_entry (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    submitted_at TEXT NOT NULL,
    local_date TEXT NOT NULL CHECK (local_date IS date(local_date, '+0 days')),
    -- The due date this submission filled (SPEC §5), or NULL for an unscheduled entry.
    filled_due_on TEXT CHECK (filled_due_on IS date(filled_due_on, '+0 days')),
    residence TEXT CHECK (length(residence) <= 4000),
    employment TEXT CHECK (length(employment) <= 4000),
    activities TEXT CHECK (length(activities) <= 4000),
    wellbeing INTEGER CHECK (wellbeing BETWEEN 1 AND 5),
    wants_call_back INTEGER NOT NULL DEFAULT 0 CHECK (wants_call_back IN (0, 1)),
    corrects_entry_id INTEGER REFERENCES life_log_entry (id),
    submitted_by TEXT NOT NULL
) STRICT;
CREATE INDEX life_log_entry_term ON life_log_entry (term_id, local_date);
CREATE UNIQUE INDEX life_log_entry_filled ON life_log_entry (term_id, filled_due_on)
    WHERE filled_due_on IS NOT NULL;

CREATE TRIGGER life_log_entry_is_append_only_update BEFORE UPDATE ON life_log_entry
BEGIN SELECT RAISE(ABORT, 'life-log entries are never edited; submit a correction'); END;
CREATE TRIGGER life_log_entry_is_append_only_delete BEFORE DELETE ON life_log_entry
BEGIN SELECT RAISE(ABORT, 'life-log entries are never deleted'); END;

CREATE TABLE life_log_need (
    entry_id INTEGER NOT NULL REFERENCES life_log_entry (id),
    need TEXT NOT NULL CHECK (need IN ('housing', 'employment', 'health', 'substance', 'money',
                                       'relationships')),
    PRIMARY KEY (entry_id, need)
) STRICT, WITHOUT ROWID;

CREATE TABLE location_report (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    at TEXT NOT NULL,
    local_date TEXT NOT NULL CHECK (local_date IS date(local_date, '+0 days')),
    latitude REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    accuracy_m REAL NOT NULL DEFAULT 0 CHECK (accuracy_m >= 0),
    -- Worse than 1,000 m: kept, but never a breach (drift is not a violation).
    low_accuracy INTEGER NOT NULL CHECK (low_accuracy = (accuracy_m > 1000)),
    source TEXT NOT NULL CHECK (source IN ('life-log', 'check-in', 'officer')),
    life_log_entry_id INTEGER REFERENCES life_log_entry (id),
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK ((source = 'life-log') = (life_log_entry_id IS NOT NULL))
) STRICT;
CREATE INDEX location_report_term ON location_report (term_id, at);

-- Append-only, hash-chained (SHA-256): hash = H(prev_hash, seq, at, actor, action, entity,
-- entity_id, details). Reads of a person's record are entered too.
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    details TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
) STRICT;

CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
