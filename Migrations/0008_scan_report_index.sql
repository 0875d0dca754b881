-- The location reports the violation scan judges, with the columns it reads.
--
-- The scan reads every report of every supervisee who has a restriction, each time it runs.
-- Through location_report_term each report was an index entry and then a look-up of its row
-- (reports of one person are scattered through the table, written in the order they came in);
-- this partial index holds the reports that can breach (low-accuracy ones never do) with the
-- columns the scan reads, in the order it reads them (term, instant, id), so the scan reads
-- the index alone and sorts nothing. (`low_accuracy` is there too, although every entry holds
-- 0: SQLite 3.40 takes an index as covering only when it holds every column the query names,
-- including the one its WHERE clause repeats; without it the planner kept location_report_term.)
CREATE INDEX location_report_scan ON location_report (term_id, at, id, latitude, longitude, accuracy_m, source, low_accuracy)
    WHERE low_accuracy = 0;
