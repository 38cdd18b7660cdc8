// swift-tools-version: 6.0
// The libFuzzer target of DataQuality, a package of its own so that the main package's `swift build` and
// `swift test` never build it. Build and run it with scripts/fuzz.sh, which passes
// `-Xswiftc -sanitize=fuzzer,address` (libFuzzer's coverage and main, and AddressSanitizer, in one build).
import PackageDescription

let package = Package(
    name: "DataQualityFuzz",
    dependencies: [
        .package(name: "DataQuality", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "ProfileFuzzer",
            dependencies: [.product(name: "DataQuality", package: "DataQuality")],
            // libFuzzer supplies `main`; the target only defines LLVMFuzzerTestOneInput.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    ],
    swiftLanguageModes: [.v6]
)
