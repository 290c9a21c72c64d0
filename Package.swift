// swift-tools-version: 6.2
import PackageDescription

/// Strict settings for every Swift target: full concurrency checking and upcoming features on.
let strictSwift: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "Unspun",
    products: [
        .library(name: "Unspun", targets: ["Unspun"]),
        .executable(name: "unspun", targets: ["unspun"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // ICU behind a header that uses only <stdint.h> types (Swift cannot import ICU next to Foundation).
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        // zlib's streaming gzip reader behind the same kind of header.
        .target(name: "CZlib", linkerSettings: [.linkedLibrary("z")]),
        // The rule files (Rules/en) as a resource bundle that SwiftPM copies beside every
        // executable linking Unspun; Rules/tools (their generators) stay out of it.
        .target(name: "UnspunRules", path: "Rules", exclude: ["tools"], resources: [.copy("en")], swiftSettings: strictSwift),
        .target(
            name: "Unspun",
            dependencies: ["CICU", "CZlib", "UnspunRules"],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "unspun",
            dependencies: ["Unspun", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strictSwift
        ),
        // Uses only the public API, the way another package would: built and run by `make test`.
        .executableTarget(name: "UnspunExample", dependencies: ["Unspun"], swiftSettings: strictSwift),
        // Throughput figures for `make bench` (release build); never part of the tests.
        .executableTarget(name: "UnspunBench", dependencies: ["Unspun", "CICU"], swiftSettings: strictSwift),
        .testTarget(
            name: "UnspunTests",
            dependencies: ["Unspun", .product(name: "PropertyBased", package: "swift-property-based")],
            swiftSettings: strictSwift
        ),
    ]
)
