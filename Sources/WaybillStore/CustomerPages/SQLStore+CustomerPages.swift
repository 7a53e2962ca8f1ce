import Foundation
import SQLKit
import WaybillCore

extension SQLStore {
    public func shipment(publicToken: String) async throws -> Shipment? {
        try await backend.read { db in
            try await db.raw("\(unsafeRaw: Self.shipmentSelect) WHERE s.public_token = \(bind: publicToken)").first().map(Self.shipment)
        }
    }

    public func shipments(trackingNumber: String, tenantID: String?, limit: Int) async throws -> [Shipment] {
        let limit = max(1, min(limit, 100))
        return try await backend.read { db in
            var sql = SQLQueryString("\(unsafeRaw: Self.shipmentSelect) WHERE s.tracking_number = \(bind: trackingNumber)")
            if let tenantID { sql.appendInterpolation(unsafeRaw: " AND s.tenant_id = "); sql.appendInterpolation(bind: tenantID) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY s.id DESC LIMIT \(limit)")
            return try await db.raw(sql).all().map(Self.shipment)
        }
    }

    public func orderLookupCandidates(merchantOrderID: String, tenantID: String?) async throws -> [OrderWithShipments] {
        try await backend.read { db in
            var sql = SQLQueryString("SELECT * FROM orders WHERE merchant_order_id = \(bind: merchantOrderID)")
            if let tenantID { sql.appendInterpolation(unsafeRaw: " AND tenant_id = "); sql.appendInterpolation(bind: tenantID) }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT 20")
            var results: [OrderWithShipments] = []
            for row in try await db.raw(sql).all() {
                let order = try Self.order(row)
                let shipments = try await db.raw("""
                    \(unsafeRaw: Self.shipmentSelect) WHERE s.tenant_id = \(bind: order.tenantID) AND s.order_ref = \(bind: order.id)
                    ORDER BY s.id
                    """).all().map(Self.shipment)
                results.append(OrderWithShipments(order: order, shipments: shipments))
            }
            return results
        }
    }

    // MARK: Branding

    public func branding(tenantID: String) async throws -> Branding? {
        try await backend.read { db in
            guard let row = try await db.raw("SELECT document, updated_at FROM branding WHERE tenant_id = \(bind: tenantID)").first() else {
                return nil
            }
            var branding = try Column.decodeJSON(try row.text("document"), as: Branding.self)
            branding.updatedAt = try row.date("updated_at")
            return branding
        }
    }

    @discardableResult
    public func saveBranding(_ branding: Branding, tenantID: String, actor: String) async throws -> Branding {
        var branding = branding
        branding.customDomain = branding.customDomain?.lowercased()
        let now = Date()
        branding.updatedAt = nil
        let document = Column.json(branding)
        let domain = branding.customDomain
        try await backend.transaction { db in
            if let domain, let owner = try await db.raw("""
                SELECT tenant_id FROM branding WHERE custom_domain = \(bind: domain) AND tenant_id <> \(bind: tenantID)
                """).first() {
                _ = owner
                throw StoreError.invalid("custom domain \(domain) is already used by another tenant")
            }
            try await db.raw("""
                INSERT INTO branding (tenant_id, document, custom_domain, updated_at, updated_by)
                VALUES (\(bind: tenantID), \(bind: document), \(bind: domain), \(bind: Column.time(now)), \(bind: actor))
                ON CONFLICT (tenant_id) DO UPDATE SET document = excluded.document, custom_domain = excluded.custom_domain,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).run()
            try await Self.audit(db, tenantID: tenantID, actor: actor, action: "branding.updated",
                                 subjectType: "tenant", subjectID: tenantID, details: [:])
        }
        branding.updatedAt = Timestamp.parse(Column.time(now))?.date ?? now
        return branding
    }

    public func tenantID(customDomain: String) async throws -> String? {
        try await backend.read { db in
            try await db.raw("SELECT tenant_id FROM branding WHERE custom_domain = \(bind: customDomain.lowercased())")
                .first().map { try $0.text("tenant_id") }
        }
    }

    // MARK: Support

    public func supportSearch(tenantID: String, text: String, limit: Int) async throws -> [Shipment] {
        let needle = text.trimmed
        guard !needle.isEmpty else { return [] }
        let limit = max(1, min(limit, 200))
        return try await backend.read { db in
            try await db.raw("""
                \(unsafeRaw: Self.shipmentSelect) WHERE s.tenant_id = \(bind: tenantID) AND (
                    s.merchant_order_id = \(bind: needle) OR s.tracking_number = \(bind: needle)
                    OR LOWER(s.customer_email) = \(bind: needle.lowercased())
                    OR s.order_ref IN (SELECT o.id FROM orders o WHERE o.tenant_id = \(bind: tenantID)
                                       AND LOWER(o.customer_email) = \(bind: needle.lowercased())))
                ORDER BY s.id DESC LIMIT \(unsafeRaw: String(limit))
                """).all().map(Self.shipment)
        }
    }

    public func exceptionQueue(tenantID: String, staleAfter: TimeInterval, now: Date, limit: Int) async throws -> [ExceptionQueueItem] {
        let limit = max(1, min(limit, 500))
        let staleCutoff = Column.time(now.addingTimeInterval(-staleAfter))
        let nowText = Column.time(now)
        let rows = try await backend.read { db in
            try await db.raw("""
                \(unsafeRaw: Self.shipmentSelect) WHERE s.tenant_id = \(bind: tenantID) AND (
                    s.status IN ('exception', 'attempt_failed')
                    OR (s.tracking_stopped_at IS NULL AND s.status NOT IN ('delivered', 'returned_to_sender', 'expired') AND (
                        COALESCE(s.last_event_at, s.created_at) < \(bind: staleCutoff)
                        OR COALESCE(s.eta_latest, s.eta_earliest) < \(bind: nowText))))
                ORDER BY s.id DESC LIMIT \(unsafeRaw: String(limit))
                """).all().map(Self.shipment)
        }
        let cutoff = now.addingTimeInterval(-staleAfter)
        return rows.map { shipment in
            var reasons: [ExceptionQueueReason] = []
            if shipment.status == .exception { reasons.append(.exception) }
            if shipment.status == .attemptFailed { reasons.append(.attemptFailed) }
            let open = shipment.trackingStoppedAt == nil && !shipment.status.isTerminal
            if open, (shipment.lastEventAt ?? shipment.createdAt) < cutoff { reasons.append(.stale) }
            if open, let eta = shipment.estimatedDelivery, let due = eta.latest ?? eta.earliest, due < now { reasons.append(.late) }
            return ExceptionQueueItem(shipment: shipment, reasons: reasons)
        }
    }
}
