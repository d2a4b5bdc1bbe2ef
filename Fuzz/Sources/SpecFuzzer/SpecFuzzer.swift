import Spec

/// Any bytes as a spec file: the loader must return diagnostics or a registry, never crash,
/// hang or run out of memory. Policy files it names read as missing.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let loader = SpecLoader(readFile: { path in throw FuzzMissingFile(path: path) })
    let loaded = loader.load(bytes: bytes, file: "fuzz.yaml", baseDirectory: ".")
    // Every finding has a place in the file.
    for diagnostic in loaded.diagnostics where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
        fatalError("diagnostic without a position: \(diagnostic)")
    }
    return 0
}

struct FuzzMissingFile: Error { var path: String }

/// SwiftPM links an executable's entry point as `SpecFuzzer_main`; it hands control to
/// libFuzzer's driver (linked by -sanitize=fuzzer) with the function above.
@_cdecl("SpecFuzzer_main")
public func specFuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzSpec(data, size) }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
