import Foundation
import WaybillCore

/// DPD Web Services, ParcelLifeCycleService v2.0 `getTrackingData` (SOAP, carriers.md §13).
///
/// The response does not echo the parcel number: the parsed shipment carries the number found
/// in the body (`parcelLabelNumber`) when there is one, else the one passed to
/// `parse(_:requestedNumber:)`, else an empty string that the poller fills in from its request.
/// Dates are the depot's local time without a zone, resolved from the depot's country.
public struct DPDAdapter: PayloadFormat {
    public let id = "dpd"
    public let displayName = "DPD"
    public var mapping: CarrierMapping { Self.table }

    public init() {}

    public func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult {
        try DPDParser(adapter: self).parse(body, requestedNumber: nil)
    }

    /// Parses a response to a request for `requestedNumber`, which DPD does not repeat.
    public func parse(_ body: Data, requestedNumber: String) throws(CarrierParseError) -> CarrierParseResult {
        try DPDParser(adapter: self).parse(body, requestedNumber: requestedNumber)
    }

    public func sniff(_ body: Data) -> Double {
        let head = body.prefix(4096)
        if head.range(of: Data("getTrackingDataResponse".utf8)) != nil { return 0.95 }
        if head.range(of: Data("dpd.com/common/service".utf8)) != nil { return 0.8 }
        return 0
    }
}
