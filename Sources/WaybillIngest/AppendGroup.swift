import WaybillStore

/// Which parsed payloads of a batch can be appended together (see `IngestPipeline.ingest(parsed:completingJobsOf:)`).
enum AppendGroup {
    /// The longest run of payloads at the head of `items` that can be appended together: one
    /// tenant's, each about shipments none of the others touches, nor other shipments of the
    /// same orders (`orders`: shipment id to merchant order id), whose order-level triggers
    /// (partially delivered, then delivered) each payload must see as it would alone.
    static func take(from items: ArraySlice<StoredPayloadEvents>,
                     orders: [String: String] = [:]) -> ArraySlice<StoredPayloadEvents> {
        guard let first = items.first else { return items }
        func touched(_ item: StoredPayloadEvents) -> Set<String> {
            Set(item.events.flatMap { event in [event.shipmentID] + (orders[event.shipmentID].map { ["order \($0)"] } ?? []) })
        }
        var taken = touched(first)
        var end = items.startIndex + 1
        while end < items.endIndex, items[end].tenantID == first.tenantID {
            let next = touched(items[end])
            guard next.isDisjoint(with: taken) else { break }
            taken.formUnion(next)
            end += 1
        }
        return items[items.startIndex..<end]
    }
}
