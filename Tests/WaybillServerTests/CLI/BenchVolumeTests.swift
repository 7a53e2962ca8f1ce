import Foundation
import Testing
import WaybillCore
import WaybillStore

/// `waybill bench volume` at a small size: the cloned rows are whole shipments the API serves.
@Suite struct BenchVolumeTests {
    @Test(.enabled(if: WaybillProcess.isBuilt, "needs the built waybill executable"))
    func clonesEveryRowOfTheTemplateOnceAndReusesTheVolume() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("waybill-bench-volume-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("volume.sqlite").path
        let arguments = ["bench", "volume", "--database", "sqlite:\(path)", "--shipments", "300", "--events-per-shipment", "3",
                         "--requests", "5", "--port", "\(try WaybillProcess.freePort())"]
        let first = try WaybillProcess.run(arguments, timeout: 300)
        #expect(first.status == 0, "\(first.errors)")
        let figures = try JSONValue.parse(Data(first.output.utf8))
        for field in ["list_first_page_p99_ms", "search_tracking_number_p99_ms", "search_order_id_p99_ms", "tracking_page_p99_ms",
                      "list_cursor_pages_p99_ms", "rss_mib", "bytes_per_event"] {
            #expect(Self.number(figures[field]) != nil, "\(field) missing in \(first.output)")
        }

        try await WebhookLoadTests.withStore(path) { store in
            let tenant = try #require(try await store.tenants().first { $0.name == "bench-volume" })
            let page = try await store.shipments(ShipmentQuery(tenantID: tenant.id, limit: 1000))
            #expect(page.items.count == 300)
            #expect(Set(page.items.map(\.publicToken)).count == 300 && Set(page.items.map(\.trackingNumber)).count == 300)
            let copy = try #require(page.items.first { $0.trackingNumber == "VOL000000042" })
            #expect(copy.customer.email == "customer42@example.com")
            let byOrder = try await store.shipments(ShipmentQuery(tenantID: tenant.id, merchantOrderID: "ORD-42"))
            #expect(byOrder.items.map(\.id) == [copy.id])
            let events = try await store.events(shipmentID: copy.id, tenantID: tenant.id)
            #expect(events.count == 3 && events.last?.event.status == .delivered, "a copy has the template's journey")
            #expect(copy.lastEventID == events.last?.id)
        }

        let again = try WaybillProcess.run(arguments.dropLast(2) + ["--port", "\(try WaybillProcess.freePort())"], timeout: 300)
        #expect(again.status == 0, "\(again.errors)")
        #expect(Self.number(try JSONValue.parse(Data(again.output.utf8))["generation_seconds"]).map { $0 < 5 } == true,
                "the volume is reused, not generated again: \(again.output)")
        try await WebhookLoadTests.withStore(path) { store in
            let tenant = try #require(try await store.tenants().first { $0.name == "bench-volume" })
            #expect(try await store.shipments(ShipmentQuery(tenantID: tenant.id, limit: 1000)).items.count == 300)
        }
    }

    static func number(_ value: JSONValue?) -> Double? {
        if case .number(let number)? = value { return number }
        return nil
    }
}
