/// The kinds of movement restriction (docs/restrictions.md §6); raw values are the command-line and stored names.
public enum RestrictionKind: String, Sendable, Codable, CaseIterable {
    case curfew, exclusion, inclusion, travelPermit = "travel-permit"
}

/// A curfew: be within `toleranceMeters` of home between two local wall-clock times on some days.
///
/// Times are wall-clock times of the agency's zone, so a 22:00–05:00 curfew ends at 05:00 on the
/// clock on the morning the clocks change, however long that night is.
public struct CurfewRule: Sendable, Hashable, Codable {
    /// Minutes after local midnight, 0..<1440.
    public let from: Int
    /// Minutes after local midnight, 0..<1440; smaller than `from`: the window crosses midnight.
    public let to: Int
    /// ISO weekdays (1 = Monday) on which a window STARTS: a Friday-only 22:00–05:00 curfew covers
    /// Friday night into Saturday morning, not Thursday night into Friday morning.
    public let days: Set<Int>
    public let home: GeoPoint
    /// How far from home still counts as at home (default 100 m).
    public let toleranceMeters: Double

    public static let defaultToleranceMeters = 100.0
    public static let maxToleranceMeters = 10_000.0
    public static let allDays: Set<Int> = Set(1...7)

    /// Refuses times outside 0..<1440, `from == to` (it could mean an empty window or a 24-hour
    /// one; home detention is an inclusion zone), an empty or out-of-range set of days, and a
    /// tolerance that is negative, not finite or above 10 km.
    public init(from: Int, to: Int, days: Set<Int> = CurfewRule.allDays, home: GeoPoint,
                toleranceMeters: Double = CurfewRule.defaultToleranceMeters) throws(InputError) {
        guard (0..<1440).contains(from), (0..<1440).contains(to) else {
            throw InputError("A curfew's times must be between 00:00 and 23:59.")
        }
        guard from != to else {
            throw InputError("A curfew's --from and --to must differ; both are \(RuleText.clock(minutes: from)).")
        }
        guard !days.isEmpty, days.allSatisfy({ (1...7).contains($0) }) else {
            throw InputError("A curfew needs at least one day of the week, each 1 (Monday) to 7 (Sunday).")
        }
        guard toleranceMeters.isFinite, toleranceMeters >= 0, toleranceMeters <= CurfewRule.maxToleranceMeters else {
            throw InputError("--tolerance must be between 0 and 10000 metres; got \(RuleText.metres(toleranceMeters)).")
        }
        self.from = from
        self.to = to
        self.days = days
        self.home = home
        self.toleranceMeters = toleranceMeters
    }

    /// "HH:MM" (the hour may have one digit) → minutes after midnight, 00:00–23:59.
    public static func parseTime(_ text: String, field: String) throws(InputError) -> Int {
        let trimmed = RuleText.trimmed(text)
        let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].allSatisfy({ $0.isASCII && $0.isNumber }),
              let hour = Int(parts[0]), let minute = Int(parts[1]), hour < 24, minute < 60
        else {
            throw InputError("\(field) must be a time HH:MM between 00:00 and 23:59; got \(RuleText.quoted(text)).")
        }
        return hour * 60 + minute
    }

    /// "mon,tue,…" (three letters or full names, any case) and the words "all", "weekdays",
    /// "weekends" (also combined: "weekends,fri") → ISO weekdays.
    public static func parseDays(_ text: String) throws(InputError) -> Set<Int> {
        var days: Set<Int> = []
        let words = text.split(separator: ",", omittingEmptySubsequences: false)
        for word in words {
            let name = RuleText.trimmed(word).lowercased()
            if let day = dayNames[name] {
                days.insert(day)
            } else if name == "all" || name == "daily" {
                days.formUnion(1...7)
            } else if name == "weekdays" {
                days.formUnion(1...5)
            } else if name == "weekends" || name == "weekend" {
                days.formUnion(6...7)
            } else {
                throw InputError("--days must list days such as mon,tue,wed,thu,fri,sat,sun (or all, weekdays, weekends); \(RuleText.quoted(RuleText.trimmed(word))) is not a day.")
            }
        }
        return days
    }

    private static let dayNames: [String: Int] = [
        "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
        "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    ]

    /// The date on which the curfew window containing `local` started, or nil when `local` is in
    /// no window. Windows are [from, to): the start minute is inside, the end minute is not. For a
    /// window that crosses midnight, the early-morning part belongs to the window that started the
    /// previous day, so `days` is checked against that day.
    public func windowContaining(_ local: LocalDateTime) -> LocalDate? {
        let second = local.secondOfDay
        let start = from * 60, end = to * 60
        if from < to {
            return start <= second && second < end && days.contains(local.date.isoWeekday) ? local.date : nil
        }
        if second >= start, days.contains(local.date.isoWeekday) { return local.date }
        let yesterday = local.date.adding(days: -1)
        if second < end, days.contains(yesterday.isoWeekday) { return yesterday }
        return nil
    }

    /// "22:00–05:00"
    public var windowText: String { RuleText.clock(minutes: from) + "–" + RuleText.clock(minutes: to) }

    /// "every day", "weekdays", "weekends", or "mon, wed, fri".
    public var daysText: String {
        switch days {
        case CurfewRule.allDays: return "every day"
        case Set(1...5): return "weekdays"
        case Set(6...7): return "weekends"
        default:
            let short = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            return days.sorted().map { short[$0 - 1] }.joined(separator: ", ")
        }
    }

    // Days are stored sorted so the same rule always encodes to the same text.
    private enum CodingKeys: String, CodingKey { case from, to, days, home, toleranceMeters }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(from: try c.decode(Int.self, forKey: .from), to: try c.decode(Int.self, forKey: .to),
                          days: Set(try c.decode([Int].self, forKey: .days)),
                          home: try c.decode(GeoPoint.self, forKey: .home),
                          toleranceMeters: try c.decode(Double.self, forKey: .toleranceMeters))
        } catch let error as InputError {
            throw DecodingError.dataCorruptedError(forKey: .from, in: c, debugDescription: error.message)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(from, forKey: .from)
        try c.encode(to, forKey: .to)
        try c.encode(days.sorted(), forKey: .days)
        try c.encode(home, forKey: .home)
        try c.encode(toleranceMeters, forKey: .toleranceMeters)
    }
}

