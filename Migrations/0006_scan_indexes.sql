-- An index that lets the violation scan read absences from the index alone.
--
-- The scan reads, for every term in scope, its unacceptable and failed-to-attend appointments.
-- Through appointment_term that meant visiting every appointment row of the agency to look at
-- its outcome; this partial index holds only the absences, with the columns the scan reads.
CREATE INDEX appointment_absence ON appointment (term_id, id, local_date, local_time, outcome)
    WHERE outcome IN ('unacceptable-absence', 'failed-to-attend');
