import WaybillCore

/// A carrier's code table as data: each code with the carrier's own meaning and its canonical
/// status, substatus, reason and whether the customer must act. Versioned so stored events can
/// be re-derived (`reprocess`) when a mapping improves.
public struct CarrierMapping: Sendable {
    public struct Entry: Sendable, Hashable {
        public var code: String
        /// The carrier's own words for the code, for reviewers.
        public var meaning: String
        public var status: ShipmentStatus
        public var substatus: Substatus?
        public var reason: Reason?
        public var actionRequired: Bool
        /// Adds information without moving the status (e.g. "signature image available").
        public var informational: Bool
        /// A broad code (DHL `transit`, EasyPost `in_transit`) that the carrier's description
        /// may refine: when the text matches a phrase, the phrase wins.
        public var coarse: Bool

        public init(_ code: String, _ meaning: String, _ status: ShipmentStatus, _ substatus: Substatus? = nil,
                    reason: Reason? = nil, action: Bool = false, informational: Bool = false, coarse: Bool = false) {
            self.code = code
            self.meaning = meaning
            self.status = status
            self.substatus = substatus
            self.reason = reason
            self.actionRequired = action
            self.informational = informational
            self.coarse = coarse
        }
    }

    public let carrier: String
    public let version: Int
    public let entries: [Entry]
    private let byCode: [String: Entry]

    public init(carrier: String, version: Int, entries: [Entry]) {
        self.carrier = carrier
        self.version = version
        self.entries = entries
        self.byCode = Dictionary(entries.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry for a code (case-insensitive), or nil when the table does not know it.
    public func entry(for code: String) -> Entry? {
        // Codes are mostly upper-case ASCII already; uppercasing them would only allocate.
        let isUpperASCII = code.utf8.allSatisfy { $0 < 0x80 && !(UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        return byCode[isUpperASCII ? code : code.uppercased()]
    }
}

extension CanonicalEvent {
    /// Applies a mapping entry. Without one, or with a coarse one, the carrier's description
    /// is classified by the phrase tables (`PhraseClassifier`); only when that fails too does
    /// the event keep `fallbackStatus` (the previous event's status), flagged `unmapped`, so it
    /// is counted and never dropped.
    public mutating func apply(_ entry: CarrierMapping.Entry?, fallbackStatus: ShipmentStatus) {
        if entry?.coarse ?? true, let phrase = PhraseClassifier.classify(carrierDescription) {
            status = phrase.status
            substatus = phrase.substatus
            reason = phrase.reason ?? entry?.reason
            actionRequired = phrase.actionRequired || (entry?.actionRequired ?? false)
            isInformational = false
            return
        }
        guard let entry else {
            status = fallbackStatus
            substatus = .unmapped
            return
        }
        status = entry.status
        substatus = entry.substatus
        reason = entry.reason
        actionRequired = entry.actionRequired
        isInformational = entry.informational
    }
}
