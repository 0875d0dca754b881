-- Retention (SPEC §15): how long a finished person's personal data is kept, and what is left
-- once it is erased.

-- Unset (no row) means nothing is ever purged. A separate table because agency_setting's keys
-- and value range are fixed by its CHECK.
CREATE TABLE retention_setting (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    years INTEGER NOT NULL CHECK (years BETWEEN 1 AND 100),
    set_by TEXT NOT NULL,
    set_at TEXT NOT NULL,
    -- 1 from a purge that erased someone until the file has been scrubbed (WAL checkpointed and
    -- truncated, file vacuumed); a checkpoint blocked by readers leaves it for the next purge.
    scrub_pending INTEGER NOT NULL DEFAULT 0 CHECK (scrub_pending IN (0, 1))
) STRICT;

-- An erased person keeps its row (terms and level history point at it) with placeholders in
-- the NOT NULL columns: case_ref 'erased:<id>' (a colon is never in a case reference, so it
-- cannot collide with one registered later), name '[erased]', born_on '0001-01-01'.
ALTER TABLE person ADD COLUMN erased_on TEXT CHECK (erased_on IS date(erased_on, '+0 days'));

-- The anonymous residue of what was deleted outright (location reports, restrictions), kept
-- as counts for statistics; entries, appointments and violations keep their rows.
CREATE TABLE retention_residue (
    person_id INTEGER PRIMARY KEY REFERENCES person (id),
    erased_on TEXT NOT NULL CHECK (erased_on IS date(erased_on, '+0 days')),
    location_reports INTEGER NOT NULL CHECK (location_reports >= 0),
    restrictions TEXT NOT NULL CHECK (json_valid(restrictions))
) STRICT;
