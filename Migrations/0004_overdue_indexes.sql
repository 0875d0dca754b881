-- Indexes that answer the overdue listing's per-term questions from the index alone.
--
-- The listing asks, for every open term, for its latest attended interview and for its
-- appointments still awaiting an outcome. Through appointment_term (term_id, local_date) each
-- question reads every appointment row of the term from the table, and in a real agency those
-- rows lie scattered over the file (everyone's appointments are written day by day): at 100,000
-- supervisees that was over a million random page reads per listing. These partial indexes are
-- small (only attended, only outcome-less appointments) and cover their subquery.
-- (Numbered 0004: 0003 is restrictions and violations.)
CREATE INDEX appointment_attended ON appointment (term_id, local_date) WHERE outcome = 'attended';
CREATE INDEX appointment_outcome_missing ON appointment (term_id, ends_at, local_date) WHERE outcome IS NULL;
