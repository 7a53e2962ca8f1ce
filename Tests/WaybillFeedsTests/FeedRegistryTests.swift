import Testing
import WaybillCarriers
@testable import WaybillFeeds

@Suite("Feed registry")
struct FeedRegistryTests {
    @Test func formatIDsAreUniqueAndDistinctFromCarriers() {
        let ids = FeedRegistry.formats.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { CarrierRegistry.adapter(id: $0) == nil })
        // A file is dropped or uploaded: there is no carrier to call.
        #expect(!FeedRegistry.formats.contains { $0 is any CarrierAPI })
    }
}
