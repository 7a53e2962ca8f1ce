import Foundation
import SQLKit
import Testing
import WaybillCore
@testable import WaybillStore
import WaybillTestSupport

/// With 100,000 shipments `GET /v1/shipments?limit=100` took 380–610 ms for every page: the
/// query sorted all of the tenant's shipments each time. The plan now walks an index in order
/// and stops after one page, whatever the table's size.
@Suite("Shipment list query plan")
struct ShipmentListPlanTests {
    @Test func aPageOfTheListReadsTheIndexInOrderWithoutSorting() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let tenant = try await store.ensureTenant(named: "acme")
            for index in 0..<50 {
                _ = try await store.registerShipment(NewShipment(tenantID: tenant.id, trackingNumber: "1Z\(index)", carrier: "ups", actor: "test"))
            }
            for cursor in [nil, "shp_zzzz"] as [String?] {
                var sql = SQLQueryString("EXPLAIN QUERY PLAN \(unsafeRaw: SQLStore.shipmentSelect) WHERE s.tenant_id = \(bind: tenant.id)")
                if let cursor { sql.appendInterpolation(unsafeRaw: " AND s.id < "); sql.appendInterpolation(bind: cursor) }
                sql.appendInterpolation(unsafeRaw: " ORDER BY s.id DESC LIMIT 101")
                let query = sql
                let plan = try await store.backend.read { db in
                    try await db.raw(query).all().map { try $0.decode(column: "detail", as: String.self) }
                }
                #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "no sort: \(plan)")
                // The primary key (tenant_id, id) since migration 14, `shipments_by_tenant` before.
                #expect(plan.contains { $0.contains("USING INDEX sqlite_autoindex_shipments_1 (tenant_id=?") }, "\(plan)")
            }
            // The query itself still pages newest first.
            let first = try await store.shipments(ShipmentQuery(tenantID: tenant.id, limit: 20))
            let second = try await store.shipments(ShipmentQuery(tenantID: tenant.id, cursor: first.nextCursor, limit: 20))
            let ids = (first.items + second.items).map(\.id)
            #expect(ids == ids.sorted(by: >) && Set(ids).count == 40)
        }
    }
}
