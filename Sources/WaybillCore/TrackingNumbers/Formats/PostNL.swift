/// PostNL's domestic and EU parcel barcode ("Type 3S"): 3S + the 4-letter customer code + a serial, 13 or
/// 15 characters in all, no check character (PostNL Barcode API: "A generated barcode of Type 3S is always
/// 13 or 15 characters long"; its other types are S10 numbers, see S10.swift). DHL Parcel Benelux prints
/// 3S numbers too (dhl.com's list of tracking-id shapes: "DHL Parcel: starts with 3S, JVGL or JJD, e.g.
/// 3SBCC000123456"), so a 3S number with a 3-letter code is DHL's, and a 4-letter one PostNL's first.
enum PostNLFormats {
    /// No tracking URL: PostNL's public page takes the barcode with the destination country and postcode.
    static let issuer = TrackingNumberFormat.Issuer.carrier("postnl", url: nil)

    static let all = [
        TrackingNumberFormat("postnl_3s", issuer, pattern: #"3S[A-Z]{4}(?:\d{7}|\d{9})"#, confidence: 0.85),
        TrackingNumberFormat("dhl_parcel_3s", DHLFormats.unified, pattern: #"3S[A-Z]{3,4}\d{6,10}"#, confidence: 0.3),
    ]
}
