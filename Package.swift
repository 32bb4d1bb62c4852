// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "alvh-ledger",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alvh", targets: ["alvh"]),
        .executable(name: "alvh-bench", targets: ["alvh-bench"]),
        .library(name: "Finance", targets: ["Finance"]),
        .library(name: "EventStore", targets: ["EventStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The only place that sees libpq's C API.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        // A small, safe Swift client over libpq: no OpaquePointer escapes this module.
        .target(name: "PostgresClient", dependencies: ["CLibPQ"]),
        // The append-only, hash-chained event store, its migrations and the embedded local cluster.
        .target(name: "EventStore", dependencies: ["PostgresClient", .product(name: "Crypto", package: "swift-crypto")]),
        // The one CSV reader (RFC 4180, UTF-8, line and column in every error).
        .target(name: "CSVFile"),
        // Pure finance: pricing, greeks, implied volatility, XIRR, signals. No database.
        .target(name: "Finance", dependencies: ["CSVFile"]),
        // The trading domain: condors, hedge layers, events, validation, state folds, recording.
        .target(name: "Ledger", dependencies: ["EventStore", "Finance", "CSVFile"]),
        // The market model: marks, valuation of condor legs and VIX options, fills and fees, the
        // fixed-rule engine and the calendar decisions. Pure: no database.
        .target(name: "Market", dependencies: ["Ledger", "Finance"]),
        // The ALVH advisor, the synthetic market and the backtest that records a ledger from market history.
        .target(name: "Strategy", dependencies: ["Ledger", "Finance", "Market", "EventStore", "PostgresClient", "CSVFile"]),
        // The walk-forward study: windows, grid, candidates run in parallel in memory, out-of-sample stitching.
        .target(name: "Study", dependencies: ["Strategy", "Projections", "Market", "Ledger", "EventStore", "Finance"]),
        // Projections folded from the ledger: positions, IRR, decisions.
        .target(name: "Projections", dependencies: ["Ledger", "EventStore", "Finance", "Market"]),
        // Broker exports (tastytrade transactions CSV) grouped into condors, rolls and hedge layers.
        .target(name: "BrokerImport", dependencies: ["Ledger", "EventStore"]),
        // The HTML performance-review report: pure HTML/SVG from the projections' data, and its loader.
        .target(name: "Report", dependencies: ["Projections", "Ledger", "Finance", "Market", "EventStore"]),
        // The `alvh` commands, as a library so tests can drive them.
        .target(
            name: "ALVHCLI",
            dependencies: [
                "EventStore", "Ledger", "Finance", "Market", "Projections", "Strategy", "Study", "BrokerImport", "Report", "CSVFile",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "alvh", dependencies: ["ALVHCLI"]),
        // A writer process for the reliability tests: records many commands through ALVHMain.run.
        .executableTarget(name: "alvh-load", dependencies: ["ALVHCLI", "Ledger"]),
        .executableTarget(
            name: "alvh-bench",
            dependencies: [
                "PostgresClient", "EventStore", "Finance", "Ledger", "Market", "Projections", "Strategy", "Study",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Shared by the test targets: a throwaway PostgreSQL cluster per test run, paths to ../shared.
        .target(name: "TestSupport", dependencies: ["PostgresClient", "EventStore", "ALVHCLI"], path: "Tests/TestSupport"),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "TestSupport"]),
        .testTarget(name: "EventStoreTests", dependencies: ["EventStore", "PostgresClient", "TestSupport"]),
        .testTarget(name: "FinanceTests", dependencies: ["Finance", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "EventStore", "TestSupport"]),
        .testTarget(name: "MarketTests", dependencies: ["Market", "Ledger", "Finance", "TestSupport"]),
        .testTarget(name: "ProjectionTests", dependencies: ["Projections", "Market", "Ledger", "EventStore", "TestSupport"]),
        .testTarget(name: "StrategyTests", dependencies: ["Strategy", "ALVHCLI", "Projections", "Market", "Ledger", "EventStore", "Finance", "TestSupport"]),
        .testTarget(name: "StudyTests", dependencies: ["Study", "Strategy", "Projections", "Market", "Ledger", "Finance", "ALVHCLI", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["ALVHCLI", "Ledger", "Market", "EventStore", "TestSupport"]),
        .testTarget(name: "SafetyTests", dependencies: ["ALVHCLI", "Ledger", "EventStore", "PostgresClient", "Projections", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["EventStore", "PostgresClient", "Ledger", "Projections", "TestSupport"], exclude: ["README.md"]),
        .testTarget(name: "BrokerImportTests", dependencies: ["BrokerImport", "Ledger", "EventStore", "ALVHCLI", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "ALVHCLI", "Projections", "Market", "Strategy", "Ledger", "EventStore", "TestSupport"]),
    ]
)
