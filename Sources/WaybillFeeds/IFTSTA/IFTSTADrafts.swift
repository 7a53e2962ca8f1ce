import WaybillCore

/// One `STS` group as read, before its time is resolved and its code mapped.
struct IFTSTAStatusDraft: Sendable {
    var segment: Int
    /// The status codes in the order they stand: C555 (`STS+1+21`), else the components after
    /// the category in C601, where UPS Quantum View puts them (`STS+1:D2:21`).
    var codes: [String]
    var agency: String?
    /// The carrier's own words: C555 text, else the reasons' texts (Dachser writes
    /// `STS+11+45+108:::EINGANG UMSCHLAGTERMINAL`).
    var text: String?
    var time: EDIFACTDate?
    var location: Location?
    var locationQualifier: String?
    var partyLocation: Location?
    /// FTX texts of the group, in order.
    var freeTexts: [String] = []
    /// The person who accepted the goods (`NAD+AP`, `CTA` of the delivery party).
    var signatory: String?
    /// Package ids (SSCC) of the goods items the status is about.
    var packageIDs: [String] = []

    init(segment: Int, codes: [String], agency: String?, text: String?) {
        self.segment = segment
        self.codes = codes
        self.agency = agency
        self.text = text
    }

    var carrierCode: String? { codes.isEmpty ? nil : codes.joined(separator: ":") }
    var description: String? { text ?? (freeTexts.isEmpty ? nil : freeTexts.joined(separator: " ")) }
}

/// One `CNI` consignment group as read.
struct IFTSTAConsignmentDraft: Sendable {
    var segment: Int
    var number: String?
    /// `RFF` qualifier and value, in order: the message's (before CNI), then the consignment's.
    var references: [(qualifier: String, value: String)] = []
    /// Package ids from `PCI` marks and `GIN`, such as SSCCs.
    var packageIDs: [String] = []
    var estimate: IFTSTAEstimate = IFTSTAEstimate()
    var statuses: [IFTSTAStatusDraft] = []
    /// The UNB sender of the interchange, whose own code list agency-87 codes belong to.
    var sender: String?
    /// The one country the message's parties name (Geis names only itself, `NAD+FW` in
    /// Nürnberg DE): the zone of events whose place has no country.
    var partyCountry: String?

    var trackingNumber: String? { number ?? IFTSTAReference.trackingNumber(in: references) }
}

/// The delivery estimates of a consignment by kind; the reader takes the most specific.
struct IFTSTAEstimate: Sendable {
    var delivery: EDIFACTDate?
    var earliest: EDIFACTDate?
    var latest: EDIFACTDate?
    var arrival: EDIFACTDate?
}

/// Reads `LOC` and `NAD` into a `Location`.
enum IFTSTALocation {
    /// `LOC+qualifier+C517(id:list:agency:name)+C519(id:list:agency:name)+...`. A C517 id from
    /// UN/LOCODE (agency 6 or list 139, five characters) gives the country; any other id with a
    /// digit in it is read as a postcode (as in `LOC+14+01530:16::VANTAA+FI:162`); a two-letter
    /// C519 id or name is the country (UPS writes `LOC+14+:::RENDSBURG+:::DE`).
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
        if let code = segment.value(2, 0).flatMap(country) ?? segment.value(2, 3).flatMap(country) {
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

    /// The name a `NAD` gives its party: C080 party name, else C058 name and address, else
    /// C082 identification when it is not a code (KN writes `NAD+AP+Herr Walter`, Dachser
    /// `NAD+AP++HR. LUFT`, Emons `NAD+AP+++Blasen`).
    static func partyName(_ segment: EDIFACTSegment) -> String? {
        let name = segment.values(3).joined(separator: " ")
        if !name.isEmpty { return name }
        let address = segment.values(2).joined(separator: " ")
        if !address.isEmpty { return address }
        guard let id = segment.value(1, 0), id.contains(where: \.isLetter), id.contains(" ") else { return nil }
        return id
    }

    /// An ISO 3166-1 alpha-2 code, upper-cased, or nil.
    static func country(_ text: String) -> String? {
        let upper = text.uppercased()
        guard upper.count == 2, upper.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else { return nil }
        return upper
    }
}
