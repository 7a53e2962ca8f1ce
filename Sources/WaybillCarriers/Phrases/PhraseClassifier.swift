import Foundation
import WaybillCore

/// Classifies a carrier's own description of an event ("Departed facility", "in das
/// Zustellfahrzeug geladen") into the canonical taxonomy, for codes a mapping table does not know
/// and for coarse codes whose text says more. The phrases are data, one table per language
/// (`PhraseTable+English.swift`, ...); the first rule that matches wins, so each table lists
/// negated and specific phrases ("not delivered", "delivery attempted") before general ones
/// ("delivered").
public enum PhraseClassifier {
    /// What a phrase says happened.
    public struct Classification: Sendable, Hashable {
        public var status: ShipmentStatus
        public var substatus: Substatus?
        public var reason: Reason?
        public var actionRequired: Bool
        /// The rule that matched, for reviewers and tests.
        public var phrase: String
    }

    /// The languages in the order they are tried.
    static let tables: [[PhraseRule]] = [
        PhraseTable.english, PhraseTable.german, PhraseTable.french, PhraseTable.dutch,
        PhraseTable.spanish, PhraseTable.italian, PhraseTable.portuguese,
    ]

    /// The classification of `description`, or nil when no phrase of any language matches.
    /// Carriers repeat a small set of templated texts, so results are remembered: coarse codes
    /// (DHL's `transit` on every scan) classify each event, and that must not cost the common path.
    public static func classify(_ description: String?) -> Classification? {
        guard let description, !description.isEmpty else { return nil }
        if let known = cache.lookup(description) { return known }
        let result = uncachedClassification(description)
        cache.store(result, for: description)
        return result
    }

    private static let cache = PhraseCache()

    private static func uncachedClassification(_ description: String) -> Classification? {
        let text = PhraseText.normalized(description)
        for table in tables {
            for rule in table where rule.matches(text) {
                return Classification(status: rule.status, substatus: rule.substatus, reason: rule.reason,
                                      actionRequired: rule.actionRequired, phrase: rule.pattern)
            }
        }
        return nil
    }
}

/// Remembered classifications, bounded: when full it starts over (texts with tracking numbers
/// or dates in them would otherwise grow it without end).
private final class PhraseCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: PhraseClassifier.Classification?] = [:]
    private let limit = 20_000

    /// `.some(nil)`: known to match nothing; nil: not seen.
    func lookup(_ text: String) -> PhraseClassifier.Classification?? {
        lock.lock()
        defer { lock.unlock() }
        return entries[text]
    }

    func store(_ result: PhraseClassifier.Classification?, for text: String) {
        lock.lock()
        defer { lock.unlock() }
        if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
        entries[text] = .some(result)
    }
}

/// One line of a phrase table: a pattern of words and what it means. In a pattern, words match
/// at the start of a word of the text ("deliver" matches "delivered", "zustell" matches
/// "Zustellfahrzeug"), in order and next to each other; ` * ` allows any words between two
/// parts ("loaded * delivery vehicle"). Patterns are written lower-case without accents.
struct PhraseRule: Sendable {
    let pattern: String
    let status: ShipmentStatus
    let substatus: Substatus?
    let reason: Reason?
    let actionRequired: Bool
    private let parts: [String]

    init(_ pattern: String, _ status: ShipmentStatus, _ substatus: Substatus? = nil, reason: Reason? = nil, action: Bool = false) {
        self.pattern = pattern
        self.status = status
        self.substatus = substatus
        self.reason = reason
        self.actionRequired = action
        self.parts = pattern.components(separatedBy: " * ").map { " " + $0 }
    }

    /// Whether every part occurs, in order, each at a word start of `text` (which starts with a space).
    func matches(_ text: String) -> Bool {
        var rest = text[...]
        for part in parts {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return true
    }
}

/// The form phrases are matched in: lower case, accents and umlauts folded (ü → u, ß → ss),
/// everything but letters and digits turned into single spaces, one leading space.
enum PhraseText {
    static func normalized(_ text: String) -> String {
        var result = " "
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            if let folded = folded(scalar) {
                result.append(folded)
                lastWasSpace = false
            } else if !lastWasSpace {
                result.append(" ")
                lastWasSpace = true
            }
        }
        return result
    }

    private static func folded(_ scalar: Unicode.Scalar) -> String? {
        switch scalar {
        case "a"..."z", "0"..."9": return String(scalar)
        case "à", "á", "â", "ã", "ä", "å": return "a"
        case "ç": return "c"
        case "è", "é", "ê", "ë": return "e"
        case "ì", "í", "î", "ï": return "i"
        case "ñ": return "n"
        case "ò", "ó", "ô", "õ", "ö", "ø": return "o"
        case "ù", "ú", "û", "ü": return "u"
        case "ý", "ÿ": return "y"
        case "ß": return "ss"
        case "œ": return "oe"
        case "æ": return "ae"
        default: return scalar.properties.isAlphabetic ? String(scalar) : nil
        }
    }
}
