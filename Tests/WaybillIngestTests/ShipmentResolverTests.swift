import Foundation
import Testing
import WaybillCarriers
import WaybillCore
import WaybillIngest
import WaybillStore
import WaybillTestSupport

/// Which shipment parsed carrier data is about (issue 4, item 6: legs and sibling APIs).
@Suite struct ShipmentResolverTests {
    static let pic = "9274899998944522537205"

    @Test(arguments: TestDatabase.available)
    func dataFindsItsShipmentThroughLegsAndSiblingAPIs(_ database: TestDatabase) async throws {
        try await database.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let resolver = ShipmentResolver(store: store)
            let ups = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "1Z999AA10123456784", carrier: "ups", actor: "test")).shipment
            let dhl = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "1234567890", carrier: "dhl", actor: "test")).shipment

            // UPS names the USPS number: the events stay on the UPS shipment, and the number is a leg.
            let upsData = ParsedShipment(carrier: "ups", trackingNumber: ups.trackingNumber, alternateTrackingNumbers: [Self.pic],
                                         events: [CanonicalEvent(status: .inTransit, substatus: .handedToLastMile)])
            let items = try await resolver.resolve([upsData], tenantID: tenant.id, actor: "test").events
            #expect(items.map(\.shipmentID) == [ups.id] && items.map(\.carrier) == ["ups"])
            #expect(try await store.legs(shipmentID: ups.id, tenantID: tenant.id).map(\.trackingNumber) == [Self.pic])

            // USPS data about that number lands on the UPS shipment.
            let uspsData = ParsedShipment(carrier: "usps", trackingNumber: Self.pic)
            #expect(try await resolver.shipmentID(for: uspsData, tenantID: tenant.id, actor: "test") == ups.id)
            // AfterShip's "dhl" (DHL Express) about a number registered for DHL's unified API: the same parcel.
            let express = ParsedShipment(carrier: "dhl_express", trackingNumber: "1234567890")
            #expect(try await resolver.shipmentID(for: express, tenantID: tenant.id, actor: "test") == dhl.id)
            // Another carrier's data about an unknown number makes a new shipment.
            let fedex = ParsedShipment(carrier: "fedex", trackingNumber: "123456789012")
            let created = try await resolver.shipmentID(for: fedex, tenantID: tenant.id, actor: "test")
            #expect(![ups.id, dhl.id].contains(created))
            #expect(try await store.shipment(id: created, tenantID: tenant.id)?.carrier == "fedex")
        }
    }

    @Test func aFileFormatNamesNoCarrierSoTheNumbersShipmentTakesItsEvents() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            let resolver = ShipmentResolver(store: store)
            let ups = try await store.registerShipment(NewShipment(
                tenantID: tenant.id, trackingNumber: "1Z999AA10123456784", carrier: "ups", actor: "test")).shipment
            // An X12 214 about the UPS number: no second shipment, and its events keep the shipment's carrier.
            let edi = ParsedShipment(carrier: "x12_214", trackingNumber: ups.trackingNumber, events: [CanonicalEvent(status: .inTransit)])
            let items = try await resolver.resolve([edi], tenantID: tenant.id, actor: "test").events
            #expect(items.map(\.shipmentID) == [ups.id] && items.allSatisfy { $0.carrier == nil })
            // An unknown number from an IFTSTA becomes a shipment without a carrier (not one called "iftsta").
            let created = try await resolver.shipmentID(for: ParsedShipment(carrier: "iftsta", trackingNumber: "ABC123"),
                                                        tenantID: tenant.id, actor: "test")
            #expect(try await store.shipment(id: created, tenantID: tenant.id)?.carrier == "")
        }
    }
}
