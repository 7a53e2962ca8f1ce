import Foundation
import Hummingbird
import WaybillCore
import WaybillNotify
import WaybillStore

/// `/v1/notification-channels/{email,sms}`: a tenant's SMTP and SMS provider settings (admin
/// only; the password and auth token are stored sealed and never returned), and
/// `/v1/alert-templates/preview`: a notification template rendered for a shipment.
struct NotificationChannelController: Sendable {
    let store: any Store
    let secrets: SecretBoxSource
    let publicBaseURL: String
    let egress: EgressPolicy

    let renderer: Result<TemplateRenderer, TemplateError>

    init(store: any Store, secrets: SecretBoxSource = .shared, publicBaseURL: String, egress: EgressPolicy) {
        self.store = store
        self.secrets = secrets
        self.publicBaseURL = publicBaseURL
        self.egress = egress
        self.renderer = Result { () throws(TemplateError) in try TemplateRenderer() }
    }

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.put("notification-channels/:kind", use: save)
        group.get("notification-channels/:kind", use: show)
        group.delete("notification-channels/:kind", use: delete)
        group.post("alert-templates/preview", use: preview)
    }

    private var repository: ChannelSettingsRepository { ChannelSettingsRepository(store: store, secrets: secrets) }

    static let emailShape = JSONShape.object([
        "host": .init(shape: .string(maxLength: 253), required: true),
        "port": .init(shape: .integer(1...65535), required: true),
        "starttls": .init(shape: .boolean, required: false),
        "tls_verify": .init(shape: .boolean, required: false),
        "username": .init(shape: .nullable(.string(maxLength: 320)), required: false),
        "password": .init(shape: .nullable(.string(maxLength: 1000)), required: false),
        "from": .init(shape: .string(maxLength: 320), required: true),
    ])

    static let previewShape = JSONShape.object([
        "template": .init(shape: .oneOf(TemplateRenderer.templateNames), required: true),
        "channel": .init(shape: .oneOf([ChannelKind.email.rawValue, ChannelKind.sms.rawValue, ChannelKind.inApp.rawValue]), required: true),
        "language": .init(shape: .nullable(.oneOf(Language.allCases.map(\.rawValue))), required: false),
        "shipment_id": .init(shape: .string(maxLength: 100), required: true),
    ])

    static let smsShape = JSONShape.object([
        "base_url": .init(shape: .string(maxLength: 2000), required: true),
        "account_sid": .init(shape: .string(maxLength: 100), required: true),
        "auth_token": .init(shape: .string(maxLength: 1000), required: false),
        "from": .init(shape: .string(maxLength: 32), required: true),
        "max_segments": .init(shape: .integer(1...10), required: false),
    ])

    @Sendable func save(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let kind = try Self.kind(context)
        let (_, body) = try await request.json(kind == .email ? Self.emailShape : Self.smsShape, context: context)
        let settings: JSONValue
        let secretField = kind == .email ? "password" : "auth_token"
        do {
            settings = kind == .email ? try EmailChannelSettings(json: body).json : try SMSChannelSettings(json: body).json
        } catch {
            throw InvalidField(path: error.field, reason: error.message)
        }
        if kind == .email, let host = settings["host"]?.stringValue {
            try await EgressCheck.require(host: host, field: "host", policy: egress)
        } else if kind == .sms, let host = settings["base_url"]?.stringValue.flatMap({ URL(string: $0)?.host(percentEncoded: false) }) {
            try await EgressCheck.require(host: host, field: "base_url", policy: egress)
        }
        let secret: SecretUpdate = switch body[secretField] {
        case .none: .keep
        case .string(let text)? where !text.isEmpty: .set(text)
        default: .clear
        }
        let existing = try await repository.settings(kind, tenantID: principal.tenantID)
        let secretWillBeSet = switch secret {
        case .set: true
        case .keep: existing?.sealedSecret != nil
        case .clear: false
        }
        if !secretWillBeSet, kind == .sms {
            throw InvalidField(path: secretField, reason: "is required")
        }
        if !secretWillBeSet, kind == .email, settings["username"]?.stringValue != nil {
            throw InvalidField(path: secretField, reason: "is required with a username")
        }
        let saved = try await withSecretKey {
            try await repository.save(kind, tenantID: principal.tenantID, settings: settings, secret: secret, actor: principal.actor)
        }
        return JSONResponse.make(.ok, Self.representation(saved))
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let kind = try Self.kind(context)
        guard let stored = try await repository.settings(kind, tenantID: principal.tenantID) else {
            throw APIError.notFound("notification channel", kind.rawValue)
        }
        return JSONResponse.make(.ok, Self.representation(stored))
    }

    @Sendable func delete(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let kind = try Self.kind(context)
        guard try await repository.delete(kind, tenantID: principal.tenantID, actor: principal.actor) else {
            throw APIError.notFound("notification channel", kind.rawValue)
        }
        return Response(status: .noContent)
    }

    /// Renders a template for one of the tenant's shipments, with its order and latest event,
    /// in the given language or else the customer's.
    @Sendable func preview(_ request: Request, context: WaybillRequestContext) async throws -> Response {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.json(Self.previewShape, context: context)
        let renderer = try renderer.get()
        let shipmentID = body["shipment_id"]?.stringValue ?? ""
        guard let shipment = try await store.shipment(id: shipmentID, tenantID: principal.tenantID) else {
            throw APIError.notFound("shipment", shipmentID)
        }
        var order: Order?
        if let orderID = shipment.orderID { order = try await store.order(orderID, tenantID: principal.tenantID) }
        let event = try await store.events(shipmentID: shipment.id, tenantID: principal.tenantID).last?.event
        let tenantName = try await store.tenant(id: principal.tenantID)?.name ?? principal.tenantID
        let branding = MessageBranding(tenantName: tenantName, stored: try await store.branding(tenantID: principal.tenantID))
        let language = body["language"]?.stringValue.flatMap { Language(rawValue: $0) }
        let variables = NotificationVariables.make(shipment: shipment, order: order, event: event,
                                                   branding: branding, publicBaseURL: publicBaseURL,
                                                   language: language)
        let template = body["template"]?.stringValue ?? ""
        let channel = ChannelKind(rawValue: body["channel"]?.stringValue ?? "") ?? .email
        let rendered = try renderer.render(template: template, channel: channel, variables: variables)
        return JSONResponse.make(.ok, .object([
            "template": .string(template), "channel": .string(channel.rawValue), "language": .string(variables.language.rawValue),
            "subject": rendered.subject.map(JSONValue.string) ?? .null, "text": .string(rendered.text),
            "html": rendered.html.map(JSONValue.string) ?? .null,
        ]))
    }

    /// The settings with `password_set`/`auth_token_set` instead of the secret.
    static func representation(_ stored: StoredChannelSettings) -> JSONValue {
        guard case .object(var members) = stored.settings else { return stored.settings }
        members[stored.kind == ChannelKind.sms.rawValue ? "auth_token_set" : "password_set"] = .bool(stored.sealedSecret != nil)
        members["kind"] = .string(stored.kind)
        members["updated_at"] = .string(Timestamp.utcString(stored.updatedAt))
        return .object(members)
    }

    private static func kind(_ context: WaybillRequestContext) throws -> ChannelKind {
        let name = try context.parameters.require("kind")
        guard let kind = ChannelKind(rawValue: name), kind == .email || kind == .sms else {
            throw APIError.notFound("notification channel kind", name)
        }
        return kind
    }

    /// Runs `body`, answering 503 `secret_key_missing` when no encryption key is configured.
    private func withSecretKey<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as SecretBoxError {
            throw APIError(status: .serviceUnavailable, code: "secret_key_missing", message: error.description)
        }
    }
}
