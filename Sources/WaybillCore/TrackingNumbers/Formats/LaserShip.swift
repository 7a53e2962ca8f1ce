/// LaserShip, now part of OnTrac, whose tracking page takes LaserShip numbers. No check digits.
enum LaserShipFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier("lasership", url: "https://www.ontrac.com/tracking/?number=%s")

    static let all = [
        TrackingNumberFormat("lasership_lx", issuer, pattern: #"L[AIEHNX][1-3]\d{7}"#, confidence: 0.6),
        TrackingNumberFormat("lasership_1ls7", issuer, pattern: #"1LS7[12]\d{10}"#, confidence: 0.9),
        // Printed 1LS7…-1: normalization drops the dash, so the piece suffix is the last digit.
        TrackingNumberFormat("lasership_1ls7", issuer, pattern: #"1LS7[12]\d{2}01[1-4]\d{6}1"#, confidence: 0.9),
        TrackingNumberFormat("lasership_1lscx", issuer, pattern: #"1LSCX[0-9A-Z]{10}"#, confidence: 0.9),
    ]
}
