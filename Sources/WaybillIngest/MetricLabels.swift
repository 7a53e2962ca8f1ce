import WaybillFeeds

/// Label values of metrics, from a bounded set: a carrier or format id Waybill knows, else
/// `other`. Carrier names in payloads are the sender's to choose, and every distinct label value
/// is a new series on `/metrics`.
public enum MetricLabels {
    public static func carrier(_ id: String?) -> String {
        guard let id else { return "unknown" }
        return FeedRegistry.anyFormat(id: id) != nil ? id.lowercased() : "other"
    }
}