/// A movement restriction on one supervision term, as the rules see it (ids come from the database).
public struct Restriction: Sendable, Hashable {
    public let id: Int64
    public let kind: RestrictionKind
    public let startsOn: LocalDate
    /// The last day it applies (inclusive).
    public let endsOn: LocalDate
    /// What the officer called it ("Victim's street"), shown in explanations.
    public let name: String?
    /// Present exactly when `kind == .curfew`.
    public let curfew: CurfewRule?
    /// The area of an exclusion or inclusion; a travel permit's optional destination.
    public let zone: GeoZone?

    /// Does not check that the parts fit the kind (records read back were checked when written);
    /// call `validate()` before saving. The rules ignore a restriction whose parts are missing.
    public init(id: Int64, kind: RestrictionKind, startsOn: LocalDate, endsOn: LocalDate,
                name: String? = nil, curfew: CurfewRule? = nil, zone: GeoZone? = nil) {
        self.id = id
        self.kind = kind
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.name = name
        self.curfew = curfew
        self.zone = zone
    }

    /// startsOn ≤ date ≤ endsOn
    public func isEffective(on date: LocalDate) -> Bool {
        startsOn <= date && date <= endsOn
    }

    /// Refuses an end before the start, and parts that do not fit the kind: a curfew needs its
    /// rule and no zone; exclusion and inclusion need a valid zone and no curfew; a travel permit
    /// may have a destination zone and no curfew.
    public func validate() throws(InputError) {
        guard startsOn <= endsOn else {
            throw InputError("A restriction cannot end (\(endsOn)) before it starts (\(startsOn)).")
        }
        switch kind {
        case .curfew:
            guard curfew != nil, zone == nil else { throw InputError("A curfew needs times and a home point, and no zone.") }
        case .exclusion, .inclusion:
            guard curfew == nil, let zone else {
                throw InputError("An \(kind.rawValue) restriction needs a zone (--circle or --polygon).")
            }
            try zone.validate()
        case .travelPermit:
            guard curfew == nil else { throw InputError("A travel permit has no curfew times.") }
            try zone?.validate()
        }
    }

    /// "curfew 22:00–05:00 every day, home 51.5,-0.12 ±100 m", "exclusion "Victim's street":
    /// circle 51.5074,-0.1278 r=500 m", "travel-permit to circle …" — for listings.
    public var summary: String {
        let label = kind.rawValue + (name.map { " \"\($0)\"" } ?? "")
        switch kind {
        case .curfew:
            guard let curfew else { return label }
            return "\(label) \(curfew.windowText) \(curfew.daysText), home \(curfew.home) ±\(RuleText.metres(curfew.toleranceMeters)) m"
        case .exclusion, .inclusion:
            return zone.map { "\(label): \($0.summary)" } ?? label
        case .travelPermit:
            return zone.map { "\(label) to \($0.summary)" } ?? "\(label), no destination"
        }
    }
}
