import Foundation

/// A tenant's alert rule: when a trigger fires for a shipment matching the conditions, send a
/// message built from a template over a channel to the customer or the merchant.
public struct AlertRule: Sendable, Hashable {
    public enum Channel: String, Sendable, Codable, CaseIterable {
        case email, sms
        case inApp = "in_app"
    }

    public enum Audience: String, Sendable, Codable, CaseIterable {
        case customer, merchant
    }

    public var id: String
    public var tenantID: String
    public var name: String
    public var enabled: Bool
    public var trigger: RuleTrigger
    public var conditions: RuleConditions
    public var channel: Channel
    /// The template name (rendered per channel and language).
    public var template: String
    public var audience: Audience
    /// Addresses (email) or E.164 numbers (SMS) for the merchant audience.
    public var recipients: [String]
    public var delaySeconds: Int
    public var quietHours: QuietHours?
    public var oncePerShipment: Bool
    /// Triggers within this window of a pending message are merged into it (0: no collapsing).
    public var collapseWindowSeconds: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, tenantID: String, name: String, enabled: Bool = true, trigger: RuleTrigger,
                conditions: RuleConditions = RuleConditions(), channel: Channel, template: String, audience: Audience,
                recipients: [String] = [], delaySeconds: Int = 0, quietHours: QuietHours? = nil, oncePerShipment: Bool = false,
                collapseWindowSeconds: Int = 0, createdAt: Date = Date(), updatedAt: Date = Date()) {
        self.id = id
        self.tenantID = tenantID
        self.name = name
        self.enabled = enabled
        self.trigger = trigger
        self.conditions = conditions
        self.channel = channel
        self.template = template
        self.audience = audience
        self.recipients = recipients
        self.delaySeconds = delaySeconds
        self.quietHours = quietHours
        self.oncePerShipment = oncePerShipment
        self.collapseWindowSeconds = collapseWindowSeconds
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// What a rule reacts to, on the wire `{"type":"status_entered","status":"delivered"}`.
public struct RuleTrigger: Sendable, Hashable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case statusEntered = "status_entered"
        case substatusEntered = "substatus_entered"
        case reasonEntered = "reason_entered"
        case etaSet = "eta_set"
        case etaRevised = "eta_revised"
        case etaMissed = "eta_missed"
        case stale
        case delivered
        case orderDelivered = "order_delivered"
        case orderPartiallyDelivered = "order_partially_delivered"
    }

    public var kind: Kind
    /// The status, substatus or reason code for the `*_entered` kinds.
    public var value: String?
    /// Hours without movement for `stale`.
    public var hours: Int?

    public init(kind: Kind, value: String? = nil, hours: Int? = nil) {
        self.kind = kind
        self.value = value
        self.hours = hours
    }

    public static func status(_ status: ShipmentStatus) -> RuleTrigger { RuleTrigger(kind: .statusEntered, value: status.rawValue) }

    public func matches(_ trigger: ShipmentTrigger) -> Bool {
        switch (kind, trigger) {
        case (.statusEntered, .statusEntered(let status)): value == status.rawValue
        case (.substatusEntered, .substatusEntered(let substatus)): value == substatus.rawValue
        case (.reasonEntered, .reasonEntered(let reason)): value == reason.rawValue
        case (.etaSet, .etaSet), (.etaRevised, .etaRevised), (.etaMissed, .etaMissed), (.delivered, .delivered),
             (.orderDelivered, .orderDelivered), (.orderPartiallyDelivered, .orderPartiallyDelivered): true
        case (.stale, .stale(let hours)): hours == self.hours
        default: false
        }
    }
}

/// Which shipments a rule applies to; an empty list matches everything.
public struct RuleConditions: Sendable, Hashable {
    public var carriers: [String]
    public var services: [String]
    /// ISO 3166-1 alpha-2 codes.
    public var destinationCountries: [String]
    /// Every key must be present in the order's metadata with exactly this value.
    public var orderMetadata: [String: String]

    public init(carriers: [String] = [], services: [String] = [], destinationCountries: [String] = [], orderMetadata: [String: String] = [:]) {
        self.carriers = carriers
        self.services = services
        self.destinationCountries = destinationCountries
        self.orderMetadata = orderMetadata
    }

    public func matches(_ context: RuleContext) -> Bool {
        if !carriers.isEmpty, !carriers.contains(where: { $0.lowercased() == context.carrier.lowercased() }) { return false }
        if !services.isEmpty, !services.contains(where: { $0.lowercased() == (context.service ?? "").lowercased() }) { return false }
        if !destinationCountries.isEmpty,
           !destinationCountries.contains(where: { $0.uppercased() == (context.destinationCountry ?? "").uppercased() }) { return false }
        for (key, value) in orderMetadata where context.orderMetadata[key] != value { return false }
        return true
    }
}

/// The facts about a shipment that rule conditions and scheduling look at.
public struct RuleContext: Sendable, Hashable {
    public var shipmentID: String
    public var carrier: String
    public var service: String?
    public var destinationCountry: String?
    public var orderMetadata: [String: String]
    /// The customer's IANA zone, when known.
    public var customerTimeZone: String?

    public init(shipmentID: String, carrier: String, service: String? = nil, destinationCountry: String? = nil,
                orderMetadata: [String: String] = [:], customerTimeZone: String? = nil) {
        self.shipmentID = shipmentID
        self.carrier = carrier
        self.service = service
        self.destinationCountry = destinationCountry
        self.orderMetadata = orderMetadata
        self.customerTimeZone = customerTimeZone
    }
}
