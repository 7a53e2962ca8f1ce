import Foundation

/// The result of detecting one input: the input as given, its normalized form and the ranked candidates.
public struct TrackingNumberDetection: Sendable, Hashable {
    public var input: String
    public var normalized: String
    /// Most likely first; empty when no known format fits.
    public var candidates: [TrackingNumberCandidate]

    public init(input: String, normalized: String, candidates: [TrackingNumberCandidate]) {
        self.input = input
        self.normalized = normalized
        self.candidates = candidates
    }

    /// `{"input","normalized","candidates":[{"carrier","format","check_digit_valid","confidence","tracking_url"}]}`,
    /// with `check_digit_valid` and `tracking_url` null when there is none.
    public var jsonValue: JSONValue {
        .object([
            "input": .string(input),
            "normalized": .string(normalized),
            "candidates": .array(candidates.map { candidate in
                .object([
                    "carrier": .string(candidate.carrier),
                    "format": .string(candidate.format),
                    "check_digit_valid": candidate.checkDigitValid.map(JSONValue.bool) ?? .null,
                    "confidence": .number(candidate.confidence),
                    "tracking_url": .string(candidate.trackingURL?.absoluteString),
                ])
            }),
        ])
    }
}
