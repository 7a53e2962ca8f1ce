/// DHL Express (`dhl_express`) and DHL eCommerce (`dhl`: DHL's unified tracking covers every division).
enum DHLFormats {
    static let express = TrackingNumberFormat.Issuer.carrier(
        "dhl_express", url: "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id=%s")
    static let unified = TrackingNumberFormat.Issuer.carrier(
        "dhl", url: "https://www.dhl.com/global-en/home/tracking.html?submit=1&tracking-id=%s")

    static let all = [
        // Express waybill: 9 (or 10) digits + the serial mod 7.
        TrackingNumberFormat(
            "dhl_express", express,
            pattern: #"(?<payload>\d{9})(?<check>\d)"#,
            check: .init(algorithm: .mod7),
            confidence: 0.5),
        TrackingNumberFormat(
            "dhl_express", express,
            pattern: #"(?<payload>\d{10})(?<check>\d)"#,
            check: .init(algorithm: .mod7),
            confidence: 0.4),
        // Express piece id (license plate): JJD…, JVGL… + 9–10 digits, no check.
        TrackingNumberFormat(
            "dhl_express_piece_id", express,
            pattern: #"J[A-Z]{2,3}\d{9,10}"#,
            confidence: 0.6),
        // eCommerce: a known prefix + 10–39 characters starting with a digit. GM is DHL's own; the other
        // prefixes are also S10 service codes and LaserShip's, so they say less.
        TrackingNumberFormat(
            "dhl_ecommerce", unified,
            pattern: #"GM\d[0-9A-Z]{9,38}"#,
            confidence: 0.75),
        TrackingNumberFormat(
            "dhl_ecommerce", unified,
            pattern: #"(?:LX|RX|UV|CN|SG|TH|IN|HK|MY)\d[0-9A-Z]{9,38}"#,
            confidence: 0.35),
        // eCommerce 14 digits, no check: the weakest of shapes.
        TrackingNumberFormat(
            "dhl_ecommerce_14", unified,
            pattern: #"\d{14}"#,
            confidence: 0.2),
    ]
}
