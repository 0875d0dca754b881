-- Movement restrictions, detected violations and their human review, and recall decisions
-- (SPEC §6–§8).

CREATE TABLE restriction (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    kind TEXT NOT NULL CHECK (kind IN ('curfew', 'exclusion', 'inclusion', 'travel-permit')),
    starts_on TEXT NOT NULL CHECK (starts_on IS date(starts_on, '+0 days')),
    ends_on TEXT NOT NULL CHECK (ends_on IS date(ends_on, '+0 days') AND ends_on >= starts_on),
    name TEXT CHECK (length(name) BETWEEN 1 AND 200),
    reason TEXT CHECK (length(reason) <= 4000),
    -- Curfew: local minutes after midnight (to <= from crosses midnight), the ISO weekdays on
    -- which a window starts ("1,2,3"), the home point and the tolerance.
    curfew_from INTEGER CHECK (curfew_from BETWEEN 0 AND 1439),
    curfew_to INTEGER CHECK (curfew_to BETWEEN 0 AND 1439),
    curfew_days TEXT,
    home_latitude REAL CHECK (home_latitude BETWEEN -90 AND 90),
    home_longitude REAL CHECK (home_longitude BETWEEN -180 AND 180),
    tolerance_m REAL CHECK (tolerance_m >= 0),
    -- Exclusion and inclusion zones, and a travel permit's optional destination: GeoZone JSON.
    zone TEXT CHECK (zone IS NULL OR json_valid(zone)),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((kind = 'curfew') = (curfew_from IS NOT NULL AND curfew_to IS NOT NULL AND curfew_days IS NOT NULL
                                AND home_latitude IS NOT NULL AND home_longitude IS NOT NULL
                                AND tolerance_m IS NOT NULL)),
    CHECK (kind NOT IN ('exclusion', 'inclusion') OR zone IS NOT NULL),
    CHECK (kind <> 'curfew' OR zone IS NULL)
) STRICT;
CREATE INDEX restriction_term ON restriction (term_id, starts_on);

-- One violation per term, kind and cause, however often the scan runs.
CREATE TABLE violation (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    kind TEXT NOT NULL CHECK (kind IN ('missed-interview', 'missed-life-log', 'curfew', 'exclusion-zone',
                                       'outside-permitted-area', 'no-contact')),
    severity TEXT NOT NULL CHECK (severity IN ('low', 'medium', 'high')),
    occurred_on TEXT NOT NULL CHECK (occurred_on IS date(occurred_on, '+0 days')),
    cause TEXT NOT NULL,
    explanation TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
    detected_at TEXT NOT NULL,
    detected_by TEXT NOT NULL,
    reviewed_by TEXT,
    reviewed_at TEXT,
    reviewed_on TEXT CHECK (reviewed_on IS date(reviewed_on, '+0 days')),
    review_reason TEXT CHECK (length(review_reason) <= 4000),
    UNIQUE (term_id, kind, cause),
    CHECK ((status = 'open') = (reviewed_by IS NULL)),
    CHECK (status <> 'dismissed' OR review_reason IS NOT NULL)
) STRICT;
CREATE INDEX violation_status ON violation (status, term_id);

-- A supervisor's decision on a recall recommendation; never without a rationale.
CREATE TABLE recall_decision (
    id INTEGER PRIMARY KEY,
    term_id INTEGER NOT NULL REFERENCES supervision_term (id),
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    rationale TEXT NOT NULL CHECK (length(trim(rationale)) BETWEEN 1 AND 4000),
    recommended_since TEXT NOT NULL CHECK (recommended_since IS date(recommended_since, '+0 days')),
    violation_ids TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL,
    decided_on TEXT NOT NULL CHECK (decided_on IS date(decided_on, '+0 days'))
) STRICT;
CREATE INDEX recall_decision_term ON recall_decision (term_id, decided_on);

CREATE TRIGGER recall_decision_is_final_update BEFORE UPDATE ON recall_decision
BEGIN SELECT RAISE(ABORT, 'recall decisions are never edited'); END;
CREATE TRIGGER recall_decision_is_final_delete BEFORE DELETE ON recall_decision
BEGIN SELECT RAISE(ABORT, 'recall decisions are never deleted'); END;
