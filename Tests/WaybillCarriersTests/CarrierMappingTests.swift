import Testing
import WaybillCore
@testable import WaybillCarriers

@Suite("Carrier mapping tables")
struct CarrierMappingTests {
    static let table = CarrierMapping(carrier: "test", version: 1, entries: [
        .init("D", "Delivered", .delivered, .deliveredDoor),
        .init("x1", "Exception: address", .exception, .addressProblem, reason: .addressIncorrect, action: true),
    ])

    @Test func knownCodesMapCaseInsensitively() {
        var event = CanonicalEvent(status: .pending, carrierCode: "X1")
        event.apply(Self.table.entry(for: "X1"), fallbackStatus: .inTransit)
        #expect(event.status == .exception && event.reason == .addressIncorrect && event.actionRequired)
    }

    @Test func unknownCodesKeepThePreviousStatusAndAreFlagged() {
        var event = CanonicalEvent(status: .pending, carrierCode: "ZZ")
        event.apply(Self.table.entry(for: "ZZ"), fallbackStatus: .inTransit)
        #expect(event.status == .inTransit && event.substatus == .unmapped)
        let result = CarrierParseResult(shipments: [ParsedShipment(carrier: "test", trackingNumber: "1", events: [event])])
        #expect(result.unmappedEventCount == 1)
    }

    @Test func everyRegisteredAdapterHasAUniqueIDAndAnUnambiguousTable() {
        let ids = CarrierRegistry.adapters.map(\.id)
        #expect(Set(ids).count == ids.count)
        for adapter in CarrierRegistry.adapters {
            let codes = adapter.mapping.entries.map { $0.code.uppercased() }
            #expect(Set(codes).count == codes.count, "\(adapter.id) maps a code twice")
            #expect(adapter.mapping.entries.allSatisfy { !$0.meaning.isEmpty }, "\(adapter.id) has a code without its meaning")
        }
    }
}
