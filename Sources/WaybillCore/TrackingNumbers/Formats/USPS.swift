/// USPS domestic numbers (international items are S10, see S10.swift).
enum USPSFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier("usps", url: "https://tools.usps.com/go/TrackConfirmAction?tLabels=%s")

    /// IMpb (Publication 199): application identifier 92–95, service (3), mailer id (9 digits starting
    /// with 9, or 6 starting with 0–8), package id and a GS1 check; 22, 26 or (94 only) 30 digits.
    /// 92 needs the 9-digit mailer id, 93 the 6-digit one.
    private static let impb =
        #"(?<tracking>(?<payload>94\d{3}9\d{8}(?:\d{7}|\d{11}|\d{15})|9[25]\d{3}9\d{8}(?:\d{7}|\d{11})|9[345]\d{3}[0-8]\d{5}(?:\d{10}|\d{14}))(?<check>\d))"#

    /// The routing prefix of the full barcode: GS1 AI 420 + destination ZIP or ZIP+4. The check skips it.
    /// One row per prefix length, so that a ZIP+4 is never mistaken for the start of the IMpb.
    private static let routings = ["", #"420\d{5}"#, #"420\d{9}"#]

    static let all =
        routings.map { routing in
            TrackingNumberFormat(
                "usps_impb", issuer,
                pattern: routing + impb,
                check: .init(algorithm: .gs1),
                confidence: 0.95, ifCheckFails: 0.4)
        }
        + routings.map { routing in
            // Delivery/Signature Confirmation with application identifier 91 (22 digits).
            TrackingNumberFormat(
                "usps_legacy", issuer,
                pattern: routing + #"(?<tracking>(?<payload>91\d{19})(?<check>\d))"#,
                check: .init(algorithm: .gs1),
                confidence: 0.8, ifCheckFails: 0.3)
        }
        + [
            // The same numbers printed without the 91: the check still covers it.
            TrackingNumberFormat(
                "usps_legacy", issuer,
                pattern: #"(?!91)(?<payload>\d{19})(?<check>\d)"#,
                check: .init(algorithm: .gs1, prefix: "91"),
                confidence: 0.45),
            // Delivery/Signature Confirmation printed without application identifier: service (2), mailer (9), package (8), check.
            TrackingNumberFormat(
                "usps_20", issuer,
                pattern: #"(?<payload>\d{19})(?<check>\d)"#,
                check: .init(algorithm: .gs1),
                confidence: 0.5),
        ]
}
