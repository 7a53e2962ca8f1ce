/// Canada Post domestic 16-digit numbers (7-digit origin, 8 digits, GS1 check). International items are S10 …CA.
enum CanadaPostFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier(
        "canada_post", url: "https://www.canadapost-postescanada.ca/track-reperage/en#/search?searchFor=%s")

    static let all = [
        TrackingNumberFormat(
            "canada_post_16", issuer,
            pattern: #"(?<payload>\d{15})(?<check>\d)"#,
            check: .init(algorithm: .gs1),
            confidence: 0.5),
    ]
}
