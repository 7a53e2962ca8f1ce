import Testing
@testable import WaybillServer

@Suite("Logged paths")
struct LoggedPathTests {
    @Test func trackingTokensNeverReachTheLogs() {
        #expect(LoggedPath.redacting("/t/HNG_VD7jwXv5pLBxmHfoUXLp7wlw1Cyg") == "/t/{token}")
        #expect(LoggedPath.redacting("/t/HNG_VD7jwXv5pLBxmHfoUXLp7wlw1Cyg/widget.json") == "/t/{token}/widget.json")
        #expect(LoggedPath.redacting("/v1/shipments/shp_01") == "/v1/shipments/shp_01")
        #expect(LoggedPath.redacting("/track") == "/track")
    }
}
