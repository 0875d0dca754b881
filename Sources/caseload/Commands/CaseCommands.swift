import ArgumentParser
import Foundation
import Supervision
import SupervisionRules

struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register", abstract: "Register a release: the person (if new) and a supervision term.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case-ref"), help: "The agency's case reference (1–32 of letters, digits, - _ /).") var caseRef: String
    @Option(help: "The person's full name.") var name: String
    @Option(help: "Date of birth, YYYY-MM-DD.") var born: String
    @Option(help: "Release date (the first supervised day), YYYY-MM-DD.") var released: String
    @Option(help: "Term length in whole months, 6 to 12.") var months: Int
    @Option(help: "Supervision level: high, medium or low.") var level: String
    @Option(help: "The officer whose caseload it joins.") var officer: String
    @Option(parsing: .unconditional, help: "Home point, LAT,LON.") var home: String?

    func run() throws {
        let (caseload, now) = try global.open()
        let receipt = try caseload.register(
            ReleaseRegistration(caseRef: caseRef, name: name, born: born, released: released, months: months,
                                level: level, officer: officer, home: home),
            actorID: global.actorID, now: now)
        try global.output().record(receipt)
    }
}

struct TermCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "term", abstract: "Change a supervision term.",
        subcommands: [Extend.self, Discharge.self, Level.self])

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend the open term by whole months (the total stays at most 12).")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "Months to add.") var months: Int

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.extendTerm(caseRef: caseRef, byMonths: months, actorID: global.actorID, now: now))
        }
    }

    struct Discharge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Discharge the open term early, as of the --as-of date.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "Why the term ends early.") var reason: String

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.dischargeTerm(caseRef: caseRef, reason: reason, actorID: global.actorID, now: now))
        }
    }

    struct Level: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change the supervision level from the --as-of date.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "high, medium or low.") var level: String
        @Option(help: "Why.") var reason: String?

        func run() throws {
            let (caseload, now) = try global.open()
            try global.output().record(try caseload.changeLevel(caseRef: caseRef, level: level, reason: reason,
                                                                actorID: global.actorID, now: now))
        }
    }
}

struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview", abstract: "Schedule interviews and record their outcomes.",
        subcommands: [Schedule.self, Log.self])

    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Schedule an appointment, or a series with --repeat N --every DAYS.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "Local date and time, YYYY-MM-DDTHH:MM.") var at: String
        @Option(help: "Duration in minutes, 5–480.") var minutes: Int = 60
        @Option(help: "office, home, phone or video.") var kind: String = "office"
        @Option(name: .customLong("repeat"), help: "How many appointments in the series.") var repeatCount: Int?
        @Option(help: "Days between appointments of the series.") var every: Int?
        @Flag(name: .customLong("dry-run"), help: "Show the dates and save nothing.") var dryRun = false

        func validate() throws {
            if (repeatCount ?? 1) > 1, every == nil {
                throw ValidationError("--repeat needs --every DAYS")
            }
            if every != nil, repeatCount == nil {
                throw ValidationError("--every goes with --repeat N")
            }
        }

        func run() throws {
            let (caseload, now) = try global.open()
            let scheduled = try caseload.scheduleInterviews(
                InterviewScheduleRequest(caseRef: caseRef, at: at, minutes: minutes, kind: kind,
                                         repeatCount: repeatCount ?? 1, everyDays: every, dryRun: dryRun),
                actorID: global.actorID, now: now)
            let listing = global.output().listing([
                .init(key: "id", header: "ID", width: 9, alignRight: true),
                .init(key: "caseRef", header: "CASE", width: 14),
                .init(key: "at", header: "AT", width: 16),
                .init(key: "endsAt", header: "ENDS", width: 16),
                .init(key: "minutes", header: "MIN", width: 4, alignRight: true),
                .init(key: "kind", header: "KIND", width: 6),
            ])
            for item in scheduled {
                try listing.row([item.id.map(String.init) ?? "(dry run)", item.caseRef, item.at, item.endsAt,
                                 String(item.minutes), item.kind]) { try Output.json(item) }
            }
            listing.finish(empty: "nothing scheduled")
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record (or with --correct, correct) an appointment's outcome.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The appointment id.") var id: Int64
        @Option(help: "attended, failed-to-attend, acceptable-absence, unacceptable-absence or rescheduled.") var outcome: String
        @Option(help: "The absence reason (illness, medical, employment, family-emergency, court, transport, other); with --correct, why (starting with the absence reason when correcting to acceptable-absence).") var reason: String?
        @Option(name: .customLong("requested-by"), help: "For rescheduled: supervisee or agency.") var requestedBy: String?
        @Option(name: .customLong("new-at"), help: "For rescheduled: the new local date and time.") var newAt: String?
        @Flag(help: "Correct a recorded outcome (needs --reason).") var correct = false
        @Option(help: "Notes.") var notes: String?

        func run() throws {
            let (caseload, now) = try global.open()
            let receipt = try caseload.logOutcome(
                OutcomeRequest(appointmentId: id, outcome: outcome, reason: reason, requestedBy: requestedBy,
                               newAt: newAt, correct: correct, notes: notes),
                actorID: global.actorID, now: now)
            try global.output().record(receipt)
        }
    }
}

