import WaybillCarriers

/// File formats that read like carriers (`waybill normalize --carrier x12_214`): each is a
/// `CarrierAdapter` whose "carrier" is the format. One line per format.
public enum FeedRegistry {
    public static let formats: [any CarrierAdapter] = [
        X12214Format(),
        IFTSTAFormat(),
        CSVEventsFormat(),
    ]

    public static func format(id: String) -> (any CarrierAdapter)? {
        formats.first { $0.id == id.lowercased() }
    }
}
