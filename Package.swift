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
        .executableTarget(
            name: "caseload",
            dependencies: [
                "Supervision",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
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
            dependencies: ["Supervision", "Storage"],
            path: "Benchmarks/BenchmarkKit",
            swiftSettings: strictSwift
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage"], swiftSettings: strictSwift),
        .testTarget(name: "SupervisionRulesTests", dependencies: ["SupervisionRules"], swiftSettings: strictSwift),
        .testTarget(name: "SupervisionTests", dependencies: ["Supervision", "SupervisionRules", "Storage"], swiftSettings: strictSwift),
        .testTarget(name: "caseloadTests", dependencies: ["caseload", "Supervision", "Storage"], swiftSettings: strictSwift),
        .testTarget(name: "BenchmarkKitTests", dependencies: ["BenchmarkKit"]),
    ],
    swiftLanguageModes: [.v6]
)
