/// Personal data as roles without access to it see it: enough to recognise a customer on the
/// phone (`j***@example.com`, a phone's last two digits), not enough to contact them.
public enum PersonalDataMask {
    /// `jane.doe@example.com` → `j***@example.com`.
    public static func email(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@"), at > value.startIndex else { return "***" }
        return String(value[value.startIndex]) + "***" + value[at...]
    }

    /// `+33 6 12 34 56 78` → `***78`.
    public static func phone(_ value: String) -> String {
        "***" + String(value.filter(\.isNumber).suffix(2))
    }

    /// `75011` → `75***`.
    public static func postalCode(_ value: String) -> String {
        String(value.prefix(value.count > 3 ? 2 : 0)) + "***"
    }

    /// `Jane Doe` → `J***`.
    public static func name(_ value: String) -> String {
        (value.first.map(String.init) ?? "") + "***"
    }
}

extension Role {
    /// Whether the role reads customers' personal data in full; the others see it masked.
    public var seesPersonalData: Bool { self == .admin || self == .support }
}
