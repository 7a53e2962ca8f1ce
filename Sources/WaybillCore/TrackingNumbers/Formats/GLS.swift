/// GLS parcel numbers: 11 digits, printed on the label with a 12th, the check digit (GLS Uni-Box technical
/// documentation, 2D barcode, §3.2.1: digits weighted 3, 1, 3, … from the left, plus 1, check = (10 − sum
/// mod 10) mod 10). GLS's own tracking answers name the parcel by the 11 digits alone (`tuNo`, `unitno`).
/// Both are bare runs of digits that many carriers use, so neither is a sure reading.
enum GLSFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier(
        "gls", url: "https://gls-group.eu/GROUP/en/parcel-tracking?match=%s")

    static let all = [
        TrackingNumberFormat(
            "gls_12", issuer,
            pattern: #"(?<payload>\d{11})(?<check>\d)"#,
            check: .init(algorithm: .weightedMod10([3, 1], addend: 1)),
            confidence: 0.45),
        TrackingNumberFormat("gls_11", issuer, pattern: #"\d{11}"#, confidence: 0.2),
    ]
}
