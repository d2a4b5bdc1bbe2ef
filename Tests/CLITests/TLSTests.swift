import Foundation
import Testing
import TestSupport

/// HTTPS with a private certificate authority (a corporate proxy, a VPC endpoint with its own
/// CA): trusted through AWS_CA_BUNDLE, refused clearly without it.
@Suite struct TLSTests {
    @Test func aPrivateCAIsTrustedThroughAWSCABundleAndRefusedClearlyWithoutIt() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecr-apply-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("ca.pem").path, key = directory.appendingPathComponent("key.pem").path
        let openssl = try runProcess(URL(fileURLWithPath: "/usr/bin/openssl"), [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate,
        ], environment: ["PATH": "/usr/bin:/bin"])
        #expect(openssl.status == 0, "\(openssl.stderr)")
        let moto = try MotoServer(tls: (certificate, key))
        #expect(moto.endpoint.hasPrefix("https://"))

        let trusted = try EndToEndTests.ecrApply(["plan", "-f", "examples/registry.yaml"], moto, extra: ["AWS_CA_BUNDLE": certificate])
        #expect(trusted.status == 0, "\(trusted.stderr)")
        #expect(trusted.stdout.contains("Plan: 7 to add"))

        let untrusted = try EndToEndTests.ecrApply(["plan", "-f", "examples/registry.yaml", "--max-attempts", "1"], moto)
        #expect(untrusted.status == 1)
        #expect(untrusted.stderr.contains("SSL certificate problem"), "\(untrusted.stderr)")
        #expect(untrusted.stderr.contains("point AWS_CA_BUNDLE at that CA's certificate file"), "\(untrusted.stderr)")
    }
}
