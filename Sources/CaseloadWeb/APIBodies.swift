import SupervisionRules
import Supervision

// The JSON bodies of the API's actions. Their keys are the command line's options in
// camelCase (`--case-ref` → `caseRef`); the values are raw text, checked by the same use cases
// as the command line's.

struct SignInBody: Decodable, Sendable {
    let userName: String
    let password: String
}

struct ActivationBody: Decodable, Sendable {
    let userName: String
    let code: String
    let password: String
}

struct APITokenBody: Decodable, Sendable {
    let name: String
    /// Days until it expires: 1 to 365 (default 90).
    let days: Int?
}

struct InviteBody: Decodable, Sendable {
    let id: String?
    let caseRef: String?
}

struct RegisterBody: Decodable, Sendable {
    let caseRef: String
    let name: String
    let born: String
    let released: String
    let months: Int
    let level: String
    let officer: String
    let home: String?

    var request: ReleaseRegistration {
        ReleaseRegistration(caseRef: caseRef, name: name, born: born, released: released, months: months,
                            level: level, officer: officer, home: home)
    }
}

struct ScheduleBody: Decodable, Sendable {
    let caseRef: String
    let at: String
    let minutes: Int?
    let kind: String?
    let `repeat`: Int?
    let every: Int?
    let dryRun: Bool?

    var request: InterviewScheduleRequest {
        InterviewScheduleRequest(caseRef: caseRef, at: at, minutes: minutes, kind: kind, repeatCount: `repeat`,
                                 everyDays: every, dryRun: dryRun ?? false)
    }
}

struct OutcomeBody: Decodable, Sendable {
    let outcome: String
    let reason: String?
    let requestedBy: String?
    let newAt: String?
    let correct: Bool?
    let notes: String?

    func request(appointmentId: Int64) -> OutcomeRequest {
        OutcomeRequest(appointmentId: appointmentId, outcome: outcome, reason: reason, requestedBy: requestedBy,
                       newAt: newAt, correct: correct ?? false, notes: notes)
    }
}

struct LifeLogBody: Decodable, Sendable {
    let caseRef: String
    let at: String?
    let residence: String?
    let employment: String?
    let activities: String?
    let wellbeing: Int?
    let needs: [String]?
    let wantsCallBack: Bool?
    let locations: [String]?
    let corrects: Int64?

    var request: LifeLogSubmission {
        LifeLogSubmission(caseRef: caseRef, at: at, residence: residence, employment: employment,
                          activities: activities, wellbeing: wellbeing, needs: needs ?? [],
                          wantsCallBack: wantsCallBack ?? false, locations: locations ?? [], corrects: corrects)
    }
}

struct LocationBody: Decodable, Sendable {
    let caseRef: String
    let at: String
    let lat: Double
    let lon: Double
    let accuracy: Double?
    let source: String?

    var request: LocationReportRequest {
        LocationReportRequest(caseRef: caseRef, at: at, latitude: lat, longitude: lon, accuracy: accuracy ?? 0,
                              source: source)
    }
}

struct RestrictionBody: Decodable, Sendable {
    let kind: RestrictionKind
    let caseRef: String
    let from: String?
    let to: String?
    let days: String?
    let home: String?
    let tolerance: Double?
    let circle: String?
    let polygon: String?
    let name: String?
    let starts: String?
    let ends: String?
    let reason: String?

    var request: RestrictionRequest {
        RestrictionRequest(kind: kind, caseRef: caseRef, from: from, to: to, days: days, home: home,
                           tolerance: tolerance, circle: circle, polygon: polygon, name: name, starts: starts,
                           ends: ends, reason: reason)
    }
}

struct ReviewBody: Decodable, Sendable {
    let reason: String?
}

struct RecallBody: Decodable, Sendable {
    let caseRef: String
    /// `approve` or `reject`.
    let decision: String
    let rationale: String?
}

struct ScanBody: Decodable, Sendable {
    let officer: String?
}

struct TermExtendBody: Decodable, Sendable {
    let caseRef: String
    let months: Int
}

struct TermDischargeBody: Decodable, Sendable {
    let caseRef: String
    let reason: String
}

struct TermLevelBody: Decodable, Sendable {
    let caseRef: String
    let level: String
    let reason: String?
}

struct OfficerBody: Decodable, Sendable {
    let id: String
    let name: String
    let role: String
}

struct HolidayBody: Decodable, Sendable {
    let date: String
    let name: String?
}
