import WaybillCarriers

/// File formats (`waybill normalize --carrier x12_214`): each is a `PayloadFormat` whose id the
/// raw payloads of its files are stored under. One line per format.
public enum FeedRegistry {
    public static let formats: [any PayloadFormat] = [
        X12214Format(),
        IFTSTAFormat(),
        CSVEventsFormat(),
    ]

    public static func format(id: String) -> (any PayloadFormat)? {
        formats.first { $0.id == id.lowercased() }
    }

    /// Every format a raw payload can be stored under, the carriers' first: what `normalize`,
    /// ingest and `reprocess` read with.
    public static let everyFormat: [any PayloadFormat] = {
        let carriers: [any PayloadFormat] = CarrierRegistry.adapters
        return carriers + formats
    }()

    /// A carrier's format, else a file format.
    public static func anyFormat(id: String) -> (any PayloadFormat)? {
        if let carrier = CarrierRegistry.adapter(id: id) { return carrier }
        return format(id: id)
    }
}
