/// DPD: the 14-digit parcel number with its MOD 37,36 check character, alone or inside the 28-character
/// label code (destination postcode 7, parcel number 14, service 3, ISO numeric country 3, check over all 27).
/// The carrier is given the 14-digit parcel number.
enum DPDFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier(
        "dpd", url: "https://www.dpdgroup.com/nl/mydpd/my-parcels/track?lang=en&parcelNumber=%s")

    static let all = [
        TrackingNumberFormat(
            "dpd_28", issuer,
            pattern: #"(?=(?<payload>\d{27}))\d{7}(?<tracking>\d{14})\d{3}\d{3}(?<check>[0-9A-Z])"#,
            check: .init(algorithm: .mod37_36),
            confidence: 0.8),
        // A letter check character is unlike any other carrier's 15-character number; a digit is FedEx Ground's shape too.
        TrackingNumberFormat(
            "dpd_14", issuer,
            pattern: #"(?<tracking>(?<payload>\d{14}))(?<check>[A-Z])"#,
            check: .init(algorithm: .mod37_36),
            confidence: 0.75, ifCheckFails: 0.3),
        TrackingNumberFormat(
            "dpd_14", issuer,
            pattern: #"(?<tracking>(?<payload>\d{14}))(?<check>\d)"#,
            check: .init(algorithm: .mod37_36),
            confidence: 0.35),
    ]
}
