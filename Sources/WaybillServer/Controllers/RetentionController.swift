import Foundation
import Hummingbird
import WaybillCore
import WaybillIngest
import WaybillStore

/// `/v1/retention` (the tenant's retention policy) and `DELETE /v1/customers` (a data-subject
/// request), admin only.
struct RetentionController: Sendable {
    let store: any Store
    /// `WAYBILL_EVENT_RETENTION_DAYS`: caps every tenant's payload days.
    var payloadCapDays: Int? = RetentionService.payloadCapDays()

    func addRoutes(to group: RouterGroup<WaybillRequestContext>) {
        group.get("retention", use: show)
        group.put("retention", use: update)
        group.delete("customers", use: eraseCustomer)
    }

    @Sendable func show(_ request: Request, context: WaybillRequestContext) async throws -> RetentionPolicyResponse {
        let principal = try context.require(.manageTenant)
        return RetentionPolicyResponse(try await store.retentionPolicy(tenantID: principal.tenantID), payloadCapDays: payloadCapDays)
    }

    @Sendable func update(_ request: Request, context: WaybillRequestContext) async throws -> RetentionPolicyResponse {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(RetentionPolicyRequest.self, context: context)
        let saved = try await store.setRetentionPolicy(body.policy, tenantID: principal.tenantID, actor: principal.actor)
        return RetentionPolicyResponse(saved, payloadCapDays: payloadCapDays)
    }

    @Sendable func eraseCustomer(_ request: Request, context: WaybillRequestContext) async throws -> CustomerErasureResponse {
        let principal = try context.require(.manageTenant)
        let (_, body) = try await request.decode(EraseCustomerRequest.self, context: context)
        let erasure = try await store.eraseCustomer(body.subject, tenantID: principal.tenantID, actor: principal.actor)
        context.logger.notice("customer data erased", metadata: ["shipments": "\(erasure.shipments)", "orders": "\(erasure.orders)"])
        return CustomerErasureResponse(erasure)
    }
}

/// `PUT /v1/retention`: days per kind; left-out fields keep the defaults (90, 400, the payload days).
struct RetentionPolicyRequest: Decodable, Sendable {
    var policy: RetentionPolicy

    enum CodingKeys: String, CodingKey {
        case personalDataDays = "personal_data_days"
        case payloadDays = "payload_days"
        case auditLogDays = "audit_log_days"
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        let range = 1...RetentionPolicy.maximumDays
        let personal = try fields.optionalInteger(.personalDataDays, in: range) ?? RetentionPolicy.defaultPersonalDataDays
        let payloads = try fields.optionalInteger(.payloadDays, in: range) ?? RetentionPolicy.defaultPayloadDays
        let audit = try fields.optionalInteger(.auditLogDays, in: range) ?? payloads
        guard personal <= payloads else {
            throw InvalidField(path: "personal_data_days", reason: "must be at most payload_days (\(payloads)): events and payloads hold personal data too")
        }
        guard audit >= payloads else {
            throw InvalidField(path: "audit_log_days", reason: "must be at least payload_days (\(payloads)): the audit log is kept at least as long as raw payloads")
        }
        policy = RetentionPolicy(personalDataDays: personal, payloadDays: payloads, auditLogDays: audit)
    }
}

/// `DELETE /v1/customers`: exactly one of `email` and `phone`.
struct EraseCustomerRequest: Decodable, Sendable {
    var subject: DataSubject

    enum CodingKeys: String, CodingKey {
        case email, phone
    }

    init(from decoder: any Decoder) throws {
        let fields = try RequestFields(decoder, keys: CodingKeys.self)
        let email = try fields.optionalText(.email, maxLength: 320)?.nonBlank
        let phone = try fields.optionalText(.phone, maxLength: 64)?.nonBlank
        switch (email, phone) {
        case (let email?, nil):
            subject = .email(email)
        case (nil, let phone?):
            guard DataSubject.phone(phone).normalized.count >= 3 else {
                throw InvalidField(path: "phone", reason: "must be a phone number")
            }
            subject = .phone(phone)
        case (nil, nil):
            throw InvalidField(path: "", reason: "must have email or phone")
        case (_?, _?):
            throw InvalidField(path: "", reason: "must have email or phone, not both (one request per identifier)")
        }
    }
}

struct RetentionPolicyResponse: ResponseEncodable, Sendable {
    let personalDataDays: Int
    let payloadDays: Int
    let auditLogDays: Int
    let isDefault: Bool
    let updatedAt: Date?
    /// What retention applies: the policy capped by the installation's `WAYBILL_EVENT_RETENTION_DAYS`.
    let effective: Days

    struct Days: Encodable, Sendable {
        let personalDataDays: Int
        let payloadDays: Int
        let auditLogDays: Int

        enum CodingKeys: String, CodingKey {
            case personalDataDays = "personal_data_days"
            case payloadDays = "payload_days"
            case auditLogDays = "audit_log_days"
        }
    }

    enum CodingKeys: String, CodingKey {
        case effective
        case personalDataDays = "personal_data_days"
        case payloadDays = "payload_days"
        case auditLogDays = "audit_log_days"
        case isDefault = "default"
        case updatedAt = "updated_at"
    }

    init(_ policy: RetentionPolicy, payloadCapDays: Int?) {
        personalDataDays = policy.personalDataDays
        payloadDays = policy.payloadDays
        auditLogDays = policy.auditLogDays
        isDefault = policy.updatedAt == nil
        updatedAt = policy.updatedAt
        let applied = policy.effective(payloadCapDays: payloadCapDays)
        effective = Days(personalDataDays: applied.personalDataDays, payloadDays: applied.payloadDays, auditLogDays: applied.auditLogDays)
    }
}

struct CustomerErasureResponse: ResponseEncodable, Sendable {
    let erased: Counts

    struct Counts: Encodable, Sendable {
        let shipments: Int
        let orders: Int
        let eventsAnonymized: Int
        let rawPayloadsDeleted: Int
        let rawPayloadsKept: Int
        let notifications: Int
        let idempotencyKeys: Int

        enum CodingKeys: String, CodingKey {
            case shipments, orders, notifications
            case eventsAnonymized = "events_anonymized"
            case rawPayloadsDeleted = "raw_payloads_deleted"
            case rawPayloadsKept = "raw_payloads_kept"
            case idempotencyKeys = "idempotency_keys"
        }
    }

    init(_ erasure: CustomerErasure) {
        erased = Counts(shipments: erasure.shipments, orders: erasure.orders, eventsAnonymized: erasure.eventsAnonymized,
                        rawPayloadsDeleted: erasure.rawPayloadsDeleted, rawPayloadsKept: erasure.rawPayloadsKept,
                        notifications: erasure.notifications, idempotencyKeys: erasure.idempotencyKeys)
    }
}
