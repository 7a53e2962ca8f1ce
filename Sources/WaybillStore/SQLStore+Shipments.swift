import Foundation
import SQLKit
import WaybillCore

extension SQLStore {
    // MARK: Orders

    public func createOrder(_ order: NewOrder) async throws -> (order: Order, created: Bool) {
        try await backend.transaction { db in
            try await Self.findOrCreateOrder(db, order)
        }
    }

    public func order(_ idOrMerchantID: String, tenantID: String) async throws -> Order? {
        try await backend.read { db in
            if let row = try await db.raw("""
                SELECT * FROM orders WHERE tenant_id = \(bind: tenantID) AND id = \(bind: idOrMerchantID)
                """).first() {
                return try Self.order(row)
            }
            return try await db.raw("""
                SELECT * FROM orders WHERE tenant_id = \(bind: tenantID) AND merchant_order_id = \(bind: idOrMerchantID)
                """).first().map(Self.order)
        }
    }

    static func findOrCreateOrder(_ db: any SQLDatabase, _ order: NewOrder) async throws -> (order: Order, created: Bool) {
        let now = Date()
        let id = Identifier.make(.order)
        let inserted = try await db.raw("""
            INSERT INTO orders (id, tenant_id, merchant_order_id, customer_email, customer_phone, customer_postal_code,
                                customer_locale, customer_time_zone, line_items, metadata, created_at, updated_at)
            VALUES (\(bind: id), \(bind: order.tenantID), \(bind: order.merchantOrderID), \(bind: order.customer.email),
                    \(bind: order.customer.phone), \(bind: order.customer.postalCode), \(bind: order.customer.locale),
                    \(bind: order.customer.timeZone), \(bind: Column.json(order.lineItems)), \(bind: Column.json(order.metadata)),
                    \(bind: Column.time(now)), \(bind: Column.time(now)))
            ON CONFLICT (tenant_id, merchant_order_id) DO NOTHING
            RETURNING id
            """).all()
        guard let row = try await db.raw("""
            SELECT * FROM orders WHERE tenant_id = \(bind: order.tenantID) AND merchant_order_id = \(bind: order.merchantOrderID)
            """).first() else {
            throw StoreError.notFound(kind: "order", id: order.merchantOrderID)
        }
        let created = !inserted.isEmpty
        if created {
            try await audit(db, tenantID: order.tenantID, actor: order.actor, action: "order.created",
                            subjectType: "order", subjectID: id, details: ["order_id": order.merchantOrderID])
        }
        return (try Self.order(row), created)
    }

