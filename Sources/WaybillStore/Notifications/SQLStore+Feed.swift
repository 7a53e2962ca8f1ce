import Foundation
import SQLKit
import WaybillCore

/// The in-app feed for support tools: in-app messages, once delivered.
extension SQLStore {
    public func notificationFeed(tenantID: String, cursor: String?, limit: Int) async throws -> Page<FeedItem> {
        let limit = max(1, min(limit, 200))
        return try await backend.read { db in
            var sql = SQLQueryString("SELECT * FROM notification_feed WHERE tenant_id = \(bind: tenantID)")
            if let cursor {
                sql.appendInterpolation(unsafeRaw: " AND id < ")
                sql.appendInterpolation(bind: cursor)
            }
            sql.appendInterpolation(unsafeRaw: " ORDER BY id DESC LIMIT \(limit + 1)")
            let rows = try await db.raw(sql).all()
            let items = try rows.prefix(limit).map(Self.feedItem)
            return Page(items: items, nextCursor: rows.count > limit ? items.last?.id : nil)
        }
    }

    public func notificationFeed(tenantID: String, afterID: String?, limit: Int) async throws -> [FeedItem] {
        let limit = max(1, min(limit, 500))
        return try await backend.read { db in
            if let afterID {
                return try await db.raw("""
                    SELECT * FROM notification_feed WHERE tenant_id = \(bind: tenantID) AND id > \(bind: afterID)
                    ORDER BY id LIMIT \(literal: limit)
                    """).all().map(Self.feedItem)
            }
            return try await db.raw("""
                SELECT * FROM notification_feed WHERE tenant_id = \(bind: tenantID) ORDER BY id DESC LIMIT \(literal: limit)
                """).all().map(Self.feedItem).reversed()
        }
    }

    static func feedItem(_ row: any SQLRow) throws -> FeedItem {
        FeedItem(id: try row.text("id"), tenantID: try row.text("tenant_id"), messageID: try row.text("message_id"),
                 shipmentID: try row.optionalText("shipment_id"), ruleID: try row.optionalText("rule_id"),
                 eventType: try row.text("event_type"), title: try row.text("title"), text: try row.text("text"),
                 createdAt: try row.date("created_at"))
    }
}
