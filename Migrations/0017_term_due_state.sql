-- The overdue listing's state, kept current (issue 14, docs/cli.md §9).
--
-- The listing used to compute every open term's facts on every run (latest attended interview,
-- filled life-log due dates, appointments awaiting an outcome, level history): its cost grew
-- with the whole agency. `term_due` keeps, per open term, what `OverdueRules.dueState` computes
-- from those facts: the next interview due date, the life-log due date to show and the days it
-- is shown, the appointments without an outcome, whether a recall may be recommended, and the
-- last day the row answers for. `becomes_overdue_on` is the first day the listing must look at
-- the term, so "overdue as of today" is `becomes_overdue_on <= today`, read from the index in
-- (officer, case reference) order.
--
-- Who keeps it: the triggers below only note which terms a change touched
-- (`due_state_pending`); every write use case, before it commits, computes those terms' rows
-- again with the rules (`Session.refreshDueState`), so the rows change in the same transaction
-- as the records. A pending term (a change made outside the use cases) makes the listing fall
-- back to the full computation until the next use case refreshes it. Holidays are not here:
-- no due date the listing shows depends on them (the first interview's is fixed at
-- registration).
CREATE TABLE term_due (
    term_id INTEGER PRIMARY KEY REFERENCES supervision_term (id),
    person_id INTEGER NOT NULL REFERENCES person (id),
    officer_id TEXT NOT NULL,
    case_ref TEXT NOT NULL,
    starts_on TEXT NOT NULL CHECK (starts_on IS date(starts_on, '+0 days')),
    ends_on TEXT NOT NULL CHECK (ends_on IS date(ends_on, '+0 days')),
    interview_due_on TEXT NOT NULL CHECK (interview_due_on IS date(interview_due_on, '+0 days')),
    life_log_due_on TEXT CHECK (life_log_due_on IS date(life_log_due_on, '+0 days')),
    life_log_from TEXT CHECK (life_log_from IS date(life_log_from, '+0 days')),
    life_log_until TEXT CHECK (life_log_until IS date(life_log_until, '+0 days')),
    -- "local date ends_at" of each appointment without an outcome, comma-separated; NULL: none.
    awaiting_outcome TEXT,
    -- A confirmed violation dated on or after the last recall decision's day: the listing then
    -- asks RecallRules as of its day (the recommendation depends on the day).
    may_recommend_recall INTEGER NOT NULL CHECK (may_recommend_recall IN (0, 1)),
    -- NULL: the row answers for every later day.
    valid_through TEXT CHECK (valid_through IS date(valid_through, '+0 days')),
    becomes_overdue_on TEXT NOT NULL CHECK (becomes_overdue_on IS date(becomes_overdue_on, '+0 days'))
) STRICT;
CREATE INDEX term_due_listing ON term_due (officer_id, case_ref, becomes_overdue_on);
-- The daily scan refreshes the rows that have run out.
CREATE INDEX term_due_expiry ON term_due (valid_through) WHERE valid_through IS NOT NULL;

CREATE TABLE due_state_pending (
    term_id INTEGER PRIMARY KEY
) STRICT;

-- The latest instant (seconds since the epoch) as of which a row was computed: a listing as of
-- an earlier instant uses the full computation (the rows speak of the present).
CREATE TABLE due_state_clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    reflects_at INTEGER NOT NULL
) STRICT;
INSERT INTO due_state_clock (id, reflects_at) VALUES (1, -9223372036854775808);

CREATE TRIGGER due_term_insert AFTER INSERT ON supervision_term
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.id); END;
CREATE TRIGGER due_term_update AFTER UPDATE ON supervision_term
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.id); END;
CREATE TRIGGER due_level_change AFTER INSERT ON term_level_change
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER due_appointment_insert AFTER INSERT ON appointment
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER due_appointment_update AFTER UPDATE OF outcome, ends_at, local_date, term_id ON appointment
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER due_life_log_entry AFTER INSERT ON life_log_entry WHEN new.filled_due_on IS NOT NULL
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER due_violation_insert AFTER INSERT ON violation WHEN new.status = 'confirmed'
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER due_violation_review AFTER UPDATE OF status, occurred_on ON violation
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER due_recall_decision AFTER INSERT ON recall_decision
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) VALUES (new.term_id); END;
CREATE TRIGGER due_case_ref AFTER UPDATE OF case_ref ON person
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id)
      SELECT id FROM supervision_term WHERE person_id = new.id AND status = 'open'; END;
CREATE TRIGGER due_contact_standard_insert AFTER INSERT ON contact_standard
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open'; END;
CREATE TRIGGER due_contact_standard_update AFTER UPDATE ON contact_standard
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open'; END;
CREATE TRIGGER due_contact_standard_delete AFTER DELETE ON contact_standard
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open'; END;
CREATE TRIGGER due_agency_setting_insert AFTER INSERT ON agency_setting
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open'; END;
CREATE TRIGGER due_agency_setting_update AFTER UPDATE ON agency_setting
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open'; END;
CREATE TRIGGER due_agency_setting_delete AFTER DELETE ON agency_setting
BEGIN INSERT OR IGNORE INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open'; END;

-- An existing database: every open term is computed by the first use case that writes.
INSERT INTO due_state_pending (term_id) SELECT id FROM supervision_term WHERE status = 'open';
