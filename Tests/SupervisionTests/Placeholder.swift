// Tests for Supervision.
