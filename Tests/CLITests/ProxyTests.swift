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
}
