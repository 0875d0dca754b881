import Testing
@testable import SupervisionRules

@Suite("Recording, resolving and correcting an outcome (docs/interviews.md §4)")
struct OutcomeRulesTests {
    static let windowEnd = LocalDate(iso: "2026-03-16")!

    static func request(_ previous: AppointmentOutcome?, _ outcome: AppointmentOutcome, correct: Bool = false,
                        reason: String? = nil, today: String = "2026-03-10", startsLater: Bool = false) -> OutcomeRules.Request {
        OutcomeRules.Request(appointmentId: 7, previous: previous, outcome: outcome, isCorrection: correct, reason: reason,
                             today: LocalDate(iso: today)!, evidenceWindowEnd: windowEnd,
                             startsLaterAt: startsLater ? "2026-03-20T10:00" : nil)
    }

    @Test("accepted changes and how their reasons read", arguments: [
        (request(nil, .attended), nil, nil),
        (request(nil, .acceptableAbsence, reason: "Medical"), AbsenceReason.medical, nil),
        (request(nil, .acceptableAbsence, reason: "court", startsLater: true), .court, nil),
        (request(nil, .rescheduled, startsLater: true), nil, nil),
        // The holding state resolved, on the window's last day and before it.
        (request(.failedToAttend, .acceptableAbsence, reason: "illness", today: "2026-03-16"), .illness, nil),
        (request(.failedToAttend, .unacceptableAbsence, today: "2026-03-30"), nil, nil),
        // Corrections.
        (request(.attended, .unacceptableAbsence, correct: true, reason: "wrong person"), nil, "wrong person"),
        (request(.unacceptableAbsence, .acceptableAbsence, correct: true, reason: "medical: letter seen"), .medical,
         "medical: letter seen"),
        (request(.failedToAttend, .acceptableAbsence, correct: true, reason: "family-emergency: confirmed",
                 today: "2026-03-17"), .familyEmergency, "family-emergency: confirmed"),
    ] as [(OutcomeRules.Request, AbsenceReason?, String?)])
    func accepted(request: OutcomeRules.Request, absence: AbsenceReason?, correction: String?) throws {
        let decision = try OutcomeRules.decide(request)
        #expect(decision.absenceReason == absence)
        #expect(decision.correctionReason == correction)
    }

    @Test("refused changes name what is wrong", arguments: [
        (request(nil, .attended, correct: true, reason: "x"), "has no outcome yet to correct"),
        (request(.rescheduled, .attended, correct: true, reason: "x"), "cannot be corrected"),
        (request(.attended, .rescheduled, correct: true, reason: "x"), "cannot be corrected"),
        (request(.attended, .attended, correct: true, reason: "x"), "already has the outcome attended"),
        (request(.attended, .unacceptableAbsence, correct: true), "a correction needs a reason"),
        (request(.attended, .acceptableAbsence, correct: true, reason: "letter seen"), "starts with the absence reason"),
        (request(.attended, .unacceptableAbsence), "to change it use --correct"),
        (request(.failedToAttend, .attended), "to change it use --correct"),
        // The day after the window's last day.
        (request(.failedToAttend, .acceptableAbsence, reason: "illness", today: "2026-03-17"), "closed on 2026-03-16"),
        (request(nil, .acceptableAbsence), "needs a reason"),
        (request(nil, .acceptableAbsence, reason: "holiday"), "needs a reason"),
        (request(nil, .attended, reason: "fine"), "only an acceptable-absence"),
        (request(nil, .attended, startsLater: true), "only acceptable-absence or rescheduled"),
    ] as [(OutcomeRules.Request, String)])
    func refused(request: OutcomeRules.Request, sentence: String) {
        #expect {
            _ = try OutcomeRules.decide(request)
        } throws: { error in
            (error as? InputError)?.message.contains(sentence) == true
        }
    }
}
