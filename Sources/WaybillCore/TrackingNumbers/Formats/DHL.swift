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
        // DHL Paket (Germany): the 12-digit Identcode, 11 digits + a check weighing them 4, 9, 4, … from the left
        // (Deutsche Post Identcode; paketda.de's worked example 201298452277 checks). Bare digits: a weak reading.
        TrackingNumberFormat(
            "dhl_paket_12", unified,
            pattern: #"(?<payload>\d{11})(?<check>\d)"#,
            check: .init(algorithm: .weightedMod10([4, 9], addend: 0)),
            confidence: 0.45),
        // DHL Paket international and DHL Parcel: JJD + 11 to 21 digits (paketda.de: "16-stellig, beginnend mit JJD";
        // DHL's id list: "JJD00, JJD01"); the 9–10-digit ones are Express piece ids above. Yodel's JJD + 16 digits
        // (RegionalCarriers.swift) rank above this reading.
        TrackingNumberFormat(
            "dhl_paket_jjd", unified,
            pattern: #"JJD\d{11,21}"#,
            confidence: 0.8),
        // eCommerce 14 digits, no check: the weakest of shapes.
        TrackingNumberFormat(
            "dhl_ecommerce_14", unified,
            pattern: #"\d{14}"#,
            confidence: 0.2),
    ]
}
