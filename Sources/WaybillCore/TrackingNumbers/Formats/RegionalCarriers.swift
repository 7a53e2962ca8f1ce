/// Smaller carriers of the shared test suite, each with one or two shapes and (but Old Dominion) no check digit.
enum RegionalCarrierFormats {
    static let all = [
        TrackingNumberFormat(
            "canpar_22", .carrier("canpar", url: "https://www.canpar.com/en/track/tracking.jsp?reference=%s&locale=en"),
            pattern: #"[CDKLSUXZ]\d{21}"#, confidence: 0.75),
        TrackingNumberFormat(
            "gofo_us", .carrier("gofo", url: "https://www.gofoexpress.com/tracking.html?searchID=%s"),
            pattern: #"GFUS\d{14}"#, confidence: 0.95),
        TrackingNumberFormat(
            "landmark_ltn", .carrier("landmark_global", url: "https://track.landmarkglobal.com/?search=%s"),
            pattern: #"LTN\d{8}N1"#, confidence: 0.95),
        TrackingNumberFormat(
            "old_dominion", oldDominion,
            pattern: #"(?<payload>(?:77[78]|072|780)\d{7})(?<check>\d)"#,
            check: .init(algorithm: .luhn), confidence: 0.35),
        TrackingNumberFormat(
            "old_dominion_guaranteed", oldDominion,
            pattern: #"(?<payload>80\d{8})(?<check>\d)"#,
            check: .init(algorithm: .luhn), confidence: 0.35),
        TrackingNumberFormat(
            "speedee", .carrier("speedee", url: "https://www.speedeedelivery.com/track/?tracking=%s"),
            pattern: #"SP\d{18}"#, confidence: 0.9),
        TrackingNumberFormat(
            "yodel", .carrier("yodel", url: "https://www.yodel.co.uk/tracking/%s"),
            pattern: #"J?JD\d{16}"#, confidence: 0.85),
        TrackingNumberFormat(
            "yunexpress", .carrier("yunexpress", url: "https://www.yuntrack.com/parcelTracking?id=%s"),
            pattern: #"YT\d{16}"#, confidence: 0.9),
    ]

    private static let oldDominion = TrackingNumberFormat.Issuer.carrier(
        "old_dominion", url: "https://www.odfl.com/us/en/tools/trace-track-ltl-freight/trace.html?proNumbers=%s")
}
