import Foundation
import WaybillCore

/// A document format Waybill reads: a carrier's tracking answers and webhooks, an aggregator's
/// feed, or a file format (CSV, X12 214, IFTSTA). It parses bodies into canonical events and
/// shipment facts; talking to the carrier is `CarrierAPI`'s job.
public protocol PayloadFormat: Sendable {
    /// Registry id, e.g. `ups`, `dhl_express`, `easypost`, `x12_214`; raw payloads are stored under it.
    var id: String { get }
    var displayName: String { get }
    /// The format's code table, with the carrier's own meaning beside each code.
    var mapping: CarrierMapping { get }

    /// Parses a body. Throws `CarrierParseError` for bodies that are not this format; a
    /// well-formed "not found" or error answer is a result, not a throw.
    func parse(_ body: Data) throws(CarrierParseError) -> CarrierParseResult

    /// How sure this format is that `body` is its own (0 = not at all), for `--carrier auto`.
    func sniff(_ body: Data) -> Double
}
