import Testing
import WaybillCore
import WaybillNotify

@Suite("Egress policy")
struct EgressPolicyTests {
    @Test(arguments: [
        "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254",
        "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fd12::1", "fc00::1",
        "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe",
    ])
    func refusesAddressesInsideThisMachineOrItsNetworks(_ text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(EgressPolicy().refusal(of: address) != nil)
    }

    @Test(arguments: ["93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1", "2606:4700::1111", "::ffff:8.8.8.8"])
    func letsPublicAddressesThrough(_ text: String) throws {
        #expect(EgressPolicy().refusal(of: try #require(IPAddress(text))) == nil)
    }

    @Test func theOperatorWidensItWithCIDRBlocks() throws {
        let policy = try EgressPolicy.fromEnvironment(["WAYBILL_EGRESS_ALLOW": " 127.0.0.1/32, 10.20.0.0/16 ,fd00::/8"])
        #expect(policy.refusal(of: IPAddress("127.0.0.1")!) == nil)
        #expect(policy.refusal(of: IPAddress("127.0.0.2")!) != nil, "a /32 allows one address")
        #expect(policy.refusal(of: IPAddress("10.20.255.1")!) == nil)
        #expect(policy.refusal(of: IPAddress("10.21.0.1")!) != nil)
        #expect(policy.refusal(of: IPAddress("fd00::5")!) == nil)
        #expect(policy.refusal(of: IPAddress("169.254.169.254")!) != nil)
        let error = #expect(throws: EgressConfigurationError.self) {
            try EgressPolicy.fromEnvironment(["WAYBILL_EGRESS_ALLOW": "10.0.0.0/8,intranet"])
        }
        #expect(error?.entry == "intranet")
        #expect(IPRange("10.0.0.0/33") == nil)
    }

    @Test func aNameIsCheckedOnTheAddressesItResolvesTo() async throws {
        await #expect(throws: EgressRefusal.self) { _ = try await EgressPolicy().address(of: "localhost") }
        let loopback = try await EgressPolicy.allowingLoopback.address(of: "localhost").description
        #expect(loopback.hasPrefix("127.") || loopback == "::1")
        await #expect(throws: EgressRefusal.self) { _ = try await EgressPolicy().address(of: "no-such-host.invalid") }
        let unresolved = await EgressPolicy().refusalOnSave(host: "no-such-host.invalid")
        #expect(unresolved == nil, "a name that does not resolve yet is saved")
        let metadata = await EgressPolicy().refusalOnSave(host: "169.254.169.254")
        #expect(metadata != nil)
    }
}
