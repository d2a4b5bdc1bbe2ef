import Foundation
import Planner
import Spec

/// Any bytes as a policy document: parsing never crashes; canonicalisation never crashes, is
/// idempotent, and survives a round trip through its own text; a lifecycle policy that
/// reads evaluates without crashing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let value = try? JSONParser.value(text) else { return 0 }
    if (try? JSONParser.parse(text).value) != value { fatalError("the two parse modes disagree") }
    for partition in ["aws", "aws-cn"] {
        let once = PolicyNormalization.iamPolicy(value, partition: partition)
        if PolicyNormalization.iamPolicy(once, partition: partition) != once { fatalError("IAM canonical form is not idempotent") }
        if (try? JSONParser.value(once.compactText)) != once { fatalError("canonical text does not read back") }
    }
    let lifecycle = PolicyNormalization.lifecyclePolicy(value)
    if PolicyNormalization.lifecyclePolicy(lifecycle) != lifecycle { fatalError("lifecycle canonical form is not idempotent") }
    if let policy = LifecyclePolicy(json: value) {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let images = (0..<6).map {
            ImageRecord(digest: "sha256:\($0)", tags: $0 % 3 == 0 ? [] : ["v\($0)", "prod-\($0)"], pushedAt: now.addingTimeInterval(Double(-$0) * 86_400))
        }
        let decisions = LifecycleEvaluator.evaluate(policy, images: images, now: now)
        if Set(decisions.map(\.image.digest)).count != decisions.count { fatalError("an image was decided twice") }
    }
    return 0
}

/// SwiftPM links an executable's entry point as `PolicyFuzzer_main`; it hands control to
/// libFuzzer's driver (linked by -sanitize=fuzzer) with the function above.
@_cdecl("PolicyFuzzer_main")
public func policyFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzPolicy(data, size) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
