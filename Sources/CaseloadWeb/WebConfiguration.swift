import SupervisionRules
import Foundation
import Supervision

/// How `caseload serve` runs. Tests lower the bcrypt cost and bring their own clock; the
/// command line uses the defaults.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// bcrypt's cost: 12 in production (docs/accounts.md §12); tests may use less, never below 4.
    public var bcryptCost: UInt8
    /// Reader connections beside the one writer.
    public var readers: Int
    /// The clock every request acts at.
    public var clock: @Sendable () -> Instant

    public static let productionBcryptCost: UInt8 = 12

    public init(host: String = "127.0.0.1", port: Int = 8080, bcryptCost: UInt8 = WebConfiguration.productionBcryptCost,
                readers: Int = 4, clock: @escaping @Sendable () -> Instant = WebConfiguration.systemClock) {
        precondition((4...31).contains(bcryptCost), "bcrypt's cost runs from 4 to 31")
        self.host = host
        self.port = port
        self.bcryptCost = bcryptCost
        self.readers = readers
        self.clock = clock
    }

    public static let systemClock: @Sendable () -> Instant = {
        Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970.rounded(.down)))
    }

    /// Plain HTTP on the loopback interface is the one case where the session cookie goes
    /// without `Secure` (browsers would not send a Secure cookie back over http://127.0.0.1).
    /// Anywhere else the server is expected behind TLS, so the cookie is marked Secure.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
