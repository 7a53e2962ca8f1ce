import WaybillCore

/// One `STS` group as read, before its time is resolved and its code mapped.
struct IFTSTAStatusDraft: Sendable {
    var segment: Int
    var code: String?
    var agency: String?
    var text: String?
    var time: EDIFACTDate?
    var location: Location?
    var locationQualifier: String?
    var partyLocation: Location?
    var freeText: String?
}

/// One `CNI` consignment group as read.
struct IFTSTAConsignmentDraft: Sendable {
    var segment: Int
    var number: String?
    /// `RFF` qualifier and value, in order.
    var references: [(qualifier: String, value: String)] = []
    /// Package ids from `PCI` marks and `GIN`, such as SSCCs.
    var packageIDs: [String] = []
    var estimate: EDIFACTDate?
    var statuses: [IFTSTAStatusDraft] = []

    /// Qualifiers whose reference can stand for the consignment number when CNI02 is empty:
    /// CN carrier's reference, BN consignment/booking reference, AAO consignee's reference.
    static let numberQualifiers = ["CN", "BN", "AAO"]

    var trackingNumber: String? {
        if let number { return number }
        for qualifier in Self.numberQualifiers {
            if let match = references.first(where: { $0.qualifier == qualifier }) { return match.value }
        }
        return nil
    }
}

/// Reads `LOC` and `NAD` into a `Location`.
enum IFTSTALocation {
    /// `LOC+qualifier+C517(id:list:agency:name)+C519(id:list:agency:name)+...`. A C517 id from
    /// UN/LOCODE (agency 6 or list 139, five characters) gives the country; any other id with a
    /// digit in it is read as a postcode (as in `LOC+14+01530:16::VANTAA+FI:162`); a two-letter
    /// C519 id is the country.
    static func fromLOC(_ segment: EDIFACTSegment) -> Location? {
        var location = Location()
        let id = segment.value(1, 0)
        let isLOCODE = (segment.value(1, 2) == "6" || segment.value(1, 1) == "139") && id?.count == 5
        if let id, isLOCODE, let code = country(String(id.prefix(2))) {
            location.country = code
        } else if let id, id.contains(where: \.isNumber) {
            location.postalCode = id
        }
        location.city = segment.value(1, 3)
        if let related = segment.value(2, 0), let code = country(related) {
            location.country = code
        }
        return location.isEmpty ? nil : location
    }

    /// `NAD+qualifier+C082+C058+C080+C059(street)+city+C819(region)+postcode+country`.
    static func fromNAD(_ segment: EDIFACTSegment) -> Location? {
        let location = Location(city: segment.value(5), region: segment.value(6), postalCode: segment.value(7),
                                country: segment.value(8).flatMap(country))
        return location.isEmpty ? nil : location
    }

    /// An ISO 3166-1 alpha-2 code, upper-cased, or nil.
    static func country(_ text: String) -> String? {
        let upper = text.uppercased()
        guard upper.count == 2, upper.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
        return upper
    }
}
