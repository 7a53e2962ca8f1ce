import Foundation

/// A problem with an alert rule definition, naming the field (`trigger.status`, `quiet_hours.start`).
public struct AlertRuleProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path) \(message)" }
}

/// The wire and storage form of an alert rule's definition (everything but id, tenant and times).
extension AlertRule {
    public var definitionJSON: JSONValue {
        var trigger: [String: JSONValue] = ["type": .string(self.trigger.kind.rawValue)]
        switch self.trigger.kind {
        case .statusEntered: trigger["status"] = .string(self.trigger.value)
        case .substatusEntered: trigger["substatus"] = .string(self.trigger.value)
        case .reasonEntered: trigger["reason"] = .string(self.trigger.value)
        case .stale: trigger["hours"] = .number(Double(self.trigger.hours ?? 0))
        default: break
        }
        return .object([
            "name": .string(name),
            "enabled": .bool(enabled),
            "trigger": .object(trigger),
            "conditions": .object([
                "carriers": .array(conditions.carriers.map(JSONValue.string)),
                "services": .array(conditions.services.map(JSONValue.string)),
                "destination_countries": .array(conditions.destinationCountries.map(JSONValue.string)),
                "order_metadata": .strings(conditions.orderMetadata),
            ]),
            "channel": .string(channel.rawValue),
            "template": .string(template),
            "audience": .string(audience.rawValue),
            "recipients": .array(recipients.map(JSONValue.string)),
            "delay_seconds": .number(Double(delaySeconds)),
            "quiet_hours": quietHours.map { quiet in
                .object([
                    "start": .string(QuietHours.text(minute: quiet.startMinute)),
                    "end": .string(QuietHours.text(minute: quiet.endMinute)),
                    "time_zone": .string(quiet.fallbackTimeZone),
                ])
            } ?? .null,
            "once_per_shipment": .bool(oncePerShipment),
            "collapse_window_seconds": .number(Double(collapseWindowSeconds)),
        ])
    }

