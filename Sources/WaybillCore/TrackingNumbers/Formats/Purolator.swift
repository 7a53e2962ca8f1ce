/// Purolator: 12 digits starting 0–5 with a Luhn check, or 3 letters + 9 digits.
enum PurolatorFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier("purolator", url: "https://www.purolator.com/en/shipping/tracker?searchValue=%s")

    static let all = [
        TrackingNumberFormat(
            "purolator_12", issuer,
            pattern: #"(?<payload>[0-5]\d{10})(?<check>\d)"#,
            check: .init(algorithm: .luhn),
            confidence: 0.4),
        TrackingNumberFormat("purolator_alpha", issuer, pattern: #"[A-Z]{3}\d{9}"#, confidence: 0.45),
    ]
}
