import Foundation

/// One reading of a tracking number: which carrier and format it fits, whether its check digit
/// holds, and how likely this reading is compared with the others.
public struct TrackingNumberCandidate: Sendable, Hashable {
    /// Waybill carrier id (`ups`, `fedex`, `usps`, …); for UPU S10 numbers, the issuing post.
    public var carrier: String
    /// Format id (`ups_1z`, `fedex_12`, `usps_impb`, `s10`, …).
    public var format: String
    /// Whether the check digit holds; nil when the format has none.
    public var checkDigitValid: Bool?
    /// 0...1. Comparable between the candidates of one input, not a calibrated probability.
    public var confidence: Double
    /// The number to give the carrier. It differs from the normalized input when the input is a longer
    /// barcode around it (USPS `420`+ZIP routing prefix, FedEx 34-digit barcodes, DPD 28-character label codes).
    public var trackingNumber: String
    /// The carrier's public tracking page for this number, when the carrier has one.
    public var trackingURL: URL?

    public init(carrier: String, format: String, checkDigitValid: Bool?, confidence: Double, trackingNumber: String, trackingURL: URL?) {
        self.carrier = carrier
        self.format = format
        self.checkDigitValid = checkDigitValid
        self.confidence = confidence
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
    }
}