    /// Reads a definition; fields missing from `json` keep their value in `base` (PATCH), and a
    /// full definition (POST, PUT) must name trigger, channel, template and audience.
    public static func decode(definition json: JSONValue, base: AlertRule) throws(AlertRuleProblem) -> AlertRule {
        var rule = base
        guard case .object(let members) = json else { throw AlertRuleProblem(path: "$", message: "must be an object") }
        func text(_ key: String) throws(AlertRuleProblem) -> String? {
            guard let value = members[key], value != .null else { return nil }
            guard case .string(let string) = value else { throw AlertRuleProblem(path: key, message: "must be a string") }
            return string
        }
        func integer(_ key: String, _ range: ClosedRange<Int>) throws(AlertRuleProblem) -> Int? {
            guard let value = members[key], value != .null else { return nil }
            guard case .number(let number) = value, let int = Int(exactly: number), range.contains(int) else {
                throw AlertRuleProblem(path: key, message: "must be an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            return int
        }
        func flag(_ key: String) throws(AlertRuleProblem) -> Bool? {
            guard let value = members[key], value != .null else { return nil }
            guard case .bool(let bool) = value else { throw AlertRuleProblem(path: key, message: "must be true or false") }
            return bool
        }
        func strings(_ value: JSONValue?, _ path: String) throws(AlertRuleProblem) -> [String]? {
            guard let value, value != .null else { return nil }
            guard case .array(let items) = value else { throw AlertRuleProblem(path: path, message: "must be an array of strings") }
            var result: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let string) = item, !string.trimmed.isEmpty else {
                    throw AlertRuleProblem(path: "\(path)[\(index)]", message: "must be a non-empty string")
                }
                result.append(string.trimmed)
            }
            return result
        }
        let known: Set<String> = ["name", "enabled", "trigger", "conditions", "channel", "template", "audience", "recipients",
                                  "delay_seconds", "quiet_hours", "once_per_shipment", "collapse_window_seconds"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw AlertRuleProblem(path: unknown, message: "is not a known field")
        }
        if let name = try text("name") {
            guard (1...200).contains(name.trimmed.count) else { throw AlertRuleProblem(path: "name", message: "must be 1 to 200 characters") }
            rule.name = name.trimmed
        }
        if let enabled = try flag("enabled") { rule.enabled = enabled }
        if let trigger = members["trigger"], trigger != .null { rule.trigger = try decodeTrigger(trigger) }
        if let conditions = members["conditions"], conditions != .null {
            guard case .object(let fields) = conditions else { throw AlertRuleProblem(path: "conditions", message: "must be an object") }
            let allowed: Set<String> = ["carriers", "services", "destination_countries", "order_metadata"]
            if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw AlertRuleProblem(path: "conditions.\(unknown)", message: "is not a known field")
            }
            var decoded = RuleConditions()
            decoded.carriers = try strings(fields["carriers"], "conditions.carriers")?.map { $0.lowercased() } ?? []
            decoded.services = try strings(fields["services"], "conditions.services") ?? []
            decoded.destinationCountries = try strings(fields["destination_countries"], "conditions.destination_countries")?
                .map { $0.uppercased() } ?? []
            for (index, country) in decoded.destinationCountries.enumerated()
            where !(country.count == 2 && country.allSatisfy { $0.isASCII && $0.isLetter }) {
                throw AlertRuleProblem(path: "conditions.destination_countries[\(index)]", message: "must be an ISO 3166-1 alpha-2 code such as FR")
            }
            if let metadata = fields["order_metadata"], metadata != .null {
                guard case .object(let pairs) = metadata else {
                    throw AlertRuleProblem(path: "conditions.order_metadata", message: "must be an object of strings")
                }
                for (key, value) in pairs {
                    guard case .string(let string) = value else {
                        throw AlertRuleProblem(path: "conditions.order_metadata.\(key)", message: "must be a string")
                    }
                    decoded.orderMetadata[key] = string
                }
            }
            rule.conditions = decoded
        }
        if let channel = try text("channel") {
            guard let value = Channel(rawValue: channel) else {
                throw AlertRuleProblem(path: "channel", message: "must be one of email, sms, in_app (webhooks are subscriptions); got \"\(channel)\"")
            }
            rule.channel = value
        }
        if let template = try text("template") {
            guard (1...100).contains(template.count), template.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw AlertRuleProblem(path: "template", message: "must be a template name of 1 to 100 letters, digits, _ or -")
            }
            rule.template = template
        }
        if let audience = try text("audience") {
            guard let value = Audience(rawValue: audience) else {
                throw AlertRuleProblem(path: "audience", message: "must be customer or merchant; got \"\(audience)\"")
            }
            rule.audience = value
        }
        if let recipients = try strings(members["recipients"], "recipients") { rule.recipients = recipients }
        if let delay = try integer("delay_seconds", 0...7 * 86_400) { rule.delaySeconds = delay }
        if let window = try integer("collapse_window_seconds", 0...86_400) { rule.collapseWindowSeconds = window }
        if let once = try flag("once_per_shipment") { rule.oncePerShipment = once }
        if let quiet = members["quiet_hours"] {
            if quiet == .null {
                rule.quietHours = nil
            } else {
                guard case .object(let fields) = quiet else { throw AlertRuleProblem(path: "quiet_hours", message: "must be an object or null") }
                guard let start = fields["start"]?.stringValue.flatMap(QuietHours.minute(parsing:)) else {
                    throw AlertRuleProblem(path: "quiet_hours.start", message: "must be a local time HH:MM such as 21:00")
                }
                guard let end = fields["end"]?.stringValue.flatMap(QuietHours.minute(parsing:)) else {
                    throw AlertRuleProblem(path: "quiet_hours.end", message: "must be a local time HH:MM such as 08:00")
                }
                var zone: String?
                if let value = fields["time_zone"], value != .null {
                    guard let identifier = value.stringValue, Customer.isTimeZone(identifier) else {
                        throw AlertRuleProblem(path: "quiet_hours.time_zone", message: "must be an IANA time zone such as Europe/Paris")
                    }
                    zone = identifier
                }
                if let unknown = fields.keys.sorted().first(where: { !["start", "end", "time_zone"].contains($0) }) {
                    throw AlertRuleProblem(path: "quiet_hours.\(unknown)", message: "is not a known field")
                }
                rule.quietHours = QuietHours(startMinute: start, endMinute: end, fallbackTimeZone: zone)
            }
        }
        try rule.validate()
        return rule
    }

    /// Checks the rule as a whole.
    public func validate() throws(AlertRuleProblem) {
        if template.isEmpty { throw AlertRuleProblem(path: "template", message: "is required") }
        if audience == .merchant, channel != .inApp, recipients.isEmpty {
            throw AlertRuleProblem(path: "recipients", message: "must list at least one \(channel == .email ? "email address" : "phone number") for the merchant audience")
        }
        for (index, recipient) in recipients.enumerated() {
            let valid = channel == .sms ? Self.isE164(recipient) : Customer.isEmailAddress(recipient)
            if channel != .inApp, !valid {
                throw AlertRuleProblem(path: "recipients[\(index)]",
                                       message: channel == .sms ? "must be an E.164 phone number such as +14155550100" : "must be an email address")
            }
        }
    }

    static func isE164(_ text: String) -> Bool {
        text.hasPrefix("+") && (8...16).contains(text.count) && text.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func decodeTrigger(_ json: JSONValue) throws(AlertRuleProblem) -> RuleTrigger {
        guard case .object(let fields) = json else { throw AlertRuleProblem(path: "trigger", message: "must be an object") }
        guard let type = fields["type"]?.stringValue, let kind = RuleTrigger.Kind(rawValue: type) else {
            throw AlertRuleProblem(path: "trigger.type", message: "must be one of \(RuleTrigger.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var allowed: Set<String> = ["type"]
        var trigger = RuleTrigger(kind: kind)
        switch kind {
        case .statusEntered:
            allowed.insert("status")
            guard let value = fields["status"]?.stringValue, ShipmentStatus(rawValue: value) != nil else {
                throw AlertRuleProblem(path: "trigger.status", message: "must be one of \(ShipmentStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            trigger.value = value
        case .substatusEntered:
            allowed.insert("substatus")
            guard let value = fields["substatus"]?.stringValue, Substatus(rawValue: value) != nil else {
                throw AlertRuleProblem(path: "trigger.substatus", message: "must be a substatus of the taxonomy, e.g. customs_pending")
            }
            trigger.value = value
        case .reasonEntered:
            allowed.insert("reason")
            guard let value = fields["reason"]?.stringValue, Reason(rawValue: value) != nil else {
                throw AlertRuleProblem(path: "trigger.reason", message: "must be a reason of the taxonomy, e.g. customs_duties_unpaid")
            }
            trigger.value = value
        case .stale:
            allowed.insert("hours")
            guard case .number(let number)? = fields["hours"], let hours = Int(exactly: number), (1...2160).contains(hours) else {
                throw AlertRuleProblem(path: "trigger.hours", message: "must be an integer from 1 to 2160")
            }
            trigger.hours = hours
        default:
            break
        }
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw AlertRuleProblem(path: "trigger.\(unknown)", message: "is not a known field for trigger type \(type)")
        }
        return trigger
    }
}
