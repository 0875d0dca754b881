/// Recording, resolving and correcting an interview outcome (docs/interviews.md §4).
///
/// A first outcome is recorded as it is. A `failed-to-attend` is a holding state: it may be
/// resolved to an acceptable absence (while its evidence window is open) or an unacceptable one
/// without `--correct`. Any other change of a recorded outcome is a correction, which needs a
/// reason and keeps the old value in the audit trail; a correction to `acceptable-absence`
/// starts its reason with the absence reason code ("medical: hospital letter seen").
public enum OutcomeRules {
    /// What is asked for, with the facts the rule needs.
    public struct Request: Sendable, Equatable {
        public var appointmentId: Int64
        /// The outcome recorded so far, if any.
        public var previous: AppointmentOutcome?
        public var outcome: AppointmentOutcome
        public var isCorrection: Bool
        /// `--reason`, already cleaned (`InputHygiene.freeText`).
        public var reason: String?
        public var today: LocalDate
        /// The last day of the appointment's evidence window.
        public var evidenceWindowEnd: LocalDate
        /// Nil once the appointment has started; otherwise its local start, for the sentence.
        public var startsLaterAt: String?

        public init(appointmentId: Int64, previous: AppointmentOutcome?, outcome: AppointmentOutcome,
                    isCorrection: Bool, reason: String?, today: LocalDate, evidenceWindowEnd: LocalDate,
                    startsLaterAt: String?) {
            self.appointmentId = appointmentId
            self.previous = previous
            self.outcome = outcome
            self.isCorrection = isCorrection
            self.reason = reason
            self.today = today
            self.evidenceWindowEnd = evidenceWindowEnd
            self.startsLaterAt = startsLaterAt
        }
    }

    /// Which text is the absence reason and which the correction's reason.
    public struct Decision: Sendable, Equatable {
        public var absenceReason: AbsenceReason?
        public var correctionReason: String?
    }

    /// Whether the change may be recorded, and how its reason reads; an `InputError` otherwise.
    public static func decide(_ r: Request) throws -> Decision {
        let id = r.appointmentId
        var decision = Decision()
        if r.isCorrection {
            guard let previous = r.previous else {
                throw InputError("--correct: appointment \(id) has no outcome yet to correct")
            }
            guard previous != .rescheduled, r.outcome != .rescheduled else {
                throw InputError("--correct: a rescheduled appointment cannot be corrected; record the outcome on the new appointment")
            }
            guard previous != r.outcome else {
                throw InputError("--correct: appointment \(id) already has the outcome \(r.outcome.rawValue)")
            }
            guard let text = r.reason else {
                throw InputError("--reason: a correction needs a reason")
            }
            decision.correctionReason = text
            if r.outcome == .acceptableAbsence {
                let code = String(text.prefix { $0.isLetter || $0 == "-" }).lowercased()
                guard let reason = AbsenceReason(rawValue: code) else {
                    throw InputError("--reason: a correction to acceptable-absence starts with the absence reason (illness, medical, employment, family-emergency, court, transport or other), e.g. \"medical: hospital letter seen\"")
                }
                decision.absenceReason = reason
            }
        } else {
            if let previous = r.previous {
                let resolvesHolding = previous == .failedToAttend
                    && (r.outcome == .acceptableAbsence || r.outcome == .unacceptableAbsence)
                guard resolvesHolding else {
                    throw InputError("appointment \(id) already has the outcome \(previous.rawValue); to change it use --correct with --reason")
                }
                if r.outcome == .acceptableAbsence, r.today > r.evidenceWindowEnd {
                    throw InputError("the evidence window for appointment \(id) closed on \(r.evidenceWindowEnd); the absence already counts as unacceptable (use --correct with --reason to override)")
                }
            }
            if r.outcome == .acceptableAbsence {
                guard let raw = r.reason, let reason = AbsenceReason(rawValue: raw.lowercased()) else {
                    throw InputError("--reason: an acceptable absence needs a reason (illness, medical, employment, family-emergency, court, transport or other)")
                }
                decision.absenceReason = reason
            } else if r.reason != nil {
                throw InputError("--reason: only an acceptable-absence (or a correction) takes a reason")
            }
        }
        if let startsAt = r.startsLaterAt, !r.outcome.mayPrecedeStart {
            throw InputError("appointment \(id) starts at \(startsAt); only acceptable-absence or rescheduled can be recorded before it starts")
        }
        return decision
    }
}
