/// GS1 SSCC (serial shipping container code, 18 digits, GS1 check over 17), on its own or behind AI 00.
enum GS1Formats {
    static let all = [
        // Deutsche Post DHL's GS1 company prefix 340434: the 20-digit "NVE" printed on DHL Paket labels.
        TrackingNumberFormat(
            "sscc", DHLFormats.unified,
            pattern: #"00(?<payload>340434\d{11})(?<check>\d)"#,
            check: .init(algorithm: .gs1),
            confidence: 0.8, ifCheckFails: 0.3),
        // A bare SSCC names no carrier; FedEx Ground labels carry one, so FedEx is the weak guess.
        TrackingNumberFormat(
            "sscc", FedExFormats.issuer,
            pattern: #"(?<payload>\d{17})(?<check>\d)"#,
            check: .init(algorithm: .gs1),
            confidence: 0.3),
    ]
}
