// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "DataQuality",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DataQuality", targets: ["DataQuality"]),
        .executable(name: "dqcli", targets: ["dqcli"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2")
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
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            path: "Sources/CZstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(
            name: "DataQuality",
            // No unsafe flags here: SwiftPM refuses them in a package that a client depends on by version. The
            // hot classes' stored properties carry `@exclusivity(unchecked)` instead (docs/performance.md).
            dependencies: [
                "CLibCSV", "CXXHash", "CPrefetch", "CSQLite", "CZlib", "CZstd", .product(name: "Yams", package: "Yams")
            ]
        ),
        .executableTarget(
            name: "dqcli",
            dependencies: [
                "DataQuality",
                .product(name: "ArgumentParser", package: "swift-argument-parser")
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
        )
    ],
    swiftLanguageModes: [.v6]
)
