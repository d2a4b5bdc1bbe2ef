// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for ecr-apply's parsers, built only by scripts/fuzz (with
// -sanitize=fuzzer, which provides main): a separate package so that `swift build` and
// `swift test` at the root never try to link them.
let package = Package(
    name: "ecr-apply-fuzz",
    dependencies: [.package(name: "ecr-apply", path: "..")],
    targets: [
        .executableTarget(name: "SpecFuzzer", dependencies: [.product(name: "Spec", package: "ecr-apply")]),
        .executableTarget(
            name: "PolicyFuzzer",
            dependencies: [.product(name: "Spec", package: "ecr-apply"), .product(name: "Planner", package: "ecr-apply")]),
    ]
)
