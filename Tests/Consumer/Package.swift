// swift-tools-version: 6.2
// Another package depending on Unspun by version, the way a user's would: `make consumer-test`
// builds and runs it (part of `make test`) against a tagged release of this tree.
import Foundation
import PackageDescription

/// This repository (two folders up, by its tags) unless UNSPUN_PACKAGE_URL names another copy of
/// it: `make consumer-test` names a release it makes of the current tree.
let unspunURL =
    Context.environment["UNSPUN_PACKAGE_URL"]
    ?? URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent().absoluteString
/// SwiftPM names a package by the last part of its URL (`unspun` for .../unspun.git).
let unspunIdentity = URL(string: unspunURL)!.deletingPathExtension().lastPathComponent.lowercased()

let package = Package(
    name: "UnspunConsumer",
    dependencies: [.package(url: unspunURL, from: "0.9.0")],
    targets: [
        .executableTarget(
            name: "consumer", dependencies: [.product(name: "Unspun", package: unspunIdentity)],
            swiftSettings: [.treatAllWarnings(as: .error)])
    ]
)
