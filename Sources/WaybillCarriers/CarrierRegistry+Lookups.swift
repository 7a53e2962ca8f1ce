/// What callers ask the registry about carriers; the answers come from each carrier's `CarrierAPI`.
extension CarrierRegistry {
    /// How webhooks posted for `carrierID` are verified; Waybill's own signature for ids the
    /// registry does not know (the generic adapter).
    public static func webhookVerification(for carrierID: String) -> WebhookVerification {
        adapter(id: carrierID)?.webhookVerification ?? .waybillSignature
    }

    /// Whether two carrier ids are one company's APIs for the same parcels.
    public static func sameCompany(_ a: String, _ b: String) -> Bool {
        adapter(id: a)?.sameCompanyIDs.contains(b) == true || adapter(id: b)?.sameCompanyIDs.contains(a) == true
    }

    /// The registry id of the carrier `aggregator` calls `name`, when a carrier declares that name.
    public static func carrierID(named name: String, by aggregator: String) -> String? {
        namesByAggregator[aggregator]?[name.lowercased()]
    }

    /// aggregator id → lower-cased name → registry id.
    private static let namesByAggregator: [String: [String: String]] = {
        var table: [String: [String: String]] = [:]
        for carrier in adapters {
            for (aggregator, names) in carrier.aggregatorNames {
                for name in names { table[aggregator, default: [:]][name.lowercased()] = carrier.id }
            }
        }
        return table
    }()
}
