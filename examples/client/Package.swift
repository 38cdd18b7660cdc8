// swift-tools-version: 6.0
import PackageDescription

// A Swift program that uses DataQuality as a dependency resolved by version, as any client package does.
// `DATAQUALITY_URL` (default: the repository holding this example) and `DATAQUALITY_VERSION` (default: this
// release, 0.1.0) say where and from which tag; scripts/client-by-version.sh points them at a tagged
// temporary clone.
let package = Package(
    name: "DataQualityClient",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(
            url: Context.environment["DATAQUALITY_URL"] ?? "../..",
            from: Version(Context.environment["DATAQUALITY_VERSION"] ?? "0.1.0") ?? "0.1.0")
    ],
    targets: [
        .executableTarget(
            name: "DataQualityClient",
            dependencies: [.product(name: "DataQuality", package: "DataQuality")]
        )
    ],
    swiftLanguageModes: [.v6]
)
