/// Every customer-facing text of one language. One file per language builds one table.
public struct MessageTable: Sendable {
    public let language: Language
    /// Name of the language in itself, for the language switcher ("Deutsch").
    public let nativeName: String
    /// Locale used for dates and times, e.g. `de_DE`.
    public let localeIdentifier: String
    public let isRightToLeft: Bool
    public let status: [ShipmentStatus: String]
    public let substatus: [Substatus: String]
    public let reason: [Reason: String]
    /// What happens next, per status.
    public let nextStep: [ShipmentStatus: String]
    /// What the customer must do, per reason.
    public let actionRequired: [Reason: String]
    /// What the customer must do when the event gives no reason.
    public let actionRequiredDefault: String
    public let ui: [UIText: String]

    public init(
        language: Language, nativeName: String, localeIdentifier: String, isRightToLeft: Bool = false,
        status: [ShipmentStatus: String], substatus: [Substatus: String], reason: [Reason: String],
        nextStep: [ShipmentStatus: String], actionRequired: [Reason: String], actionRequiredDefault: String,
        ui: [UIText: String]
    ) {
        self.language = language
        self.nativeName = nativeName
        self.localeIdentifier = localeIdentifier
        self.isRightToLeft = isRightToLeft
        self.status = status
        self.substatus = substatus
        self.reason = reason
        self.nextStep = nextStep
        self.actionRequired = actionRequired
        self.actionRequiredDefault = actionRequiredDefault
        self.ui = ui
    }

    /// Keys this table lacks, as `group.key` strings; empty for a complete table.
    public var missingKeys: [String] {
        var missing: [String] = []
        missing += ShipmentStatus.allCases.filter { status[$0] == nil }.map { "status.\($0.rawValue)" }
        missing += Substatus.allCases.filter { substatus[$0] == nil }.map { "substatus.\($0.rawValue)" }
        missing += Reason.allCases.filter { reason[$0] == nil }.map { "reason.\($0.rawValue)" }
        missing += ShipmentStatus.allCases.filter { nextStep[$0] == nil }.map { "next_step.\($0.rawValue)" }
        missing += Reason.allCases.filter { actionRequired[$0] == nil }.map { "action_required.\($0.rawValue)" }
        missing += UIText.allCases.filter { ui[$0] == nil }.map { "ui.\($0.rawValue)" }
        return missing
    }

    /// A UI string; `{name}` placeholders are replaced by `values`.
    public func text(_ key: UIText, _ values: [String: String] = [:]) -> String {
        var text = ui[key] ?? key.rawValue
        for (name, value) in values {
            text = text.replacingOccurrences(of: "{\(name)}", with: value)
        }
        return text
    }
}
