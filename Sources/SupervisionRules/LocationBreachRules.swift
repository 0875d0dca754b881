/// Which movement restrictions a location report breaches (docs/restrictions.md §6).
///
/// The accuracy margin: a report is a breach only when it would still be one had the true
/// position been anywhere within its accuracy radius, i.e. when it is wrong by MORE than its
/// accuracy. A report exactly at the margin is not a breach. Reports with accuracy worse than
/// 1,000 m never breach anything.
public enum LocationBreachRules {
    /// Every breach of `report` against the restrictions effective on the report's local date
    /// (in `zone`, the agency's zone), one per breached restriction, ordered by restriction id.
    ///
    /// - curfew: the report's wall-clock time is inside a window (`CurfewRule.windowContaining`),
    ///   and the report is farther from home than tolerance + accuracy. Wall-clock time decides,
    ///   so DST nights need nothing special, with one exception: when the clocks go back and the
    ///   window's end time occurs twice, the window ends at the first occurrence (the repeated
    ///   hour does not put the person back under curfew). The restriction must be
    ///   effective both on the report's date and on the date its window started: a curfew that
    ///   starts on the 10th does not cover the early hours of the 10th (that night began on the
    ///   9th), and one that ends on the 20th does not cover the early hours of the 21st.
    /// - exclusion: inside the zone by more than the accuracy (signed distance < −accuracy).
    /// - inclusion: outside the area by more than the accuracy (signed distance > accuracy),
    ///   unless a travel permit is effective on the report's date. A permit without a destination
    ///   suspends the permitted area for that date; with destinations, the report must be within
    ///   (by the same margin) one of the destinations or the permitted area.
    /// - travel permits are never breached themselves, and suspend only permitted areas (not
    ///   curfews or exclusion zones), as docs/restrictions.md §6 says.
    ///
    /// `cause` is "report:<report id>:restriction:<restriction id>". A breach for which
    /// `isNew(kind, cause)` is false is left out before its explanation is written (a scan
    /// passes what its terms already have: most breaches it meets are ones it recorded before).
    public static func breaches(of report: LocationReport, restrictions: [Restriction], zone: AgencyZone,
                                isNew: (ViolationKind, String) -> Bool = { _, _ in true }) -> [DetectedViolation] {
        guard !report.isLowAccuracy else { return [] }
        let local = zone.local(report.at)
        let accuracy = max(0, report.accuracyMeters)
        // A scan judges every report of a term against the same list, already in id order: the
        // list is sorted only when it is not, and nothing is allocated for a report that
        // breaches nothing.
        let ordered = zip(restrictions, restrictions.dropFirst()).allSatisfy { $0.id <= $1.id }
            ? restrictions : restrictions.sorted { ($0.id, $0.kind.rawValue) < ($1.id, $1.kind.rawValue) }
        var found: [DetectedViolation] = []
        for restriction in ordered where restriction.isEffective(on: local.date) {
            let breach: DetectedViolation?
            switch restriction.kind {
            case .curfew:
                breach = curfewBreach(report, restriction, local: local, zone: zone, accuracy: accuracy, isNew: isNew)
            case .exclusion:
                breach = exclusionBreach(report, restriction, local: local, accuracy: accuracy, isNew: isNew)
            case .inclusion:
                let permits = ordered.filter { $0.kind == .travelPermit && $0.isEffective(on: local.date) }
                breach = inclusionBreach(report, restriction, permits: permits, local: local, accuracy: accuracy,
                                         isNew: isNew)
            case .travelPermit:
                breach = nil
            }
            if let breach { found.append(breach) }
        }
        return found
    }

