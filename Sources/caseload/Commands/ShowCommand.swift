import ArgumentParser
import Foundation
import Supervision
import SupervisionRules

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A person's record: person, terms, restrictions and a dated timeline (audited).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var supervisee: CaseRefOption

    func run() throws {
        let (caseload, now) = try global.open()
        let record = try caseload.show(caseRef: supervisee.caseRef, actorID: global.actorID, now: now)
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
                var line = "term \(term.number): \(term.status), \(term.level), \(term.months) months \(term.startsOn) to \(term.endsOn), officer \(term.officer)"
                if let closed = term.closedOn { line += ", closed \(closed)" + (term.closeReason.map { " (\($0))" } ?? "") }
                output.line(line)
                if let next = term.nextInterviewDueOn { output.line("  next interview due \(next)") }
                if let next = term.nextLifeLogDueOn, let last = term.nextLifeLogWindowLastDay {
                    // As the portal says it (docs/lifelog.md §5): an open window is owed now.
                    output.line("  next life-log due \(next) " + (term.nextLifeLogWindowIsOpen == true
                        ? "(window open until \(last), nothing submitted yet)"
                        : "(window \(next) to \(last))"))
                }
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
