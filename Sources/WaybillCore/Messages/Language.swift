/// A language of the customer-facing catalog, named by its ISO 639-1 code.
public struct Language: RawRepresentable, Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Only codes with a registered message table are languages; anything else is nil.
    public init?(rawValue: String) {
        let code = rawValue.lowercased()
        guard MessageCatalog.tables[code] != nil else { return nil }
        self.rawValue = code
    }

    init(registered code: String) {
        self.rawValue = code
    }

    public static let english = Language(registered: "en")
    public static let spanish = Language(registered: "es")
    public static let french = Language(registered: "fr")
    public static let german = Language(registered: "de")
    public static let dutch = Language(registered: "nl")
    public static let portuguese = Language(registered: "pt")
    public static let italian = Language(registered: "it")

    /// Every language with a message table, in code order.
    public static let allCases: [Language] = MessageCatalog.registry.map(\.language).sorted()

    /// The table of this language.
    public var messages: MessageTable { MessageCatalog.table(for: self) }

    /// Text direction of the language, for the `dir` attribute.
    public var isRightToLeft: Bool { messages.isRightToLeft }

    public var description: String { rawValue }

    public static func < (lhs: Language, rhs: Language) -> Bool { lhs.rawValue < rhs.rawValue }
}
