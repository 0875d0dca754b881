import SupervisionRules
/// SplitMix64: a small, fast generator that gives the same numbers on every machine, so a seed
/// always builds the same sample agency (the demo, the benchmark).
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func nextRaw() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound.
    public mutating func next(_ bound: Int) -> Int { Int(nextRaw() % UInt64(bound)) }
    /// True with probability percent / 100.
    public mutating func chance(_ percent: Int) -> Bool { next(100) < percent }
    /// Uniform in 0..<1.
    public mutating func unit() -> Double { Double(nextRaw() >> 11) / Double(1 << 53) }
}
