// swift-tools-version:6.0
import PackageDescription

// Module boundaries (the README's Layout table says the same):
// - JSON: JSONValue and a strict parser, shared by Spec (policies) and AWSClient (answers).
// - Model: the value types of each kind of object, the typed address, the list of kinds.
// - Spec: YAML ↔ typed, validated DesiredRegistry (and export back to YAML). Reads only the files it is given.
// - Planner: pure diff of (desired, live) → Plan. No I/O, no YAML.
// - AWSClient: a plain ECR client; knows nothing of specs or plans.
// - Reconciler: reads ECR into the planner's model and executes a Plan's steps.
// - ecr-apply: the executable; the only module that imports ArgumentParser.
let package = Package(
    name: "ecr-apply",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "ecr-apply", targets: ["ecr-apply"]),
        .library(name: "Model", targets: ["Model"]),
        .library(name: "Spec", targets: ["Spec"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "AWSClient", targets: ["AWSClient"]),
        .library(name: "Reconciler", targets: ["Reconciler"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // SHA-256 and HMAC for SigV4; BoringSSL-backed on Linux, the platform's CryptoKit elsewhere.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
    ],
    targets: [
        .executableTarget(
            name: "ecr-apply",
            dependencies: [
                "Spec", "Planner", "AWSClient", "Reconciler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            plugins: ["GitRevision"]
        ),
        // Records the commit for `ecr-apply --version` (a prebuild step running git).
        .plugin(name: "GitRevision", capability: .buildTool()),
        // JSON values and a strict, position-keeping parser: policies in specs, answers from AWS.
        .target(name: "JSON"),
        // The value types of every kind of object, the typed address and the list of kinds:
        // no YAML, no AWS. What Spec decodes into, Planner diffs and Reconciler reads and applies.
        .target(name: "Model", dependencies: ["JSON"]),
        .target(name: "Spec", dependencies: ["Model", "JSON", .product(name: "Yams", package: "Yams")]),
        .target(name: "Planner", dependencies: ["Model"]),
        // The system's libcurl (libcurl4-openssl-dev, installed by scripts/setup), driven directly.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "AWSClient",
            dependencies: [
                "CCurl", "JSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Reads live ECR into the planner's model and executes plans: the only module that
        // knows both the AWS client and the plan.
        .target(name: "Reconciler", dependencies: ["Model", "Planner", "AWSClient", "JSON"]),
        .testTarget(name: "SpecTests", dependencies: ["Spec", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "PlannerTests", dependencies: ["Planner", "Spec", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "ReconcilerTests", dependencies: ["Reconciler", "Planner", "AWSClient", "TestSupport"]),
        .testTarget(name: "AWSClientTests", dependencies: ["AWSClient", "TestSupport"], exclude: ["Fixtures"]),
        // moto, boto3 and a scriptable loopback HTTP server, shared by the test targets.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Runs the built executable, as a user or CI would.
        .testTarget(name: "CLITests", dependencies: ["ecr-apply", "TestSupport"], exclude: ["Fixtures"]),
    ]
)
