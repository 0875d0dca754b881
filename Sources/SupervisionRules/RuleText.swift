/// Number and time formatting for the sentences the rules produce (violation explanations, input
/// errors), and the strict decimal parsing behind coordinates and distances.
///
/// Done by hand rather than with Foundation formatters so the text never depends on a locale:
/// an explanation stored today must read the same when the record is shown next year.
enum RuleText {
    /// `x` rounded to at most `maxDecimals` places, without trailing zeros or an exponent:
    /// 500 → "500", 10.5 → "10.5", -0.1278 → "-0.1278", 0.00001 → "0.00001".
    static func decimal(_ x: Double, maxDecimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "NaN" : (x < 0 ? "-∞" : "∞") }
        var scale = 1.0
        for _ in 0..<maxDecimals { scale *= 10 }
        let scaled = (abs(x) * scale).rounded()
        guard scaled < 9e15 else { return "\(x)" }   // beyond exact integers; never for our values
        let units = Int64(scaled)
        if units == 0 { return "0" }
        let factor = Int64(scale)
        var whole = "\(units / factor)"
        var fraction = "\(units % factor)"
        if maxDecimals > 0 {
            fraction = String(repeating: "0", count: maxDecimals - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
        } else {
            fraction = ""
        }
        if !fraction.isEmpty { whole += "." + fraction }
        return (x < 0 ? "-" : "") + whole
    }

    /// A length in metres as typed back to people (tolerance, accuracy, radius): up to mm.
    static func metres(_ x: Double) -> String { decimal(x, maxDecimals: 3) }

    /// A measured distance that broke a limit, rounded to whole metres unless rounding would make
    /// it look as if it did not exceed `limit` (100.4 m against a 100 m tolerance reads "100.4",
    /// not "100"): then one more decimal place at a time, up to millimetres.
    static func distance(_ d: Double, exceeding limit: Double) -> String {
        for places in 0...3 {
            var scale = 1.0
            for _ in 0..<places { scale *= 10 }
            let shown = (d * scale).rounded() / scale
            if shown > limit || places == 3 { return decimal(shown, maxDecimals: places) }
        }
        return decimal(d, maxDecimals: 3)
    }

    /// "HH:MM" for minutes after midnight.
    static func clock(minutes: Int) -> String {
        String(format2: minutes / 60) + ":" + String(format2: minutes % 60)
    }

    /// "HH:MM" of a wall time (seconds are dropped, not rounded: 22:59:59 is still 22:59).
    static func clock(_ local: LocalDateTime) -> String {
        String(format2: local.hour) + ":" + String(format2: local.minute)
    }

    /// A plain decimal number: optional sign, digits, optional fraction. Refuses what `Double(_:)`
    /// would also accept but no person means as a coordinate or a distance: "nan", "inf",
    /// hexadecimal, exponents, spaces inside.
    static func strictDecimal<S: StringProtocol>(_ text: S) -> Double? {
        var digitsBefore = 0, digitsAfter = 0, seenPoint = false
        for (i, c) in text.unicodeScalars.enumerated() {
            switch c {
            case "+", "-": if i != 0 { return nil }
            case ".": if seenPoint { return nil }; seenPoint = true
            case "0"..."9": if seenPoint { digitsAfter += 1 } else { digitsBefore += 1 }
            default: return nil
            }
        }
        guard digitsBefore + digitsAfter > 0 else { return nil }
        return Double(String(text))
    }

    /// What the user typed, quoted, shortened when long (an error sentence stays one line).
    static func quoted<S: StringProtocol>(_ text: S) -> String {
        let limit = 60
        let shown = text.count > limit ? String(text.prefix(limit)) + "…" : String(text)
        return "\"" + shown + "\""
    }

    static func trimmed<S: StringProtocol>(_ text: S) -> Substring {
        let scalars = Substring(text).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return Substring(scalars[first...last])
    }
}
