import Foundation
import Hummingbird
import WaybillCore
import WaybillStore

/// `/v1/alert-rules`: a tenant's rules (its defaults appear on first listing).
struct AlertRuleController: Sendable {
    let store: any Store

    static let shape: JSONShape = {
        func optional(_ shape: JSONShape) -> JSONShape.Field { .init(shape: .nullable(shape), required: false) }
        let codes = ShipmentStatus.allCases.map(\.rawValue)
        return .object([
            "name": optional(.string(maxLength: 200)),
            "enabled": optional(.boolean),
            "trigger": optional(.object([
                "type": .init(shape: .oneOf(RuleTrigger.Kind.allCases.map(\.rawValue)), required: true),
                "status": optional(.oneOf(codes)),
                "substatus": optional(.oneOf(Substatus.allCases.map(\.rawValue))),
                "reason": optional(.oneOf(Reason.allCases.map(\.rawValue))),
                "hours": optional(.integer(1...2160)),
            ])),
            "conditions": optional(.object([
                "carriers": optional(.array(.string(maxLength: 40), maxCount: 50)),
                "services": optional(.array(.string(maxLength: 100), maxCount: 50)),
                "destination_countries": optional(.array(.string(maxLength: 2), maxCount: 250)),
                "order_metadata": optional(.stringMap(maxEntries: 20)),
            ])),
            "channel": optional(.oneOf(AlertRule.Channel.allCases.map(\.rawValue))),
            "template": optional(.string(maxLength: 100)),
            "audience": optional(.oneOf(AlertRule.Audience.allCases.map(\.rawValue))),
            "recipients": optional(.array(.string(maxLength: 320), maxCount: 20)),
            "delay_seconds": optional(.integer(0...7 * 86_400)),
            "quiet_hours": optional(.object([
                "start": .init(shape: .string(maxLength: 5), required: true),
                "end": .init(shape: .string(maxLength: 5), required: true),
                "time_zone": optional(.string(maxLength: 64)),
            ])),
            "once_per_shipment": optional(.boolean),
            "collapse_window_seconds": optional(.integer(0...86_400)),
        ])
    }()

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("alert-rules", use: list)
        group.post("alert-rules", use: create)
        group.get("alert-rules/:id", use: show)
        group.put("alert-rules/:id", use: replace)
        group.patch("alert-rules/:id", use: update)
        group.delete("alert-rules/:id", use: delete)
    }

    @Sendable func list(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let rules = try await store.alertRules(tenantID: principal.tenantID)
        return JSONResponse.make(.ok, .object(["data": .array(rules.map(Self.json))]))
    }

    @Sendable func create(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let rule = try await Self.read(request, context: context, base: Self.blank(tenantID: principal.tenantID), full: true)
        return JSONResponse.make(.created, Self.json(try await store.createAlertRule(rule, actor: principal.actor)))
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        return JSONResponse.make(.ok, Self.json(try await existing(context, tenantID: principal.tenantID)))
    }

    @Sendable func replace(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let current = try await existing(context, tenantID: principal.tenantID)
        var base = Self.blank(tenantID: principal.tenantID)
        base.id = current.id
        base.createdAt = current.createdAt
        let rule = try await Self.read(request, context: context, base: base, full: true)
        return JSONResponse.make(.ok, Self.json(try await store.updateAlertRule(rule, actor: principal.actor)))
    }

    @Sendable func update(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let current = try await existing(context, tenantID: principal.tenantID)
        let rule = try await Self.read(request, context: context, base: current, full: false)
        return JSONResponse.make(.ok, Self.json(try await store.updateAlertRule(rule, actor: principal.actor)))
    }

    @Sendable func delete(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        try await store.deleteAlertRule(id: try context.parameters.require("id"), tenantID: principal.tenantID, actor: principal.actor)
        return Response(status: .noContent)
    }

    private func existing(_ context: WaybillRequestContext, tenantID: String) async throws -> AlertRule {
        let id = try context.parameters.require("id")
        guard let rule = try await store.alertRule(id: id, tenantID: tenantID) else { throw APIError.notFound("alert rule", id) }
        return rule
    }

    static func blank(tenantID: String) -> AlertRule {
        AlertRule(id: "", tenantID: tenantID, name: "", trigger: .status(.delivered), channel: .email, template: "", audience: .customer)
    }

    /// The body as a rule definition; a full one (POST, PUT) must name the required fields.
    static func read(_ request: Request, context: WaybillRequestContext, base: AlertRule, full: Bool) async throws -> AlertRule {
        let (_, body) = try await request.json(Self.shape, context: context)
        if full {
            for field in ["name", "trigger", "channel", "template", "audience"] where body[field] == nil || body[field] == .null {
                throw InvalidField(path: field, reason: "is required")
            }
        }
        do {
            return try AlertRule.decode(definition: body, base: base)
        } catch {
            throw InvalidField(path: error.path, reason: error.message)
        }
    }

    static func json(_ rule: AlertRule) -> JSONValue {
        guard case .object(var object) = rule.definitionJSON else { return .null }
        object["id"] = .string(rule.id)
        object["created_at"] = .time(rule.createdAt)
        object["updated_at"] = .time(rule.updatedAt)
        return .object(object)
    }
}
