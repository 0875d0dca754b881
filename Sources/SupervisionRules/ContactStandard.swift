/// The agency's contact standard: how often a supervisee must be seen and must report, and how
/// long they have to do so. These are agency settings; `default` holds the values of docs/interviews.md §4.
///
/// Values are validated where an admin sets them (all of them at least 1); the rules here assume
/// they are sane.
public struct ContactStandard: Sendable, Equatable {
    /// An attended interview at least every this many calendar days, per level.
    public var interviewIntervalDays: [SupervisionLevel: Int]
    /// A life-log entry due every this many calendar days, per level.
    public var lifeLogIntervalDays: [SupervisionLevel: Int]
    /// The first interview is due this many business days after release: soon enough that
    /// nobody drifts unsupervised, late enough to survive a release on a Friday.
    public var firstInterviewBusinessDays: Int
    /// Business days after a missed appointment in which the supervisee may still show an
    /// acceptable reason, before the failure to attend counts as unacceptable.
    public var evidenceWindowBusinessDays: Int
    /// Calendar days in which an entry for due date D is accepted: 3 means D, D+1 and D+2.
    public var lifeLogGraceDays: Int

    public static let `default` = ContactStandard(
        interviewIntervalDays: [.high: 7, .medium: 14, .low: 28],
        lifeLogIntervalDays: [.high: 7, .medium: 7, .low: 14],
        firstInterviewBusinessDays: 3,
        evidenceWindowBusinessDays: 5,
        lifeLogGraceDays: 3
    )

    /// Days between required interviews at `level`. A level missing from the settings falls back
    /// to the default of docs/interviews.md §4 rather than trapping: a half-edited settings row must not stop the
    /// overdue list.
    public func interviewInterval(_ level: SupervisionLevel) -> Int {
        interviewIntervalDays[level] ?? Self.defaultInterviewDays(level)
    }

    /// Days between life-log due dates at `level`, with the same fallback as `interviewInterval`.
    public func lifeLogInterval(_ level: SupervisionLevel) -> Int {
        lifeLogIntervalDays[level] ?? Self.defaultLifeLogDays(level)
    }

    // Spelled out with switches (not read from `default`) so the fallback can never itself be
    // missing a level.
    private static func defaultInterviewDays(_ level: SupervisionLevel) -> Int {
        switch level {
        case .high: 7
        case .medium: 14
        case .low: 28
        }
    }

    private static func defaultLifeLogDays(_ level: SupervisionLevel) -> Int {
        switch level {
        case .high: 7
        case .medium: 7
        case .low: 14
        }
    }
}
