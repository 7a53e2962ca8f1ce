/// UPS. URL: ups.com's public tracking page.
enum UPSFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier("ups", url: "https://www.ups.com/track?tracknum=%s")

    static let all = [
        // 1Z + shipper (6) + service (2) + package (7) + check; letters count in the check (A=2 … Z=7).
        TrackingNumberFormat(
            "ups_1z", issuer,
            pattern: #"1Z(?<payload>[A-Z0-9]{15})(?<check>\d)"#,
            check: .init(algorithm: .mod10(evens: 1, odds: 2)),
            confidence: 0.99, ifCheckFails: 0.5),
        // Air waybill: service letter + 9 digits + check over the digits.
        TrackingNumberFormat(
            "ups_waybill", issuer,
            pattern: #"[AHJKTV](?<payload>\d{9})(?<check>\d)"#,
            check: .init(algorithm: .mod10(evens: 1, odds: 2)),
            confidence: 0.45),
    ]
}