struct LifelogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifelog", abstract: "Life-log entries (the supervisee's periodic self-report).",
        subcommands: [Submit.self])

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Submit a life-log entry; prints its id and the due date it filled.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("case-ref")) var caseRef: String
        @Option(help: "When it was made (default: the --as-of clock).") var at: String?
        @Option(help: "Where they live.") var residence: String?
        @Option(help: "Work status.") var employment: String?
        @Option(help: "Activities.") var activities: String?
        @Option(help: "Wellbeing, 1–5.") var wellbeing: Int?
        @Option(help: "A support need (repeatable): housing, employment, health, substance, money, relationships.") var need: [String] = []
        @Flag(name: .customLong("call-back"), help: "The supervisee wants a call back.") var callBack = false
        @Option(parsing: .unconditionalSingleValue, help: "A location point (repeatable): LAT,LON[,ACCURACY][@DATETIME].") var location: [String] = []
        @Option(help: "The id of the entry this one corrects.") var corrects: Int64?

        func run() throws {
            let (caseload, now) = try global.open()
            let receipt = try caseload.submitLifeLog(
                LifeLogSubmission(caseRef: caseRef, at: at, residence: residence, employment: employment,
                                  activities: activities, wellbeing: wellbeing, needs: need, wantsCallBack: callBack,
                                  locations: location, corrects: corrects),
                actorID: global.actorID, now: now)
            try global.output().record(receipt)
        }
    }
}

struct OverdueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overdue", abstract: "Overdue items as of --as-of: one row per supervisee and item.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this officer's caseload.") var officer: String?

    func run() throws {
        let (caseload, now) = try global.open()
        try printOverdue(caseload: caseload, officer: officer, actorID: global.actorID, now: now, output: global.output())
    }
}

/// The overdue listing, streamed as it is computed.
func printOverdue(caseload: Caseload, officer: String?, actorID: String?, now: Instant, output: Output) throws {
    let listing = output.listing([
        .init(key: "caseRef", header: "CASE", width: 12),
        .init(key: "name", header: "NAME", width: 18),
        .init(key: "officer", header: "OFFICER", width: 9),
        .init(key: "item", header: "ITEM", width: 17),
        .init(key: "dueOn", header: "DUE", width: 10),
        .init(key: "daysOverdue", header: "DAYS", width: 4, alignRight: true),
    ])
    try caseload.overdue(officer: officer, actorID: actorID, now: now) { item in
        try listing.row([item.caseRef, item.name, item.officer, item.item.rawValue, item.dueOn.description,
                         String(item.daysOverdue)]) { try Output.json(item) }
    }
    listing.finish(empty: "nothing overdue")
}

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A person's record: person, terms, restrictions and a dated timeline (audited).")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("case-ref")) var caseRef: String

    func run() throws {
        let (caseload, now) = try global.open()
        let record = try caseload.show(caseRef: caseRef, actorID: global.actorID, now: now)
        let output = global.output()
        switch global.format {
        case .json:
            output.line(try Output.json(record, pretty: true))
        case .csv:
            // The timeline is the record's listing; the person and terms head it as events.
            output.line("date,at,kind,text")
            for event in record.timeline {
                output.line([event.date.description, event.at ?? "", event.kind, event.text].map(Output.csvField).joined(separator: ","))
            }
        case .table:
            let person = record.person
            output.line("\(person.caseRef)  \(person.name)  born \(person.born)" + (person.home.map { "  home \($0)" } ?? ""))
            for term in record.terms {
                var line = "term \(term.termId): \(term.status), \(term.level), \(term.months) months \(term.startsOn) to \(term.endsOn), officer \(term.officer)"
                if let closed = term.closedOn { line += ", closed \(closed)" + (term.closeReason.map { " (\($0))" } ?? "") }
                output.line(line)
                if let next = term.nextInterviewDueOn { output.line("  next interview due \(next)") }
                if let next = term.nextLifeLogDueOn { output.line("  next life-log due \(next)") }
            }
            if !record.restrictions.isEmpty {
                output.line()
                output.line("Restrictions")
                for restriction in record.restrictions {
                    for (index, line) in wrap(restriction, width: 76).enumerated() {
                        output.line((index == 0 ? "  " : "    ") + line)
                    }
                }
            }
            output.line()
            output.line("Timeline")
            for event in record.timeline {
                let prefix = "  \(event.date) \((event.at ?? "").padding(toLength: 5, withPad: " ", startingAt: 0))  "
                for (index, line) in wrap(event.text, width: 80 - prefix.count).enumerated() {
                    output.line((index == 0 ? prefix : String(repeating: " ", count: prefix.count)) + line)
                }
            }
        }
        output.flush()
    }
}

/// Splits `text` into lines of at most `width` characters at spaces (a longer word stands alone).
func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false) {
        if current.isEmpty {
            current = String(word)
        } else if current.count + 1 + word.count <= width {
            current += " " + word
        } else {
            lines.append(current)
            current = String(word)
        }
    }
    lines.append(current)
    return lines
}
