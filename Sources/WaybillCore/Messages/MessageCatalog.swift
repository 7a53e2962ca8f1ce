import Foundation

/// The customer message catalog: every status, substatus and reason in words, per language.
/// Raw carrier codes never reach a customer; these texts do.
public enum MessageCatalog {
    /// Every language's table. Adding a language: one file with its table, one line here.
    static let registry: [MessageTable] = [
        English.table,
        Spanish.table,
        French.table,
        German.table,
        Dutch.table,
        Portuguese.table,
        Italian.table,
    ]

    static let tables: [String: MessageTable] = Dictionary(
        uniqueKeysWithValues: registry.map { ($0.language.rawValue, $0) })

    public static let fallback: Language = .english

    public static func table(for language: Language) -> MessageTable {
        tables[language.rawValue] ?? English.table
    }

    public static func statusText(_ status: ShipmentStatus, language: Language) -> String {
        table(for: language).status[status] ?? English.table.status[status] ?? status.rawValue
    }

    public static func substatusText(_ substatus: Substatus, language: Language) -> String? {
        table(for: language).substatus[substatus] ?? English.table.substatus[substatus]
    }

    public static func reasonText(_ reason: Reason, language: Language) -> String? {
        table(for: language).reason[reason] ?? English.table.reason[reason]
    }

    public static func nextStepText(for status: ShipmentStatus, language: Language) -> String {
        table(for: language).nextStep[status] ?? English.table.nextStep[status] ?? ""
    }

    public static func actionRequiredText(reason: Reason?, language: Language) -> String {
        let table = table(for: language)
        if let reason, let text = table.actionRequired[reason] { return text }
        return table.actionRequiredDefault
    }

    public static func uiText(_ key: UIText, language: Language, _ values: [String: String] = [:]) -> String {
        table(for: language).text(key, values)
    }

    /// Picks the page language: `?lang=` first, then the shipment's customer locale, then the
    /// browser's `Accept-Language` (by q-value), then English.
    public static func negotiate(query: String?, customerLocale: String?, acceptLanguage: String?) -> Language {
        if let query, let language = language(fromTag: query) { return language }
        if let customerLocale, let language = language(fromTag: customerLocale) { return language }
        if let acceptLanguage {
            for tag in LanguageNegotiation.rankedTags(acceptLanguage) {
                if let language = language(fromTag: tag) { return language }
            }
        }
        return fallback
    }

    /// The language of a BCP 47 tag or POSIX locale (`pt-BR`, `fr_CA`, `DE`), when supported.
    public static func language(fromTag tag: String) -> Language? {
        var primary = Substring(tag.trimmed)
        if let cut = primary.firstIndex(where: { $0 == "-" || $0 == "_" }) { primary = primary[..<cut] }
        guard (2...3).contains(primary.count) else { return nil }
        return Language(rawValue: String(primary))
    }
}
