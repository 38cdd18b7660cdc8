// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "DataQuality",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DataQuality", targets: ["DataQuality"]),
        .executable(name: "dqcli", targets: ["dqcli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCSV",
            path: "Sources/CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        .systemLibrary(
            name: "CXXHash",
            path: "Sources/CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        .systemLibrary(
            name: "CPrefetch",
            path: "Sources/CPrefetch"
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "DataQuality",
            dependencies: ["CLibCSV", "CXXHash", "CPrefetch", "CSQLite", .product(name: "Yams", package: "Yams")],
            // Release builds skip the run-time exclusivity checks (about 13% of the instructions on columns
            // past the exact bound: swift_beginAccess on every class property touched per value); debug
            // builds, which the tests run, keep them, so a conflicting access still fails there.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        .executableTarget(
            name: "dqcli",
            dependencies: [
                "DataQuality",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DataQualityTests",
            dependencies: ["DataQuality"]
        ),
        .testTarget(
            name: "DataQualityClientTests",
            dependencies: ["DataQuality"]
        ),
        .testTarget(
            name: "dqcliTests",
            dependencies: ["dqcli", "DataQuality"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
