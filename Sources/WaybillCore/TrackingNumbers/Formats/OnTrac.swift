/// OnTrac: C or D + 13 digits + check; the check covers a 4 (for C) or 5 (for D) the number does not print.
enum OnTracFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier("ontrac", url: "https://www.ontrac.com/tracking/?number=%s")

    static let all = [
        TrackingNumberFormat(
            "ontrac", issuer,
            pattern: #"C(?<payload>\d{13})(?<check>\d)"#,
            check: .init(algorithm: .mod10(evens: 1, odds: 2), prefix: "4"),
            confidence: 0.85, ifCheckFails: 0.35),
        TrackingNumberFormat(
            "ontrac", issuer,
            pattern: #"D(?<payload>\d{13})(?<check>\d)"#,
            check: .init(algorithm: .mod10(evens: 1, odds: 2), prefix: "5"),
            confidence: 0.85, ifCheckFails: 0.35),
    ]
}