    private static func curfewBreach(_ report: LocationReport, _ restriction: Restriction, local: LocalDateTime,
                                     zone: AgencyZone, accuracy: Double,
                                     isNew: (ViolationKind, String) -> Bool) -> DetectedViolation? {
        guard let rule = restriction.curfew,
              let windowStart = rule.windowContaining(local),
              restriction.isEffective(on: windowStart)
        else { return nil }
        // When the clocks go back, the wall clock shows the window's end time twice; the window
        // ends the first time. Without this, a curfew ending at 01:30 would start again at the
        // second 01:00 and flag someone who left at 01:30. (This can only remove a flag.)
        let endDate = rule.to <= rule.from ? windowStart.adding(days: 1) : windowStart
        guard report.at < zone.instant(of: LocalDateTime(date: endDate, secondOfDay: rule.to * 60)) else { return nil }
        let distance = Geometry.distanceMeters(rule.home, report.point)
        let limit = rule.toleranceMeters + accuracy
        guard distance > limit, isNew(.curfew, cause(report, restriction)) else { return nil }
        var text = "report at \(RuleText.clock(local)), \(RuleText.distance(distance, exceeding: limit)) m from home, "
            + "curfew\(quotedName(restriction)) \(rule.windowText)"
        if windowStart != local.date { text += " that began on \(windowStart)" }
        text += " (tolerance \(RuleText.metres(rule.toleranceMeters)) m, accuracy \(RuleText.metres(accuracy)) m)"
        return violation(.curfew, report, restriction, local: local, text)
    }

    private static func exclusionBreach(_ report: LocationReport, _ restriction: Restriction,
                                        local: LocalDateTime, accuracy: Double,
                                        isNew: (ViolationKind, String) -> Bool) -> DetectedViolation? {
        guard let area = restriction.zone else { return nil }
        let signed = area.signedDistanceMeters(to: report.point)
        guard signed < -accuracy, isNew(.exclusionZone, cause(report, restriction)) else { return nil }
        let text = "report at \(RuleText.clock(local)) inside exclusion zone \(label(restriction, area)) "
            + "(\(RuleText.distance(-signed, exceeding: accuracy)) m inside, accuracy \(RuleText.metres(accuracy)) m)"
        return violation(.exclusionZone, report, restriction, local: local, text)
    }

    private static func inclusionBreach(_ report: LocationReport, _ restriction: Restriction, permits: [Restriction],
                                        local: LocalDateTime, accuracy: Double,
                                        isNew: (ViolationKind, String) -> Bool) -> DetectedViolation? {
        guard let area = restriction.zone else { return nil }
        let signed = area.signedDistanceMeters(to: report.point)
        guard signed > accuracy, isNew(.outsidePermittedArea, cause(report, restriction)) else { return nil }
        var text = "report at \(RuleText.clock(local)) outside permitted area \(label(restriction, area)) "
        if permits.isEmpty {
            text += "(\(RuleText.distance(signed, exceeding: accuracy)) m outside, accuracy \(RuleText.metres(accuracy)) m)"
            return violation(.outsidePermittedArea, report, restriction, local: local, text)
        }
        var destinations: [(permit: Restriction, signed: Double)] = []
        for permit in permits {
            guard let destination = permit.zone else { return nil }   // travel anywhere that day
            let away = destination.signedDistanceMeters(to: report.point)
            if away <= accuracy { return nil }
            destinations.append((permit, away))
        }
        text += "(\(RuleText.distance(signed, exceeding: accuracy)) m outside)"
        for (permit, away) in destinations {
            let dates = permit.startsOn == permit.endsOn ? "\(permit.startsOn)" : "\(permit.startsOn) to \(permit.endsOn)"
            text += " and outside the destination of travel permit\(quotedName(permit)) for \(dates) "
                + "(\(RuleText.distance(away, exceeding: accuracy)) m outside)"
        }
        text += ", accuracy \(RuleText.metres(accuracy)) m"
        return violation(.outsidePermittedArea, report, restriction, local: local, text)
    }

    private static func violation(_ kind: ViolationKind, _ report: LocationReport, _ restriction: Restriction,
                                  local: LocalDateTime, _ explanation: String) -> DetectedViolation {
        DetectedViolation(kind: kind, occurredOn: local.date, cause: cause(report, restriction), explanation: explanation)
    }

    private static func cause(_ report: LocationReport, _ restriction: Restriction) -> String {
        "report:\(report.id):restriction:\(restriction.id)"
    }

    /// ` "Victim's street"`, or nothing when unnamed.
    private static func quotedName(_ restriction: Restriction) -> String {
        guard let name = restriction.name, !name.isEmpty else { return "" }
        return " \"\(name)\""
    }

    /// The zone's name in quotes, or its shape when unnamed.
    private static func label(_ restriction: Restriction, _ area: GeoZone) -> String {
        guard let name = restriction.name, !name.isEmpty else { return area.summary }
        return "\"\(name)\""
    }
}
