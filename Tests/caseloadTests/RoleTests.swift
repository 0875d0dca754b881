import SupervisionRules
import Foundation
import Testing

/// docs/roles.md §1: who may do what. Every refusal is exit 77 with the database unchanged.
@Suite struct RoleTests {
    /// okafor holds A-1, patel holds B-2 (Fixtures.caseload).
    @Test func anOfficerActsOnlyOnTheirOwnCaseload() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let patelsAppointment = try sandbox.schedule("B-2", at: "2026-03-04T10:00", actor: "patel", asOf: "2026-03-02")
        let asOf = "2026-03-04T12:00"
        let result = try sandbox.refused(77, ["interview", "schedule", "--case-ref", "B-2", "--at", "2026-03-05T10:00"],
                                         actor: "okafor", asOf: asOf)
        #expect(result.stderr.contains("patel"))
        try sandbox.refused(77, ["interview", "schedule", "--case-ref", "B-2", "--at", "2026-03-05T10:00", "--dry-run"],
                            actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["interview", "log", String(patelsAppointment), "--outcome", "attended"],
                            actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["show", "--case-ref", "B-2"], actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["lifelog", "submit", "--case-ref", "B-2"], actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["term", "extend", "--case-ref", "B-2", "--months", "1"], actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["term", "discharge", "--case-ref", "B-2", "--reason", "x"], actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["term", "level", "--case-ref", "B-2", "--level", "low"], actor: "okafor", asOf: asOf)
        try sandbox.refused(77, ["overdue", "--officer", "patel"], actor: "okafor", asOf: asOf)
        // Registering onto another officer's caseload.
        try sandbox.refused(77, Fixtures.register("C-3", released: "2026-04-01", officer: "patel"),
                            actor: "okafor", asOf: asOf)
        // …also for a person already on the officer's own caseload.
        try sandbox.refused(77, Fixtures.register("A-1", name: "Amira Okoye", released: "2027-03-02", officer: "patel"),
                            actor: "okafor", asOf: asOf)
        // On their own caseload all of it works.
        try sandbox.ok(["interview", "log", String(patelsAppointment), "--outcome", "attended"], actor: "patel", asOf: asOf)
        try sandbox.ok(["show", "--case-ref", "A-1"], actor: "okafor", asOf: asOf)
        try sandbox.ok(Fixtures.register("C-3", released: "2026-04-01"), actor: "okafor", asOf: asOf)
    }

    @Test func aSupervisorActsOnEveryCaseload() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let asOf = "2026-03-04T12:00"
        let id = try sandbox.schedule("B-2", at: "2026-03-04T10:00", actor: "sutherland", asOf: "2026-03-02")
        try sandbox.ok(["interview", "log", String(id), "--outcome", "attended"], actor: "sutherland", asOf: asOf)
        try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1"], actor: "sutherland", asOf: asOf)
        try sandbox.ok(["show", "--case-ref", "A-1"], actor: "sutherland", asOf: asOf)
        try sandbox.ok(["show", "--case-ref", "B-2"], actor: "sutherland", asOf: asOf)
        try sandbox.ok(["term", "level", "--case-ref", "A-1", "--level", "high"], actor: "sutherland", asOf: asOf)
        try sandbox.ok(Fixtures.register("C-3", released: "2026-04-01", officer: "patel"), actor: "sutherland", asOf: asOf)
        try sandbox.ok(Fixtures.register("D-4", released: "2026-04-01", officer: "sutherland"), actor: "sutherland", asOf: asOf)
        #expect(try sandbox.sql("SELECT officer_id FROM supervision_term ORDER BY id") == "okafor\npatel\npatel\nsutherland")
        #expect(try sandbox.overdue(actor: "sutherland", asOf: "2026-03-20", officer: "okafor").count >= 1)
        // A supervisor does no admin work.
        try sandbox.refused(77, ["officer", "add", "--id", "x", "--name", "X", "--role", "officer"], actor: "sutherland")
        try sandbox.refused(77, ["holiday", "add", "2026-12-25"], actor: "sutherland")
    }

    @Test func anAdminDoesNoCaseWork() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let id = try sandbox.schedule("A-1", at: "2026-03-04T10:00", asOf: "2026-03-02")
        let asOf = "2026-03-04T12:00"
        for admin in ["root", "clerk"] {
            let result = try sandbox.refused(77, Fixtures.register("C-3", released: "2026-04-01"), actor: admin, asOf: asOf)
            #expect(result.stderr.contains("case work"))
            try sandbox.refused(77, ["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-05T10:00"], actor: admin, asOf: asOf)
            try sandbox.refused(77, ["interview", "log", String(id), "--outcome", "attended"], actor: admin, asOf: asOf)
            try sandbox.refused(77, ["lifelog", "submit", "--case-ref", "A-1"], actor: admin, asOf: asOf)
            try sandbox.refused(77, ["show", "--case-ref", "A-1"], actor: admin, asOf: asOf)
            try sandbox.refused(77, ["overdue"], actor: admin, asOf: asOf)
            try sandbox.refused(77, ["term", "extend", "--case-ref", "A-1", "--months", "1"], actor: admin, asOf: asOf)
        }
        // Admin work is theirs alone.
        try sandbox.ok(["officer", "add", "--id", "moreau", "--name", "Camille Moreau", "--role", "supervisor"], actor: "clerk")
        try sandbox.ok(["holiday", "add", "2026-12-25"], actor: "clerk")
        for actor in ["okafor", "sutherland", "supervisee:A-1"] {
            try sandbox.refused(77, ["officer", "add", "--id", "x", "--name", "X", "--role", "admin"], actor: actor)
            try sandbox.refused(77, ["holiday", "add", "2026-12-26"], actor: actor)
        }
    }

    @Test func aSuperviseeActsOnlyOnTheirOwnRecord() throws {
        let sandbox = try Sandbox(copying: Fixtures.caseload)
        let asOf = "2026-03-10"
        let own = try sandbox.ok(["lifelog", "submit", "--case-ref", "A-1", "--wellbeing", "4", "--format", "json"],
                                 actor: "supervisee:A-1", asOf: asOf).object()
        #expect(own.string("filledDueOn") == "2026-03-09")
        #expect(try sandbox.sql("SELECT actor FROM audit_log WHERE action = 'lifelog.submit'") == "supervisee:A-1")
        let record = try sandbox.ok(["show", "--case-ref", "A-1", "--format", "json"], actor: "supervisee:A-1", asOf: asOf).object()
        #expect((record["person"] as? [String: Any])?.string("caseRef") == "A-1")

        try sandbox.refused(77, ["lifelog", "submit", "--case-ref", "B-2"], actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(77, ["show", "--case-ref", "B-2"], actor: "supervisee:A-1", asOf: asOf)
        // Asking about a reference that does not exist is just as refused: it must not tell
        // a supervisee which case references exist.
        try sandbox.refused(77, ["show", "--case-ref", "Q-17"], actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(77, ["lifelog", "submit", "--case-ref", "Q-17"], actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(77, ["show", "--case-ref", "Q-17"], asOf: asOf)
        // No case work.
        try sandbox.refused(77, ["interview", "schedule", "--case-ref", "A-1", "--at", "2026-03-12T10:00"],
                            actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(77, ["overdue"], actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(77, ["term", "extend", "--case-ref", "A-1", "--months", "1"], actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(77, Fixtures.register("A-1", name: "Amira Okoye", released: "2027-03-02"),
                            actor: "supervisee:A-1", asOf: asOf)
        try sandbox.refused(77, ["lifelog", "submit", "--case-ref", "A-1"], actor: "supervisee:", asOf: asOf)
    }
}
