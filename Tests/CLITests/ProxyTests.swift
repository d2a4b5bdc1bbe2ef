import Foundation
import Testing
import TestSupport

/// libcurl honours the proxy variables, as the AWS CLI does: requests go through the proxy,
/// unless NO_PROXY names the host.
@Suite struct ProxyTests {
    @Test func requestsGoThroughTheProxyUnlessNoProxyNamesTheHost() throws {
        let moto = try MotoServer()
        // A forward proxy: requests arrive in absolute form and are passed on to moto.
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0)
        defer { proxy.stop() }
        let proxied = try EndToEndTests.ecrApply(["plan", "-f", "examples/registry.yaml"], moto, extra: ["http_proxy": proxy.endpoint])
        #expect(proxied.status == 0, "\(proxied.stderr)")
        #expect(proxy.requestCount >= 3, "STS, the list and the registry read went through the proxy")
        #expect(proxy.server.requests.allSatisfy { $0.path.hasPrefix("http://127.0.0.1:\(moto.port)/") }, "absolute-form requests, as to a proxy")

        let before = proxy.requestCount
        let direct = try EndToEndTests.ecrApply(["plan", "-f", "examples/registry.yaml"], moto,
                                                extra: ["http_proxy": proxy.endpoint, "NO_PROXY": "127.0.0.1"])
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(proxy.requestCount == before, "NO_PROXY bypasses the proxy")
    }

    @Test func everyRequestNamesEcrApplyItsVersionAndPlatform() throws {
        let moto = try MotoServer()
        let proxy = try FaultProxy(upstreamPort: moto.port, rate: 0)
        defer { proxy.stop() }
        let result = try EndToEndTests.ecrApply(["plan", "-f", "examples/registry.yaml"], moto, extra: ["AWS_ENDPOINT_URL": proxy.endpoint])
        #expect(result.status == 0, "\(result.stderr)")
        let version = try runECRApply(["--version"]).stdout.split(separator: " ").first.map(String.init) ?? "?"
        let agents = Set(proxy.server.requests.map { $0.headers.first { $0.key.lowercased() == "user-agent" }?.value ?? "" })
        #expect(agents.count == 1, "\(agents)")
        let agent = agents.first ?? ""
        #expect(agent.hasPrefix("ecr-apply/\(version) os/linux#"), "\(agent)")
        #expect(agent.contains(" md/arch#x86_64") || agent.contains(" md/arch#aarch64"), "\(agent)")
    }
}
