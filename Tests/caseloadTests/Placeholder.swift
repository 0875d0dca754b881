// Tests for the caseload executable.
