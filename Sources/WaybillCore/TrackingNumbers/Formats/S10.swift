/// UPU S10, the international item number of every postal service: service (2 letters), serial (8),
/// check, ISO country of the issuing post. The carrier is that post (UPUPosts); unknown countries are no match.
enum S10Formats {
    static let all = [
        TrackingNumberFormat(
            "s10", .issuingPost,
            pattern: #"[A-Z]{2}(?<payload>\d{8})(?<check>\d)(?<country>[A-Z]{2})"#,
            check: .init(algorithm: .s10),
            confidence: 0.95, ifCheckFails: 0.4),
    ]
}
