/// FedEx Express and Ground, including the long barcodes that embed the trackable number.
enum FedExFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier("fedex", url: "https://www.fedex.com/fedextrack/?trknbr=%s")

    static let all = [
        // Express: 11 digits + check, weights 3,1,7 mod 11 mod 10.
        TrackingNumberFormat(
            "fedex_12", issuer,
            pattern: #"(?<payload>\d{11})(?<check>\d)"#,
            check: .init(algorithm: .weightedMod11(CheckDigit.fedExExpressWeights)),
            confidence: 0.6),
        // Express 34-digit barcode: 15 digits, destination ZIP (5), serial (13) + check; the last 12 are the
        // Express tracking number (the serial's first two digits weigh in the check but are zero in practice).
        TrackingNumberFormat(
            "fedex_34", issuer,
            pattern: #"[0-8]\d{14}\d{5}(?=(?<payload>\d{13}))\d{2}(?<tracking>\d{11}(?<check>\d))"#,
            check: .init(algorithm: .weightedMod11(CheckDigit.fedExBarcodeWeights)),
            confidence: 0.7),
        // Legacy ASTRA barcode: positions 17–28 are an Express tracking number with its own check digit.
        TrackingNumberFormat(
            "fedex_astra_32", issuer,
            pattern: #"3\d{15}(?<tracking>(?<payload>\d{11})(?<check>\d))\d{4}"#,
            check: .init(algorithm: .weightedMod11(CheckDigit.fedExExpressWeights)),
            confidence: 0.5),
        // Ground 96 barcode (22): 96 + SCNC (2) + service (3) + the 15-digit Ground number (shipper 7, package 7, check).
        TrackingNumberFormat(
            "fedex_ground_96", issuer,
            pattern: #"96\d{2}\d{3}(?<tracking>(?<payload>\d{14})(?<check>\d))"#,
            check: .init(algorithm: .gs1),
            confidence: 0.9, ifCheckFails: 0.4),
        // Ground GSN barcode (34): 96 + SCNC + 5 + Ground shipper number (10) + 1 + serial (13) + check.
        TrackingNumberFormat(
            "fedex_ground_gsn", issuer,
            pattern: #"96\d{2}\d{5}\d{10}\d(?=(?<payload>\d{13}))\d{2}(?<tracking>\d{11}(?<check>\d))"#,
            check: .init(algorithm: .weightedMod11(CheckDigit.fedExBarcodeWeights)),
            confidence: 0.85, ifCheckFails: 0.3),
        // Ground Economy (formerly SmartPost, delivered by USPS), 20 digits: a USPS IMpb (service 3, 9-digit
        // mailer id, serial 7, check) printed without its application identifier 92, which the check still covers.
        TrackingNumberFormat(
            "fedex_20", issuer,
            pattern: #"(?<payload>\d{3}9\d{15})(?<check>\d)"#,
            check: .init(algorithm: .gs1, prefix: "92"),
            confidence: 0.6),
        // The older Ground Economy numbers are USPS Delivery Confirmation numbers without their 91.
        TrackingNumberFormat(
            "fedex_20", issuer,
            pattern: #"(?<payload>\d{19})(?<check>\d)"#,
            check: .init(algorithm: .gs1, prefix: "91"),
            confidence: 0.4),
        // Door tag left after a missed Express delivery: DT + 12 digits.
        TrackingNumberFormat("fedex_door_tag", issuer, pattern: #"DT\d{12}"#, confidence: 0.85),
        // Ground (15): 14 digits + GS1 check.
        TrackingNumberFormat(
            "fedex_ground", issuer,
            pattern: #"(?<payload>\d{14})(?<check>\d)"#,
            check: .init(algorithm: .gs1),
            confidence: 0.55),
    ]
}
