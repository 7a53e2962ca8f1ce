/// GS1 SSCC (serial shipping container code, 18 digits, GS1 check over 17), on its own or behind AI 00.
enum GS1Formats {
    static let all = [
        // Deutsche Post DHL's SSCCs (extension 3, company prefixes 40434 and 40433): the 20-digit "NVE" printed on
        // DHL Paket labels (00340434161094042557 in DHL's own tracking answers; 00340433836442636597 on paketda.de),
        // also given without the application identifier 00 (DHL's `piece-identifier`).
        TrackingNumberFormat(
            "sscc", DHLFormats.unified,
            pattern: #"(?:00)?(?<payload>34043[34]\d{11})(?<check>\d)"#,
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
