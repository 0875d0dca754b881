// swift-tools-version:6.0
import PackageDescription

let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Caseload",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "caseload", targets: ["caseload"]),
        .executable(name: "caseload-bench", targets: ["caseload-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // The system SQLite (Debian: libsqlite3-dev). Only Storage imports it.
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "Storage",
            dependencies: ["CSQLite", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strictSwift
        ),
        // Reads Migrations/*.sql at build time and writes them into Swift source, so the
        // schema travels inside every binary (a copied `caseload` still migrates).
        .executableTarget(
            name: "MigrationEmbedder",
            path: "Sources/MigrationEmbedder"
        ),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["MigrationEmbedder"]
        ),
        // The same for the web pages: WebAssets/templates and WebAssets/static go into the
        // binary, so `caseload serve` runs from a copied binary too.
        .executableTarget(
            name: "WebAssetEmbedder",
            path: "Sources/WebAssetEmbedder"
        ),
        .plugin(
            name: "EmbedWebAssets",
            capability: .buildTool(),
            dependencies: ["WebAssetEmbedder"]
        ),
        // Pure rules and values: facts in, decisions out. No database, no SQL.
        .target(
            name: "SupervisionRules",
            swiftSettings: strictSwift
        ),
        .target(
            name: "Supervision",
            dependencies: [
                "Storage",
                "SupervisionRules",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: strictSwift,
            plugins: ["EmbedMigrations"]
        ),
        // The web server (`caseload serve`): accounts, sessions, the JSON API. It calls the same
        // use cases as the command line; only this target knows about HTTP.
        .target(
            name: "CaseloadWeb",
            dependencies: [
                "Supervision",
                "SupervisionRules",
                "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: strictSwift,
            plugins: ["EmbedWebAssets"]
        ),
        .executableTarget(
            name: "caseload",
            dependencies: [
                "Supervision",
                "SupervisionRules",
                "CaseloadWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "caseload-bench",
            dependencies: ["BenchmarkKit"],
            path: "Benchmarks/caseload-bench",
            swiftSettings: strictSwift
        ),
        .target(
            name: "BenchmarkKit",
            dependencies: ["Supervision", "SupervisionRules", "Storage"],
            path: "Benchmarks/BenchmarkKit",
            swiftSettings: strictSwift
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: strictSwift),
        .testTarget(name: "SupervisionRulesTests", dependencies: ["SupervisionRules"], swiftSettings: strictSwift),
        .testTarget(name: "SupervisionTests", dependencies: ["Supervision", "SupervisionRules", "Storage"], swiftSettings: strictSwift),
        .testTarget(name: "caseloadTests", dependencies: ["caseload", "Supervision", "SupervisionRules", "Storage"], swiftSettings: strictSwift),
        .testTarget(
            name: "CaseloadWebTests",
            dependencies: [
                "CaseloadWeb", "Supervision", "SupervisionRules", "Storage",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSwift
        ),
        .testTarget(name: "BenchmarkKitTests", dependencies: ["BenchmarkKit"]),
    ],
    swiftLanguageModes: [.v6]
)
