-- Audit entries whose personal details can be erased without breaking the chain (SPEC §11,
-- §15).
--
-- An entry of the new form keeps its personal part (the actor when it is a supervisee, the
-- entity id when it is a case reference, the details) under a digest: digest =
-- SHA-256(nonce, actor, entity_id, details), and the chain hashes the digest with the
-- entry's non-personal fields. Erasing an entry replaces its personal part and clears its nonce;
-- the digest, and so every hash, stays. The nonce is random and erased with the rest, so the
-- digest of an erased entry cannot be used to confirm a guess of what it said.
-- Entries written before this migration have neither column (the legacy form) and verify as
-- before until `init` re-chains them into the new form (an audited step).
ALTER TABLE audit_log ADD COLUMN nonce TEXT;
ALTER TABLE audit_log ADD COLUMN digest TEXT;

-- A row here, inserted and deleted inside one transaction by a purge or a re-chain, is the only
-- thing that lets an append-only record be rewritten. It is never committed.
CREATE TABLE lifecycle_permit (
    id INTEGER PRIMARY KEY CHECK (id = 1)
) STRICT;

DROP TRIGGER audit_log_is_append_only_update;
CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
WHEN NOT EXISTS (SELECT 1 FROM lifecycle_permit)
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

DROP TRIGGER life_log_entry_is_append_only_update;
CREATE TRIGGER life_log_entry_is_append_only_update BEFORE UPDATE ON life_log_entry
WHEN NOT EXISTS (SELECT 1 FROM lifecycle_permit)
BEGIN SELECT RAISE(ABORT, 'life-log entries are never edited; submit a correction'); END;

DROP TRIGGER appointment_outcome_is_append_only_update;
CREATE TRIGGER appointment_outcome_is_append_only_update BEFORE UPDATE ON appointment_outcome
WHEN NOT EXISTS (SELECT 1 FROM lifecycle_permit)
BEGIN SELECT RAISE(ABORT, 'recorded outcomes are never edited; record a correction'); END;

DROP TRIGGER recall_decision_is_final_update;
CREATE TRIGGER recall_decision_is_final_update BEFORE UPDATE ON recall_decision
WHEN NOT EXISTS (SELECT 1 FROM lifecycle_permit)
BEGIN SELECT RAISE(ABORT, 'recall decisions are never edited'); END;
