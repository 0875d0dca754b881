-- One-time form ids of the web pages (docs/web.md §13, Forms): each page form carries a random
-- id; the first post that succeeds records it here, in the same transaction as its change, with
-- the address its answer led to. A second post of the same form (a double click, a reload, back
-- and submit again) finds the id and is sent to that address instead of changing anything again.
-- The address is a page path with numeric ids only (no personal data). Rows older than a day are
-- removed as new ones are added.
CREATE TABLE form_submission (
    form_id TEXT NOT NULL CHECK (length(form_id) BETWEEN 16 AND 64),
    actor_id TEXT NOT NULL CHECK (length(actor_id) BETWEEN 1 AND 80),
    result_path TEXT NOT NULL CHECK (length(result_path) BETWEEN 1 AND 200),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (form_id, actor_id)
) STRICT;

CREATE INDEX form_submission_created ON form_submission (created_at);
