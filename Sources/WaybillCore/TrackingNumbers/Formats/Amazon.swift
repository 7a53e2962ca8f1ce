/// Amazon Logistics (TBA/TBC/TBM) and Amazon's international numbers; no check digit.
enum AmazonFormats {
    static let issuer = TrackingNumberFormat.Issuer.carrier("amazon", url: "https://track.amazon.com/tracking/%s")

    static let all = [
        TrackingNumberFormat("amazon_logistics", issuer, pattern: #"TB[ACM]\d{12}"#, confidence: 0.95),
        TrackingNumberFormat("amazon_international", issuer, pattern: #"[AFC]\d{10}"#, confidence: 0.35),
    ]
}
