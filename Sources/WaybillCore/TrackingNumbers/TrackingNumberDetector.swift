import Foundation

/// Recognises tracking numbers: every carrier format a number fits, ranked, never a single guess
/// (a 12-digit number can be FedEx and Purolator; a 34-digit one USPS and FedEx).
public enum TrackingNumberDetector {
    /// Detects `input` as printed: any case, spaces and dashes allowed.
    /// Carriers in `preferredCarriers` (say, those the merchant ships with) rank higher among equals.
    public static func detect(_ input: String, preferring preferredCarriers: Set<String> = []) -> TrackingNumberDetection {
        let normalized = TrackingNumber.normalize(input)
        return TrackingNumberDetection(input: input, normalized: normalized, candidates: candidates(normalized: normalized, preferring: preferredCarriers))
    }

    /// The candidates for `input`, most likely first; empty when nothing fits.
    public static func candidates(for input: String, preferring preferredCarriers: Set<String> = []) -> [TrackingNumberCandidate] {
        candidates(normalized: TrackingNumber.normalize(input), preferring: preferredCarriers)
    }

    /// `carrier`'s public tracking page for `number`, when the number fits one of its formats.
    public static func trackingURL(for number: String, carrier: String) -> URL? {
        candidates(for: number).first { $0.carrier == carrier }?.trackingURL
    }

    /// Every carrier id a format can name: the carriers of the format table and the posts that issue S10 numbers.
    public static let knownCarriers: Set<String> = Set(TrackingNumberFormats.all.compactMap { format -> String? in
        if case .carrier(let id, _) = format.issuer { return id }
        return nil
    }).union(UPUPosts.countries.compactMap { UPUPosts.post(forCountry: $0)?.carrier })

    /// The formats of `carrier` whose shape `input` has but whose check digit fails, when none of the
    /// carrier's formats reads it with a check that holds (or without one): a probable typo, or a number
    /// of another carrier. Empty when the number fits the carrier, or fits none of its shapes.
    public static func failedCheckDigitFormats(for input: String, carrier: String) -> [String] {
        let normalized = TrackingNumber.normalize(input)
        guard isDetectable(normalized) else { return [] }
        var failed: [String] = []
        for format in TrackingNumberFormats.all {
            guard let match = format.match(normalized), Self.carrier(of: format, match)?.id == carrier else { continue }
            guard match.checkDigitValid == false else { return [] }
            if !failed.contains(format.id) { failed.append(format.id) }
        }
        return failed
    }

    private static func isDetectable(_ normalized: String) -> Bool {
        !normalized.isEmpty && normalized.count <= 64
            && normalized.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) })
    }

    static func candidates(normalized: String, preferring preferredCarriers: Set<String>) -> [TrackingNumberCandidate] {
        guard isDetectable(normalized) else { return [] }
        var found: [TrackingNumberCandidate] = []
        for format in TrackingNumberFormats.all {
            guard let match = format.match(normalized), let candidate = candidate(format, match, preferredCarriers) else { continue }
            // Two rows of one format (e.g. DHL eCommerce prefixes) can both fit: keep the surer one.
            if let index = found.firstIndex(where: { $0.carrier == candidate.carrier && $0.format == candidate.format }) {
                if found[index].confidence < candidate.confidence { found[index] = candidate }
            } else {
                found.append(candidate)
            }
        }
        // Stable: equal confidences keep table order (the more common carrier first).
        return found.enumerated()
            .sorted { $0.element.confidence != $1.element.confidence ? $0.element.confidence > $1.element.confidence : $0.offset < $1.offset }
            .map(\.element)
    }

    private static func candidate(
        _ format: TrackingNumberFormat, _ match: TrackingNumberFormat.Match, _ preferredCarriers: Set<String>
    ) -> TrackingNumberCandidate? {
        var confidence = format.confidence
        if match.checkDigitValid == false {
            guard let failed = format.confidenceIfCheckFails else { return nil }
            confidence = failed
        }
        guard let issuer = Self.carrier(of: format, match) else { return nil }
        let carrier = issuer.id
        if preferredCarriers.contains(carrier) {
            // Halfway to certainty: reorders close calls, never lifts a reading past one that is surer by far.
            confidence += (1 - confidence) / 2
        }
        let url = issuer.url.flatMap { URL(string: $0.replacingOccurrences(of: "%s", with: match.trackingNumber)) }
        return TrackingNumberCandidate(
            carrier: carrier,
            format: format.id,
            checkDigitValid: match.checkDigitValid,
            confidence: (confidence * 1000).rounded() / 1000,
            trackingNumber: match.trackingNumber,
            trackingURL: url
        )
    }

    /// The carrier a match names, with its tracking page; nil for an S10 number of a country without a post.
    private static func carrier(of format: TrackingNumberFormat, _ match: TrackingNumberFormat.Match) -> (id: String, url: String?)? {
        switch format.issuer {
        case .carrier(let id, let url):
            return (id, url)
        case .issuingPost:
            guard let country = match.country, let post = UPUPosts.post(forCountry: country) else { return nil }
            return (post.carrier, post.trackingURL)
        }
    }
}
