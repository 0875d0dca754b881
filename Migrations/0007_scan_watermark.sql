-- How far each term's life-log due dates are settled: every due date on or before
-- `settled_through` was judged by a scan after its window had closed, and was then either
-- filled or recorded as a missed-life-log violation. Neither can change afterwards (entries
-- and violations are never deleted), so a later scan starts after it instead of re-reading the
-- term's whole history. Only the scan writes it; deleting a row only makes the next scan slower.
CREATE TABLE life_log_settled (
    term_id INTEGER PRIMARY KEY REFERENCES supervision_term (id),
    settled_through TEXT NOT NULL CHECK (settled_through IS date(settled_through, '+0 days'))
) STRICT;

-- The violations of every other kind, so the scan can read them without walking past each
-- term's missed life-log due dates (those after the settled date come from the unique index).
CREATE INDEX violation_other_than_life_log ON violation (term_id, kind, cause) WHERE kind <> 'missed-life-log';