    static func order(_ row: any SQLRow) throws -> Order {
        Order(
            id: try row.text("id"), tenantID: try row.text("tenant_id"), merchantOrderID: try row.text("merchant_order_id"),
            customer: try customer(row),
            lineItems: try Column.decodeJSON(try row.text("line_items"), as: [LineItem].self),
            metadata: try Column.decodeJSON(try row.text("metadata"), as: [String: String].self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at")
        )
    }

    static func customer(_ row: any SQLRow) throws -> Customer {
        Customer(email: try row.optionalText("customer_email"), phone: try row.optionalText("customer_phone"),
                 postalCode: try row.optionalText("customer_postal_code"), locale: try row.optionalText("customer_locale"),
                 timeZone: try row.optionalText("customer_time_zone"))
    }

    // MARK: Shipments

    public func registerShipment(_ new: NewShipment) async throws -> (shipment: Shipment, created: Bool) {
        try await backend.transaction { db in
            if let existing = try await Self.existingShipment(db, new) {
                return (try await Self.update(existing, registeredAgainAs: new, db), false)
            }
            var orderRef: String?
            if let merchantOrderID = new.merchantOrderID {
                let order = try await Self.findOrCreateOrder(db, NewOrder(
                    tenantID: new.tenantID, merchantOrderID: merchantOrderID, customer: new.customer, actor: new.actor))
                orderRef = order.order.id
            }
            let now = Column.time(Date())
            let id = Identifier.make(.shipment)
            let inserted = try await db.raw("""
                INSERT INTO shipments (id, tenant_id, order_ref, merchant_order_id, tracking_number, carrier, service, status,
                                       public_token, customer_email, customer_phone, customer_postal_code, customer_locale,
                                       customer_time_zone, metadata, created_at, updated_at)
                VALUES (\(bind: id), \(bind: new.tenantID), \(bind: orderRef), \(bind: new.merchantOrderID),
                        \(bind: new.trackingNumber), \(bind: new.carrier), \(bind: new.service),
                        \(bind: ShipmentStatus.pending.rawValue), \(bind: SecretToken.make(bytes: 24)),
                        \(bind: new.customer.email), \(bind: new.customer.phone), \(bind: new.customer.postalCode),
                        \(bind: new.customer.locale), \(bind: new.customer.timeZone), \(bind: Column.json(new.metadata)),
                        \(bind: now), \(bind: now))
                ON CONFLICT (tenant_id, tracking_number, carrier) DO NOTHING
                RETURNING id
                """).all()
            if inserted.isEmpty, let existing = try await Self.existingShipment(db, new) {
                return (existing, false)
            }
            try await Self.audit(db, tenantID: new.tenantID, actor: new.actor, action: "shipment.registered",
                                 subjectType: "shipment", subjectID: id,
                                 details: ["tracking_number": new.trackingNumber, "carrier": new.carrier])
            guard let shipment = try await Self.shipment(db, id: id, tenantID: new.tenantID) else {
                throw StoreError.notFound(kind: "shipment", id: id)
            }
            return (shipment, true)
        }
    }

    public func shipment(id: String, tenantID: String) async throws -> Shipment? {
        try await backend.read { db in try await Self.shipment(db, id: id, tenantID: tenantID) }
    }

    public func shipments(_ query: ShipmentQuery) async throws -> Page<Shipment> {
        let limit = max(1, min(query.limit, 500))
        return try await backend.read { db in
            var sql = SQLQueryString("\(unsafeRaw: Self.shipmentSelect) WHERE s.tenant_id = \(bind: query.tenantID)")
            if let trackingNumber = query.trackingNumber { sql.appendInterpolation(unsafeRaw: " AND s.tracking_number = "); sql.appendInterpolation(bind: trackingNumber) }
            if let orderID = query.merchantOrderID { sql.appendInterpolation(unsafeRaw: " AND s.merchant_order_id = "); sql.appendInterpolation(bind: orderID) }
            if let status = query.status { sql.appendInterpolation(unsafeRaw: " AND s.status = "); sql.appendInterpolation(bind: status.rawValue) }
            if let cursor = query.cursor { sql.appendInterpolation(unsafeRaw: " AND s.id < "); sql.appendInterpolation(bind: cursor) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY s.id DESC LIMIT \(limit + 1)")
            let rows = try await db.raw(sql).all()
            let items = try rows.prefix(limit).map(Self.shipment)
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }

    public func shipments(orderRef: String, tenantID: String) async throws -> [Shipment] {
        try await backend.read { db in
            try await db.raw("""
                \(unsafeRaw: Self.shipmentSelect) WHERE s.tenant_id = \(bind: tenantID) AND s.order_ref = \(bind: orderRef) ORDER BY s.id
                """).all().map(Self.shipment)
        }
    }

    public func stopTracking(shipmentID: String, tenantID: String, actor: String) async throws -> Shipment {
        try await backend.transaction { db in
            guard let shipment = try await Self.shipment(db, id: shipmentID, tenantID: tenantID) else {
                throw StoreError.notFound(kind: "shipment", id: shipmentID)
            }
            guard shipment.trackingStoppedAt == nil else { return shipment }
            let now = Column.time(Date())
            try await db.raw("""
                UPDATE shipments SET tracking_stopped_at = \(bind: now), updated_at = \(bind: now)
                WHERE id = \(bind: shipmentID) AND tenant_id = \(bind: tenantID)
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "shipment.tracking_stopped",
                                 subjectType: "shipment", subjectID: shipmentID, details: [:])
            return try await Self.shipment(db, id: shipmentID, tenantID: tenantID)!
        }
    }

    /// Stores the carrier's current delivery estimates (by shipment id; shown to customers, alert
    /// rules see them change) inside the caller's transaction, in one statement per chunk; a
    /// shipment whose estimate is unchanged is not written.
    static func recordEstimates(_ db: any SQLDatabase, _ estimates: [String: DeliveryEstimate], tenantID: String) async throws {
        for chunk in estimates.sorted(by: { $0.key < $1.key }).chunked(insertChunk) {
            let values: [SQLQueryString] = chunk.map { shipmentID, estimate in
                "(\(bind: shipmentID), \(bind: Column.time(estimate.earliest)), \(bind: Column.time(estimate.latest)), \(bind: estimate.source.rawValue))"
            }
            // VALUES columns are named column1... on both engines.
            try await db.raw("""
                UPDATE shipments SET eta_earliest = v.column2, eta_latest = v.column3, eta_source = v.column4,
                    updated_at = \(bind: Column.time(Date()))
                FROM (VALUES \(values.joined(separator: ", "))) AS v
                WHERE shipments.id = v.column1 AND shipments.tenant_id = \(bind: tenantID) AND NOT (
                    shipments.eta_earliest IS NOT DISTINCT FROM v.column2 AND shipments.eta_latest IS NOT DISTINCT FROM v.column3
                    AND shipments.eta_source IS NOT DISTINCT FROM v.column4)
                """).run()
        }
    }

    /// Shipments with the source and recording time of their latest event (freshness).
    static let shipmentSelect = """
        SELECT s.*, le.source AS last_event_source, le.recorded_at AS last_event_recorded_at
        FROM shipments s LEFT JOIN events le ON le.tenant_id = s.tenant_id AND le.id = s.last_event_id
        """

    static func shipment(_ db: any SQLDatabase, id: String, tenantID: String) async throws -> Shipment? {
        try await db.raw("\(unsafeRaw: shipmentSelect) WHERE s.tenant_id = \(bind: tenantID) AND s.id = \(bind: id)").first().map(shipment)
    }

    /// The shipment a registration names: the one with this number and carrier, else one with this number and no
    /// carrier, else (with `matchesAnyCarrier` only) the oldest with this number whatever its carrier.
    static func existingShipment(_ db: any SQLDatabase, _ new: NewShipment) async throws -> Shipment? {
        var sql = SQLQueryString("""
            \(unsafeRaw: shipmentSelect) WHERE s.tenant_id = \(bind: new.tenantID) AND s.tracking_number = \(bind: new.trackingNumber)
            """)
        if !new.matchesAnyCarrier {
            sql.appendInterpolation(unsafeRaw: " AND (s.carrier = ")
            sql.appendInterpolation(bind: new.carrier)
            sql.appendInterpolation(unsafeRaw: " OR s.carrier = '')")
        }
        sql.appendInterpolation(unsafeRaw: " ORDER BY CASE WHEN s.carrier = ")
        sql.appendInterpolation(bind: new.carrier)
        sql.appendInterpolation(unsafeRaw: " THEN 0 WHEN s.carrier = '' THEN 1 ELSE 2 END, s.created_at, s.id LIMIT 1")
        return try await db.raw(sql).first().map(shipment)
    }

    /// A registration of a shipment that exists: resumes its tracking, gives it the carrier it lacked,
    /// and attaches it to the named order or moves it there, as `new.orderChange` says.
    private static func update(_ existing: Shipment, registeredAgainAs new: NewShipment, _ db: any SQLDatabase) async throws -> Shipment {
        let now = Column.time(Date())
        var changed = false
        if existing.trackingStoppedAt != nil {
            try await db.raw("UPDATE shipments SET tracking_stopped_at = NULL, updated_at = \(bind: now) WHERE id = \(bind: existing.id)").run()
            try await audit(db, tenantID: new.tenantID, actor: new.actor, action: "shipment.tracking_resumed",
                            subjectType: "shipment", subjectID: existing.id, details: [:])
            changed = true
        }
        if existing.carrier.isEmpty, !new.carrier.isEmpty {
            try await db.raw("UPDATE shipments SET carrier = \(bind: new.carrier), updated_at = \(bind: now) WHERE id = \(bind: existing.id)").run()
            try await audit(db, tenantID: new.tenantID, actor: new.actor, action: "shipment.carrier_set",
                            subjectType: "shipment", subjectID: existing.id, details: ["carrier": new.carrier])
            changed = true
        }
        if let requested = new.merchantOrderID, requested != existing.orderID, new.orderChange != .ignore {
            if let current = existing.orderID, new.orderChange == .refuse {
                throw ShipmentOrderConflict(shipmentID: existing.id, trackingNumber: existing.trackingNumber,
                                            currentOrderID: current, requestedOrderID: requested)
            }
            let order = try await findOrCreateOrder(db, NewOrder(
                tenantID: new.tenantID, merchantOrderID: requested, customer: new.customer, actor: new.actor))
            try await db.raw("""
                UPDATE shipments SET order_ref = \(bind: order.order.id), merchant_order_id = \(bind: requested), updated_at = \(bind: now)
                WHERE id = \(bind: existing.id)
                """).run()
            try await audit(db, tenantID: new.tenantID, actor: new.actor,
                            action: existing.orderID == nil ? "shipment.order_attached" : "shipment.order_reassigned",
                            subjectType: "shipment", subjectID: existing.id,
                            details: ["from_order_id": existing.orderID ?? "", "to_order_id": requested])
            changed = true
        }
        guard changed else { return existing }
        guard let updated = try await shipment(db, id: existing.id, tenantID: new.tenantID) else {
            throw StoreError.notFound(kind: "shipment", id: existing.id)
        }
        return updated
    }

    static func shipment(_ row: any SQLRow) throws -> Shipment {
        var estimate: DeliveryEstimate?
        if let source = try row.optionalEnum("eta_source", as: DeliveryEstimate.Source.self) {
            estimate = DeliveryEstimate(earliest: try row.optionalDate("eta_earliest"), latest: try row.optionalDate("eta_latest"),
                                        source: source)
        }
        return Shipment(
            id: try row.text("id"), tenantID: try row.text("tenant_id"), orderID: try row.optionalText("merchant_order_id"),
            trackingNumber: try row.text("tracking_number"), carrier: try row.text("carrier"),
            service: try row.optionalText("service"), status: try row.enumValue("status", as: ShipmentStatus.self),
            substatus: try row.optionalEnum("substatus", as: Substatus.self), estimatedDelivery: estimate,
            deliveredAt: try row.optionalDate("delivered_at"), signedBy: try row.optionalText("signed_by"),
            lastEventID: try row.optionalText("last_event_id"), lastEventAt: try row.optionalDate("last_event_at"),
            publicToken: try row.text("public_token"), customer: try customer(row),
            metadata: try Column.decodeJSON(try row.text("metadata"), as: [String: String].self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            trackingStoppedAt: try row.optionalDate("tracking_stopped_at"),
            lastCheckedAt: try row.optionalDate("last_checked_at"), nextCheckAt: try row.optionalDate("next_check_at"),
            // Absent when a query selects shipments alone.
            lastEventSource: (try? row.optionalEnum("last_event_source", as: EventSource.self)) ?? nil,
            lastEventRecordedAt: (try? row.optionalDate("last_event_recorded_at")) ?? nil
        )
    }
}
