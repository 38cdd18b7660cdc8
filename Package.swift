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
        .target(
            name: "DataQuality",
            dependencies: ["CLibCSV", "CXXHash"]
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
            dependencies: ["dqcli"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
